public import Foundation
import JSONValues

/// A bearer token. Its text is reachable only through `bearerHeader`; every description,
/// debug dump and mirror shows `<redacted>`.
public struct AccessToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: String
    /// When it stops working, when known.
    public let expires: Date?

    /// Wraps a token string (surrounding white space removed).
    public init(_ secret: String, expires: Date? = nil) {
        self.secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        self.expires = expires
    }

    /// Whether both hold the same secret.
    func isSame(as other: AccessToken) -> Bool { secret == other.secret }

    /// `Bearer <token>`, for the Authorization header only.
    var bearerHeader: String { "Bearer " + secret }

    /// The secret itself, for the places that must send it (token exchange forms).
    var secretText: String { secret }

    /// Whether the token is empty.
    var isEmpty: Bool { secret.isEmpty }

    /// Replaces the token wherever it appears in `text` (server messages that echo a header).
    func redact(_ text: String) -> String {
        secret.count >= 8 ? text.replacingOccurrences(of: secret, with: "<redacted>") : text
    }

    /// Replaces the token in every string of `value`.
    func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(redact(s))
        case .array(let a): return .array(a.map(redact))
        case .object(let o): return .object(o.mapValues(redact))
        default: return value
        }
    }

    /// `AccessToken(<redacted>)`.
    public var description: String { "AccessToken(<redacted>)" }
    /// `AccessToken(<redacted>)`.
    public var debugDescription: String { description }
    /// A mirror without the secret.
    public var customMirror: Mirror { Mirror(self, children: ["expires": expires as Any]) }
}
