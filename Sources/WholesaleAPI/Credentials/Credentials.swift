public import Logging

/// Picks the token source from the environment and options, in this order: `--token-file`;
/// an OAuth refresh (`WEBEX_CLIENT_ID`, `WEBEX_CLIENT_SECRET`, and `WEBEX_REFRESH_TOKEN` or a
/// file named by `WEBEX_REFRESH_TOKEN_FILE`); `WEBEX_TOKEN`.
public enum Credentials {
    /// The token provider for `baseURL`, or a usage error saying what to set.
    public static func provider(
        environment: [String: String], tokenFile: String?, baseURL: String, transport: any Transport,
        clock: any RetryClock = SystemRetryClock(), logger: Logger = Logger(label: "wholesale.auth")
    ) throws(WholesaleError) -> any TokenProvider {
        try WholesaleClient.checkBaseURL(baseURL)
        if let tokenFile {
            return StaticTokenProvider(AccessToken(try TokenFile.read(tokenFile)))
        }
        let value = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let clientId = value("WEBEX_CLIENT_ID"), let secret = value("WEBEX_CLIENT_SECRET"),
           value("WEBEX_REFRESH_TOKEN") != nil || value("WEBEX_REFRESH_TOKEN_FILE") != nil {
            let configuration = OAuthRefresher.Configuration(
                clientId: clientId, clientSecret: AccessToken(secret),
                refreshToken: value("WEBEX_REFRESH_TOKEN").map { AccessToken($0) },
                refreshTokenFile: value("WEBEX_REFRESH_TOKEN_FILE"),
                tokenURL: baseURL + "/v1/access_token"
            )
            return OAuthRefresher(configuration: configuration, transport: transport, clock: clock, logger: logger)
        }
        if let token = value("WEBEX_TOKEN") {
            return StaticTokenProvider(AccessToken(token))
        }
        throw WholesaleError(
            kind: .usage, operation: "credentials",
            message: "no credentials: set WEBEX_TOKEN, pass --token-file FILE (mode 600), or set WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET and WEBEX_REFRESH_TOKEN"
        )
    }
}
