import Foundation
import LuaRuntime

extension WholesaleModule {
    /// `csv.read` (through the glue's iterator) and `csv.write`.
    static func csvFunctions(_ context: PlaybookContext) -> [HostFunction] {
        [
            .sync("csv._open") { arguments in
                let shown = try arguments.string(1)
                let path = try context.files.resolve(shown, for: "wholesale.csv.read")
                var reader = CSVReader(bytes: Array(try AtomicFile.read(path, shownAs: shown, for: "wholesale.csv.read")))
                let header: [String]
                do {
                    header = try reader.next()?.fields ?? []
                } catch let error as CSVReader.Problem {
                    throw HostError(kind: "io", message: "wholesale.csv.read: \(shown):\(error.line): \(error.message)")
                }
                try checkHeader(header, shown: shown)
                let handle = context.nextCSVHandle
                context.nextCSVHandle += 1
                context.csvReaders[handle] = .init(reader: reader, header: header, shownName: shown)
                return .value(.integer(handle))
            },
            .sync("csv._next") { arguments in
                let handle = try arguments.integer(1)
                guard var open = context.csvReaders[handle] else { return .value(nil) }
                let record: (fields: [String], line: Int)?
                do {
                    record = try open.reader.next()
                } catch let error as CSVReader.Problem {
                    context.csvReaders[handle] = nil
                    throw HostError(kind: "io", message: "wholesale.csv.read: \(open.shownName):\(error.line): \(error.message)")
                }
                guard let record else {
                    context.csvReaders[handle] = nil
                    return .value(nil)
                }
                context.csvReaders[handle] = open
                guard record.fields.count == open.header.count else {
                    context.csvReaders[handle] = nil
                    throw HostError(
                        kind: "io",
                        message: "wholesale.csv.read: \(open.shownName):\(record.line): the row has \(record.fields.count) "
                            + "fields but the header has \(open.header.count)")
                }
                var row: [String: LuaValue] = [:]
                for (column, field) in zip(open.header, record.fields) { row[column] = .string(field) }
                return .value(.object(row))
            },
            .sync("csv.write") { arguments in
                let shown = try arguments.string(1)
                let path = try context.files.resolve(shown, for: "wholesale.csv.write")
                let rows = try arguments.array(2, name: "rows")
                let columns: [String]?
                if arguments.isNil(3) {
                    columns = nil
                } else {
                    columns = try arguments.array(3, name: "columns").map { column in
                        guard case .string(let name) = column else {
                            throw HostError.badArgument(3, to: "wholesale.csv.write", "column names must be strings")
                        }
                        return name
                    }
                }
                try AtomicFile.write(
                    try CSVWriter.encode(rows: rows, columns: columns, function: "wholesale.csv.write"),
                    to: path, for: "wholesale.csv.write")
                return .value(.boolean(true))
            },
        ]
    }

    private static func checkHeader(_ header: [String], shown: String) throws(HostError) {
        guard !header.isEmpty else { throw HostError(kind: "io", message: "wholesale.csv.read: \(shown) is empty (a header row is needed)") }
        var seen: Set<String> = []
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                throw HostError(kind: "io", message: "wholesale.csv.read: \(shown):1: column \(i + 1) has no name in the header")
            }
            if !seen.insert(name).inserted {
                throw HostError(kind: "io", message: "wholesale.csv.read: \(shown):1: the header names '\(name)' twice")
            }
        }
    }
}
