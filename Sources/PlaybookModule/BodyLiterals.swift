import JSONValues
import WholesaleValidation

/// The table literals a playbook passes straight to an API call as its body
/// (`customers.provision{ ... }`, `subscribers.update(id, { ... })`), read from the source without
/// running it, for `wholesale check`: each field the API does not know, on the line of its key.
package enum BodyLiterals {
    /// The calls that take a body, the argument it is, and the fields it may have.
    static let calls: [String: (argument: Int, fields: BodyFields)] = [
        "customers.provision": (1, .customer), "customers.update": (2, .customer), "customers.precheck": (1, .customer),
        "customers.ensure": (1, .customer),
        "subscribers.provision": (1, .subscriber), "subscribers.update": (2, .subscriber), "subscribers.precheck": (1, .subscriber),
        "subscribers.ensure": (1, .subscriber),
        "billing.create": (1, .billingReport),
    ]

    /// A warning for every unknown field of a literal body in `source`:
    /// `customers.provision: externalID: is not a field the API knows; did you mean "externalId"? [field.unknown]`.
    package static func unknownFields(in source: String) -> [(line: Int, message: String)] {
        let tokens = LuaTokens(source).tokens
        let validator = WholesaleValidator()
        var found: [(Int, String)] = []
        var i = 0
        while i + 3 < tokens.count {
            defer { i += 1 }
            guard case .name(let resource) = tokens[i].kind, tokens[i + 1].kind == .symbol("."),
                  case .name(let operation) = tokens[i + 2].kind, let call = calls["\(resource).\(operation)"] else { continue }
            var reader = TableReader(tokens: tokens, position: i + 3)
            guard let table = reader.argument(call.argument) else { continue }
            for problem in validator.unknownFields(table.value, call.fields) {
                let line = table.lines[problem.path] ?? tokens[i].line
                found.append((line, "\(resource).\(operation): \(problem.path): \(problem.message) [\(problem.rule.rawValue)]"))
            }
        }
        return found
    }
}

/// Reads table constructors from tokens: the keys written `name = ...` or `["name"] = ...`, with
/// nested tables, as a JSON object whose leaves are `null`, and the line of each key by its path.
struct TableReader {
    let tokens: [LuaTokens.Token]
    var position: Int

    /// A table literal and the line of each of its keys (by JSON path).
    struct Table {
        var value: JSONValue
        var lines: [String: Int]
    }

    private func kind(_ offset: Int = 0) -> LuaTokens.Token.Kind? {
        position + offset < tokens.count ? tokens[position + offset].kind : nil
    }

    /// The `n`th argument of the call whose arguments start here, when it is a table literal
    /// standing alone (`f{ ... }` is a call with one).
    mutating func argument(_ n: Int) -> Table? {
        if kind() == .symbol("{") { return n == 1 ? table(at: "") : nil }
        guard kind() == .symbol("(") else { return nil }
        position += 1
        var index = 1
        while let current = kind(), current != .symbol(")") {
            if index == n, current == .symbol("{") {
                let table = table(at: "")
                return kind() == .symbol(",") || kind() == .symbol(")") ? table : nil
            }
            skipExpression(until: [.symbol(","), .symbol(")")])
            guard kind() == .symbol(",") else { return nil }
            position += 1
            index += 1
        }
        return nil
    }

    /// The table constructor at the current `{`, its keys' paths under `base`.
    mutating func table(at base: String) -> Table {
        position += 1
        var object: [String: JSONValue] = [:]
        var lines: [String: Int] = [:]
        let ends: [LuaTokens.Token.Kind] = [.symbol(","), .symbol(";"), .symbol("}")]
        while let current = kind(), current != .symbol("}") {
            var key: String?
            let line = tokens[position].line
            if case .name(let name) = current, kind(1) == .symbol("=") {
                key = name
                position += 2
            } else if current == .symbol("["), case .string(let name) = kind(1), kind(2) == .symbol("]"), kind(3) == .symbol("=") {
                key = name
                position += 4
            }
            var value = JSONValue.null
            if let key {
                let path = JSONPath.member(base, key)
                lines[path] = line
                if kind() == .symbol("{") {
                    let nested = table(at: path)
                    if let next = kind(), ends.contains(next) {
                        value = nested.value
                        lines.merge(nested.lines) { first, _ in first }
                    }
                }
                object[key] = value
            }
            skipExpression(until: ends)
            if kind() == .symbol(",") || kind() == .symbol(";") { position += 1 }
        }
        position += 1
        return Table(value: .object(object), lines: lines)
    }

    /// Moves to the next of `ends` outside brackets (or the end of the tokens).
    mutating func skipExpression(until ends: [LuaTokens.Token.Kind]) {
        var depth = 0
        while let current = kind() {
            if depth == 0, ends.contains(current) { return }
            switch current {
            case .symbol("("), .symbol("{"), .symbol("["): depth += 1
            case .symbol(")"), .symbol("}"), .symbol("]"):
                if depth == 0 { return }
                depth -= 1
            default: break
            }
            position += 1
        }
    }
}
