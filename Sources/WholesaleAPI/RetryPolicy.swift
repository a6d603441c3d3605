/// How hard the client tries before it gives up: bounded attempts and total time, exponential
/// backoff with full jitter, and how `Retry-After` is read.
public struct RetryPolicy: Sendable {
    /// Most sends of one request, the first included.
    public var maxAttempts = 8
    /// Most time spent on one request, waits included; no retry starts after it.
    public var maxTotalTime: Duration = .seconds(600)
    /// The first backoff ceiling; it doubles with each attempt.
    public var baseDelay: Duration = .milliseconds(500)
    /// The largest backoff ceiling.
    public var maxDelay: Duration = .seconds(30)
    /// The wait on a 429 or 423 whose `Retry-After` is missing or unreadable.
    public var defaultRetryAfter: Duration = .seconds(5)
    /// The longest `Retry-After` honoured; longer values are cut to this.
    public var maxRetryAfter: Duration = .seconds(300)

    /// The defaults: 8 attempts within 10 minutes, backoff from 0.5 s up to 30 s.
    public init() {}

    /// A policy that never retries.
    public static var none: RetryPolicy {
        var policy = RetryPolicy()
        policy.maxAttempts = 1
        return policy
    }

    /// The backoff before attempt `attempt + 1` (attempt counts from 1): a uniformly random
    /// duration between zero and `min(maxDelay, baseDelay × 2^(attempt-1))` ("full jitter").
    public func backoff(after attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = min(maxDelay, baseDelay * (1 << min(attempt - 1, 30)))
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &generator))
    }
}
