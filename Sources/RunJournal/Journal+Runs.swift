import Foundation
package import WholesaleAPI

/// What the journal keeps of a run when it starts.
package struct RunStart: Sendable {
    /// The run id (`wholesale.run.id`).
    package let id: String
    /// The playbook's absolute path.
    package let playbook: String
    /// The SHA-256 of the playbook's bytes.
    package let sha256: String
    /// `wholesale.args`, as JSON text.
    package let arguments: String
    /// `sim`, `webex` or the base URL.
    package let target: String
    /// Whether it is a dry run.
    package let dryRun: Bool

    /// What to journal of a run that starts now.
    package init(id: String, playbook: String, sha256: String, arguments: String, target: String, dryRun: Bool) {
        (self.id, self.playbook, self.sha256, self.arguments, self.target, self.dryRun) = (id, playbook, sha256, arguments, target, dryRun)
    }
}

extension Journal {
    /// Marks the earlier runs of `playbook` that never ended (their process died) as interrupted,
    /// and their calls that were sent without an answer as `unknown`; returns their ids. Call it
    /// holding the playbook's lock, so no run of it is still going.
    package func markInterrupted(playbook: String) throws(JournalError) -> [String] {
        let running = SQLValue(RunState.running.rawValue)
        let rows = try write(
            JournalStatement(
                "UPDATE calls SET outcome = ? WHERE outcome = ? AND run IN (SELECT id FROM runs WHERE playbook = ? AND state = ?)",
                [SQLValue(CallState.unknown.rawValue), SQLValue(CallState.sent.rawValue), SQLValue(playbook), running]),
            JournalStatement(
                "UPDATE runs SET state = ? WHERE playbook = ? AND state = ? RETURNING id",
                [SQLValue(RunState.interrupted.rawValue), SQLValue(playbook), running]))
        return rows[1].compactMap { $0.text("id") }.sorted()
    }

    /// The most of a run's arguments (`--var`, `--vars`) the journal keeps, as JSON text.
    static let maxArgumentBytes = 64 << 10

    /// `arguments` when small enough, else a JSON object saying how large they were: a run fed a
    /// large `--vars` file does not copy it into every journal entry.
    package static func kept(arguments: String) -> String {
        let size = arguments.utf8.count
        guard size > maxArgumentBytes else { return arguments }
        return #"{"(not kept)":"\#(size) bytes of arguments; the journal keeps up to \#(maxArgumentBytes >> 10) KiB"}"#
    }

