import Foundation

/// Reads a `Retry-After` header: delay-seconds (`30`), an HTTP-date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`), or anything else (`rand(30),add(30)` has been seen),
/// which yields `nil` so the caller falls back to its default.
enum RetryAfter {
    static func parse(_ value: String?, now: Date) -> Duration? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int64(text) { return seconds >= 0 ? .seconds(seconds) : nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds < 1e9 { return .milliseconds(Int64(seconds * 1000)) }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                let seconds = date.timeIntervalSince(now)
                return seconds > 0 ? .milliseconds(Int64(seconds * 1000)) : .zero
            }
        }
        return nil
    }
}
