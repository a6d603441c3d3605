public import JSONValues
import Synchronization

/// Every secret this process holds (access tokens, refresh tokens, client secrets, the
/// credentials of notification URLs) and the one function that takes them out of text.
///
/// A secret is known from the moment it is wrapped (`AccessToken` registers itself), so text a
/// server sends back (an echoed header in a message or a `trackingid`, a transport error that
/// quotes a header value) and text written by any sink (stdout, stderr, the journal, reports,
/// notification bodies) can be cleaned in one place: `Secrets.redact`.
public enum Secrets {
    /// What replaces a secret.
    public static let mask = "<redacted>"

    /// Shorter values are not taken for secrets (they would blank ordinary words); credentials
    /// shorter than this are refused where they are read (`Credentials`, `TokenFile`).
    public static let minimumLength = 8

    private static let known = Mutex<[String]>([])

    /// Remembers `secret` (from now on `redact` removes it). Values shorter than
    /// `minimumLength` are ignored.
    public static func register(_ secret: String) {
        guard secret.utf8.count >= minimumLength else { return }
        known.withLock { secrets in
            guard !secrets.contains(secret) else { return }
            secrets.append(secret)
            // Longest first, so a secret that contains another is replaced whole.
            secrets.sort { $0.utf8.count > $1.utf8.count }
        }
    }

    /// `text` with every known secret replaced by `mask`.
    public static func redact(_ text: String) -> String {
        let secrets = known.withLock { $0 }
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: mask)
        }
        return result
    }

    /// `text` redacted, or `nil`.
    public static func redact(_ text: String?) -> String? {
        text.map { redact($0) }
    }

    /// `value` with every known secret replaced in each of its strings (keys included).
    public static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(redact(s))
        case .array(let a): return .array(a.map { redact($0) })
        case .object(let o): return .object(Dictionary(o.map { (redact($0.key), redact($0.value)) }, uniquingKeysWith: { a, _ in a }))
        default: return value
        }
    }

    /// Whether `text` holds a known secret.
    public static func occurs(in text: String) -> Bool {
        known.withLock { $0 }.contains { text.contains($0) }
    }
}
