package import LuaRuntime

/// The rows `wholesale.csv.write` was given (tables keyed by column) as text records for
/// `CSVWriter`, with the path of the first field CSV cannot hold.
enum CSVRows {
    /// The header (`columns`, or every key of every row, sorted) and one record per row.
    package static func records(rows: [LuaValue], columns: [String]?, function: String) throws(HostError) -> (header: [String], records: [[String]]) {
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
        var records: [[String]] = []
        records.reserveCapacity(objects.count)
        for (i, row) in objects.enumerated() {
            var fields: [String] = []
            for column in header {
                fields.append(try field(row[column], path: "rows[\(i + 1)].\(column)", function: function))
            }
            records.append(fields)
        }
        return (header, records)
    }

    private static func field(_ value: LuaValue?, path: String, function: String) throws(HostError) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let s)?: return s
        case .integer(let i)?: return String(i)
        case .number(let d)?: return String(d)
        case .boolean(let b)?: return b ? "true" : "false"
        case .bytes?: throw HostError.usage("\(function): \(path): string is not valid UTF-8")
        case .array?, .object?: throw HostError.usage("\(function): \(path): a table cannot be a CSV field")
        }
    }
}
