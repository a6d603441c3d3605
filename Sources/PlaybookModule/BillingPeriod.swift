import Foundation

/// The named billing periods of `wholesale.billing.period`, as whole days in UTC, written
/// `YYYY-MM-DD` as `billing.create` takes them.
enum BillingPeriod: String, CaseIterable {
    /// From the first to the last day of the month before this one.
    case lastMonth = "last_month"
    /// From the first of this month to today.
    case thisMonth = "this_month"
    /// The `n` whole days before today (today, which is not over, left out).
    case lastNDays = "last_n_days"

    /// The first and last day of the period containing or ending before `now`, for `days` days
    /// where the period takes a count.
    func range(now: Date, days: Int) -> (start: String, end: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        let firstOfMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: today))!
        let day = { (offset: Int, from: Date) in calendar.date(byAdding: .day, value: offset, to: from)! }
        let (start, end): (Date, Date)
        switch self {
        case .lastMonth: (start, end) = (calendar.date(byAdding: .month, value: -1, to: firstOfMonth)!, day(-1, firstOfMonth))
        case .thisMonth: (start, end) = (firstOfMonth, today)
        case .lastNDays: (start, end) = (day(-days, today), day(-1, today))
        }
        let format = Date.ISO8601FormatStyle(timeZone: calendar.timeZone).year().month().day()
        return (start.formatted(format), end.formatted(format))
    }
}
