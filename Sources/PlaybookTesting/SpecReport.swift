import Foundation

/// What `wholesale test` prints and writes: a summary for a person, JUnit XML for CI (GitLab,
/// Jenkins and GitHub render it), TAP, and the exit code.
package struct SpecReport: Sendable {
    /// The files run, in order.
    package let files: [SpecFileResult]
    /// The base seed.
    package let seed: UInt64
    /// The wall time of the whole run, in seconds (files may have run at once: `--jobs`).
    package let seconds: Double

    /// A report of `files` run with `seed`, taking `seconds` in all.
    package init(files: [SpecFileResult], seed: UInt64, seconds: Double) {
        self.files = files
        self.seed = seed
        self.seconds = seconds
    }

    private var tests: [SpecResult] { files.flatMap(\.tests) }

    private func count(_ status: SpecResult.Status) -> Int { tests.filter { $0.status == status }.count }

    /// 0 when every test passed (pending ones aside), 1 when one failed or raised, 2 when a spec
    /// file could not be compiled or read.
    package var exitCode: Int32 {
        if files.contains(where: \.compileError) { return 2 }
        if files.contains(where: { !$0.problems.isEmpty }) || count(.failed) + count(.error) > 0 { return 1 }
        return 0
    }

    /// For a person: a line per file, a line per failure (`file:line`, the message, the seed to
    /// replay it), then the totals.
    package var text: String {
        var lines: [String] = []
        for file in files {
            let passed = file.tests.filter { $0.status == .passed }.count
            let pending = file.tests.filter { $0.status == .pending }.count
            let bad = file.tests.count - passed - pending
            var line = "\(file.file): \(passed) passed"
            if bad > 0 { line += ", \(bad) failed" }
            if pending > 0 { line += ", \(pending) pending" }
            lines.append(line + " (\(Self.time(file.seconds)))")
            for problem in file.problems { lines.append("ERROR \(problem)") }
            for test in file.tests where test.status == .failed || test.status == .error {
                lines.append("\(test.status == .failed ? "FAIL" : "ERROR") \(test.name): \(test.message ?? "?") (seed \(test.seed); replay with --seed \(seed) --filter '\(test.name)')")
            }
        }
        let bad = count(.failed) + count(.error)
        var total = "\(tests.count) test\(tests.count == 1 ? "" : "s"): \(count(.passed)) passed, \(bad) failed"
        if count(.pending) > 0 { total += ", \(count(.pending)) pending" }
        let problems = files.reduce(0) { $0 + $1.problems.count }
        if problems > 0 { total += ", \(problems) file error\(problems == 1 ? "" : "s")" }
        lines.append(total + " (seed \(seed), \(Self.time(seconds)))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// JUnit XML: one `testsuite` per spec file, one `testcase` per test; a file's own problems
    /// are a test case named after the file.
    package var junit: String {
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failures = count(.failed), errors = count(.error) + files.reduce(0) { $0 + $1.problems.count }
        xml.append("<testsuites name=\"wholesale test\" tests=\"\(tests.count + files.reduce(0) { $0 + $1.problems.count })\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(count(.pending))\" time=\"\(Self.seconds(seconds))\">")
        for file in files {
            let fileFailures = file.tests.filter { $0.status == .failed }.count
            let fileErrors = file.tests.filter { $0.status == .error }.count + file.problems.count
            let skipped = file.tests.filter { $0.status == .pending }.count
            xml.append("  <testsuite name=\"\(Self.escape(file.file))\" tests=\"\(file.tests.count + file.problems.count)\" failures=\"\(fileFailures)\" errors=\"\(fileErrors)\" skipped=\"\(skipped)\" time=\"\(Self.seconds(file.seconds))\">")
            for problem in file.problems {
                xml.append("    <testcase classname=\"\(Self.escape(file.file))\" name=\"\(Self.escape(file.file))\" time=\"0\">")
                xml.append("      <error message=\"\(Self.escape(Self.firstLine(problem)))\">\(Self.escape(problem))</error>")
                xml.append("    </testcase>")
            }
            for test in file.tests {
                let open = "    <testcase classname=\"\(Self.escape(file.file))\" name=\"\(Self.escape(test.name))\" time=\"\(Self.seconds(test.seconds))\""
                switch test.status {
                case .passed: xml.append(open + "/>")
                case .pending: xml.append(open + "><skipped/></testcase>")
                case .failed, .error:
                    let tag = test.status == .failed ? "failure" : "error"
                    let message = test.message ?? ""
                    xml.append(open + ">")
                    xml.append("      <\(tag) message=\"\(Self.escape(Self.firstLine(message)))\">\(Self.escape(message + "\nseed \(test.seed)"))</\(tag)>")
                    xml.append("    </testcase>")
                }
            }
            xml.append("  </testsuite>")
        }
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
    }

    /// TAP version 13: a plan, then one line per test (and per file problem).
    package var tap: String {
        var lines = ["TAP version 13"]
        var number = 0
        var body: [String] = []
        for file in files {
            for problem in file.problems {
                number += 1
                body.append("not ok \(number) - \(file.file)")
                body.append(contentsOf: Self.diagnostic(problem))
            }
            for test in file.tests {
                number += 1
                switch test.status {
                case .passed: body.append("ok \(number) - \(test.name)")
                case .pending: body.append("ok \(number) - \(test.name) # SKIP pending")
                case .failed, .error:
                    body.append("not ok \(number) - \(test.name)")
                    body.append(contentsOf: Self.diagnostic((test.message ?? "") + "\nseed \(test.seed)"))
                }
            }
        }
        lines.append("1..\(number)")
        return (lines + body).joined(separator: "\n") + "\n"
    }

    private static func diagnostic(_ text: String) -> [String] {
        ["  ---", "  message: |"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" } + ["  ..."]
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// Text safe in XML attributes and content (control characters XML 1.0 forbids dropped).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func time(_ value: Double) -> String { String(format: "%.2f s", value) }
}
