// Figures of the Wholesale client: overhead per call over an in-process transport, and GET
// customer against a loopback server at several concurrencies, each beside a baseline measured
// in the same run (the bare transport; raw async-http-client without the client's layers).
import AsyncHTTPClient
import Dispatch
import JSONValues
import NIOCore
import Foundation
import WholesaleAPI
import WholesaleAPITesting
import WholesaleHTTPServer

let customerBody: [UInt8] = JSONValue.object([
    "id": "Y2lzY29zcGFyazovL3VzL0VOVEVSUFJJU0UvNTJjZjU3NmQ", "orgId": "Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi85NmFi",
    "externalId": "acme-001", "status": "provisioned", "packages": ["webex_calling", "webex_meetings"],
    "address": ["addressLine1": "771 Alder Drive", "city": "Milpitas", "stateOrProvince": "CA", "zipOrPostalCode": "95035", "country": "US"],
    "resourceDetails": ["packages": [["name": "webex_calling", "status": "provisioned"], ["name": "webex_meetings", "status": "provisioned"]]],
]).jsonBytes()

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Microseconds per call of the client and of the bare transport, over a function-call transport.
func inProcessOverhead() async throws -> (client: Double, transport: Double) {
    let transport = InProcessTransport { _ in TransportResponse(status: 200, headers: [("Content-Type", "application/json")], body: customerBody) }
    let client = WholesaleClient(baseURL: "http://sim.invalid", transport: transport, tokens: StaticTokenProvider(AccessToken("bench-token-0123456789")))
    let request = TransportRequest(method: .GET, url: "http://sim.invalid/v1/wholesale/customers/c1", headers: [("Accept", "application/json")])
    let calls = 50_000
    var bestClient = Double.infinity, bestTransport = Double.infinity
    for _ in 0..<5 {
        var start = now()
        for _ in 0..<calls { _ = try await client.getCustomer("c1") }
        bestClient = min(bestClient, Double(now() - start) / Double(calls) / 1000)
        start = now()
        for _ in 0..<calls { _ = try await transport.send(request) }
        bestTransport = min(bestTransport, Double(now() - start) / Double(calls) / 1000)
    }
    return (bestClient, bestTransport)
}

/// Requests per second and latency percentiles (µs) of `requests` calls at `concurrency`.
func load(concurrency: Int, requests: Int, _ call: @escaping @Sendable () async throws -> Void) async throws -> (rps: Double, p50: Double, p99: Double) {
    let start = now()
    let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var mine: [Double] = []
                var i = worker
                while i < requests {
                    let t = now()
                    try await call()
                    mine.append(Double(now() - t) / 1000)
                    i += concurrency
                }
                return mine
            }
        }
        var all: [Double] = []
        for try await part in group { all += part }
        return all.sorted()
    }
    let seconds = Double(now() - start) / 1e9
    return (Double(requests) / seconds, latencies[latencies.count / 2], latencies[min(latencies.count - 1, latencies.count * 99 / 100)])
}

/// GET customer against a loopback server, through the client and through raw async-http-client.
func loopback() async throws -> [String] {
    let server = try await ScriptedServer.start(recording: false) { _ in
        .respond(TransportResponse(status: 200, headers: [("Content-Type", "application/json")], body: customerBody))
    }
    let transport = HTTPTransport()
    let client = WholesaleClient(baseURL: server.baseURL, transport: transport, tokens: StaticTokenProvider(AccessToken("bench-token-0123456789")))
    var pool = HTTPClient.Configuration.ConnectionPool()
    pool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
    let raw = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(connectionPool: pool))
    let url = server.baseURL + "/v1/wholesale/customers/c1"
    var lines: [String] = []
    for concurrency in [1, 16, 64] {
        let requests = concurrency == 1 ? 3_000 : 12_000
        // Warm the pools, then alternate client and baseline, keeping the better of two runs each.
        _ = try await load(concurrency: concurrency, requests: 500) { _ = try await client.getCustomer("c1") }
        _ = try await load(concurrency: concurrency, requests: 500) { _ = try await raw.execute(HTTPClientRequest(url: url), timeout: .seconds(30)).body.collect(upTo: 1 << 20) }
        var best: (rps: Double, p50: Double, p99: Double) = (0, 0, 0)
        var bestRaw: (rps: Double, p50: Double, p99: Double) = (0, 0, 0)
        for _ in 0..<2 {
            let c = try await load(concurrency: concurrency, requests: requests) { _ = try await client.getCustomer("c1") }
            if c.rps > best.rps { best = c }
            let r = try await load(concurrency: concurrency, requests: requests) {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Accept", value: "application/json")
                _ = try await raw.execute(request, timeout: .seconds(30)).body.collect(upTo: 1 << 20)
            }
            if r.rps > bestRaw.rps { bestRaw = r }
        }
        lines.append("loopback_c\(concurrency) \(best.rps) \(best.p50) \(best.p99)")
        lines.append("raw_c\(concurrency) \(bestRaw.rps) \(bestRaw.p50) \(bestRaw.p99)")
    }
    try await raw.shutdown()
    try await transport.shutdown()
    await server.stop()
    return lines
}

/// Serves one fixed customer on a free loopback port, printing the base URL, until killed.
func serveCanned() async throws -> Never {
    let server = try await HTTPServer.start { _ in
        .respond(TransportResponse(status: 200, headers: [("Content-Type", "application/json")], body: customerBody))
    }
    FileHandle.standardOutput.write(Data((server.baseURL + "\n").utf8))
    while true { try await Task.sleep(for: .seconds(3600)) }
}
