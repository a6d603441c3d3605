package import JSONValues
package import LuaRuntime
package import PlaybookAPI

/// The `opts` table of one API call, read by name: each reader takes the key it knows, and
/// `finish` refuses the keys nobody took, so a misspelt option is an error instead of being
/// silently ignored (`customers.list: unknown option 'externalID' (known: externalId, max, …)`).
final class APIOptions {
    private let values: [String: LuaValue]
    private var known: [String] = []
    private let function: String

    /// Wraps the options of `function` (`nil` for none).
    package init(_ values: [String: LuaValue]?, function: String) {
        self.values = values ?? [:]
        self.function = function
    }

    private func take(_ key: String) -> LuaValue? {
        known.append(key)
        let value = values[key]
        return value == .null ? nil : value
    }

    private func wrongType(_ key: String, _ expected: String, _ value: LuaValue) -> HostError {
        .usage("\(function): option '\(key)' must be \(expected), not \(Self.typeName(value))")
    }

    /// A string option.
    package func string(_ key: String) throws(HostError) -> String? {
        guard let value = take(key) else { return nil }
        switch value {
        case .string(let s): return s
        case .integer(let i): return String(i)
        default: throw wrongType(key, "a string", value)
        }
    }

    /// A whole-number option.
    package func integer(_ key: String) throws(HostError) -> Int? {
        guard let value = take(key) else { return nil }
        guard let i = value.integerValue, let int = Int(exactly: i) else { throw wrongType(key, "a whole number", value) }
        return int
    }

    /// A boolean option.
    package func boolean(_ key: String) throws(HostError) -> Bool? {
        guard let value = take(key) else { return nil }
        guard case .boolean(let b) = value else { throw wrongType(key, "true or false", value) }
        return b
    }

    /// A string or a list of strings.
    package func strings(_ key: String) throws(HostError) -> [String] {
        guard let value = take(key) else { return [] }
        switch value {
        case .string(let s): return [s]
        case .array(let list):
            return try list.map { element throws(HostError) in
                guard case .string(let s) = element else { throw wrongType(key, "a string or a list of strings", value) }
                return s
            }
        default: throw wrongType(key, "a string or a list of strings", value)
        }
    }

    /// `onBehalfOfSubPartnerOrgId`: the sub-partner the call acts for.
    package func scope() throws(HostError) -> String? { try string("onBehalfOfSubPartnerOrgId") }

    /// `wait` (`true`, or a number of seconds) and `until`: `nil` when the call should not wait.
    package func wait() throws(HostError) -> WaitRequest? {
        let until = try strings("until")
        guard let value = take("wait") else { return until.isEmpty ? nil : WaitRequest(until: Set(until)) }
        switch value {
        case .boolean(false): return nil
        case .boolean(true): return WaitRequest(until: Set(until))
        case .integer, .number:
            guard case let seconds? = Self.seconds(value), seconds >= 0 else { throw wrongType("wait", "true or a number of seconds", value) }
            return WaitRequest(timeout: seconds, until: Set(until))
        default: throw wrongType("wait", "true or a number of seconds", value)
        }
    }

    /// The options of a `wait` function itself: `timeout` (seconds) and `until`.
    func waitOnly() throws(HostError) -> WaitRequest {
        var request = WaitRequest(until: Set(try strings("until")), operation: function)
        if let value = take("timeout") {
            guard let seconds = Self.seconds(value), seconds >= 0 else { throw wrongType("timeout", "a number of seconds", value) }
            request.timeout = seconds
        }
        return request
    }

    /// Refuses the options no reader took.
    package func finish() throws(HostError) {
        let unknown = Set(values.keys).subtracting(known).sorted()
        guard let first = unknown.first else { return }
        let list = known.isEmpty ? "it takes none" : "known: " + known.joined(separator: ", ")
        throw HostError.usage("\(function): unknown option '\(first)' (\(list))")
    }

    private static func seconds(_ value: LuaValue) -> Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .number(let d) where d.isFinite: return d
        default: return nil
        }
    }

    static func typeName(_ value: LuaValue) -> String {
        switch value {
        case .null: return "null"
        case .boolean: return "a boolean"
        case .integer, .number: return "a number"
        case .string, .bytes: return "a string"
        case .array, .object: return "a table"
        }
    }
}
