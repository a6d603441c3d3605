/// The request budget of one target, shared by every caller of a client (every coroutine of a
/// playbook): at most `maxInFlight` requests at once, and a pause that a 429 or 423 sets for
/// everybody, so the API's per-organisation quota is respected as a whole instead of each caller
/// retrying on its own. Callers wake from a pause spread over up to a tenth of it (at most 1 s),
/// so they do not all return in the same instant.
public actor RequestBudget {
    /// Why a caller got no slot.
    struct Refusal: Error {
        let reason: String
    }

    /// Most requests in flight at once.
    public let maxInFlight: Int
    private let clock: any RetryClock
    private var inFlight = 0
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextWaiter: UInt64 = 0
    private var pausedUntil: ContinuousClock.Instant?
    private var pauseLength: Duration = .zero
    private var generator = SystemRandomNumberGenerator()
    /// How many times a pause was set (for tests and figures).
    public private(set) var pauses = 0

    /// A budget of `maxInFlight` concurrent requests on `clock`.
    public init(maxInFlight: Int = 64, clock: any RetryClock = SystemRetryClock()) {
        self.maxInFlight = max(1, maxInFlight)
        self.clock = clock
    }

    /// Waits for any pause to end and for a free slot, then takes the slot. Throws when the
    /// task is cancelled or the pause would outlast `deadline`; no slot is held then.
    func acquire(until deadline: ContinuousClock.Instant) async throws(Refusal) {
        try await waitOutPause(until: deadline)
        if inFlight < maxInFlight {
            inFlight += 1
            return
        }
        let id = nextWaiter
        nextWaiter += 1
        let granted = await withTaskCancellationHandler {
            await withCheckedContinuation { waiting.append((id, $0)) }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
        guard granted else { throw Refusal(reason: "cancelled while waiting to send") }
        do {
            // The slot was handed over by `release`; a pause set meanwhile still applies.
            try await waitOutPause(until: deadline)
        } catch {
            release()
            throw error
        }
    }

    /// Gives a slot back, handing it to the longest waiter.
    func release() {
        if waiting.isEmpty {
            inFlight -= 1
        } else {
            waiting.removeFirst().continuation.resume(returning: true)
        }
    }

    /// Holds every new request back for `duration` (a later end wins over an earlier one).
    func pause(for duration: Duration) {
        let until = clock.now() + duration
        if pausedUntil.map({ until > $0 }) ?? true {
            pausedUntil = until
            pauseLength = duration
        }
        pauses += 1
    }

    private func waitOutPause(until deadline: ContinuousClock.Instant) async throws(Refusal) {
        while let until = pausedUntil, until > clock.now() {
            guard until <= deadline else { throw Refusal(reason: "the API asked to wait past the time allowed for this request") }
            let spreadLimit = min(.seconds(1), pauseLength / 10)
            let spread = spreadLimit > .zero
                ? Duration.nanoseconds(Int64.random(in: 0...Self.nanoseconds(spreadLimit), using: &generator)) : .zero
            do { try await clock.sleep(for: until - clock.now() + spread) } catch {
                throw Refusal(reason: "cancelled while waiting to send")
            }
            if clock.now() >= until { break }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
