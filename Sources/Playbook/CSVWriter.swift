import LuaRuntime

/// Turns rows (tables keyed by column) into CSV text; fields that need it are quoted.
enum CSVWriter {
    static func encode(rows: [LuaValue], columns: [String]?, function: String) throws(HostError) -> [UInt8] {
        var objects: [[String: LuaValue]] = []
        for (i, row) in rows.enumerated() {
            switch row {
            case .object(let o): objects.append(o)
            case .array(let a) where a.isEmpty: objects.append([:])
            default: throw HostError.usage("\(function): rows[\(i + 1)] must be a table keyed by column name")
            }
        }
        let header = columns ?? Array(Set(objects.flatMap(\.keys))).sorted()
        guard !header.isEmpty else { throw HostError.usage("\(function): no columns (pass them as the third argument)") }
        var out: [UInt8] = []
        append(header, to: &out)
        for (i, row) in objects.enumerated() {
            var fields: [String] = []
            for column in header {
                fields.append(try field(row[column], path: LuaPath(row: i + 1, column: column), function: function))
            }
            append(fields, to: &out)
        }
        return out
    }

    private static func field(_ value: LuaValue?, path: LuaPath, function: String) throws(HostError) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let s)?: return s
        case .integer(let i)?: return String(i)
        case .number(let d)?: return String(d)
        case .boolean(let b)?: return b ? "true" : "false"
        case .bytes?: throw HostError.usage("\(function): \(path.text): string is not valid UTF-8")
        case .array?, .object?: throw HostError.usage("\(function): \(path.text): a table cannot be a CSV field")
        }
    }

    private struct LuaPath {
        let row: Int
        let column: String
        var text: String { "rows[\(row)].\(column)" }
    }

    private static func append(_ fields: [String], to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let needsQuotes = f.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                || f.hasPrefix(" ") || f.hasSuffix(" ")
            if needsQuotes {
                out.append(UInt8(ascii: "\""))
                for c in f.utf8 {
                    if c == UInt8(ascii: "\"") { out.append(c) }
                    out.append(c)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: Array(f.utf8))
            }
        }
        out.append(0x0A)
    }
}
