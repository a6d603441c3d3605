import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

@Suite struct FaultTests {
    @Test func theSpecParses() throws {
        let plan = try FaultPlan.parse("latency=50ms~20ms, rate=100/s:20, 429=5%, 503=0.02, reset=1%, reset-after=0.5%, stall=1%:2s, slow=3, fail=10%")
        #expect(plan.latency == .milliseconds(50) && plan.jitter == .milliseconds(20))
        #expect(plan.ratePerSecond == 100 && plan.burst == 20)
        #expect(plan.statusChances == [429: 0.05, 503: 0.02])
        #expect(plan.resetBefore == 0.01 && plan.resetAfter == 0.005 && plan.stall == 0.01 && plan.stallDuration == .seconds(2))
        #expect(plan.slowProvisioning == 3 && plan.backgroundFailure == 0.1)
        #expect(try FaultPlan.parse("").isEmpty)
        for bad in ["429=2", "teapot=1", "rate=fast", "latency=soon", "slow=0.5", "503"] {
            #expect(throws: FaultPlan.ParseError.self, "\(bad)") { _ = try FaultPlan.parse(bad) }
        }
    }

    /// The statuses of `count` GETs against a simulator with `spec` and `seed` ("reset" for a drop).
    func outcomes(_ spec: String, seed: UInt64, count: Int = 60) async throws -> [String] {
        var configuration = SimulatorConfiguration()
        configuration.faults = try FaultPlan.parse(spec)
        configuration.seed = seed
        let simulator = try Simulator(configuration: configuration, clock: ManualClock())
        var result: [String] = []
        for _ in 0..<count {
            switch await simulator.handle(TransportRequest(method: .GET, url: "http://sim.invalid/v1/wholesale/subPartners", headers: [bearer])) {
            case .response(let response): result.append(String(response.status))
            case .reset: result.append("reset")
            case .stall: result.append("stall")
            }
        }
        return result
    }

    @Test(arguments: ["429=20%", "423=20%", "500=20%", "502=20%", "503=20%", "504=20%", "reset=20%", "stall=20%:1ms"])
    func eachFaultKindIsReproducibleFromASeed(_ spec: String) async throws {
        let first = try await outcomes(spec, seed: 42)
        let again = try await outcomes(spec, seed: 42)
        let other = try await outcomes(spec, seed: 43)
        #expect(first == again)
        #expect(first != other)
        let kind = String(spec.split(separator: "=")[0])
        #expect(first.filter { $0 == kind }.count > 3, "\(first)")
        #expect(first.filter { $0 == "200" }.count > 30)
    }

    @Test func injectedRateLimitsCarryRetryAfter() async throws {
        var configuration = SimulatorConfiguration()
        configuration.faults = try FaultPlan.parse("rate=1/s:3")
        let simulator = try Simulator(configuration: configuration, clock: ManualClock())
        var statuses: [Int] = []
        var retryAfter: String?
        for _ in 0..<5 {
            let response = await simulator.handle(TransportRequest(method: .GET, url: "http://sim.invalid/v1/wholesale/subPartners", headers: [bearer])).response
            statuses.append(response?.status ?? 0)
            if response?.status == 429 { retryAfter = response?.header("Retry-After") }
        }
        #expect(statuses == [200, 200, 200, 429, 429])
        #expect(retryAfter == "1")
    }

    @Test func noCustomerIsProvisionedTwiceWhenAnswersAreLost() async throws {
        var retry = RetryPolicy()
        retry.baseDelay = .milliseconds(1)
        retry.maxDelay = .milliseconds(2)
        try await withSimulator(.inProcess, configure: {
            $0.seedData = false
            $0.seed = 7
            $0.faults = try! FaultPlan.parse("reset-after=30%,reset=10%,503=10%")
        }, retry: retry) { sim in
            for i in 0..<20 { _ = try await sim.client.provisionCustomer(customerBody("lost-\(i)")) }
            let all = try await sim.client.listCustomers(max: 100).collect()
            #expect(all.count == 20)
            #expect(Set(all.compactMap(\.externalId)).count == 20)
            let posts = sim.simulator.requestCounts["POST /wholesale/customers"] ?? 0
            #expect(posts > 20, "some POSTs failed and were sent again: \(posts)")
        }
    }

    @Test func latencySlowsEveryAnswer() async throws {
        try await withSimulator(.inProcess, configure: { $0.faults.latency = .milliseconds(30) }) { sim in
            let start = ContinuousClock.now
            for _ in 0..<3 { _ = try await sim.client.listSubPartners().collect() }
            #expect(ContinuousClock.now - start >= .milliseconds(90))
        }
    }

    @Test func slowAndFailingProvisioning() async throws {
        try await withSimulator(.inProcess, configure: { $0.faults = try! FaultPlan.parse("slow=3,fail=100%") }) { sim in
            let location = try await sim.client.provisionCustomer(customerBody("doomed-1"))
            sim.clock.advance(by: 21)
            #expect(try await sim.client.getCustomer(location.id).status == .provisioning, "three times 20 s")
            sim.clock.advance(by: 40)
            #expect(try await sim.client.getCustomer(location.id).status == .error)
        }
    }
}
