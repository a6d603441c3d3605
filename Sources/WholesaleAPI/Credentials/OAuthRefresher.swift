public import Foundation
import JSONValues
public import Logging

/// An access token kept fresh from an OAuth refresh token (`POST /v1/access_token`,
/// `grant_type=refresh_token`): exchanged on first use, renewed `margin` before it expires and
/// once more when the API answers 401. When Webex rotates the refresh token, the new one is
/// written at mode 0600 to `refreshTokenFile` (when given) so the next run starts from it.
/// Concurrent callers share one exchange.
public actor OAuthRefresher: TokenProvider {
    /// The OAuth client and where the refresh token lives.
    public struct Configuration: Sendable {
        /// The integration's client id.
        public var clientId: String
        /// The integration's client secret.
        public var clientSecret: AccessToken
        /// The refresh token to start from (a file's content wins when `refreshTokenFile` exists).
        public var refreshToken: AccessToken?
        /// Where a rotated refresh token is kept.
        public var refreshTokenFile: String?
        /// The token endpoint: the target's base URL + `/v1/access_token`.
        public var tokenURL: String
        /// How long before expiry a token is renewed.
        public var margin: Duration = .seconds(300)

        /// Creates a configuration.
        public init(clientId: String, clientSecret: AccessToken, refreshToken: AccessToken?, refreshTokenFile: String?, tokenURL: String) {
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.refreshToken = refreshToken
            self.refreshTokenFile = refreshTokenFile
            self.tokenURL = tokenURL
        }
    }

    private let configuration: Configuration
    private let transport: any Transport
    private let clock: any RetryClock
    private var current: AccessToken?
    private var refreshToken: AccessToken?
    /// When the refresh token in use expires: as the last exchange said (`refresh_token_expires_in`),
    /// else 90 days after its file was last written; `nil` when neither is known.
    public private(set) var refreshTokenExpires: Date?
    private var exchange: Task<AccessToken, any Error>?
    private var readFile = false
    private let logger: Logger
    /// How many exchanges ran (for tests and logs).
    public private(set) var exchanges = 0

    /// A refresher that exchanges through `transport`; `logger` hears of a rotated refresh token
    /// that could not be saved (never the token itself).
    public init(configuration: Configuration, transport: any Transport, clock: any RetryClock = SystemRetryClock(),
                logger: Logger = Logger(label: "wholesale.auth")) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.refreshToken = configuration.refreshToken
    }

    /// The current access token, exchanged first when there is none or it expires within the
    /// margin; while an exchange runs, callers wait for its result.
    public func token() async throws(WholesaleError) -> AccessToken {
        if exchange == nil, let current, !expiresSoon(current) { return current }
        return try await renewNow()
    }

    /// Exchanges the refresh token for a new access token after the API refused `rejected`,
    /// unless another caller already replaced it.
    public func renew(rejected: AccessToken) async throws(WholesaleError) -> Bool {
        if let current, !current.isSame(as: rejected) { return true }
        _ = try await renewNow()
        return true
    }

    private func expiresSoon(_ token: AccessToken) -> Bool {
        guard let expires = token.expires else { return false }
        let margin = Double(configuration.margin.components.seconds)
        return expires.timeIntervalSince(clock.date()) <= margin
    }

    private func renewNow() async throws(WholesaleError) -> AccessToken {
        if let exchange {
            do { return try await exchange.value } catch { throw Self.wrap(error) }
        }
        let task = Task { try await self.performExchange() }
        exchange = task
        defer { exchange = nil }
        do {
            let token = try await task.value
            current = token
            return token
        } catch {
            throw Self.wrap(error)
        }
    }

    private func performExchange() async throws(WholesaleError) -> AccessToken {
        let operation = "auth.refresh"
        // The file holds the newest refresh token when an earlier run rotated it; read it once.
        if !readFile, let file = configuration.refreshTokenFile, FileManager.default.fileExists(atPath: file) {
            refreshToken = AccessToken(try TokenFile.read(file, operation: operation))
        }
        readFile = true
        guard let refreshToken, !refreshToken.isEmpty else {
            throw WholesaleError(kind: .usage, operation: operation, message: "no refresh token: set WEBEX_REFRESH_TOKEN")
        }
        exchanges += 1
        let form = QueryEncoding.encode([
            ("grant_type", "refresh_token"), ("client_id", configuration.clientId),
            ("client_secret", configuration.clientSecret.secretText), ("refresh_token", refreshToken.secretText),
        ])
        let request = TransportRequest(
            method: .POST, url: configuration.tokenURL,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(form.utf8)
        )
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw WholesaleError(kind: .network, operation: operation, message: "token endpoint unreachable: \(error.reason)", retryable: true, attempts: 1)
        }
        guard response.status == 200, let body = try? JSONValue(json: response.body),
              let access = body["access_token"]?.stringValue, !access.isEmpty
        else {
            let error = WebexErrorBody(response.body)
            let detail = error.message.map { Secrets.redact($0) } ?? "no access_token in the answer"
            throw WholesaleError(
                kind: .http, operation: operation,
                message: "the refresh token was refused: \(detail); create a new one in the integration's settings and set WEBEX_REFRESH_TOKEN",
                status: response.status, codes: error.codes, trackingId: Secrets.redact(error.trackingId ?? response.header("trackingid")),
                attempts: 1
            )
        }
        // The value is a secret even when it is unusable: never quoted, and never sent.
        let issued = AccessToken(access)
        if let problem = AccessToken.problem(with: issued.secretText) {
            throw WholesaleError(
                kind: .http, operation: operation,
                message: "the token endpoint \(Self.shown(configuration.tokenURL)) answered with an access token that \(problem); it was not used (a proxy may be rewriting the answer; try again later)",
                status: response.status, trackingId: Secrets.redact(response.header("trackingid")), retryable: true, attempts: 1)
        }
        let lifetime = body["expires_in"]?.doubleValue ?? 14 * 24 * 3600
        if let rotated = body["refresh_token"]?.stringValue, !rotated.isEmpty, rotated != refreshToken.secretText {
            self.refreshToken = AccessToken(rotated)
            if let problem = AccessToken.problem(with: rotated) {
                throw WholesaleError(
                    kind: .http, operation: operation,
                    message: "the token endpoint answered with a new refresh token that \(problem); it was not kept (try again later)",
                    status: response.status, retryable: true, attempts: 1)
            }
            if let file = configuration.refreshTokenFile {
                do { try TokenFile.write(rotated, to: file, operation: operation) } catch {
                    logger.warning("the rotated refresh token could not be saved; the next run will start from the old one",
                                   metadata: ["file": "\(file)", "reason": "\(error.message)"])
                }
            } else {
                logger.notice("Webex rotated the refresh token; set WEBEX_REFRESH_TOKEN_FILE to keep it for the next run")
            }
        }
        // After a rotation the file is new, so its date dates the token in use.
        if let seconds = body["refresh_token_expires_in"]?.doubleValue {
            refreshTokenExpires = clock.date().addingTimeInterval(seconds)
        } else if let file = configuration.refreshTokenFile,
                  let written = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date {
            refreshTokenExpires = written.addingTimeInterval(Self.refreshTokenLifetime)
        }
        return AccessToken(issued.secretText, expires: clock.date().addingTimeInterval(lifetime))
    }

    /// Scheme, host and path of `url`, never its credentials or query.
    static func shown(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "(the token URL)" }
        return (components.scheme ?? "https") + "://" + host + (components.port.map { ":\($0)" } ?? "") + components.path
    }

    /// How long Webex refresh tokens last: 90 days.
    public static let refreshTokenLifetime: TimeInterval = 90 * 24 * 3600

    private static func wrap(_ error: any Error) -> WholesaleError {
        error as? WholesaleError ?? WholesaleError(kind: .network, operation: "auth.refresh", message: "token exchange failed")
    }
}
