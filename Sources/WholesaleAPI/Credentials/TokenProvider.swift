/// Where the client gets its bearer token.
public protocol TokenProvider: Sendable {
    /// The current token, renewed first when it is about to expire.
    func token() async throws(WholesaleError) -> AccessToken
    /// Renews the token after the API refused `rejected` (a 401); `false` when this source
    /// cannot renew. A token already renewed by another caller is not renewed again.
    func renew(rejected: AccessToken) async throws(WholesaleError) -> Bool
}

/// A fixed token (`WEBEX_TOKEN`, a token file). It cannot be renewed.
public struct StaticTokenProvider: TokenProvider {
    private let value: AccessToken

    /// A provider that always returns `token`.
    public init(_ token: AccessToken) { self.value = token }

    /// The token.
    public func token() async throws(WholesaleError) -> AccessToken { value }

    /// `false`: a fixed token cannot be renewed.
    public func renew(rejected: AccessToken) async throws(WholesaleError) -> Bool { false }
}
