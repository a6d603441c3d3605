import Foundation

/// The `TrackingID` header value of one logical request, kept across its retries so Webex support
/// can follow every attempt: `WHOLESALE_<uuid>`.
enum TrackingID {
    static func make() -> String { "WHOLESALE_" + UUID().uuidString.lowercased() }
}
