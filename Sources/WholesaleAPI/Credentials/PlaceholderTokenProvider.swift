/// The bearer token sent where no credentials are needed or given: the embedded simulator, and
/// a loopback target (a `wholesale sim serve`) when no credentials are set. The simulator, like
/// the API, refuses a request without a token (401) but checks none. The placeholder is no
/// secret, so it is not registered for redaction.
public struct PlaceholderTokenProvider: TokenProvider {
    /// The placeholder's text.
    public static let text = "wholesale-simulator-placeholder"

    /// The provider of the placeholder.
    public init() {}

    /// The placeholder.
    public func token() async throws(WholesaleError) -> AccessToken { AccessToken(notSecret: Self.text) }

    /// `false`: a placeholder cannot be renewed.
    public func renew(rejected: AccessToken) async throws(WholesaleError) -> Bool { false }
}
