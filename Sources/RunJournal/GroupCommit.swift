import Synchronization

/// Writes items that callers each wait for in as few transactions as possible (group commit):
/// a caller that finds no write in flight writes its item at once; callers that come while one
/// is in flight wait, and the first of them then writes all of theirs in one go. No caller
/// waits on a timer, and each returns only once its own item is written.
///
/// The journal's changes are written so, before each is sent: at a concurrency of 32 a
/// PostgreSQL journal would otherwise pay a round trip and a commit for every one.
final class GroupCommit<Item: Sendable, Written: Sendable>: Sendable {
    /// Writes `items` in one transaction; what each gave back, in their order.
    typealias Write = @Sendable ([Item]) async throws(JournalError) -> [Written]

    /// What a waiting caller is told: its item is written, or it is to write the items waiting.
    private enum Turn {
        case written(Written)
        case failed(JournalError)
        case lead
    }

    private struct Waiter {
        let item: Item
        let continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var writing = false
        var waiting: [Waiter] = []
    }

    private let state = Mutex(State())
    private let write: Write

    /// A group commit that writes with `write`.
    init(_ write: @escaping Write) {
        self.write = write
    }

    /// Writes `item`, with any others waiting, and returns what the write gave back for it.
    func submit(_ item: Item) async throws(JournalError) -> Written {
        let leads = state.withLock { state -> Bool in
            if state.writing { return false }
            state.writing = true
            return true
        }
        if !leads {
            let turn = await withCheckedContinuation { continuation in
                // The write in flight may have ended meanwhile, leaving no one to hand the turn to.
                let leadsNow = state.withLock { state -> Bool in
                    if state.writing {
                        state.waiting.append(Waiter(item: item, continuation: continuation))
                        return false
                    }
                    state.writing = true
                    return true
                }
                if leadsNow { continuation.resume(returning: .lead) }
            }
            switch turn {
            case .written(let written): return written
            case .failed(let error): throw error
            case .lead: break
            }
        }
        return try await lead(item)
    }

    /// How many callers wait for the write in flight to end (for tests).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Writes `item` and every item waiting, tells their callers, then hands the turn to the
    /// first caller that came meanwhile (or ends the turn).
    private func lead(_ item: Item) async throws(JournalError) -> Written {
        let batch = state.withLock { state in
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        let outcome: Result<[Written], JournalError>
        do throws(JournalError) {
            let written = try await write([item] + batch.map(\.item))
            guard written.count == batch.count + 1 else {
                throw JournalError("the journal gave back \(written.count) rows for \(batch.count + 1) it was to write")
            }
            outcome = .success(written)
        } catch { outcome = .failure(error) }
        switch outcome {
        case .success(let written):
            for (waiter, result) in zip(batch, written.dropFirst()) { waiter.continuation.resume(returning: .written(result)) }
        case .failure(let error):
            for waiter in batch { waiter.continuation.resume(returning: .failed(error)) }
        }
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.writing = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        return try outcome.map { $0[0] }.get()
    }
}
