import Foundation

/// Checks of single values, each returning `nil` when the value is fine or a message saying
/// what is wrong. The body validators and the Lua `validate.*` helpers share them.
public enum ValueFormats {
    /// An email address: one `@`, a local part without spaces, a domain of dot-separated labels
    /// with at least one dot; at most 254 characters.
    public static func email(_ value: String) -> String? {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.utf8.count <= 254, parts.count == 2 else { return "\"\(value)\" is not an email address" }
        let local = parts[0], domain = parts[1]
        let localOK = !local.isEmpty && local.utf8.count <= 64 && local.utf8.allSatisfy { c in
            c > 0x20 && c < 0x7F && !"()<>[]:;,\\\"".utf8.contains(c)
        } && !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let domainOK = labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 >= 0x80 }
        }
        return localOK && domainOK ? nil : "\"\(value)\" is not an email address"
    }

    /// An ISO 3166-1 alpha-2 country code, upper case (`US`).
    public static func country(_ value: String) -> String? {
        if CountryCodes.all.contains(value) { return nil }
        if CountryCodes.all.contains(value.uppercased()) { return "\"\(value)\" must be upper case: \"\(value.uppercased())\"" }
        return "\"\(value)\" is not an ISO 3166-1 alpha-2 country code (e.g. \"US\", \"GB\", \"DE\")"
    }

    /// An IANA time-zone name (`America/Los_Angeles`).
    public static func timeZone(_ value: String) -> String? {
        TimeZoneDatabase.contains(value) ? nil : "\"\(value)\" is not an IANA time zone name (e.g. \"America/Los_Angeles\", \"Europe/London\")"
    }

    /// The shapes a language code takes in the API.
    public enum LanguageStyle: String, Sendable {
        /// `customerInfo.language`: `en` or `en_US`.
        case customer
        /// `provisioningParameters.calling.location.language`: `en_us` (Webex Calling style).
        case location
    }

    /// A language code in the given style: an ISO 639-1 language, and where the style has one,
    /// an ISO 3166-1 country (`fr_CA`, `fr_ca`).
    public static func language(_ value: String, style: LanguageStyle = .customer) -> String? {
        let parts = value.split(separator: "_", omittingEmptySubsequences: false)
        let lower = { (s: Substring) in s.utf8.count == 2 && s.utf8.allSatisfy { $0 >= 97 && $0 <= 122 } }
        let upper = { (s: Substring) in s.utf8.count == 2 && s.utf8.allSatisfy { $0 >= 65 && $0 <= 90 } }
        switch style {
        case .customer:
            guard (parts.count == 1 && lower(parts[0])) || (parts.count == 2 && lower(parts[0]) && upper(parts[1])) else {
                return "\"\(value)\" is not a language code like \"en\" or \"en_US\""
            }
        case .location:
            guard parts.count == 2 && lower(parts[0]) && lower(parts[1]) else {
                return "\"\(value)\" is not a language code like \"en_us\" (lower case, language_country)"
            }
        }
        if !languageCodes.isEmpty, !languageCodes.contains(String(parts[0])) {
            return "\"\(value)\": \"\(parts[0])\" is not an ISO 639-1 language code"
        }
        if parts.count == 2, !CountryCodes.all.contains(parts[1].uppercased()) {
            return "\"\(value)\": \"\(parts[1])\" is not an ISO 3166-1 country code"
        }
        return nil
    }

    /// The two-letter ISO 639 language codes Foundation knows (empty where it knows none: the
    /// shape check alone applies then).
    static let languageCodes: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier).filter { $0.count == 2 })

    /// An E.164 phone number: `+`, a non-zero digit, at most 15 digits in all.
    public static func phone(_ value: String) -> String? {
        let digits = value.utf8.dropFirst()
        let ok = value.hasPrefix("+") && (2...15).contains(digits.count)
            && digits.allSatisfy { $0 >= 48 && $0 <= 57 } && digits.first != 48
        return ok ? nil : "\"\(value)\" is not an E.164 phone number like \"+12405551212\""
    }

    /// A calendar date written `YYYY-MM-DD` that exists (no 31 April).
    public static func date(_ value: String) -> String? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              (1...12).contains(month)
        else { return "\"\(value)\" is not a date written YYYY-MM-DD" }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day) ? nil : "\"\(value)\" is not a date that exists"
    }

    private static func isASCIILetterOrDigit(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }
}
