import Foundation
import JSONValues
import Synchronization
import Testing
import WholesaleAPI
import WholesaleAPITesting

/// An OAuth token endpoint plus one API route that accepts only the newest access token.
final class TokenServer: Sendable {
    private struct State {
        var issued = 0
        var refreshTokensSeen: [String] = []
        var rejectNext401 = false
    }
    private let state = Mutex(State())
    let lifetime: Int

    init(lifetime: Int = 600, rejectFirstUse: Bool = false) {
        self.lifetime = lifetime
        state.withLock { $0.rejectNext401 = rejectFirstUse }
    }

    var refreshTokensSeen: [String] { state.withLock { $0.refreshTokensSeen } }
    var issued: Int { state.withLock { $0.issued } }

    var handler: ScriptedServer.Handler {
        { request in
            self.state.withLock { state in
                if request.path == "/v1/access_token" {
                    let form = Dictionary(QueryEncoding.decode(String(decoding: request.body, as: UTF8.self)).map { ($0.name, $0.value) }) { a, _ in a }
                    guard form["grant_type"] == "refresh_token", form["client_id"] == "client-1", form["client_secret"] == "client-secret-XYZ987" else {
                        return .respond(.json(400, ["message": "bad client"]))
                    }
                    state.refreshTokensSeen.append(form["refresh_token"] ?? "")
                    state.issued += 1
                    return .respond(.json(200, [
                        "access_token": .string("access-\(state.issued)-ABCDEFGH"), "expires_in": .integer(Int64(self.lifetime)),
                        "refresh_token": .string("refresh-\(state.issued)-IJKLMNOP"), "refresh_token_expires_in": 7_776_000,
                    ]))
                }
                if state.rejectNext401 {
                    state.rejectNext401 = false
                    return .respond(.webexError(401, "The request requires a valid access token."))
                }
                guard request.header("Authorization") == "Bearer access-\(state.issued)-ABCDEFGH" else {
                    return .respond(.webexError(401, "stale token"))
                }
                return .respond(.json(200, ["id": "cust-1"]))
            }
        }
    }
}

