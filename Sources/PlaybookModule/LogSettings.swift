/// How log lines are written on stderr.
package enum LogFormat: String, Sendable, CaseIterable {
    /// `2026-11-23T03:00:00Z info  message key=value`.
    case text
    /// One JSON object per line.
    case json
}

/// Severity of a log line, least severe first.
package enum LogLevel: String, Sendable, CaseIterable, Comparable {
    /// Detail for debugging a playbook.
    case debug
    /// Normal progress.
    case info
    /// Something odd that did not stop the run.
    case warn
    /// A failure.
    case error

    /// Orders levels by severity.
    package static func < (a: LogLevel, b: LogLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
