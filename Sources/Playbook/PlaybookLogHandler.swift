import Foundation
import Logging
import WholesaleAPI
import LuaRuntime
import Synchronization

/// A value logged from Lua, kept typed so JSON lines show numbers and booleans as such.
struct LoggedValue: CustomStringConvertible, Sendable {
    let value: LuaValue

    var description: String {
        switch value {
        case .string(let s): return s
        default: return (try? value.jsonText()) ?? "?"
        }
    }
}

/// Writes log events to stderr as text or JSON lines, one write per line.
struct PlaybookLogHandler: LogHandler {
    let format: LogFormat
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        var fields = metadata
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        let time = Date().formatted(.iso8601)
        let text: String
        switch format {
        case .text: text = Self.textLine(time: time, level: level, message: "\(message)", fields: fields)
        case .json: text = Self.jsonLine(time: time, level: level, message: "\(message)", fields: fields)
        }
        RunOutput.standardError(text + "\n")
    }

    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: return "debug"
        case .info, .notice: return "info"
        case .warning: return "warn"
        case .error, .critical: return "error"
        }
    }

    static func textLine(time: String, level: Logger.Level, message: String, fields: Logger.Metadata) -> String {
        var line = "\(time) \(levelName(level).padding(toLength: 5, withPad: " ", startingAt: 0)) \(message)"
        for key in fields.keys.sorted() {
            let value = "\(fields[key]!)"
            let needsQuotes = value.isEmpty || value.contains(where: { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline })
            line += " \(key)=" + (needsQuotes ? (try? LuaValue.string(value).jsonText()) ?? value : value)
        }
        return line
    }

    static func jsonLine(time: String, level: Logger.Level, message: String, fields: Logger.Metadata) -> String {
        var object: [String: LuaValue] = [:]
        for (key, value) in fields { object[key] = luaValue(value) }
        object["time"] = .string(time)
        object["level"] = .string(levelName(level))
        object["message"] = .string(message)
        return (try? LuaValue.object(object).jsonText()) ?? "{}"
    }

    static func luaValue(_ value: Logger.Metadata.Value) -> LuaValue {
        switch value {
        case .string(let s): return .string(s)
        case .stringConvertible(let c):
            if let logged = c as? LoggedValue { return logged.value }
            if let number = c as? Int { return .integer(Int64(number)) }
            if let number = c as? Int64 { return .integer(number) }
            return .string(c.description)
        case .array(let a): return .array(a.map(luaValue))
        case .dictionary(let d): return .object(d.mapValues(luaValue))
        }
    }
}

/// The run's own output: serialised writes to stderr (so lines from concurrent tasks never
/// interleave) and stdout; under `--quiet` both are held back, then shown only if the run fails.
enum RunOutput {
    private struct Held {
        var holding = false
        var lines: [(toStandardError: Bool, text: String)] = []
    }

    private static let state = Mutex(Held())

    /// Writes `text` on stderr, or holds it back.
    static func standardError(_ text: String) { write(text, toStandardError: true) }

    /// Writes `text` on stdout, or holds it back.
    static func standardOutput(_ text: String) { write(text, toStandardError: false) }

    private static func write(_ text: String, toStandardError: Bool) {
        // Every line the run prints passes here: no secret of the run reaches stdout or stderr.
        let text = Secrets.redact(text)
        state.withLock { held in
            if held.holding {
                held.lines.append((toStandardError, text))
            } else {
                (toStandardError ? FileHandle.standardError : FileHandle.standardOutput).write(Data(text.utf8))
            }
        }
    }

    /// Holds back what is written from now on.
    static func holdBack() {
        state.withLock { $0.holding = true }
    }

    /// Stops holding back; writes what was held when `show`, else drops it.
    static func release(show: Bool) {
        state.withLock { held in
            if show {
                for line in held.lines { (line.toStandardError ? FileHandle.standardError : FileHandle.standardOutput).write(Data(line.text.utf8)) }
            }
            held = Held()
        }
    }
}
