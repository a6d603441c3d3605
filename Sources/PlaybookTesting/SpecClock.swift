import Foundation
import Synchronization
import WholesaleSimulator

/// The clock of a spec's simulator: real time run `speed` times as fast, plus whatever the
/// spec added with `sim.advance(seconds)`.
final class SpecClock: SimulatorClock {
    private let scaled: ScaledClock
    private let offset = Mutex(0.0)

    /// A clock `speed` times as fast as real time, starting now.
    init(speed: Double) { scaled = ScaledClock(speed: speed) }

    /// The simulated time.
    func now() -> Double { scaled.now() + offset.withLock { $0 } }

    /// Moves the clock `seconds` forward.
    func advance(by seconds: Double) { offset.withLock { $0 += seconds } }
}
