package import Foundation
import Dispatch
package import GRDB
package import Synchronization
package import WholesaleAPI

/// Journals every API call of one run: a change is written, in its own transaction, before it
/// is sent (outcome `sent`), so a run killed mid-call leaves a row the next run treats as
/// unknown and reconciles. How calls ended is written in batches, at most `flushDelay` after
/// they end and at the end of the run: a run killed in between loses only those outcomes, and
/// a lost outcome of a change leaves its row `sent`, the safe side.
package final class CallRecorder: CallObserver {
    package let journal: Journal
    package let run: String
    /// How long an ended call may wait to be written.
    static let flushDelay = Duration.milliseconds(50)

    private struct Buffer {
        var writes: [@Sendable (Database) throws -> Void] = []
        var flushScheduled = false
    }

    private let buffer = Mutex(Buffer())
    /// Entered while a background flush writes a batch it took: the last flush waits on it.
    private let writing = DispatchGroup()

    /// Whether the run was killed (under test): nothing more is written, as after a SIGKILL.
    private let silenced: @Sendable () -> Bool

    package init(journal: Journal, run: String, silenced: @escaping @Sendable () -> Bool = { false }) {
        self.journal = journal
        self.run = run
        self.silenced = silenced
    }

    /// Writes the ended calls still waiting, in one transaction (the run's last flush, from
    /// the VM's thread): it takes what is queued, then waits, woken when it ends, for a batch a
    /// background flush is writing, so the run's end is journaled after every call.
    package func flush() {
        guard !silenced() else { return }
        let writes = takeWrites(background: false)
        writing.wait()
        guard !writes.isEmpty else { return }
        _ = try? journal.write { db in for write in writes { try write(db) } }
    }

    /// The queued writes, taken; a background flush enters `writing` until it has written them.
    private func takeWrites(background: Bool) -> [@Sendable (Database) throws -> Void] {
        buffer.withLock { buffer in
            defer { buffer.writes.removeAll(); buffer.flushScheduled = false }
            if background, !buffer.writes.isEmpty { writing.enter() }
            return buffer.writes
        }
    }

    /// Queues a write of an ended call; schedules a flush when none is.
    private func enqueue(_ write: @escaping @Sendable (Database) throws -> Void) {
        guard !silenced() else { return }
        let schedule = buffer.withLock { buffer -> Bool in
            buffer.writes.append(write)
            defer { buffer.flushScheduled = true }
            return !buffer.flushScheduled
        }
        guard schedule else { return }
        Task.detached { [self] in
            try? await Task.sleep(for: Self.flushDelay)
            let writes = takeWrites(background: true)
            guard !writes.isEmpty else { return }
            guard !silenced() else { writing.leave(); return }
            _ = try? await journal.write { db in for write in writes { try write(db) } }
            writing.leave()
        }
    }

    package func willSend(_ call: CallIntent) async throws(WholesaleError) -> Int64? {
        do {
            return try await record(call)
        } catch {
            throw WholesaleError(
                kind: .usage, operation: call.operation,
                message: "not sent: the journal could not record the change first (\(error)); \(error.advice)")
        }
    }

    private func record(_ call: CallIntent) async throws(JournalError) -> Int64 {
        let (run, email, now) = (run, journal.stored(email: call.email), Journal.now())
        return try await journal.write { db in
            try db.execute(
                sql: """
                    INSERT INTO calls (run, operation, method, path, resource_id, external_id, email, on_behalf_of, outcome, started)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [run, call.operation, call.method, call.path, call.resourceId, call.externalId,
                            email, call.onBehalfOf, CallState.sent.rawValue, now])
            return db.lastInsertedRowID
        }
    }

    package func finished(_ handle: Int64?, _ call: CallIntent, _ outcome: CallOutcome) {
        let codes = outcome.codes.isEmpty ? nil : outcome.codes.map(String.init).joined(separator: ",")
        let message = outcome.message.map(journal.redacting)
        let trackingId = outcome.trackingId.map(journal.redacting)
        let resource = call.resourceId ?? outcome.resourceId
        let (run, email, now) = (run, journal.stored(email: call.email), Journal.now())
        enqueue { db in
            if let handle {
                try db.execute(
                    sql: """
                        UPDATE calls SET resource_id = ?, status = ?, codes = ?, tracking_id = ?, attempts = ?, duration_ms = ?,
                          outcome = ?, message = ?, ended = ? WHERE id = ?
                        """,
                    arguments: [resource, outcome.status, codes, trackingId, outcome.attempts, outcome.seconds * 1000,
                                CallState(outcome.result).rawValue, message, now, handle])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO calls (run, operation, method, path, resource_id, external_id, email, on_behalf_of, status, codes,
                          tracking_id, attempts, duration_ms, outcome, message, started, ended)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [run, call.operation, call.method, call.path, resource, call.externalId, email,
                                call.onBehalfOf, outcome.status, codes, trackingId, outcome.attempts, outcome.seconds * 1000,
                                CallState(outcome.result).rawValue, message, now, now])
            }
        }
    }

}