    /// Journals the start of a run.
    package func start(_ run: RunStart) throws(JournalError) {
        try write(JournalStatement(
            """
            INSERT INTO runs (id, playbook, sha256, args, target, dry_run, pid, started, state, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [SQLValue(run.id), SQLValue(run.playbook), SQLValue(run.sha256), SQLValue(Self.kept(arguments: redacting(run.arguments))),
             SQLValue(run.target), SQLValue(run.dryRun), SQLValue(Int(ProcessInfo.processInfo.processIdentifier)), SQLValue(Self.now()),
             SQLValue(RunState.running.rawValue), SQLValue(BuildVersion.current)]))
    }

    /// Journals a warning about a run (a refresh token close to its expiry).
    package func note(run: String, warning: String) throws(JournalError) {
        try write(JournalStatement(
            "INSERT INTO notes (run, level, message, noted) VALUES (?, 'warning', ?, ?)",
            [SQLValue(run), SQLValue(redacting(warning)), SQLValue(Self.now())]))
    }

    /// Journals a warning about a run from a task (a body's warning, found as it is sent),
    /// without waiting for it to be written; `finish` waits for it.
    package func noteSoon(run: String, warning: String) {
        let statement = JournalStatement(
            "INSERT INTO notes (run, level, message, noted) VALUES (?, 'warning', ?, ?)",
            [SQLValue(run), SQLValue(redacting(warning)), SQLValue(Self.now())])
        notesInFlight.enter()
        Task { [notesInFlight] in
            defer { notesInFlight.leave() }
            try? await write([statement])
        }
    }

    /// The warnings journaled about `run`.
    package func notes(of run: String) throws(JournalError) -> [String] {
        try read("SELECT message FROM notes WHERE run = ? ORDER BY \(store.dialect.insertionOrder)", [SQLValue(run)])
            .compactMap { $0.text("message") }
    }

    /// Journals how a run ended, with the background work still going then. Changes still
    /// `sent` (in flight when the run stopped: a time limit, a signal) become `unknown`, so the
    /// next run looks them up before sending them again.
    package func finish(run: String, exitCode: Int32, message: String, pending: [PendingWork]) throws(JournalError) {
        // The warnings still being written are journaled before the run's end.
        notesInFlight.wait()
        var statements = [JournalStatement(
            "UPDATE calls SET outcome = ? WHERE run = ? AND outcome = ?",
            [SQLValue(CallState.unknown.rawValue), SQLValue(run), SQLValue(CallState.sent.rawValue)])]
        for work in pending {
            statements.append(JournalStatement(
                "INSERT INTO pending (run, operation, resource_id, status, noted) VALUES (?, ?, ?, ?, ?)",
                [SQLValue(run), SQLValue(work.operation.rawValue), SQLValue(work.resourceId), SQLValue(work.status), SQLValue(Self.now())]))
        }
        statements.append(JournalStatement(
            "UPDATE runs SET ended = ?, exit_code = ?, state = ?, message = ? WHERE id = ?",
            [SQLValue(Self.now()), SQLValue(Int(exitCode)), SQLValue(RunState.finished.rawValue),
             SQLValue(message.isEmpty ? nil : redacting(message)), SQLValue(run)]))
        try store.transaction(statements)
    }

    /// Changes how a finished run ended (a failure found after it was journaled: the report).
    package func amend(run: String, exitCode: Int32, message: String) throws(JournalError) {
        try write(JournalStatement(
            "UPDATE runs SET exit_code = ?, message = ? WHERE id = ?", [SQLValue(Int(exitCode)), SQLValue(redacting(message)), SQLValue(run)]))
    }

    /// Marks the calls of earlier runs of `playbook` that left the create of `externalId` or
    /// `email` unknown as `reconciled`: a lookup found the resource.
    package func resolveUnknown(
        playbook: String, operation: WholesaleAPI.Operation, externalId: String?, email: String?, onBehalfOf: String?
    ) async throws(JournalError) {
        let email = stored(email: email)
        try await write([JournalStatement(
            """
            UPDATE calls SET outcome = ? WHERE outcome = ? AND operation = ?
              AND run IN (SELECT id FROM runs WHERE playbook = ?)
              AND (external_id IS NOT DISTINCT FROM ? OR CAST(? AS TEXT) IS NULL) AND (email IS NOT DISTINCT FROM ? OR CAST(? AS TEXT) IS NULL)
              AND on_behalf_of IS NOT DISTINCT FROM ?
            """,
            [SQLValue(CallState.reconciled.rawValue), SQLValue(CallState.unknown.rawValue), SQLValue(operation.rawValue), SQLValue(playbook),
             SQLValue(externalId), SQLValue(externalId), SQLValue(email), SQLValue(email), SQLValue(onBehalfOf)])])
    }

    /// The creates earlier runs of `playbook` sent without learning whether they were applied
    /// (read once when a run starts, after `markInterrupted`).
    package func unknownCreates(playbook: String) throws(JournalError) -> Set<UnknownCreate> {
        let rows = try read(
            """
            SELECT calls.operation, calls.external_id, calls.email, calls.on_behalf_of FROM calls JOIN runs ON runs.id = calls.run
            WHERE runs.playbook = ? AND calls.outcome = ?
            """,
            [SQLValue(playbook), SQLValue(CallState.unknown.rawValue)])
        return Set(rows.compactMap { row in
            // Every call the journal holds names an operation of this client; one it does not know is no create to look up.
            row.text("operation").flatMap(WholesaleAPI.Operation.init(rawValue:)).map {
                UnknownCreate(operation: $0, externalId: row.text("external_id"), email: row.text("email"), onBehalfOf: row.text("on_behalf_of"))
            }
        })
    }
}

/// A create an earlier run left unknown, by what it is looked up by.
package struct UnknownCreate: Sendable, Hashable {
    package let operation: WholesaleAPI.Operation
    package let externalId: String?
    /// As stored (hashed under `--redact-pii`).
    package let email: String?
    package let onBehalfOf: String?

    /// The create of `operation` for `externalId` or `email` (as stored), for `onBehalfOf`.
    package init(operation: WholesaleAPI.Operation, externalId: String?, email: String?, onBehalfOf: String?) {
        (self.operation, self.externalId, self.email, self.onBehalfOf) = (operation, externalId, email, onBehalfOf)
    }
}

