public import Foundation

/// The time source of retries and waits; tests substitute one that advances instantly.
public protocol RetryClock: Sendable {
    /// A monotonic reading.
    func now() -> ContinuousClock.Instant
    /// The wall-clock time (for `Retry-After` dates and token expiry).
    func date() -> Date
    /// Waits `duration`; throws when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// Real time.
public struct SystemRetryClock: RetryClock {
    /// Real time.
    public init() {}
    /// `ContinuousClock.now`.
    public func now() -> ContinuousClock.Instant { .now }
    /// `Date()`.
    public func date() -> Date { Date() }
    /// `Task.sleep`.
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}
