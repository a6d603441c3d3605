/// The request budget of one target, shared by every caller of a client (every coroutine of a
/// playbook): at most `maxInFlight` requests at once, and a pause that a 429 or 423 sets for
/// everybody, so the API's per-organisation quota is respected as a whole instead of each caller
/// retrying on its own.
public actor RequestBudget {
    /// Most requests in flight at once.
    public let maxInFlight: Int
    private let clock: any RetryClock
    private var inFlight = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var pausedUntil: ContinuousClock.Instant?
    /// How many times a pause was set (for tests and figures).
    public private(set) var pauses = 0

    /// A budget of `maxInFlight` concurrent requests on `clock`.
    public init(maxInFlight: Int = 64, clock: any RetryClock = SystemRetryClock()) {
        self.maxInFlight = max(1, maxInFlight)
        self.clock = clock
    }

    /// Waits for a free slot and for any pause to end, then takes the slot.
    func acquire() async throws {
        while let until = pausedUntil, until > clock.now() {
            try await clock.sleep(for: until - clock.now())
        }
        if inFlight < maxInFlight {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
        // The slot was handed over by `release`; a pause set meanwhile still applies.
        while let until = pausedUntil, until > clock.now() {
            try? await clock.sleep(for: until - clock.now())
        }
    }

    /// Gives a slot back, handing it to the longest waiter.
    func release() {
        if waiting.isEmpty {
            inFlight -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Holds every new request back for `duration` (a later end wins over an earlier one).
    func pause(for duration: Duration) {
        let until = clock.now() + duration
        if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
        pauses += 1
    }
}
