package import Foundation
package import LuaRuntime
package import CSVFiles

extension WholesaleModule {
    /// `csv.read` (through the glue's iterator) and `csv.write`.
    static func csvFunctions(_ context: PlaybookContext) -> [HostFunction] {
        [
            .sync("csv._open") { arguments in
                let shown = try arguments.string(1)
                let path = try context.files.reading(shown, for: "wholesale.csv.read")
                guard let file = FileHandle(forReadingAtPath: path) else {
                    throw HostError(kind: .io, message: "wholesale.csv.read: cannot read \(shown): \(UnreadableFile.reason(path))")
                }
                var reader = CSVReader(file: file, shown: shown)
                let header: [String]
                do {
                    header = try reader.next(within: rowLimit(arguments))?.fields ?? []
                } catch let error as CSVReader.Problem {
                    throw try csvProblem(error, shown: shown, arguments)
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
                    record = try open.reader.next(within: rowLimit(arguments))
                } catch let error as CSVReader.Problem {
                    context.csvReaders[handle] = nil
                    throw try csvProblem(error, shown: open.shownName, arguments)
                }
                guard let record else {
                    context.csvReaders[handle] = nil
                    return .value(nil)
                }
                context.csvReaders[handle] = open
                guard record.fields.count == open.header.count else {
                    context.csvReaders[handle] = nil
                    throw HostError(
                        kind: .io,
                        message: "wholesale.csv.read: \(open.shownName):\(record.line): the row has \(record.fields.count) "
                            + "fields but the header has \(open.header.count)")
                }
                var row: [String: LuaValue] = [:]
                for (column, field) in zip(open.header, record.fields) { row[column] = .string(field) }
                return .value(.object(row))
            },
            .sync("csv.write") { arguments in
                let shown = try arguments.string(1)
                let path = try context.writablePath(shown, for: "wholesale.csv.write")
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
                let (header, records) = try CSVRows.records(rows: rows, columns: columns, function: "wholesale.csv.write")
                try AtomicFile.write(CSVWriter.encode(header: header, records: records), to: path, for: "wholesale.csv.write")
                return .value(.boolean(true))
            },
        ]
    }

    /// The largest row `csv.read` takes in: Swift holds a row's text about four times over
    /// (the chunk, the fields, the strings, the Lua row) before the script has it.
    private static func rowLimit(_ arguments: LuaArguments) -> Int {
        max(1 << 16, arguments.memoryLeft / 4)
    }

    /// The error for a CSV problem; a row too large for the memory left stops the run instead.
    private static func csvProblem(_ problem: CSVReader.Problem, shown: String, _ arguments: LuaArguments) throws(HostError) -> HostError {
        if problem.tooLarge {
            try arguments.chargeMemory(
                arguments.memoryLeft + 1, for: "wholesale.csv.read of a row of more than \(rowLimit(arguments)) bytes at \(shown):\(problem.line)")
        }
        return HostError(kind: .io, message: "wholesale.csv.read: \(shown):\(problem.line): \(problem.message)")
    }

    private static func checkHeader(_ header: [String], shown: String) throws(HostError) {
        guard !header.isEmpty else { throw HostError(kind: .io, message: "wholesale.csv.read: \(shown) is empty (a header row is needed)") }
        var seen: Set<String> = []
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                throw HostError(kind: .io, message: "wholesale.csv.read: \(shown):1: column \(i + 1) has no name in the header")
            }
            if !seen.insert(name).inserted {
                throw HostError(kind: .io, message: "wholesale.csv.read: \(shown):1: the header names '\(name)' twice")
            }
        }
    }
}
