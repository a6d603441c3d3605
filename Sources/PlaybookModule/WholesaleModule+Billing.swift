import Foundation
import LuaRuntime

extension WholesaleModule {
    /// `billing.period(name [, days])`: `{ billingStartDate, billingEndDate }` of a named period
    /// (`BillingPeriod`), ready to pass to `billing.create` (add `type` and the rest to it).
    static var billingPeriod: HostFunction {
        .sync("billing.period") { arguments in
            let name = try arguments.string(1)
            guard let period = BillingPeriod(rawValue: name) else {
                let names = BillingPeriod.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw HostError.badArgument(1, to: "wholesale.billing.period", "\(names) expected, got \"\(name)\"")
            }
            let days = try arguments.optionalInteger(2)
            if period == .lastNDays, (days ?? 0) < 1 {
                throw HostError.badArgument(2, to: "wholesale.billing.period", "\"last_n_days\" takes the number of days, 1 or more")
            }
            let range = period.range(now: Date(), days: Int(days ?? 0))
            return .value(.object(["billingStartDate": .string(range.start), "billingEndDate": .string(range.end)]))
        }
    }
}
