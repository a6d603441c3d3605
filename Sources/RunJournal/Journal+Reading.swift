import Foundation
package import JSONValues
package import WholesaleAPI

/// A run as `wholesale history` shows it.
package struct RunSummary: Sendable {
    /// The run id.
    package let id: String
    /// The playbook's absolute path.
    package let playbook: String
    /// `sim`, `webex` or the base URL.
    package let target: String
    /// Whether it was a dry run.
    package let dryRun: Bool
    /// When it started and ended (ISO 8601); `ended` is nil for a run that is going or was killed.
    package let started: String
    package let ended: String?
    /// Going on (or its process died unnoticed), finished or interrupted.
    package let state: RunState
    /// The exit code, once finished.
    package let exitCode: Int?
    /// API calls made, calls that changed something, and calls that failed.
    package let calls: Int
    package let changes: Int
    package let failures: Int
    /// Calls whose outcome is not known (the answer was lost, or the run died before it came).
    package let unknown: Int
    /// What the run reported when it failed.
    package let message: String?
    /// The version of the binary that ran it (absent for runs journaled before 0.2.0).
    package let version: String?

    /// The fields as JSON.
    package var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "playbook": .string(playbook), "target": .string(target), "dryRun": .boolean(dryRun),
            "started": .string(started), "state": .string(state.rawValue), "calls": .integer(Int64(calls)),
            "changes": .integer(Int64(changes)), "failures": .integer(Int64(failures)), "unknown": .integer(Int64(unknown)),
        ]
        if let ended { object["ended"] = .string(ended) }
        if let exitCode { object["exitCode"] = .integer(Int64(exitCode)) }
        if let message { object["message"] = .string(message) }
        if let version { object["version"] = .string(version) }
        return .object(object)
    }
}

/// What a run did to one resource: the last change it made to it (or tried to), for billing
/// and support.
package struct ResourceOutcome: Sendable {
    /// The id, externalId or email it is known by.
    package let resource: String
    package let externalId: String?
    package let email: String?
    /// The customer, subscriber or report id, once known.
    package let resourceId: String?
    /// The last operation that changed it, and how that ended (`ok`, `failed`, `unknown`, `reconciled`, `sent`).
    package let operation: String
    package let outcome: CallState
    package let status: Int?
    package let codes: String?
    package let trackingId: String?
    package let attempts: Int?
    package let ended: String?
    package let message: String?

    /// The column names of `csvFields`, in order.
    package static let columns = ["resource", "externalId", "email", "resourceId", "operation", "outcome", "status", "codes",
                                 "trackingId", "attempts", "ended", "message"]

    /// The fields in `columns` order, as text.
    package var csvFields: [String] {
        [resource, externalId ?? "", email ?? "", resourceId ?? "", operation, outcome.rawValue, status.map(String.init) ?? "", codes ?? "",
         trackingId ?? "", attempts.map(String.init) ?? "", ended ?? "", message ?? ""]
    }

    /// The fields as JSON.
    package var json: JSONValue {
        var object: [String: JSONValue] = [:]
        for (column, field) in zip(Self.columns, csvFields) where !field.isEmpty { object[column] = .string(field) }
        if let status { object["status"] = .integer(Int64(status)) }
        if let attempts { object["attempts"] = .integer(Int64(attempts)) }
        return .object(object)
    }
}

extension Journal {
    private var summaryColumns: String {
        """
        SELECT r.id, r.playbook, r.target, r.dry_run, r.started, r.ended, r.state, r.exit_code, r.message, r.version,
          (SELECT COUNT(*) FROM calls c WHERE c.run = r.id) AS calls,
          (SELECT COUNT(*) FROM calls c WHERE c.run = r.id AND c.operation IN (\(JournalSQL.changes))) AS changes,
          (SELECT COUNT(*) FROM calls c WHERE c.run = r.id AND c.outcome = '\(CallState.failed.rawValue)') AS failures,
          (SELECT COUNT(*) FROM calls c WHERE c.run = r.id AND c.outcome IN (\(JournalSQL.list(CallState.unsettled)))) AS unknown
        FROM runs r
        """
    }

    private static func summary(_ row: JournalRow) throws(JournalError) -> RunSummary {
        try RunSummary(
            id: row.required("id"), playbook: row.required("playbook"), target: row.required("target"), dryRun: row.int("dry_run") == 1,
            started: row.required("started"), ended: row.text("ended"), state: known(row.required("state")), exitCode: row.int("exit_code"),
            calls: row.int("calls") ?? 0, changes: row.int("changes") ?? 0, failures: row.int("failures") ?? 0,
            unknown: row.int("unknown") ?? 0, message: row.text("message"), version: row.text("version"))
    }

