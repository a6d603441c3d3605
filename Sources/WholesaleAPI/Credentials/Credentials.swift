public import Logging

/// Picks the token source from the environment and options, in this order: `--token-file`;
/// an OAuth refresh (`WEBEX_CLIENT_ID`, `WEBEX_CLIENT_SECRET`, and `WEBEX_REFRESH_TOKEN` or a
/// file named by `WEBEX_REFRESH_TOKEN_FILE`); `WEBEX_TOKEN`.
public enum Credentials {
    /// The environment variables that hold secrets (or name a file of one).
    static let secretVariables = ["WEBEX_TOKEN", "WEBEX_CLIENT_SECRET", "WEBEX_REFRESH_TOKEN"]

    /// Whether the environment or `tokenFile` names any credentials at all (a loopback
    /// simulator needs none; credentials that are given are checked even there).
    public static func given(environment: [String: String], tokenFile: String?) -> Bool {
        tokenFile != nil || (secretVariables + ["WEBEX_REFRESH_TOKEN_FILE"]).contains { !(environment[$0] ?? "").isEmpty }
    }

    /// The token provider for `baseURL`, or a usage error saying what to set.
    public static func provider(
        environment: [String: String], tokenFile: String?, baseURL: String, transport: any Transport,
        clock: any RetryClock = SystemRetryClock(), logger: Logger = Logger(label: "wholesale.auth")
    ) throws(WholesaleError) -> any TokenProvider {
        try WholesaleClient.checkBaseURL(baseURL)
        let value = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        // Every secret the environment holds is known to the redaction before anything is checked or sent.
        for name in secretVariables { if let secret = value(name) { Secrets.register(secret.trimmingCharacters(in: .whitespacesAndNewlines)) } }
        /// The secret in variable `name`, refused (never quoted) when it cannot be sent.
        func secret(_ name: String) throws(WholesaleError) -> AccessToken? {
            guard let text = value(name)?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
            if let problem = AccessToken.problem(with: text) {
                throw WholesaleError(kind: .usage, operation: "credentials", message: "\(name) \(problem); set it to the value alone (the value is not shown)")
            }
            return AccessToken(text)
        }
        if let tokenFile {
            return StaticTokenProvider(AccessToken(try TokenFile.read(tokenFile)))
        }

        if let clientId = value("WEBEX_CLIENT_ID"), value("WEBEX_CLIENT_SECRET") != nil,
           value("WEBEX_REFRESH_TOKEN") != nil || value("WEBEX_REFRESH_TOKEN_FILE") != nil {
            let configuration = OAuthRefresher.Configuration(
                clientId: clientId, clientSecret: try secret("WEBEX_CLIENT_SECRET")!,
                refreshToken: try secret("WEBEX_REFRESH_TOKEN"),
                refreshTokenFile: value("WEBEX_REFRESH_TOKEN_FILE"),
                tokenURL: baseURL + "/v1/access_token"
            )
            return OAuthRefresher(configuration: configuration, transport: transport, clock: clock, logger: logger)
        }
        if let token = try secret("WEBEX_TOKEN") {
            return StaticTokenProvider(token)
        }
        throw WholesaleError(
            kind: .usage, operation: "credentials",
            message: "no credentials: set WEBEX_TOKEN, pass --token-file FILE (mode 600), or set WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET and WEBEX_REFRESH_TOKEN"
        )
    }
}
