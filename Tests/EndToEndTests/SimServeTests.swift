import Foundation
import Synchronization
import Testing

@Suite struct SimServeTests {
    func serve(_ arguments: [String], stderr: URL) throws -> (Process, String) {
        let server = try SimServer.start(arguments, log: stderr)
        return (server.process, server.url)
    }

    func get(_ url: String) throws -> (status: Int, body: String) { try BinaryRunnerHTTP.exchange("GET", url) }

    @Test func servesTheAPIOnLoopbackLogsRequestsAndStopsOnSIGTERM() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
        let (process, url) = try serve(["--seed", "3"], stderr: log)
        defer { if process.isRunning { process.terminate() } }
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let response = try get(url + "/v1/wholesale/subPartners?provisioningState=suspended")
        #expect(response.status == 200)
        #expect(response.body.contains("\"provisioningState\":\"suspended\""))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("GET /v1/wholesale/subPartners 200 "), "\(text)")
        #expect(text.contains("stopping (signal 15)"))
        #expect(!text.contains("provisioningState=suspended"), "queries are not logged")
    }

    @Test func stateSurvivesARestartOfTheServer() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let state = folder.appendingPathComponent("sim.sqlite").path
        let log = folder.appendingPathComponent("log")
        var (process, url) = try serve(["--state", state], stderr: log)
        let first = try get(url + "/v1/wholesale/customers?max=100")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        (process, url) = try serve(["--state", state, "--seed", "99"], stderr: log)
        defer { if process.isRunning { process.terminate() } }
        let second = try get(url + "/v1/wholesale/customers?max=100")
        #expect(first.body == second.body, "the same customers after the restart, though the seed differs")
        #expect(first.body.count > 100)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    @Test func aServerKilledMidWriteKeepsEveryAcknowledgedCustomer() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let state = folder.appendingPathComponent("sim.sqlite").path
        let log = folder.appendingPathComponent("log")
        var (process, url) = try serve(["--state", state, "--no-seed-data"], stderr: log)
        let template = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk"
        // Four writers at once; the server is killed while requests are in flight.
        let acknowledgedCount = Mutex(0)
        let pid = process.processIdentifier
        let firstURL = url
        // Killed once some writes are acknowledged (a fixed delay acknowledged none on a loaded machine).
        let killer = Thread {
            let started = Date()
            while acknowledgedCount.withLock({ $0 }) < 50, Date().timeIntervalSince(started) < 20 { usleep(2_000) }
            usleep(100_000)
            kill(pid, SIGKILL)
        }
        killer.start()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in stride(from: worker, to: 20_000, by: 4) {
                let body = #"{"provisioningId":"\#(template)","externalId":"kill-\#(i)","packages":["webex_meetings"],"#
                    + #""address":{"addressLine1":"1 Main St","city":"Leeds","country":"GB"},"customerInfo":{"name":"K","primaryEmail":"k@k.example.com"}}"#
                guard let status = try? BinaryRunnerHTTP.exchange("POST", firstURL + "/v1/wholesale/customers", body: body).status, status == 202 else { return }
                acknowledgedCount.withLock { $0 += 1 }
            }
        }
        let acknowledged = acknowledgedCount.withLock { $0 }
        process.waitUntilExit()
        #expect(acknowledged > 20 && acknowledged < 20_000, "\(acknowledged)")
        (process, url) = try serve(["--state", state], stderr: log)
        defer { if process.isRunning { process.terminate() } }
        var stored = 0
        var offset = 0
        while true {
            let page = try BinaryRunnerHTTP.exchange("GET", url + "/v1/wholesale/customers?max=100&offset=\(offset)")
            let count = page.body.components(separatedBy: "\"externalId\"").count - 1
            stored += count
            offset += 100
            if count < 100 { break }
        }
        // Every acknowledged customer is there; at most the four in flight were stored unacknowledged.
        #expect(stored >= acknowledged && stored <= acknowledged + 4, "stored \(stored), acknowledged \(acknowledged)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    @Test func aRequestWithoutABearerTokenIs401AndARunWithoutCredentialsSendsOne() async throws {
        let server = try SimServer.start([])
        defer { server.stop() }
        let refused = try BinaryRunnerHTTP.exchange("GET", server.url + "/v1/wholesale/customers", authorization: "")
        #expect(refused.status == 401)
        #expect(refused.body.contains(#""message":"The request requires a valid access token set in the Authorization request header.""#), "\(refused.body)")
        #expect(refused.body.contains(#""errorCode":4011"#))
        // No credentials are set: the run sends a placeholder token to a loopback target.
        let folder = try BinaryRunner.playbook("print(wholesale.customers.find{ externalId = 'seed-provisioned' }.status)")
        let run = try await BinaryRunner.run(["run", folder + "/playbook.lua", "--target", server.url, "--journal", folder + "/journal.sqlite"],
                                             environment: ["WEBEX_TOKEN": "", "WEBEX_CLIENT_ID": "", "WEBEX_REFRESH_TOKEN": ""])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout == "provisioned\n")
        #expect(server.requests.contains { $0.hasPrefix("GET /v1/wholesale/customers 200 ") }, "\(server.requests)")
    }

    @Test func theFidelityFixesHoldOverHTTP() async throws {
        let server = try SimServer.start(["--seed", "4"])
        defer { server.stop() }
        let url = server.url + "/v1/wholesale"
        // Repeated and comma-separated array parameters.
        let repeated = try BinaryRunnerHTTP.exchange("GET", url + "/customers?status=error&status=provisioned_with_errors")
        let commas = try BinaryRunnerHTTP.exchange("GET", url + "/customers?status=error,provisioned_with_errors")
        #expect(repeated.body.contains("seed-error") && repeated.body.contains("seed-partial") && !repeated.body.contains("seed-provisioned\""))
        #expect(repeated.body == commas.body)
        // A max above the cap is cut to it on every list.
        for list in ["/customers", "/subscribers", "/billing/reports", "/subPartners"] {
            #expect(try BinaryRunnerHTTP.exchange("GET", url + list + "?max=500").status == 200, "\(list)")
        }
        // Subscribers show package and packages; an update may send both when they agree.
        let subscribers = try BinaryRunnerHTTP.exchange("GET", url + "/subscribers?status=provisioned")
        #expect(subscribers.body.contains(#""package":"webex_calling""#) && subscribers.body.contains(#""packages":["webex_calling"]"#), "\(subscribers.body)")
        let id = try #require(subscribers.body.firstMatch(of: /"id":"([^"]+)"/)?.1)
        let update = try BinaryRunnerHTTP.exchange("PUT", url + "/subscribers/\(id)", body: #"{"package":"webex_meetings","packages":["webex_meetings"]}"#)
        #expect(update.status == 200 && update.body.contains(#""package":"webex_meetings""#), "\(update.body)")
        // Billing report lists hold ListReports.
        _ = try BinaryRunnerHTTP.exchange("POST", url + "/billing/reports", body: #"{"billingStartDate":"2025-01-01","billingEndDate":"2025-01-31"}"#)
        let reports = try BinaryRunnerHTTP.exchange("GET", url + "/billing/reports")
        #expect(reports.body.contains(#""category":"RECONCILIATION""#) && !reports.body.contains(#""created""#), "\(reports.body)")
    }

    @Test func aBadFaultSpecIsAUsageError() async throws {
        let result = try await BinaryRunner.run(["sim", "serve", "--faults", "teapot=1"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("unknown fault"), "\(result.stderr)")
    }
}

/// A plain HTTP GET with curl-free Foundation networking is not available on every Linux build,
/// so the test speaks HTTP/1.1 over a socket itself.
enum BinaryRunnerHTTP {
    /// Any bearer token: `sim serve`, like the API, answers 401 without one.
    static let bearer = "Authorization: Bearer e2e-test-token\r\n"

    /// One request; `authorization` is the header line sent (none when empty).
    static func exchange(_ method: String, _ url: String, body: String = "", authorization: String = bearer) throws -> (status: Int, body: String) {
        guard let components = URLComponents(string: url), let port = components.port else { throw URLError(.badURL) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw URLError(.cannotConnectToHost) }
        let target = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        let headers = body.isEmpty ? "" : "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        let request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(headers)\(authorization)Connection: close\r\n\r\n" + body
        _ = request.utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: data, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }
}
