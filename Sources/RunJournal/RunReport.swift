package import Foundation
package import WholesaleAPI
package import JSONValues

/// One run's outcome rows (one per resource touched, with its tracking id) as JSON or CSV: what
/// `wholesale show` prints and `wholesale run --report FILE` writes.
package enum RunReport {
    /// The report of `run` as JSON: the run's summary, its outcome rows and pending work.
    package static func json(_ journal: Journal, run: RunSummary) throws(JournalError) -> JSONValue {
        let outcomes = try journal.outcomes(of: run.id)
        let pending = try journal.pending(of: run.id)
        return .object([
            "run": run.json,
            "resources": .array(outcomes.map(\.json)),
            "warnings": .array(try journal.notes(of: run.id).map(JSONValue.string)),
            "pending": .array(pending.map { work in
                var object: [String: JSONValue] = ["operation": .string(work.operation.rawValue), "resourceId": .string(work.resourceId)]
                if let status = work.status { object["status"] = .string(status) }
                return .object(object)
            }),
        ])
    }

    /// The outcome rows of `run` as CSV, with a header.
    package static func csv(_ journal: Journal, run: String) throws(JournalError) -> String {
        var lines = [ResourceOutcome.columns.joined(separator: ",")]
        for outcome in try journal.outcomes(of: run) { lines.append(outcome.csvFields.map(field).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the report of `run` to `path`: CSV when it ends in `.csv`, else JSON.
    package static func write(_ journal: Journal, run: String, to path: String) throws(JournalError) {
        guard let summary = try journal.run(run) else { throw JournalError("no run \(run) in \(journal.location)") }
        let text = path.lowercased().hasSuffix(".csv") ? try csv(journal, run: run) : try json(journal, run: summary).jsonText(pretty: true) + "\n"
        do {
            try Data(Secrets.redact(text).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw JournalError("cannot write the report \(path): \(error.localizedDescription)")
        }
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
