import Foundation
import Dispatch
import Synchronization
package import WholesaleAPI

/// Journals every API call of one run: a change is written and committed before it is sent
/// (outcome `sent`; changes that come together are written together, `GroupCommit`), so a
/// run killed mid-call leaves a row the next run treats as unknown and reconciles. How calls ended is written in batches, at most `flushDelay` after
/// they end and at the end of the run: a run killed in between loses only those outcomes, and
/// a lost outcome of a change leaves its row `sent`, the safe side.
package final class CallRecorder: CallObserver {
    package let journal: Journal
    package let run: String
    /// How long an ended call may wait to be written.
    static let flushDelay = Duration.milliseconds(50)

    private struct Buffer {
        var writes: [Ending] = []
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
        changes = GroupCommit { rows throws(JournalError) in try await Self.insertSent(rows, into: journal) }
    }

    /// Writes the ended calls still waiting, in one transaction (the run's last flush, from
    /// the VM's thread): it takes what is queued, then waits, woken when it ends, for a batch a
    /// background flush is writing, so the run's end is journaled after every call.
    package func flush() {
        guard !silenced() else { return }
        let writes = takeWrites(background: false)
        writing.wait()
        guard !writes.isEmpty else { return }
        do { try journal.store.transaction(Self.statements(writes)) } catch { lose(error) }
    }

    /// The queued writes, taken; a background flush enters `writing` until it has written them.
    private func takeWrites(background: Bool) -> [Ending] {
        buffer.withLock { buffer in
            defer { buffer.writes.removeAll(); buffer.flushScheduled = false }
            if background, !buffer.writes.isEmpty { writing.enter() }
            return buffer.writes
        }
    }

    /// Queues a write of an ended call; schedules a flush when none is.
    private func enqueue(_ write: Ending) {
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
            do throws(JournalError) { try await journal.write(Self.statements(writes)) } catch { lose(error) }
            writing.leave()
        }
    }

    /// The first failure to journal a call, once there is one: from then on no change is sent
    /// (a journal that lost one write, a database gone away, is not trusted with the next), and
    /// the run ends with this failure.
    package var lost: JournalError? { lostWrite.withLock { $0 } }
    private let lostWrite = Mutex<JournalError?>(nil)

    private func lose(_ error: JournalError) {
        lostWrite.withLock { if $0 == nil { $0 = error } }
    }

    package func willSend(_ call: CallIntent) async throws(WholesaleError) -> Int64? {
        if let lost {
            throw Self.notSent(call, because: lost, first: false)
        }
        do {
            return try await record(call)
        } catch {
            lose(error)
            throw Self.notSent(call, because: error, first: true)
        }
    }

    /// The error of a change not sent because the journal could not record it first: a
    /// journal that cannot be reached is a temporary failure (exit 75), any other a usage error.
    private static func notSent(_ call: CallIntent, because error: JournalError, first: Bool) -> WholesaleError {
        let reason = first ? "the journal could not record the change first (\(error))" : "the journal lost a write earlier in this run (\(error))"
        return WholesaleError(
            kind: error.unreachable ? .network : .usage, operation: call.operation, message: "not sent: \(reason); \(error.advice)",
            retryable: error.unreachable)
    }

    private func record(_ call: CallIntent) async throws(JournalError) -> Int64 {
        let email = journal.stored(email: call.email)
        return try await changes.submit(
            [SQLValue(run), SQLValue(call.operation), SQLValue(call.method), SQLValue(call.path), SQLValue(call.resourceId),
             SQLValue(call.externalId), SQLValue(email), SQLValue(call.onBehalfOf), SQLValue(CallState.sent.rawValue), SQLValue(Journal.now())])
    }

    /// Journals changes about to be sent, those that come together in one statement.
    private let changes: GroupCommit<[SQLValue], Int64>

    package func finished(_ handle: Int64?, _ call: CallIntent, _ outcome: CallOutcome) {
        let codes = outcome.codes.isEmpty ? nil : outcome.codes.map(String.init).joined(separator: ",")
        let message = outcome.message.map(journal.redacting)
        let trackingId = outcome.trackingId.map(journal.redacting)
        let resource = call.resourceId ?? outcome.resourceId
        let (run, email, now) = (run, journal.stored(email: call.email), Journal.now())
        let state = SQLValue(CallState(outcome.result).rawValue)
        if let handle {
            enqueue(.change(
                [.integer(handle), SQLValue(resource), SQLValue(outcome.status), SQLValue(codes), SQLValue(trackingId), SQLValue(outcome.attempts),
                 SQLValue(outcome.seconds * 1000), state, SQLValue(message), SQLValue(now)]))
        } else {
            enqueue(.read(
                [SQLValue(run), SQLValue(call.operation), SQLValue(call.method), SQLValue(call.path), SQLValue(resource),
                 SQLValue(call.externalId), SQLValue(email), SQLValue(call.onBehalfOf), SQLValue(outcome.status), SQLValue(codes),
                 SQLValue(trackingId), SQLValue(outcome.attempts), SQLValue(outcome.seconds * 1000), state, SQLValue(message),
                 SQLValue(now), SQLValue(now)]))
        }
    }

}
