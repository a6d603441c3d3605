import Foundation
import WholesaleAPI

/// The client's retry clock against a simulator that runs `speed` times faster than real time:
/// `Retry-After` and backoff pauses are simulated seconds, so they pass `speed` times faster,
/// and the retry deadline is measured in the same simulated time.
struct ScaledRetryClock: RetryClock {
    let speed: Double
    private let origin = ContinuousClock.now

    init(speed: Double) { self.speed = speed }

    func now() -> ContinuousClock.Instant { origin.advanced(by: (ContinuousClock.now - origin) * speed) }

    func date() -> Date { Date() }

    func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration / speed) }
}
