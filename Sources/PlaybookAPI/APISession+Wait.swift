package import JSONValues
package import WholesaleAPI

/// What a `wait` was asked for: how long at most, which statuses end it, and the operation
/// named in its timeout error.
package struct WaitRequest: Sendable {
    /// Seconds of target time; `nil` for the session's default (900 s).
    package var timeout: Double?
    /// Statuses that end the wait instead of the resource's terminal ones.
    package var until: Set<String> = []
    /// The operation named in errors: `customers.wait`, `customers.provision`, ...
    package var operation = "wait"

    /// A request for at most `timeout` seconds, ended by `until` or the terminal statuses.
    package init(timeout: Double? = nil, until: Set<String> = [], operation: String = "wait") {
        self.timeout = timeout
        self.until = until
        self.operation = operation
    }

    /// The same request, named after `operation`.
    package func named(_ operation: Operation) -> WaitRequest {
        var copy = self
        copy.operation = operation.rawValue
        return copy
    }
}

extension APISession {
    /// Polls `fetch` until the resource's `status` is in `terminal` (or `request.until`), backing
    /// off from `polling.firstPause` to `polling.longestPause`; a timeout is a `timeout` error.
    /// Sleeps in Swift, so other coroutines keep running.
    /// A resource the dry-run plan stands in for is answered at once, in status `finished`.
    package func wait(
        _ request: WaitRequest, id: String, terminal: Set<String>, finished: String,
        fetch: @Sendable () async throws(WholesaleError) -> JSONValue
    ) async throws(WholesaleError) -> JSONValue {
        let ending = request.until.isEmpty ? terminal : request.until
        if var standIn = plan?.standIn(id)?.objectValue {
            standIn["status"] = .string(ending.contains(finished) ? finished : ending.sorted()[0])
            return .object(standIn)
        }
        let timeout = request.timeout ?? polling.defaultTimeout
        let start = ContinuousClock.now
        var pause = polling.firstPause
        while true {
            let resource = try await fetch()
            let status = resource["status"]?.stringValue ?? ""
            if ending.contains(status) { return resource }
            let left = timeout - elapsed(since: start)
            guard left > 0 else {
                throw WholesaleError(
                    kind: .timeout, operation: request.operation,
                    message: "\(id) is still '\(status)' after \(Self.seconds(timeout)) (waiting for \(ending.sorted().joined(separator: ", "))); "
                        + "raise the timeout, or check it later with get")
            }
            try await self.pause(min(pause, left))
            pause = min(pause * polling.growth, polling.longestPause)
        }
    }

    /// Polls `fetch` until it fails with 404 (the resource is gone).
    func waitUntilGone(_ request: WaitRequest, id: String, fetch: @Sendable () async throws(WholesaleError) -> Void) async throws(WholesaleError) {
        let timeout = request.timeout ?? polling.defaultTimeout
        let start = ContinuousClock.now
        var pause = polling.firstPause
        while true {
            do {
                try await fetch()
            } catch where error.status == 404 {
                return
            }
            let left = timeout - elapsed(since: start)
            guard left > 0 else {
                throw WholesaleError(
                    kind: .timeout, operation: request.operation,
                    message: "\(id) still exists after \(Self.seconds(timeout)); raise the timeout, or check it later with get")
            }
            try await self.pause(min(pause, left))
            pause = min(pause * polling.growth, polling.longestPause)
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
