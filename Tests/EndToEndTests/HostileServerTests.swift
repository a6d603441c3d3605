import Foundation
import Testing
import WholesaleAPI
import WholesaleAPITesting

/// The built binary against hostile servers and broken credentials: no secret reaches any sink
/// (stdout, stderr, the journal's bytes, the report, the notification body), a page or answer
/// that cannot be read is an error and never a short result, and every bound holds.
@Suite struct HostileServerTests {
    /// Every byte a run left: its output, the journal and its log, the report and what the
    /// notification endpoint received.
    static func sinks(_ result: BinaryRunner.Result, _ scratch: Scratch, notified: ScriptedServer? = nil) -> Data {
        var everything = Data(result.stdout.utf8) + Data(result.stderr.utf8)
        for file in [scratch.journal, scratch.journal + "-wal", scratch.report] {
            if let data = FileManager.default.contents(atPath: file) { everything.append(data) }
        }
        for request in notified?.requests ?? [] { everything.append(Data(request.body)) }
        return everything
    }

    /// `report` with tracking ids replaced by `ID`, to compare whole lines.
    static func withoutTrackingIds(_ report: String) -> String {
        report.replacing(/WHOLESALE_[0-9a-f-]+/, with: "ID")
    }

    static func holds(_ data: Data, _ secret: String) -> Bool {
        data.range(of: Data(secret.utf8)) != nil
    }

    static func tokenFile(_ content: [UInt8], in scratch: Scratch) throws -> String {
        let path = scratch.path + "/token"
        FileManager.default.createFile(atPath: path, contents: Data(content), attributes: [.posixPermissions: 0o600])
        return path
    }

    /// A playbook that lists, gets, and fails with the error it got (so it reaches the report,
    /// the journal's run message and the notification).
    static let echoPlaybook = """
        local n = 0
        for _ in wholesale.customers.list() do n = n + 1 end
        local ok, err = pcall(wholesale.customers.get, "missing")
        print(tostring(err), err.trackingId, err.message)
        wholesale.log.warn("got", { trackingId = err.trackingId, message = err.message })
        error(err)
        """

    // MARK: credentials that cannot be a header value

    @Test(arguments: [
        ("a second line", Array("abcdefgh-secret-0001\nsecond-line".utf8),
         "token file TOKEN holds more than one line (a line break at character 21); write the token alone into it, on one line (the value is not shown)"),
        ("a NUL", Array("abcdefgh-secret-0002".utf8) + [0] + Array("tail".utf8),
         "token file TOKEN holds a NUL byte at character 21; write the token alone into it, on one line (the value is not shown)"),
        ("a control character", Array("abcdefgh-secret-0003".utf8) + [0x1B] + Array("[31m".utf8),
         "token file TOKEN holds a control character (U+001B) at character 21; write the token alone into it, on one line (the value is not shown)"),
    ])
    func aTokenFileThatIsNoHeaderValueIsACredentialsErrorNamingTheFile(_ what: String, _ content: [UInt8], _ expected: String) async throws {
        let scratch = try Scratch()
        let server = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 200, body: Array(#"{"items":[]}"#.utf8))) }
        let file = try Self.tokenFile(content, in: scratch)
        let folder = try BinaryRunner.playbook("print('never')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--token-file", file, "--journal", scratch.journal,
             "--report", scratch.report],
            in: folder)
        #expect(result.exitCode == 2, "\(what): \(result.stderr)")
        #expect(result.report == "wholesale: credentials: " + expected.replacingOccurrences(of: "TOKEN", with: file) + "\n", "\(what)")
        #expect(server.requests.isEmpty, "nothing is sent with a token that is not one")
        let secretPart = String(decoding: content.prefix(20), as: UTF8.self)
        #expect(!Self.holds(Self.sinks(result, scratch), secretPart), "\(what): the token's text reached an output")
        await server.stop()
    }

