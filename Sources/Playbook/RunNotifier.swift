import Foundation
import JSONValues
import WholesaleAPI

/// Tells someone how an unattended run went: a JSON summary POSTed to `--notify` (on failure,
/// or always with `--notify-on always`), and healthchecks-style pings to `--heartbeat`
/// (`URL/start` when it starts, `URL` on success, `URL/fail` on failure). Each is tried three
/// times; a notification that cannot be delivered is logged, never fatal. Nothing sent holds a token.
struct RunNotifier: Sendable {
    let options: UnattendedOptions
    let log: @Sendable (String) -> Void

    /// Makes the credentials of the notification URLs known to `Secrets` (a password in the
    /// URL, or the whole URL, as webhook URLs are often secrets themselves).
    static func registerSecrets(_ options: UnattendedOptions) {
        for url in [options.notifyURL, options.heartbeatURL].compactMap({ $0 }) {
            Secrets.register(url)
            if let password = URLComponents(string: url)?.password { Secrets.register(password) }
        }
    }

    /// Pings `URL/start`.
    func started() async {
        guard let url = options.heartbeatURL else { return }
        await send(TransportRequest(method: .POST, url: Self.join(url, "start")), what: "heartbeat")
    }

    /// Pings the heartbeat and posts the summary, as the options say.
    func finished(summary: JSONValue, succeeded: Bool) async {
        if let url = options.heartbeatURL {
            await send(TransportRequest(method: .POST, url: succeeded ? url : Self.join(url, "fail")), what: "heartbeat")
        }
        if let url = options.notifyURL, options.notifyAlways || !succeeded {
            await send(
                TransportRequest(method: .POST, url: url, headers: [("Content-Type", "application/json")], body: Secrets.redact(summary).jsonBytes()),
                what: "notification")
        }
    }

    /// `URL/part`, keeping a query.
    static func join(_ url: String, _ part: String) -> String {
        let pieces = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let base = pieces[0].hasSuffix("/") ? String(pieces[0].dropLast()) : String(pieces[0])
        return base + "/" + part + (pieces.count > 1 ? "?" + pieces[1] : "")
    }

    private func send(_ request: TransportRequest, what: String) async {
        // Short timeouts: an unreachable endpoint must not hold the run (or a systemd stop) for long.
        var configuration = HTTPTransport.Configuration()
        configuration.connectTimeout = .seconds(3)
        configuration.readTimeout = .seconds(10)
        let transport = HTTPTransport(configuration: configuration)
        let problem = await Self.deliver(request, over: transport)
        try? await transport.shutdown()
        if let problem { log("the \(what) to \(Self.shown(request.url)) failed after 3 attempts: \(problem)") }
    }

    /// Sends `request` up to three times; `nil` once it got a 2xx, else the last problem.
    private static func deliver(_ request: TransportRequest, over transport: HTTPTransport) async -> String? {
        var problem = ""
        for attempt in 1...3 {
            do {
                let response = try await transport.send(request)
                if (200..<300).contains(response.status) { return nil }
                problem = "HTTP \(response.status)"
            } catch {
                problem = error.reason
            }
            if attempt < 3 { try? await Task.sleep(for: .seconds(attempt)) }
        }
        return problem
    }

    /// A URL's scheme and host only: heartbeat and webhook URLs carry their key in the path or query.
    static func shown(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return "the URL" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "") + "/…"
    }
}
