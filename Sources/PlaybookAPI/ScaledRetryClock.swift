package import Foundation
package import WholesaleAPI

/// The client's retry clock against a simulator that runs `speed` times faster than real time:
/// `Retry-After` and backoff pauses are simulated seconds, so they pass `speed` times faster,
/// and the retry deadline is measured in the same simulated time.
struct ScaledRetryClock: RetryClock {
    package let speed: Double
    private let origin = ContinuousClock.now

    package init(speed: Double) { self.speed = speed }

    package func now() -> ContinuousClock.Instant { origin.advanced(by: (ContinuousClock.now - origin) * speed) }

    package func date() -> Date { Date() }

    package func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration / speed) }
}
