import Foundation
import JSONValues
import Synchronization
import Testing
import WholesaleAPI
import WholesaleAPITesting

/// Answers the first `failures` requests with `failure`, then `success`.
func failing(_ failures: Int, with failure: ScriptedServer.Reply, then success: TransportResponse = .json(200, ["id": "cust-1"])) -> ScriptedServer.Handler {
    let count = Mutex(0)
    return { _ in
        let n = count.withLock { $0 += 1; return $0 }
        return n <= failures ? failure : .respond(success)
    }
}

/// Whether every wait honoured `asked`: at least that long, spread by at most a tenth of it (≤ 1 s).
func honoured(_ sleeps: [Duration], _ asked: Duration, count: Int) -> Bool {
    sleeps.count == count && sleeps.allSatisfy { $0 >= asked && $0 <= asked + min(.seconds(1), asked / 10) }
}

@Suite struct RetryTests {
    @Test(arguments: [429, 423])
    func rateLimitsAndLocksAreRetriedHonouringRetryAfterSeconds(_ status: Int) async throws {
        let clock = VirtualClock()
        try await withServer(clock: clock, failing(2, with: .respond(.webexError(status, "slow down", headers: [("Retry-After", "7")])))) { client, server in
            _ = try await client.getCustomer("cust-1")
            #expect(server.requests.count == 3)
            #expect(honoured(clock.sleeps, .seconds(7), count: 2), "\(clock.sleeps)")
            let ids = Set(server.requests.compactMap { $0.header("TrackingID") })
            #expect(ids.count == 1, "one TrackingID across the retries of a request")
        }
    }

