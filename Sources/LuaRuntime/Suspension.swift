/// What an asynchronous host function asks the scheduler to wait for while its coroutine sleeps.
public struct Suspension: Sendable {
    enum Kind: Sendable {
        case work(@Sendable () async throws -> LuaResults)
        case sleep(nanoseconds: UInt64)
        case join(tasks: [Int])
    }

    let kind: Kind

    /// Runs `operation` as a Swift task; the coroutine resumes with its results or its error.
    public static func work(_ operation: @escaping @Sendable () async throws -> LuaResults) -> Suspension {
        Suspension(kind: .work(operation))
    }

    /// The longest sleep, in seconds (a year); longer ones are cut to it.
    public static let longestSleep = 365.0 * 86_400

    /// Resumes the coroutine after `seconds` (at most `longestSleep`); other coroutines run meanwhile.
    public static func sleep(seconds: Double) -> Suspension {
        let clamped = seconds.isNaN ? 0 : min(max(0, seconds), longestSleep)
        return Suspension(kind: .sleep(nanoseconds: UInt64(clamped * 1_000_000_000)))
    }

    /// Resumes the coroutine when every task in `tasks` has finished.
    static func join(_ tasks: [Int]) -> Suspension { Suspension(kind: .join(tasks: tasks)) }
}
