public import Logging
import Foundation
public import WholesaleValidation

/// The Webex Wholesale API client: the 18 operations over any `Transport`, with bodies validated
/// before they are sent, retries (429/423 with `Retry-After`, 5xx and broken connections for
/// idempotent calls, lookups instead of blind re-sends for POSTs), a request budget shared by all
/// callers, lazy paging and token renewal. Copies share the budget and the token source.
public struct WholesaleClient: Sendable {
    /// The base URL paths are appended to: `https://webexapis.com`, or a loopback simulator.
    public let baseURL: String
    /// The retry rules.
    public let retry: RetryPolicy
    /// The budget shared by every copy of this client.
    public let budget: RequestBudget
    /// The transport requests go through.
    public let transport: any Transport
    let tokens: (any TokenProvider)?
    let clock: any RetryClock
    let logger: Logger
    let validator: WholesaleValidator
    /// Told about every call (the run journal), when set.
    let observer: (any CallObserver)?
    /// How validator warnings about sent bodies are weighed, logged and journaled; shared by copies.
    public let warnings: BodyWarnings

    /// A client for `baseURL` (with or without a trailing `/v1`) over `transport`.
    ///
    /// - Parameters:
    ///   - tokens: where the bearer token comes from; `nil` sends no Authorization header (`PlaceholderTokenProvider` is
    ///     for the simulator, which, like the API, answers 401 without one).
    ///   - budget: share one budget between clients of the same target; a new one by default.
    ///   - observer: told about every call, e.g. to journal it.
    ///   - warnings: how validator warnings are weighed and where they go; a new one (unknown fields allowed) by default.
    public init(
        baseURL: String, transport: any Transport, tokens: (any TokenProvider)?, retry: RetryPolicy = .init(),
        budget: RequestBudget? = nil, clock: any RetryClock = SystemRetryClock(),
        logger: Logger = Logger(label: "wholesale.api"), validator: WholesaleValidator = .init(), observer: (any CallObserver)? = nil,
        warnings: BodyWarnings = BodyWarnings()
    ) {
        self.observer = observer
        self.warnings = warnings
        self.baseURL = Self.normalize(baseURL)
        self.transport = transport
        self.tokens = tokens
        self.retry = retry
        self.budget = budget ?? RequestBudget(clock: clock)
        self.clock = clock
        self.logger = logger
        self.validator = validator
    }

    /// The URL of `operation` on this target, with `query` encoded.
    func url(_ operation: Operation, id: String?, query: [(name: String, value: String)]) -> String {
        let path = baseURL + "/v1" + operation.path(id: id)
        return query.isEmpty ? path : path + "?" + QueryEncoding.encode(query)
    }

    /// Checks that a base URL is safe to send a token to: `https`, or plain `http` only to a
    /// loopback host (a local `wholesale sim serve`).
    public static func checkBaseURL(_ url: String) throws(WholesaleError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw WholesaleError(kind: .usage, operation: "target", message: "\"\(url)\" is not a URL like https://webexapis.com or http://127.0.0.1:8080")
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        let ipv4Loopback = octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
        let loopback = host == "localhost" || ipv4Loopback || host == "::1" || host == "[::1]"
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw WholesaleError(kind: .usage, operation: "target", message: "\(url): use https (plain http is allowed only to a loopback address, where a simulator listens)")
        }
    }

    private static func normalize(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasSuffix("/v1") { url.removeLast(3) }
        return url
    }
}
