/// The faults a simulator injects, parsed from `--faults` (docs/simulator.md):
/// `latency=50ms~20ms,rate=100/s,429=5%,503=0.02,reset=1%,reset-after=1%,stall=0.5%:10s,slow=3,fail=10%`.
public struct FaultPlan: Sendable, Equatable {
    /// Added to every answer.
    public var latency: Duration = .zero
    /// A random extra of up to this much on top of `latency`.
    public var jitter: Duration = .zero
    /// Requests per second the token bucket allows (nil: no limit); beyond it, 429 with `Retry-After`.
    public var ratePerSecond: Double?
    /// How many requests may come at once before the rate applies.
    public var burst: Double = 1
    /// Chances of answering with an error status instead of doing the work (429, 423, 500, 502, 503, 504).
    public var statusChances: [Int: Double] = [:]
    /// Chance of dropping the connection before doing the work.
    public var resetBefore: Double = 0
    /// Chance of doing the work and then dropping the connection (the answer is lost).
    public var resetAfter: Double = 0
    /// Chance of not answering for `stallDuration`.
    public var stall: Double = 0
    /// How long a stall lasts.
    public var stallDuration: Duration = .seconds(30)
    /// Provisioning takes this many times longer.
    public var slowProvisioning: Double = 1
    /// Chance that a new customer's provisioning ends in `error`.
    public var backgroundFailure: Double = 0

    /// No faults.
    public init() {}

    /// Whether nothing is injected.
    public var isEmpty: Bool { self == FaultPlan() }

    /// A bad `--faults` item.
    public struct ParseError: Error, CustomStringConvertible {
        /// What is wrong, naming the item.
        public let description: String
    }

    /// Parses a comma-separated spec; an empty spec is no faults.
    public static func parse(_ spec: String) throws(ParseError) -> FaultPlan {
        var plan = FaultPlan()
        for item in spec.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ParseError(description: "\"\(item)\": expected NAME=VALUE") }
            let (name, value) = (parts[0], parts[1])
            switch name {
            case "latency":
                let pieces = value.split(separator: "~", maxSplits: 1).map(String.init)
                plan.latency = try duration(pieces[0], item)
                if pieces.count > 1 { plan.jitter = try duration(pieces[1], item) }
            case "rate":
                let pieces = value.split(separator: ":", maxSplits: 1).map(String.init)
                guard pieces[0].hasSuffix("/s"), let rate = Double(pieces[0].dropLast(2)), rate > 0 else {
                    throw ParseError(description: "\"\(item)\": give the rate as N/s, e.g. rate=100/s")
                }
                plan.ratePerSecond = rate
                plan.burst = max(1, rate)
                if pieces.count > 1 {
                    guard let burst = Double(pieces[1]), burst >= 1 else { throw ParseError(description: "\"\(item)\": the burst is a number from 1") }
                    plan.burst = burst
                }
            case "429", "423", "500", "502", "503", "504": plan.statusChances[Int(name)!] = try chance(value, item)
            case "reset": plan.resetBefore = try chance(value, item)
            case "reset-after": plan.resetAfter = try chance(value, item)
            case "stall":
                let pieces = value.split(separator: ":", maxSplits: 1).map(String.init)
                plan.stall = try chance(pieces[0], item)
                if pieces.count > 1 { plan.stallDuration = try duration(pieces[1], item) }
            case "slow":
                guard let factor = Double(value), factor >= 1 else { throw ParseError(description: "\"\(item)\": slow takes a factor from 1, e.g. slow=3") }
                plan.slowProvisioning = factor
            case "fail": plan.backgroundFailure = try chance(value, item)
            default:
                throw ParseError(description: "\"\(item)\": unknown fault; use latency, rate, 429, 423, 500, 502, 503, 504, reset, reset-after, stall, slow or fail")
            }
        }
        return plan
    }

    /// `0.05` or `5%`.
    private static func chance(_ text: String, _ item: String) throws(ParseError) -> Double {
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, (0...1).contains(value) else { throw ParseError(description: "\"\(item)\": give a chance from 0 to 1, or a percentage") }
        return value
    }

    /// `50ms`, `2s`, or a bare number of milliseconds.
    static func duration(_ text: String, _ item: String) throws(ParseError) -> Duration {
        let (number, scale): (Substring, Double) = text.hasSuffix("ms") ? (text.dropLast(2), 1) : text.hasSuffix("s") ? (text.dropLast(), 1000) : (Substring(text), 1)
        guard let value = Double(number), value >= 0 else { throw ParseError(description: "\"\(item)\": give a duration like 50ms or 2s") }
        return .milliseconds(Int64(value * scale))
    }
}
