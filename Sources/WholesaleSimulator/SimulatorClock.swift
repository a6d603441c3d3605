import Foundation
import Synchronization

/// The simulator's time, in seconds since 1970: real time, or faster.
public protocol SimulatorClock: Sendable {
    /// The current simulated time.
    func now() -> Double
}

/// Real time multiplied by `speed` from the moment it was made.
public struct ScaledClock: SimulatorClock {
    private let speed: Double
    private let realStart: ContinuousClock.Instant
    private let simulatedStart: Double

    /// A clock running `speed` times as fast as real time, starting at the real date.
    public init(speed: Double) {
        self.speed = speed
        self.realStart = .now
        self.simulatedStart = Date().timeIntervalSince1970
    }

    /// The simulated time.
    public func now() -> Double {
        let elapsed = ContinuousClock.now - realStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return simulatedStart + seconds * speed
    }
}

/// A clock that moves only when told (tests).
public final class ManualClock: SimulatorClock {
    private let time: Mutex<Double>

    /// A clock at `start`, in seconds since 1970 (default: now).
    public init(start: Double? = nil) { time = Mutex(start ?? Date().timeIntervalSince1970) }

    /// The current time.
    public func now() -> Double { time.withLock { $0 } }

    /// Moves time forward.
    public func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}