    /// A state the journal holds, or an error naming it when this version does not know it.
    static func known<State: RawRepresentable>(_ text: String) throws(JournalError) -> State where State.RawValue == String {
        guard let state = State(rawValue: text) else {
            throw JournalError("the journal holds a state this version does not know (\(text)): read it with the version that wrote it")
        }
        return state
    }

    /// The last `count` runs, newest first.
    package func runs(last count: Int) throws(JournalError) -> [RunSummary] {
        var summaries: [RunSummary] = []
        for row in try read(summaryColumns + " ORDER BY r.started DESC, r.\(store.dialect.insertionOrder) DESC LIMIT ?", [SQLValue(count)]) {
            summaries.append(try Self.summary(row))
        }
        return summaries
    }

    /// One run, by its id or a unique prefix of it.
    package func run(_ id: String) throws(JournalError) -> RunSummary? {
        var rows: [RunSummary] = []
        for row in try read(summaryColumns + " WHERE substr(r.id, 1, CAST(? AS INTEGER)) = ? ORDER BY r.started LIMIT 2", [SQLValue(id.count), SQLValue(id)]) {
            rows.append(try Self.summary(row))
        }
        return rows.count == 1 ? rows[0] : rows.first { $0.id == id }
    }

    /// One row per resource the run changed or tried to change, in the order first touched.
    package func outcomes(of run: String) throws(JournalError) -> [ResourceOutcome] {
        let rows = try read("SELECT * FROM calls WHERE run = ? AND operation IN (\(JournalSQL.changes)) ORDER BY id", [SQLValue(run)])
        var order: [String] = []
        var last: [String: JournalRow] = [:]
        var ids: [String: String] = [:]
        for row in rows {
            let (externalId, email, resourceId) = (row.text("external_id"), row.text("email"), row.text("resource_id"))
            // A provision is known by its externalId or email until it has an id; later calls use the id.
            let key = resourceId.flatMap { ids[$0] } ?? externalId ?? email ?? resourceId ?? "?"
            if let resourceId { ids[resourceId] = key }
            if last[key] == nil { order.append(key) }
            last[key] = row
        }
        var outcomes: [ResourceOutcome] = []
        for key in order {
            let row = last[key]!
            outcomes.append(ResourceOutcome(
                resource: key, externalId: row.text("external_id"), email: row.text("email"), resourceId: row.text("resource_id"),
                operation: try row.required("operation"), outcome: try Self.known(row.required("outcome")), status: row.int("status"),
                codes: row.text("codes"), trackingId: row.text("tracking_id"), attempts: row.int("attempts"), ended: row.text("ended"),
                message: row.text("message")))
        }
        return outcomes
    }

    /// The background work a run left pending.
    package func pending(of run: String) throws(JournalError) -> [PendingWork] {
        var work: [PendingWork] = []
        for row in try read("SELECT operation, resource_id, status FROM pending WHERE run = ? ORDER BY \(store.dialect.insertionOrder)", [SQLValue(run)]) {
            let name = try row.required("operation")
            guard let operation = WholesaleAPI.Operation(rawValue: name) else {
                throw JournalError("the journal names an operation this version does not know (\(name)): read it with the version that wrote it")
            }
            work.append(PendingWork(operation: operation, resourceId: try row.required("resource_id"), status: row.text("status")))
        }
        return work
    }
}

/// One API call as the journal keeps it, in the order the run made them.
package struct JournaledCall: Sendable {
    /// The operation, e.g. `customers.provision`.
    package let operation: String
    /// `GET`, `POST`, `PUT` or `DELETE`, and the path below `/v1`.
    package let method: String
    package let path: String
    /// How it stands: sent (no answer), ok, failed, unknown or reconciled.
    package let outcome: CallState
    /// The HTTP status of the answer, when there was one.
    package let status: Int?
    /// What it was about, as journaled (the email hashed under `--redact-pii`).
    package let externalId: String?
    package let email: String?
    package let resourceId: String?
    package let onBehalfOf: String?
}

extension Journal {
    /// Every call `run` journaled, in order.
    package func calls(of run: String) throws(JournalError) -> [JournaledCall] {
        var calls: [JournaledCall] = []
        for row in try read("SELECT * FROM calls WHERE run = ? ORDER BY id", [SQLValue(run)]) {
            calls.append(JournaledCall(
                operation: try row.required("operation"), method: try row.required("method"), path: try row.required("path"),
                outcome: try Self.known(row.required("outcome")), status: row.int("status"), externalId: row.text("external_id"),
                email: row.text("email"), resourceId: row.text("resource_id"), onBehalfOf: row.text("on_behalf_of")))
        }
        return calls
    }
}