    @Test func retryAfterAsAnHTTPDate() async throws {
        let clock = VirtualClock()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: clock.date().addingTimeInterval(30))
        try await withServer(clock: clock, failing(1, with: .respond(.webexError(429, "later", headers: [("Retry-After", date)])))) { client, server in
            _ = try await client.getCustomer("cust-1")
            #expect(server.requests.count == 2)
            // The wait before the successful send (on a loaded machine a broken first connection
            // may add a short backoff before it).
            let waited = try #require(clock.sleeps.last)
            #expect(waited > .seconds(28) && waited <= .seconds(31), "\(waited)")
        }
    }

    @Test(arguments: ["rand(30),add(30)", "", "-5", "soon"])
    func unreadableRetryAfterFallsBackToTheDefault(_ header: String) async throws {
        let clock = VirtualClock()
        var retry = quickRetry
        retry.defaultRetryAfter = .seconds(5)
        try await withServer(retry: retry, clock: clock, failing(1, with: .respond(.webexError(429, "later", headers: [("Retry-After", header)])))) { client, server in
            _ = try await client.getCustomer("cust-1")
            #expect(server.requests.count == 2)
            #expect(honoured(clock.sleeps, .seconds(5), count: 1), "\(clock.sleeps)")
        }
    }

    @Test func longRetryAfterIsCappedAndAttemptsAreBounded() async throws {
        let clock = VirtualClock()
        var retry = quickRetry
        retry.maxRetryAfter = .seconds(60)
        try await withServer(retry: retry, clock: clock, failing(100, with: .respond(.webexError(429, "later", headers: [("Retry-After", "86400")])))) { client, server in
            let error = await #expect(throws: WholesaleError.self) { _ = try await client.getCustomer("cust-1") }
            #expect(server.requests.count == 4)
            #expect(error?.attempts == 4 && error?.retryable == true && error?.status == 429)
            #expect(error?.description.contains("4 attempts") == true)
            #expect(honoured(clock.sleeps, .seconds(60), count: 3), "\(clock.sleeps)")
        }
    }

    @Test func totalTimeBoundsRetries() async throws {
        let clock = VirtualClock()
        var retry = quickRetry
        retry.maxAttempts = 100
        retry.maxTotalTime = .seconds(20)
        try await withServer(retry: retry, clock: clock, failing(100, with: .respond(.webexError(429, "later", headers: [("Retry-After", "6")])))) { client, server in
            await #expect(throws: WholesaleError.self) { _ = try await client.getCustomer("cust-1") }
            #expect(server.requests.count == 4, "waits of 6 s fit three times into 20 s")
        }
    }

    @Test(arguments: [502, 503, 504])
    func serverErrorsAreRetriedForIdempotentCallsOnly(_ status: Int) async throws {
        try await withServer(failing(2, with: .respond(.webexError(status, "upstream")))) { client, server in
            _ = try await client.getCustomer("cust-1")
            #expect(server.requests.count == 3)
        }
        try await withServer(failing(2, with: .respond(.webexError(status, "upstream")), then: .json(200, ["id": "rep-1"]))) { client, server in
            let error = await #expect(throws: WholesaleError.self) {
                _ = try await client.createBillingReport(["billingStartDate": "2026-01-01", "billingEndDate": "2026-01-31"])
            }
            #expect(server.requests.count == 1, "a POST without a way to look it up is not sent again")
            #expect(error?.retryable == true && error?.status == status)
        }
    }

    @Test func otherClientErrorsAreNotRetried() async throws {
        try await withServer(failing(5, with: .respond(.webexError(400, "bad")))) { client, server in
            let error = await #expect(throws: WholesaleError.self) { _ = try await client.getCustomer("cust-1") }
            #expect(server.requests.count == 1 && error?.retryable == false)
        }
    }

    @Test func connectionResetsAreRetriedForIdempotentCalls() async throws {
        try await withServer(failing(2, with: .closeConnection)) { client, server in
            _ = try await client.getCustomer("cust-1")
            #expect(server.requests.count == 3)
        }
        try await withServer(failing(1, with: .closeConnection)) { client, server in
            let error = await #expect(throws: WholesaleError.self) { try await client.sendConsentMoveEmail(subscriberId: "sub-1") }
            #expect(server.requests.count == 1)
            #expect(error?.kind == .network && error?.message.contains("may have been applied") == true)
        }
    }

    @Test func aDeleteThatLandedBeforeItsConnectionBrokeIsASuccess() async throws {
        // The first DELETE removes the subscriber but the answer is lost; the retry finds nothing.
        let deleted = Mutex(false)
        try await withServer({ _ in
            if deleted.withLock({ $0 }) { return .respond(.webexError(404, "Subscriber not found")) }
            deleted.withLock { $0 = true }
            return .closeConnection
        }) { client, server in
            try await client.removeSubscriber("sub-1")
            #expect(server.requests.count == 2)
        }
    }

    @Test func readTimeoutsAreRetriedForIdempotentCalls() async throws {
        try await withServer(readTimeout: .seconds(3), failing(1, with: .stall(.seconds(8)))) { client, server in
            try await client.removeCustomer("cust-1")
            // The first send stalled, so the call succeeded only by sending again. On a machine
            // loaded past 3 s of delay the answer to the retry can time out too, and a third
            // send follows; the count is therefore at least two, not exactly two.
            #expect(server.requests.count >= 2)
            #expect(server.requests.allSatisfy { $0.method == "DELETE" && $0.path.hasSuffix("/cust-1") })
        }
    }

    @Test func connectionRefusedIsRetriedEvenForPOST() async throws {
        // Nothing listens on the port: the request never left, so even a POST may go again.
        // A port just closed could be taken by a server another test starts meanwhile.
        let refusing = try RefusingPort()
        let url = refusing.baseURL
        var configuration = HTTPTransport.Configuration()
        configuration.connectTimeout = .milliseconds(200)
        let transport = HTTPTransport(configuration: configuration)
        let client = WholesaleClient(baseURL: url, transport: transport, tokens: nil, retry: quickRetry)
        let error = await #expect(throws: WholesaleError.self) {
            _ = try await client.createBillingReport(["billingStartDate": "2026-01-01", "billingEndDate": "2026-01-31"])
        }
        try await transport.shutdown()
        #expect(error?.kind == .network && error?.attempts == 4, "\(String(describing: error))")
        withExtendedLifetime(refusing) {}
    }

    @Test func backoffUsesFullJitterUnderACeiling() {
        var policy = RetryPolicy()
        policy.baseDelay = .milliseconds(100)
        policy.maxDelay = .seconds(1)
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...10 {
            let ceiling = min(Duration.seconds(1), .milliseconds(100) * (1 << (attempt - 1)))
            let delays = (0..<200).map { _ in policy.backoff(after: attempt, using: &generator) }
            #expect(delays.allSatisfy { $0 >= .zero && $0 <= ceiling })
            #expect(Set(delays).count > 100, "delays are spread, not fixed")
        }
    }

    @Test func aRateLimitPausesEveryCallerOfTheTarget() async throws {
        // Caller A meets a 429 with Retry-After: 1; caller B, starting after it, must wait too.
        let limited = Mutex<ContinuousClock.Instant?>(nil)
        try await withServer({ request in
            if request.path.hasSuffix("/a"), limited.withLock({ $0 == nil }) {
                limited.withLock { $0 = .now }
                return .respond(.webexError(429, "later", headers: [("Retry-After", "1")]))
            }
            return .respond(.json(200, ["id": "x"]))
        }) { client, server in
            async let a = client.getCustomer("a")
            // B starts once the client has taken in A's 429 (under load, a fixed sleep may not be enough).
            while await client.budget.pauses == 0 { try await Task.sleep(for: .milliseconds(5)) }
            _ = try await client.getCustomer("b")
            let bArrived = ContinuousClock.now
            _ = try await a
            let pausedAt = try #require(limited.withLock { $0 })
            #expect(bArrived - pausedAt >= .milliseconds(900), "B waited out A's Retry-After: \(bArrived - pausedAt)")
            #expect(await client.budget.pauses == 1)
            #expect(server.requests.count == 3)
        }
    }

    @Test func theBudgetBoundsRequestsInFlight() async throws {
        let inFlight = Mutex((now: 0, peak: 0))
        let server = try await ScriptedServer.start { _ in
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try? await Task.sleep(for: .milliseconds(100))
            inFlight.withLock { $0.now -= 1 }
            return .respond(.json(200, ["id": "x"]))
        }
        let transport = HTTPTransport()
        let client = WholesaleClient(baseURL: server.baseURL, transport: transport, tokens: nil, budget: RequestBudget(maxInFlight: 3))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<12 { group.addTask { _ = try await client.getCustomer("c\(i)") } }
            try await group.waitForAll()
        }
        try await transport.shutdown()
        await server.stop()
        // Never more than the budget; and calls did overlap (a loaded machine may not reach 3).
        #expect(inFlight.withLock { $0.peak } <= 3)
        #expect(inFlight.withLock { $0.peak } >= 2)
    }
}