/// A fresh folder for token files.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "wholesale-tokens-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct TokenTests {
    func refresher(_ server: ScriptedServer, file: String?, clock: any RetryClock, transport: any Transport) -> OAuthRefresher {
        OAuthRefresher(
            configuration: .init(clientId: "client-1", clientSecret: AccessToken("client-secret-XYZ987"), refreshToken: AccessToken("refresh-0-START000"),
                                 refreshTokenFile: file, tokenURL: server.baseURL + "/v1/access_token"),
            transport: transport, clock: clock
        )
    }

    @Test func renewsBeforeExpiryAndKeepsTheRotatedRefreshTokenPrivate() async throws {
        let tokens = TokenServer(lifetime: 600)
        let clock = VirtualClock()
        let folder = try temporaryFolder()
        let file = folder + "/refresh-token"
        let server = try await ScriptedServer.start(tokens.handler)
        let transport = HTTPTransport()
        let provider = refresher(server, file: file, clock: clock, transport: transport)
        let client = WholesaleClient(baseURL: server.baseURL, transport: transport, tokens: provider, clock: clock)

        _ = try await client.getCustomer("cust-1")
        _ = try await client.getCustomer("cust-1")
        #expect(tokens.issued == 1, "a fresh token is reused")
        clock.advance(by: .seconds(400))  // 200 s left, inside the 300 s margin
        _ = try await client.getCustomer("cust-1")
        #expect(tokens.issued == 2)
        #expect(tokens.refreshTokensSeen == ["refresh-0-START000", "refresh-1-IJKLMNOP"])
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "refresh-2-IJKLMNOP\n")
        let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        try await transport.shutdown()
        await server.stop()
    }

    @Test func renewsOnceOnA401() async throws {
        let tokens = TokenServer(lifetime: 3600, rejectFirstUse: true)
        let server = try await ScriptedServer.start(tokens.handler)
        let transport = HTTPTransport()
        let client = WholesaleClient(baseURL: server.baseURL, transport: transport,
                                     tokens: refresher(server, file: nil, clock: SystemRetryClock(), transport: transport))
        _ = try await client.getCustomer("cust-1")
        #expect(tokens.issued == 2)
        #expect(server.requests.filter { $0.path.hasPrefix("/v1/wholesale") }.count == 2)
        try await transport.shutdown()
        await server.stop()
    }

    @Test func aFixedTokenRefusedWithA401IsAnErrorSayingWhatToDo() async throws {
        try await withServer(token: "expired-token-123456", { _ in .respond(.webexError(401, "The request requires a valid access token.")) }) { client, server in
            let error = await #expect(throws: WholesaleError.self) { _ = try await client.getCustomer("cust-1") }
            #expect(server.requests.count == 1)
            #expect(error?.status == 401 && error?.message.contains("renew WEBEX_TOKEN") == true)
        }
    }

    @Test func tokenFilesReadableByOthersAreRefused() throws {
        let folder = try temporaryFolder()
        let path = folder + "/token"
        try "  tok-1234567890\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        let error = #expect(throws: WholesaleError.self) { _ = try TokenFile.read(path) }
        #expect(error?.kind == .usage)
        #expect(error?.message == "token file \(path) can be read by others (mode 644); run: chmod 600 \(path)")
        chmod(path, 0o600)
        #expect(try TokenFile.read(path) == "tok-1234567890")
        #expect(throws: WholesaleError.self) { _ = try TokenFile.read(folder + "/missing") }
    }

    @Test func credentialsComeFromTheFileThenOAuthThenTheEnvironment() throws {
        let folder = try temporaryFolder()
        let path = folder + "/token"
        try "tok-file".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let transport = InProcessTransport { _ in TransportResponse(status: 500) }
        let oauth = ["WEBEX_CLIENT_ID": "c", "WEBEX_CLIENT_SECRET": "secret-0123456789", "WEBEX_REFRESH_TOKEN": "refresh-0123456789", "WEBEX_TOKEN": "token-0123456789"]
        #expect(try Credentials.provider(environment: oauth, tokenFile: path, baseURL: "https://webexapis.com", transport: transport) is StaticTokenProvider)
        #expect(try Credentials.provider(environment: oauth, tokenFile: nil, baseURL: "https://webexapis.com", transport: transport) is OAuthRefresher)
        #expect(try Credentials.provider(environment: ["WEBEX_TOKEN": "token-0123456789"], tokenFile: nil, baseURL: "https://webexapis.com", transport: transport) is StaticTokenProvider)
        let error = #expect(throws: WholesaleError.self) {
            _ = try Credentials.provider(environment: [:], tokenFile: nil, baseURL: "https://webexapis.com", transport: transport)
        }
        #expect(error?.message.contains("set WEBEX_TOKEN") == true)
    }

    @Test func theTokenIsInNoOutputOfAFailingRun() async throws {
        let secret = "SECRET-TOKEN-abcdef-123456"
        let logs = LogCapture()
        // A hostile or buggy server that echoes the Authorization header into its error messages.
        let echo: ScriptedServer.Handler = { request in
            let auth = request.header("Authorization") ?? ""
            switch request.path {
            case "/v1/wholesale/customers/a": return .respond(.webexError(401, "token \(auth) rejected"))
            case "/v1/wholesale/customers/b": return .respond(.webexError(503, "upstream failed for \(auth)"))
            default: return .closeConnection
            }
        }
        var outputs: [String] = []
        try await withServer(token: secret, logger: logs.logger, echo) { client, _ in
            for id in ["a", "b", "c"] {
                do {
                    _ = try await client.getCustomer(id)
                } catch let error as WholesaleError {
                    outputs += [error.description, String(reflecting: error), "\(error.errors)", error.message]
                    var dumped = ""
                    dump(error, to: &dumped)
                    outputs.append(dumped)
                }
            }
            var dumpedClient = ""
            dump(client, to: &dumpedClient)
            outputs.append(dumpedClient)
        }
        outputs.append(logs.text)
        outputs.append(String(describing: AccessToken(secret)) + String(reflecting: AccessToken(secret)))
        #expect(outputs.count == 18)
        #expect(logs.text.contains("trackingId"), "the log is not empty")
        for output in outputs {
            #expect(!output.contains(secret) && !output.contains("abcdef-123456"), "\(output)")
        }
    }
}
