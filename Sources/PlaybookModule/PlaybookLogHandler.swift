package import Foundation
package import Logging
package import LuaRuntime
import WholesaleAPI

/// A value logged from Lua, kept typed so JSON lines show numbers and booleans as such.
package struct LoggedValue: CustomStringConvertible, Sendable {
    package let value: LuaValue

    /// Keeps `value` for a log line.
    package init(value: LuaValue) { self.value = value }

    package var description: String {
        switch value {
        case .string(let s): return s
        default: return (try? value.jsonText()) ?? "?"
        }
    }
}

/// Writes log events to stderr as text or JSON lines, one write per line.
package struct PlaybookLogHandler: LogHandler {
    package let format: LogFormat
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]

    /// Under test: where records go instead of stderr.
    let capture: CapturedOutput?

    /// A handler writing `format` lines at `logLevel` and above (into `capture` under test).
    package init(format: LogFormat, logLevel: Logger.Level, capture: CapturedOutput? = nil) {
        self.format = format
        self.logLevel = logLevel
        self.capture = capture
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        var fields = metadata
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        if let capture {
            capture.log(.init(
                level: Self.levelName(level), message: Secrets.redact("\(message)"),
                fields: fields.mapValues { Self.luaValue($0) }))
            return
        }
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
