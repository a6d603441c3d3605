import Foundation
import GRDB
import WholesaleAPI

/// Journals every API call of one run: a change is written before it is sent (outcome `sent`)
/// and completed when it ends, so a run killed mid-call leaves a row the next run reconciles;
/// a read is written when it ends.
final class CallRecorder: CallObserver {
    let journal: Journal
    let run: String

    init(journal: Journal, run: String) {
        self.journal = journal
        self.run = run
    }

    func willSend(_ call: CallIntent) -> Int64? {
        try? journal.write { db in
            try db.execute(
                sql: """
                    INSERT INTO calls (run, operation, method, path, resource_id, external_id, email, on_behalf_of, outcome, started)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'sent', ?)
                    """,
                arguments: [run, call.operation, call.method, call.path, call.resourceId, call.externalId,
                            journal.stored(email: call.email), call.onBehalfOf, Journal.now()])
            return db.lastInsertedRowID
        }
    }

    func finished(_ handle: Int64?, _ call: CallIntent, _ outcome: CallOutcome) {
        let codes = outcome.codes.isEmpty ? nil : outcome.codes.map(String.init).joined(separator: ",")
        let message = outcome.message.map(redacted)
        let resource = call.resourceId ?? outcome.resourceId
        _ = try? journal.write { db in
            if let handle {
                try db.execute(
                    sql: """
                        UPDATE calls SET resource_id = ?, status = ?, codes = ?, tracking_id = ?, attempts = ?, duration_ms = ?,
                          outcome = ?, message = ?, ended = ? WHERE id = ?
                        """,
                    arguments: [resource, outcome.status, codes, outcome.trackingId, outcome.attempts, outcome.seconds * 1000,
                                outcome.result.rawValue, message, Journal.now(), handle])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO calls (run, operation, method, path, resource_id, external_id, email, on_behalf_of, status, codes,
                          tracking_id, attempts, duration_ms, outcome, message, started, ended)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [run, call.operation, call.method, call.path, resource, call.externalId, journal.stored(email: call.email),
                                call.onBehalfOf, outcome.status, codes, outcome.trackingId, outcome.attempts, outcome.seconds * 1000,
                                outcome.result.rawValue, message, Journal.now(), Journal.now()])
            }
        }
    }

    /// A message with the call's email hashed under `--redact-pii`.
    private func redacted(_ message: String) -> String {
        guard journal.redactPII else { return message }
        var text = message
        for match in message.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "," || $0 == "'" || $0 == "\"" })
        where match.contains("@") {
            text = text.replacingOccurrences(of: String(match), with: journal.stored(email: String(match)) ?? "")
        }
        return text
    }
}
