import WholesaleAPI

/// The statements `CallRecorder` writes calls with: few, each of many rows.
extension CallRecorder {
    /// How a call ended, waiting to be written.
    enum Ending {
        /// A change journaled before it was sent: its row's id, then the values that end it
        /// (`resource_id` to `ended`, in `changeColumns`' order).
        case change([SQLValue])
        /// A call that changes nothing, journaled only once it has ended (`readColumns`).
        case read([SQLValue])
    }

    /// The columns an ended change sets, after the id that names its row, with their types.
    static let changeColumns = [
        ("resource_id", "TEXT"), ("status", "BIGINT"), ("codes", "TEXT"), ("tracking_id", "TEXT"), ("attempts", "BIGINT"),
        ("duration_ms", "DOUBLE PRECISION"), ("outcome", "TEXT"), ("message", "TEXT"), ("ended", "TEXT"),
    ]
    /// The columns of a call journaled once it has ended.
    static let readColumns = [
        "run", "operation", "method", "path", "resource_id", "external_id", "email", "on_behalf_of", "status", "codes",
        "tracking_id", "attempts", "duration_ms", "outcome", "message", "started", "ended",
    ]
    /// The most calls one statement writes (their values stay well under both stores' limits
    /// on parameters).
    static let rowsPerStatement = 200

    /// The statements that write `endings`: one multi-row `UPDATE` and one multi-row `INSERT`
    /// per `rowsPerStatement` calls, not one statement per call (a PostgreSQL journal pays a
    /// round trip and a parse for each statement).
    static func statements(_ endings: [Ending]) -> [JournalStatement] {
        var changes: [[SQLValue]] = [], reads: [[SQLValue]] = []
        for ending in endings {
            switch ending {
            case .change(let values): changes.append(values)
            case .read(let values): reads.append(values)
            }
        }
        var statements: [JournalStatement] = []
        for rows in chunks(changes) {
            // A VALUES list names its columns column1, column2, ... in both stores. Its first row
            // gives the columns' types: PostgreSQL takes a column of nulls (untyped) for text.
            let assignments = changeColumns.enumerated().map { "\($1.0) = v.column\($0 + 2)" }.joined(separator: ", ")
            let typed = "(" + (["CAST(? AS BIGINT)"] + changeColumns.map { "CAST(? AS \($0.1))" }).joined(separator: ", ") + ")"
            let values = ([typed] + (rows.count > 1 ? [placeholders(rows.count - 1, changeColumns.count + 1)] : [])).joined(separator: ", ")
            statements.append(JournalStatement(
                "UPDATE calls SET \(assignments) FROM (VALUES \(values)) AS v WHERE calls.id = v.column1", rows.flatMap { $0 }))
        }
        for rows in chunks(reads) {
            statements.append(JournalStatement(
                "INSERT INTO calls (\(readColumns.joined(separator: ", "))) VALUES \(placeholders(rows.count, readColumns.count))",
                rows.flatMap { $0 }))
        }
        return statements
    }

    /// `rows` cut into runs of at most `rowsPerStatement`, in order.
    static func chunks(_ rows: [[SQLValue]]) -> [ArraySlice<[SQLValue]>] {
        stride(from: 0, to: rows.count, by: rowsPerStatement).map { rows[$0..<min($0 + rowsPerStatement, rows.count)] }
    }

    /// `rows` parenthesised lists of `columns` placeholders each.
    static func placeholders(_ rows: Int, _ columns: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// The columns of a change journaled before it is sent; all are text.
    static let sentColumns = ["run", "operation", "method", "path", "resource_id", "external_id", "email", "on_behalf_of", "outcome", "started"]

    /// Inserts the rows of changes about to be sent; their ids, in the rows' order. The ids are
    /// matched to the rows by the values given back, not by the order of the rows given back
    /// (which SQL does not promise); rows equal in every value are interchangeable.
    static func insertSent(_ rows: [[SQLValue]], into journal: Journal) async throws(JournalError) -> [Int64] {
        let columns = sentColumns.joined(separator: ", ")
        // As many callers as `--concurrency` can come together: one statement per
        // `rowsPerStatement` of them, all in one transaction.
        let statements = chunks(rows).map { chunk in
            JournalStatement(
                "INSERT INTO calls (\(columns)) VALUES \(placeholders(chunk.count, sentColumns.count)) RETURNING id, \(columns)",
                chunk.flatMap { $0 })
        }
        // The ids given back, by the values of their rows.
        var unclaimed: [[String?]: [Int64]] = [:]
        for row in try await journal.write(statements).joined() {
            guard let id = row.int("id") else { continue }
            unclaimed[sentColumns.map { row.text($0) }, default: []].append(Int64(id))
        }
        return try rows.map { values throws(JournalError) in
            let key = values.map { value -> String? in
                if case .text(let text) = value { return text }
                return nil
            }
            guard let id = unclaimed[key]?.popLast() else {
                throw JournalError("the journal did not give back the id of the call it recorded (\(journal.location))")
            }
            return id
        }
    }
}