    @Test func aTokenVariableWithALineBreakIsRefusedWithoutQuotingIt() async throws {
        let scratch = try Scratch()
        let server = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 200, body: Array(#"{"items":[]}"#.utf8))) }
        let secret = "abcdefgh-secret-\(UUID().uuidString)"
        let folder = try BinaryRunner.playbook("print('never')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--journal", scratch.journal], in: folder,
            environment: ["WEBEX_TOKEN": secret + "\r\nX-Injected: 1"])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.report == "wholesale: credentials: WEBEX_TOKEN holds more than one line (a line break at character 53); set it to the value alone (the value is not shown)\n")
        #expect(server.requests.isEmpty)
        #expect(!Self.holds(Self.sinks(result, scratch), secret))
        await server.stop()
    }

    @Test func aTokenFileThatIsAFolderSaysSo() async throws {
        let scratch = try Scratch()
        let folder = try BinaryRunner.playbook("print('never')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", "https://webexapis.invalid", "--token-file", scratch.path, "--journal", scratch.journal],
            in: folder)
        #expect(result.exitCode == 2)
        #expect(result.report == "wholesale: credentials: token file \(scratch.path) is a directory; name the file that holds the token\n")
    }

    @Test func aTokenEndpointAnsweringWithALineBreakIsExit75WithoutARetryOrTheValue() async throws {
        let scratch = try Scratch()
        let issued = "issued-access-\(UUID().uuidString)"
        let server = try await ScriptedServer.start { request in
            guard request.path == "/v1/access_token" else { return .respond(TransportResponse(status: 200, body: Array(#"{"items":[]}"#.utf8))) }
            return .respond(TransportResponse(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Array(#"{"access_token":"\#(issued)\r\nX-Injected: 1","expires_in":3600}"#.utf8)))
        }
        let (clientSecret, refresh) = ("client-secret-\(UUID().uuidString)", "refresh-\(UUID().uuidString)")
        let folder = try BinaryRunner.playbook("print('never')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--journal", scratch.journal, "--report", scratch.report], in: folder,
            environment: ["WEBEX_CLIENT_ID": "client", "WEBEX_CLIENT_SECRET": clientSecret, "WEBEX_REFRESH_TOKEN": refresh, "WEBEX_TOKEN": ""])
        #expect(result.exitCode == 75, "\(result.stderr)")
        #expect(result.report == """
            wholesale: auth.refresh: HTTP 200 Unexpected Status: the token endpoint \(server.baseURL)/v1/access_token answered with an access \
            token that holds more than one line (a line break at character \(issued.count + 1)); it was not used (a proxy may be rewriting the \
            answer; try again later)

            """)
        #expect(server.requests.map(\.path) == ["/v1/access_token"], "exchanged once, and nothing sent with the value")
        let sinks = Self.sinks(result, scratch)
        for secret in [issued, clientSecret, refresh] { #expect(!Self.holds(sinks, secret)) }
        await server.stop()
    }

    // MARK: secrets echoed by a server

    @Test func aBearerTokenEchoedInTrackingIdsAndMessagesReachesNoSink() async throws {
        let scratch = try Scratch()
        let secret = "bearer-\(UUID().uuidString)"
        let server = try await ScriptedServer.start { request in
            let echoed = String((request.header("Authorization") ?? "").dropFirst("Bearer ".count))
            let headers = [("trackingid", echoed), ("Content-Type", "application/json")]
            if request.path.hasSuffix("/missing") {
                return .respond(TransportResponse(
                    status: 404, headers: headers,
                    body: Array(#"{"message":"no customer for \#(echoed)","errors":[{"description":"token \#(echoed)"}],"trackingId":"\#(echoed)"}"#.utf8)))
            }
            return .respond(TransportResponse(status: 200, headers: headers, body: Array(#"{"items":[{"id":"c1","externalId":"e1"}]}"#.utf8)))
        }
        let notified = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 200)) }
        let folder = try BinaryRunner.playbook(Self.echoPlaybook)
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--journal", scratch.journal, "--report", scratch.report,
             "--notify", notified.baseURL + "/hook", "--log-level", "debug", "--log-format", "json"],
            in: folder, environment: ["WEBEX_TOKEN": secret])
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer " + secret }, "the token goes on the wire")
        #expect(result.stdout.contains("<redacted>"), "\(result.stdout)")
        #expect(notified.requests.count == 1)
        #expect(!Self.holds(Self.sinks(result, scratch, notified: notified), secret), "the echoed token reached an output")
        await server.stop()
        await notified.stop()
    }

    @Test func aClientSecretEchoedByTheTokenEndpointReachesNoSink() async throws {
        let scratch = try Scratch()
        let (clientSecret, refresh) = ("client-secret-\(UUID().uuidString)", "refresh-\(UUID().uuidString)")
        let server = try await ScriptedServer.start { request in
            let form = QueryEncoding.decode(String(decoding: request.body, as: UTF8.self))
            let echoed = form.first { $0.name == "client_secret" }?.value ?? ""
            let refreshEchoed = form.first { $0.name == "refresh_token" }?.value ?? ""
            return .respond(TransportResponse(
                status: 400, headers: [("trackingid", echoed)],
                body: Array(#"{"message":"bad client \#(echoed) with \#(refreshEchoed)"}"#.utf8)))
        }
        let notified = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 200)) }
        let folder = try BinaryRunner.playbook("print('never')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--journal", scratch.journal, "--report", scratch.report,
             "--notify", notified.baseURL],
            in: folder,
            environment: ["WEBEX_CLIENT_ID": "client", "WEBEX_CLIENT_SECRET": clientSecret, "WEBEX_REFRESH_TOKEN": refresh, "WEBEX_TOKEN": ""])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.report.contains("bad client <redacted> with <redacted>"), "\(result.report)")
        let sinks = Self.sinks(result, scratch, notified: notified)
        #expect(!Self.holds(sinks, clientSecret) && !Self.holds(sinks, refresh))
        await server.stop()
        await notified.stop()
    }

    // MARK: answers that cannot be read

    static let brokenPages: [(String, [UInt8])] = [
        ("truncated", Array(#"{"items":[{"id":"c3","externalId":"e3"},{"id":"c4""#.utf8)),
        ("invalid UTF-8", Array(#"{"items":[{"id":"c3","externalId":""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8)),
        ("a lone surrogate", Array(#"{"items":[{"id":"c3","externalId":"\ud800"}]}"#.utf8)),
        ("nesting over the limit", Array(#"{"items":[{"id":"c3","x":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: 5000)
            + Array(repeating: UInt8(ascii: "]"), count: 5000) + Array("}]}".utf8)),
        ("no items", Array(#"{"customers":[]}"#.utf8)),
    ]

    /// Page 1 is whole and links to page 2, which is `broken`.
    static func pagingServer(_ broken: [UInt8]) async throws -> ScriptedServer {
        try await ScriptedServer.start { request in
            if request.query("offset") == "2" {
                return .respond(TransportResponse(status: 200, headers: [("Content-Type", "application/json")], body: broken))
            }
            return .respond(TransportResponse(
                status: 200, headers: [("Link", "</v1/wholesale/customers?offset=2&max=2>; rel=\"next\"")],
                body: Array(#"{"items":[{"id":"c1","externalId":"e1"},{"id":"c2","externalId":"e2"}]}"#.utf8)))
        }
    }

    @Test(arguments: brokenPages.map(\.0))
    func aPageThatCannotBeReadFailsTheListLoudly(_ what: String) async throws {
        let broken = try #require(Self.brokenPages.first { $0.0 == what }?.1)
        let scratch = try Scratch()
        let server = try await Self.pagingServer(broken)
        let folder = try BinaryRunner.playbook("""
            local n = 0
            for _ in wholesale.customers.list{ max = 2 } do n = n + 1 end
            print("all clean: " .. n)
            """)
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--journal", scratch.journal], in: folder,
            environment: ["WEBEX_TOKEN": "token-\(UUID().uuidString)"])
        #expect(result.exitCode == 75, "\(what): \(result.stderr)")
        #expect(!result.stdout.contains("all clean"), "\(what)")
        #expect(result.report.contains("customers.list: HTTP 200 Unexpected Status: "), "\(what): \(result.report)")
        #expect(server.requests.count == 2, "\(what): page 2 is asked for once (\(server.requests.count))")
        let history = try await BinaryRunner.run(["history", "--journal", scratch.journal, "--json"])
        let runs = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(runs.first?["exitCode"] as? Int == 75, "\(history.stdout)")
        #expect(runs.first?["failures"] as? Int == 1, "\(what): the journal records the failed page: \(history.stdout)")
        await server.stop()
    }

    @Test func findOverAnUnreadablePageIsAnErrorNotNil() async throws {
        let server = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 200, body: Array(#"{"items":[{"#.utf8))) }
        let folder = try BinaryRunner.playbook("""
            local ok, err = pcall(wholesale.customers.find, { externalId = "e9" })
            print(ok, err.kind, err.status, err.message)
            """)
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL], in: folder, environment: ["WEBEX_TOKEN": "token-\(UUID().uuidString)"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("false\thttp\t200\tthe response body is not valid JSON ("), "\(result.stdout)")
        await server.stop()
    }

    @Test func aCreateWhoseAnswerNamesNoCustomerIsJournaledUnknown() async throws {
        let scratch = try Scratch()
        let server = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 202)) }
        let folder = try BinaryRunner.playbook("""
            wholesale.customers.provision{
              provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk", externalId = "lost-1", packages = { "webex_meetings" },
              address = { addressLine1 = "1 Main St", city = "Springfield", country = "US" },
              customerInfo = { name = "Lost", primaryEmail = "admin@lost.example.com" },
            }
            """)
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--journal", scratch.journal, "--report", scratch.report], in: folder,
            environment: ["WEBEX_TOKEN": "token-\(UUID().uuidString)"])
        #expect(result.exitCode == 75, "\(result.stderr)")
        let report = try String(contentsOfFile: scratch.report, encoding: .utf8)
        #expect(report.contains("customers.provision") && report.contains(",unknown,"), "\(report)")
        await server.stop()
    }

    // MARK: bounds

    @Test func aBodyThatTricklesIsBoundByTheRequestTimeout() async throws {
        let server = try await ScriptedServer.start { _ in
            .stream(head: TransportResponse(status: 200), length: 1 << 20, chunk: Array(repeating: UInt8(ascii: " "), count: 64), pause: .milliseconds(500))
        }
        let folder = try BinaryRunner.playbook("wholesale.customers.get('c1')")
        // 8 s, not less: this server shares the test process's threads with the whole suite, and
        // on a loaded machine its first bytes (the head) have come more than 3 s late.
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--request-timeout", "8"], in: folder, limit: 60,
            environment: ["WEBEX_TOKEN": "token-\(UUID().uuidString)"])
        #expect(result.exitCode == 75, "\(result.stderr)")
        #expect(Self.withoutTrackingIds(result.report) == """
            wholesale: playbook failed: playbook.lua:1: customers.get: the whole response did not arrive in time (it came too slowly) \
            (trackingId ID) (a temporary failure: try again later)
            stack traceback:
            \t[C]: in field 'get'
            \tplaybook.lua:1: in main chunk

            """)
        await server.stop()
    }

    @Test func anOversizedBodyIsReadOnceAndSaidInWords() async throws {
        let server = try await ScriptedServer.start { _ in
            .stream(head: TransportResponse(status: 200), length: 65 << 20, chunk: Array(repeating: UInt8(ascii: " "), count: 1 << 20), pause: .zero)
        }
        let folder = try BinaryRunner.playbook("wholesale.customers.get('c1')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL], in: folder, limit: 60,
            environment: ["WEBEX_TOKEN": "token-\(UUID().uuidString)"])
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(Self.withoutTrackingIds(result.report) == """
            wholesale: playbook failed: playbook.lua:1: customers.get: HTTP 200 Unexpected Status: the response body is larger than 64 MiB, \
            the most this client reads; not read, and not sent again (trackingId ID)
            stack traceback:
            \t[C]: in field 'get'
            \tplaybook.lua:1: in main chunk

            """)
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func anOversizedHeaderIsReadOnceAndSaidInWords() async throws {
        let server = try await ScriptedServer.start { _ in
            .respond(TransportResponse(status: 200, headers: [("X-Padding", String(repeating: "a", count: 8 << 20))], body: Array("{}".utf8)))
        }
        let folder = try BinaryRunner.playbook("wholesale.customers.get('c1')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL], in: folder, limit: 60,
            environment: ["WEBEX_TOKEN": "token-\(UUID().uuidString)"])
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(Self.withoutTrackingIds(result.report) == """
            wholesale: playbook failed: playbook.lua:1: customers.get: the response headers are larger than the client accepts; \
            not read, and not sent again (trackingId ID)
            stack traceback:
            \t[C]: in field 'get'
            \tplaybook.lua:1: in main chunk

            """)
        #expect(server.requests.count == 1)
        await server.stop()
    }

    @Test func aRelativeNextLinkIsFollowed() async throws {
        let server = try await ScriptedServer.start { request in
            if request.query("offset") == "2" {
                return .respond(TransportResponse(status: 200, body: Array(#"{"items":[{"id":"c3","externalId":"e3"}]}"#.utf8)))
            }
            return .respond(TransportResponse(
                status: 200, headers: [("Link", "</v1/wholesale/customers?offset=2&max=2>; rel=\"next\"")],
                body: Array(#"{"items":[{"id":"c1","externalId":"e1"},{"id":"c2","externalId":"e2"}]}"#.utf8)))
        }
        let folder = try BinaryRunner.playbook("local n = 0 for _ in wholesale.customers.list{ max = 2 } do n = n + 1 end print(n)")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL], in: folder, environment: ["WEBEX_TOKEN": "token-\(UUID().uuidString)"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "3\n")
        await server.stop()
    }

    @Test func a401AfterARefreshDoesNotAskToRenewWEBEX_TOKEN() async throws {
        let server = try await ScriptedServer.start { request in
            if request.path == "/v1/access_token" {
                return .respond(TransportResponse(status: 200, body: Array(#"{"access_token":"access-\#(UUID().uuidString)","expires_in":3600}"#.utf8)))
            }
            return .respond(TransportResponse(status: 401, body: Array(#"{"message":"The request requires a valid access token set in the Authorization request header."}"#.utf8)))
        }
        let folder = try BinaryRunner.playbook("wholesale.customers.get('c1')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL], in: folder,
            environment: ["WEBEX_CLIENT_ID": "client", "WEBEX_CLIENT_SECRET": "client-secret-\(UUID())", "WEBEX_REFRESH_TOKEN": "refresh-\(UUID())",
                          "WEBEX_TOKEN": ""])
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(Self.withoutTrackingIds(result.report).hasPrefix("""
            wholesale: playbook failed: playbook.lua:1: customers.get: HTTP 401 Unauthorized: The request requires a valid access token set \
            in the Authorization request header.; the token was refused although it was just exchanged: check the integration's scopes \
            and that its user is a partner administrator (2 attempts, trackingId ID)
            """), "\(result.report)")
        #expect(server.requests.map(\.path) == ["/v1/access_token", "/v1/wholesale/customers/c1", "/v1/access_token", "/v1/wholesale/customers/c1"])
        await server.stop()
    }

    @Test func largeArgumentsAreNotCopiedIntoTheJournal() async throws {
        let scratch = try Scratch()
        let vars = scratch.path + "/vars.json"
        let big = String(repeating: "x", count: 1 << 20)
        try #"{"rows":"\#(big)"}"#.write(toFile: vars, atomically: true, encoding: .utf8)
        let folder = try BinaryRunner.playbook("print(#wholesale.args.rows)")
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--vars", vars, "--journal", scratch.journal], in: folder)
        #expect(result.stdout == "1048576\n", "\(result.stderr)")
        let show = try await BinaryRunner.run(["history", "--journal", scratch.journal, "--json"])
        #expect(show.exitCode == 0)
        let journal = try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) + ((try? Data(contentsOf: URL(fileURLWithPath: scratch.journal + "-wal"))) ?? Data())
        #expect(journal.count < 1 << 20, "the journal holds \(journal.count) bytes")
        #expect(journal.range(of: Data("1048587 bytes of arguments; the journal keeps up to 64 KiB".utf8)) != nil)
    }

    // MARK: the journal on read-only media

    @Test func historyAndShowReadAJournalTheReaderCannotWrite() async throws {
        let scratch = try Scratch()
        let folder = try BinaryRunner.playbook("print('hi')")
        let run = try await BinaryRunner.run(["run", "playbook.lua", "--journal", scratch.journal], in: folder)
        #expect(run.exitCode == 0)
        // A backup in a folder the reader may not write.
        let backup = scratch.path + "/backup"
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: scratch.journal, toPath: backup + "/journal.sqlite")
        if FileManager.default.fileExists(atPath: scratch.journal + "-wal") {
            try FileManager.default.copyItem(atPath: scratch.journal + "-wal", toPath: backup + "/journal.sqlite-wal")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: backup + "/journal.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: backup)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.path)
        // As another user when the tests run as root (root may write anywhere).
        let asNobody = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        let reader = (asNobody ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []) + [BinaryRunner.binary]
        let history = try await Self.runTool(reader + ["history", "--journal", backup + "/journal.sqlite", "--json"])
        #expect(history.status == 0, "\(history.output)")
        let runs = try JSONSerialization.jsonObject(with: Data(history.output.utf8)) as? [[String: Any]] ?? []
        let id = try #require(runs.first?["id"] as? String, "\(history.output)")
        let show = try await Self.runTool(reader + ["show", String(id.prefix(8)), "--journal", backup + "/journal.sqlite"])
        #expect(show.status == 0, "\(show.output)")
        #expect(show.output.contains(id), "\(show.output)")
        let wildcard = try await Self.runTool([BinaryRunner.binary, "show", "%", "--journal", scratch.journal])
        #expect(wildcard.status != 0, "`%` is not a wildcard: \(wildcard.output)")
    }

    /// Runs a tool to its end (no journal of its own: a reading command), stdout and stderr
    /// together, waiting on a thread of its own (not one of the few the async tests share).
    static func runTool(_ argv: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let handle = pipe.fileHandleForReading
        let data = await withCheckedContinuation { (continuation: CheckedContinuation<Data, Never>) in
            Thread.detachNewThread {
                let data = handle.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// The journal's shape is versioned: a journal written by the release before migrations opens,
/// keeps its runs, and records the binary's version from then on.
@Suite struct JournalMigrationTests {
    @Test func aJournalOfTheLastReleaseOpensAndGainsVersions() async throws {
        let scratch = try Scratch()
        try FileManager.default.copyItem(atPath: BinaryRunner.fixtures + "/journals/release-0.1.sqlite", toPath: scratch.journal)
        // Read-only first: a private, migrated copy is read; the file itself is not changed.
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let old = try await BinaryRunner.run(["history", "--journal", scratch.journal, "--json"])
        #expect(old.exitCode == 0, "\(old.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before, "history does not migrate the file")
        let oldRuns = try JSONSerialization.jsonObject(with: Data(old.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(oldRuns.map { $0["id"] as? String } == ["0a1b2c3d-0000-4000-8000-000000000001"])
        #expect(oldRuns.first?["version"] == nil)
        #expect(oldRuns.first?["changes"] as? Int == 1)
        // A run migrates it and records its version beside the old run.
        let folder = try BinaryRunner.playbook("print('hi')")
        let run = try await BinaryRunner.run(["run", "playbook.lua", "--journal", scratch.journal], in: folder)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let now = try await BinaryRunner.run(["history", "--journal", scratch.journal, "--json"])
        let runs = try JSONSerialization.jsonObject(with: Data(now.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(runs.count == 2)
        let version = try await BinaryRunner.run(["--version"])
        #expect(version.stdout.hasPrefix("wholesale \(runs.first?["version"] as? String ?? "?"), Lua 5.4"), "\(version.stdout) \(runs)")
        #expect(runs.last?["id"] as? String == "0a1b2c3d-0000-4000-8000-000000000001")
    }

    @Test func theBuildVersionIsTheVERSIONFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../VERSION").standardizedFileURL
        let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let version = try #require(try? String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/WholesaleAPI/BuildVersion.swift").standardizedFileURL, encoding: .utf8))
        #expect(version.contains("public static let current = \"\(text)\""), "Sources/WholesaleAPI/BuildVersion.swift must say \(text)")
    }
}
