import Foundation
import GRDB

/// What the journal keeps of a run when it starts.
public struct RunStart: Sendable {
    /// The run id (`wholesale.run.id`).
    public let id: String
    /// The playbook's absolute path.
    public let playbook: String
    /// The SHA-256 of the playbook's bytes.
    public let sha256: String
    /// `wholesale.args`, as JSON text.
    public let arguments: String
    /// `sim`, `webex` or the base URL.
    public let target: String
    /// Whether it is a dry run.
    public let dryRun: Bool
}

extension Journal {
    /// Marks the earlier runs of `playbook` that never ended (their process died) as interrupted,
    /// and their calls that were sent without an answer as `unknown`; returns their ids. Call it
    /// holding the playbook's lock, so no run of it is still going.
    func markInterrupted(playbook: String) throws(JournalError) -> [String] {
        try write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM runs WHERE playbook = ? AND state = 'running'", arguments: [playbook])
            for id in ids {
                try db.execute(sql: "UPDATE runs SET state = 'interrupted' WHERE id = ?", arguments: [id])
                try db.execute(sql: "UPDATE calls SET outcome = 'unknown' WHERE run = ? AND outcome = 'sent'", arguments: [id])
            }
            return ids
        }
    }

    /// The most of a run's arguments (`--var`, `--vars`) the journal keeps, as JSON text.
    static let maxArgumentBytes = 64 << 10

    /// `arguments` when small enough, else a JSON object saying how large they were: a run fed a
    /// large `--vars` file does not copy it into every journal entry.
    static func kept(arguments: String) -> String {
        let size = arguments.utf8.count
        guard size > maxArgumentBytes else { return arguments }
        return #"{"(not kept)":"\#(size) bytes of arguments; the journal keeps up to \#(maxArgumentBytes >> 10) KiB"}"#
    }

    /// Journals the start of a run.
    func start(_ run: RunStart) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, playbook, sha256, args, target, dry_run, pid, started, state, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)
                    """,
                arguments: [run.id, run.playbook, run.sha256, Self.kept(arguments: redacting(run.arguments)), run.target, run.dryRun,
                            Int(ProcessInfo.processInfo.processIdentifier), Self.now(), BuildVersion.current])
        }
    }

    /// Journals a warning about a run (a refresh token close to its expiry).
    func note(run: String, warning: String) throws(JournalError) {
        try write { db in
            try db.execute(sql: "INSERT INTO notes (run, level, message, noted) VALUES (?, 'warning', ?, ?)", arguments: [run, redacting(warning), Self.now()])
        }
    }

    /// The warnings journaled about `run`.
    public func notes(of run: String) throws(JournalError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT message FROM notes WHERE run = ? ORDER BY rowid", arguments: [run]) }
    }

    /// Journals how a run ended, with the background work still going then. Changes still
    /// `sent` (in flight when the run stopped: a time limit, a signal) become `unknown`, so the
    /// next run looks them up before sending them again.
    func finish(run: String, exitCode: Int32, message: String, pending: [PendingWork]) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE calls SET outcome = 'unknown' WHERE run = ? AND outcome = 'sent'", arguments: [run])
            for work in pending {
                try db.execute(
                    sql: "INSERT INTO pending (run, operation, resource_id, status, noted) VALUES (?, ?, ?, ?, ?)",
                    arguments: [run, work.operation, work.resourceId, work.status, Self.now()])
            }
            try db.execute(
                sql: "UPDATE runs SET ended = ?, exit_code = ?, state = 'finished', message = ? WHERE id = ?",
                arguments: [Self.now(), Int(exitCode), message.isEmpty ? nil : redacting(message), run])
        }
    }

    /// Changes how a finished run ended (a failure found after it was journaled: the report).
    func amend(run: String, exitCode: Int32, message: String) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE runs SET exit_code = ?, message = ? WHERE id = ?", arguments: [Int(exitCode), redacting(message), run])
        }
    }

    /// Marks the calls of earlier runs of `playbook` that left the create of `externalId` or
    /// `email` unknown as `reconciled`: a lookup found the resource.
    func resolveUnknown(playbook: String, operation: String, externalId: String?, email: String?, onBehalfOf: String?) throws(JournalError) {
        let email = stored(email: email)
        try write { db in
            try db.execute(
                sql: """
                    UPDATE calls SET outcome = 'reconciled' WHERE outcome = 'unknown' AND operation = ?
                      AND run IN (SELECT id FROM runs WHERE playbook = ?)
                      AND (external_id IS ? OR ? IS NULL) AND (email IS ? OR ? IS NULL) AND on_behalf_of IS ?
                    """,
                arguments: [operation, playbook, externalId, externalId, email, email, onBehalfOf])
        }
    }

    /// The creates earlier runs of `playbook` sent without learning whether they were applied
    /// (read once when a run starts, after `markInterrupted`).
    func unknownCreates(playbook: String) throws(JournalError) -> Set<UnknownCreate> {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT calls.operation, calls.external_id, calls.email, calls.on_behalf_of FROM calls JOIN runs ON runs.id = calls.run
                    WHERE runs.playbook = ? AND calls.outcome = 'unknown'
                    """,
                arguments: [playbook])
            return Set(rows.map { UnknownCreate(operation: $0[0], externalId: $0[1], email: $0[2], onBehalfOf: $0[3]) })
        }
    }
}

/// A create an earlier run left unknown, by what it is looked up by.
struct UnknownCreate: Sendable, Hashable {
    let operation: String
    let externalId: String?
    /// As stored (hashed under `--redact-pii`).
    let email: String?
    let onBehalfOf: String?
}

/// Background work a run started and did not see finish (a provisioning it did not wait for).
struct PendingWork: Sendable, Hashable {
    let operation: String
    let resourceId: String
    let status: String?
}
