import JSONValues
import Logging

/// A request ready to send, and what came of it.
struct APICall: Sendable {
    var operation: Operation
    var id: String? = nil
    var query: [(name: String, value: String)] = []
    var body: JSONValue? = nil
    /// An absolute URL to use instead of the operation's own (the next page of a list).
    var url: String? = nil
}

/// The final response of a call, with the tracking id and the number of sends.
struct APIExchange: Sendable {
    var response: TransportResponse
    var trackingId: String
    var attempts: Int
    /// The response was made up from a lookup after an unknown outcome, not sent by the server.
    var reconciled = false
}

/// Looks a resource up after a POST whose outcome is unknown: the response to return when it
/// exists, `nil` when it does not (so the POST can be sent again).
typealias Reconciler = @Sendable () async throws(WholesaleError) -> TransportResponse?

extension WholesaleClient {
    /// Sends `call` under the retry rules and returns its final response, or throws.
    /// Statuses in `accepting` are returned like successes (a precheck's refusal).
    func perform(_ call: APICall, accepting: Set<Int> = [], reconcile: Reconciler? = nil) async throws(WholesaleError) -> APIExchange {
        try await performReading(call, accepting: accepting, reconcile: reconcile, read: { exchange throws(WholesaleError) in exchange })
    }

    /// Sends `call` (see `perform`) and reads its answer with `read` before the call is
    /// journaled: an answer that cannot be read is journaled as the failure it is (a change's
    /// outcome then unknown, as it may have been applied), never as a success.
    func performReading<Answer>(
        _ call: APICall, accepting: Set<Int> = [], reconcile: Reconciler? = nil,
        read: (APIExchange) throws(WholesaleError) -> Answer
    ) async throws(WholesaleError) -> Answer {
        guard let observer else { return try read(try await send(call, accepting: accepting, reconcile: reconcile)) }
        let intent = CallIntent(call, url: call.url ?? url(call.operation, id: call.id, query: call.query), baseURL: baseURL)
        let handle = call.operation.isChange ? try await observer.willSend(intent) : nil
        let started = ContinuousClock.now
        func seconds() -> Double {
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        do throws(WholesaleError) {
            let exchange = try await send(call, accepting: accepting, reconcile: reconcile)
            let answer: Answer
            do throws(WholesaleError) { answer = try read(exchange) } catch {
                var error = error
                error.mayHaveApplied = call.operation.isChange
                throw error
            }
            observer.finished(handle, intent, CallOutcome(exchange, method: call.operation.method, seconds: seconds()))
            return answer
        } catch {
            observer.finished(handle, intent, CallOutcome(error, method: call.operation.method, seconds: seconds()))
            throw error
        }
    }

    /// Sends `call` under the retry rules (see `perform`).
    private func send(_ call: APICall, accepting: Set<Int>, reconcile: Reconciler?) async throws(WholesaleError) -> APIExchange {
        let trackingId = TrackingID.make()
        let started = clock.now()
        let deadline = started + retry.maxTotalTime
        let operation = call.operation
        let url = call.url ?? url(operation, id: call.id, query: call.query)
        let body = call.body.map { $0.jsonBytes() }
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        var renewed = false
        // A send may have reached the server without an answer coming back (reset, timeout, 5xx).
        var mayHaveApplied = false

        func giveUp(_ error: WholesaleError) -> WholesaleError {
            var error = error
            error.attempts = attempt
            error.operation = operation.rawValue
            error.mayHaveApplied = error.mayHaveApplied || (mayHaveApplied && operation.method != .GET)
            if error.trackingId == nil { error.trackingId = trackingId }
            // Text from a server or a transport may quote a header it was sent: no secret leaves here.
            error.message = Secrets.redact(error.message)
            error.errors = error.errors.map { Secrets.redact($0) }
            error.trackingId = Secrets.redact(error.trackingId)
            return error
        }
        func mayRetry(after wait: Duration) -> Bool {
            attempt < retry.maxAttempts && clock.now() + wait <= deadline && !Task.isCancelled
        }
        /// After a possibly applied POST: the resource if it exists now.
        func lookUp(_ reconcile: Reconciler) async throws(WholesaleError) -> APIExchange? {
            let found: TransportResponse?
            do { found = try await reconcile() } catch {
                throw giveUp(WholesaleError(
                    kind: error.kind, operation: operation.rawValue,
                    message: "the request may have been applied, and looking it up failed (\(error.message)); check before sending it again",
                    status: error.status, codes: error.codes, retryable: true))
            }
            guard let found else { return nil }
            logger.notice("reconciled", metadata: ["operation": "\(operation.rawValue)", "trackingId": "\(trackingId)"])
            return APIExchange(response: found, trackingId: trackingId, attempts: attempt, reconciled: true)
        }

        while true {
            // A POST that may have landed is looked up just before it would be sent again.
            if mayHaveApplied, let reconcile, let found = try await lookUp(reconcile) { return found }
            attempt += 1
            let token: AccessToken?
            do { token = try await tokens?.token() } catch { throw giveUp(error) }
            var headers: [(name: String, value: String)] = [("Accept", "application/json"), ("TrackingID", trackingId)]
            if let token { headers.append(("Authorization", token.bearerHeader)) }
            if body != nil { headers.append(("Content-Type", "application/json")) }
            var request = TransportRequest(method: operation.method, url: url, headers: headers, body: body)
            // The bound holds for the whole exchange, a body that trickles in included.
            request.timeout = max(deadline - clock.now(), .milliseconds(1))

            do { try await budget.acquire(until: deadline) } catch {
                throw giveUp(WholesaleError(kind: .timeout, operation: operation.rawValue, message: error.reason, retryable: true))
            }
            let sent = clock.now()
            let result: Result<TransportResponse, TransportFailure>
            do { result = .success(try await transport.send(request)) } catch { result = .failure(error) }
            await budget.release()
            if logger.logLevel <= .debug { log(call, url: url, result: result, attempt: attempt, trackingId: trackingId, elapsed: clock.now() - sent) }

            let wait: Duration
            switch result {
            case .success(let response):
                let status = response.status
                if (200..<300).contains(status) || accepting.contains(status) {
                    return APIExchange(response: response, trackingId: Secrets.redact(response.header("trackingid")) ?? trackingId, attempts: attempt)
                }
                // After a send that may have landed: a duplicate (409, or 400 as some gateways say)
                // means it did; a DELETE finding nothing means it was done.
                if mayHaveApplied, status == 409 || status == 400, let reconcile, let found = try await lookUp(reconcile) { return found }
                if mayHaveApplied, status == 404, operation.method == .DELETE {
                    return APIExchange(response: TransportResponse(status: 204), trackingId: trackingId, attempts: attempt, reconciled: true)
                }
                if status == 401, !renewed, let tokens, let token {
                    renewed = true
                    let renewedToken: Bool
                    do { renewedToken = try await tokens.renew(rejected: token) } catch { throw giveUp(error) }
                    if renewedToken { continue }
                }
                if status == 429 || status == 423 {
                    let asked = RetryAfter.parse(response.header("Retry-After"), now: clock.date()) ?? retry.defaultRetryAfter
                    wait = min(asked, retry.maxRetryAfter)
                    guard mayRetry(after: wait) else { throw giveUp(httpError(call, response, retryable: true)) }
                    // The pause holds back every caller of this target; acquiring the budget waits it out.
                    await budget.pause(for: wait)
                    continue
                }
                let transient = [502, 503, 504].contains(status)
                if transient { mayHaveApplied = mayHaveApplied || !operation.isIdempotent || operation.method == .DELETE }
                guard transient, operation.isIdempotent || reconcile != nil else {
                    throw giveUp(httpError(call, response, retryable: transient))
                }
                wait = retry.backoff(after: attempt, using: &generator)
                guard mayRetry(after: wait) else { throw giveUp(httpError(call, response, retryable: true)) }
            case .failure(let failure):
                // Sending it again would fail the same way (an oversized answer, a header that cannot be sent).
                guard failure.retryable else { throw giveUp(networkError(failure, advice: nil)) }
                if failure.stage == .outcomeUnknown {
                    mayHaveApplied = mayHaveApplied || !operation.isIdempotent || operation.method == .DELETE
                    guard operation.isIdempotent || reconcile != nil else {
                        throw giveUp(networkError(failure, advice: "the request may have been applied; check before sending it again"))
                    }
                }
                wait = retry.backoff(after: attempt, using: &generator)
                guard mayRetry(after: wait) else { throw giveUp(networkError(failure, advice: nil)) }
            }
            do { try await clock.sleep(for: wait) } catch {
                throw giveUp(WholesaleError(kind: .timeout, operation: operation.rawValue, message: "cancelled while waiting to retry", retryable: true))
            }
        }
    }

    private func httpError(_ call: APICall, _ response: TransportResponse, retryable: Bool) -> WholesaleError {
        let body = WebexErrorBody(response.body)
        var message = Secrets.redact(body.message ?? WholesaleError.reason(response.status))
        switch response.status {
        case 401 where tokens is OAuthRefresher:
            message += "; the token was refused although it was just exchanged: check the integration's scopes and that its user is a partner administrator"
        case 401: message += "; the token was refused: renew WEBEX_TOKEN or the token file (or use a refresh token)"
        case 403: message += "; the token lacks a wholesale scope or the organisation is not entitled"
        case 429: message += "; rate limited, retries used up"
        default: break
        }
        return WholesaleError(
            kind: .http, operation: call.operation.rawValue, message: message, status: response.status, codes: body.codes,
            errors: body.errors.map { Secrets.redact($0) }, trackingId: Secrets.redact(body.trackingId ?? response.header("trackingid")),
            retryable: retryable
        )
    }

    private func networkError(_ failure: TransportFailure, advice: String?) -> WholesaleError {
        WholesaleError(
            kind: failure.status != nil ? .http : failure.timedOut && failure.stage == .outcomeUnknown ? .timeout : .network, operation: "",
            message: failure.reason + (advice.map { "; " + $0 } ?? ""), status: failure.status, retryable: failure.retryable
        )
    }

    private func log(_ call: APICall, url: String, result: Result<TransportResponse, TransportFailure>, attempt: Int, trackingId: String, elapsed: Duration) {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        var metadata: Logger.Metadata = [
            "operation": "\(call.operation.rawValue)", "method": "\(call.operation.method.rawValue)", "path": "\(path.dropFirst(baseURL.count))",
            "attempt": .stringConvertible(attempt), "trackingId": "\(trackingId)",
            "ms": .stringConvertible(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
        ]
        switch result {
        case .success(let response): metadata["status"] = .stringConvertible(response.status)
        case .failure(let failure): metadata["failure"] = "\(failure.reason)"
        }
        logger.debug("request", metadata: metadata)
    }
}
