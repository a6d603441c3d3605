public import Foundation
import JSONValues

/// A bearer token. Its text is reachable only through `bearerHeader`; every description,
/// debug dump and mirror shows `<redacted>`.
public struct AccessToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: String
    /// When it stops working, when known.
    public let expires: Date?

    /// Wraps a token string (surrounding white space removed) and registers it with `Secrets`,
    /// so no output can show it from now on.
    public init(_ secret: String, expires: Date? = nil) {
        self.secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        self.expires = expires
        Secrets.register(self.secret)
    }

    /// Wraps a token that is no secret (a simulator's placeholder) without registering it with
    /// `Secrets`, so output that happens to hold its text is not redacted.
    init(notSecret text: String) {
        self.secret = text
        self.expires = nil
    }

    /// Why `text` (already trimmed) cannot be sent as a bearer token, without quoting it: empty,
    /// too short, or holding a character a header value or a token cannot hold (a second line, a
    /// NUL, another control character, a space, a non-ASCII character). `nil` when it can.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "is empty" }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let position = "character \(offset + 1)"
            switch scalar.value {
            case 0x0A, 0x0D:
                return "holds more than one line (a line break at \(position))"
            case 0x00: return "holds a NUL byte at \(position)"
            case 0x01..<0x20, 0x7F: return "holds a control character (U+\(String(format: "%04X", scalar.value))) at \(position)"
            case 0x20: return "holds a space at \(position)"
            case 0x80...: return "holds a non-ASCII character at \(position)"
            default: continue
            }
        }
        if text.utf8.count < Secrets.minimumLength {
            return "is \(text.utf8.count) characters long; a Webex token is much longer"
        }
        return nil
    }

    /// Whether both hold the same secret.
    func isSame(as other: AccessToken) -> Bool { secret == other.secret }

    /// `Bearer <token>`, for the Authorization header only.
    var bearerHeader: String { "Bearer " + secret }

    /// The secret itself, for the places that must send it (token exchange forms).
    var secretText: String { secret }

    /// Whether the token is empty.
    var isEmpty: Bool { secret.isEmpty }


    /// `AccessToken(<redacted>)`.
    public var description: String { "AccessToken(<redacted>)" }
    /// `AccessToken(<redacted>)`.
    public var debugDescription: String { description }
    /// A mirror without the secret.
    public var customMirror: Mirror { Mirror(self, children: ["expires": expires as Any]) }
}
