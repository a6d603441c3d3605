package import Foundation
package import WholesaleAPI

/// `wholesale auth check`: whether the credentials reach each part of the Wholesale API, found
/// with one read-only call per read scope (the first item of each list). Nothing is changed.
package enum AuthCheck {
    /// What one probe found.
    package struct Probe: Sendable {
        /// The read scope probed: `spark-admin:wholesale_customers_read`.
        package let scope: String
        /// The call that probed it: `customers.list`.
        package let operation: String
        /// Whether the call succeeded (for a warning: true).
        package let ok: Bool
        /// What the API said when it did not; the warning's text for a warning.
        package let problem: String?
        /// Whether this is a warning about the credentials rather than a probe.
        package var isWarning = false
    }

    /// Probes every read scope on `target` with the credentials from `environment` or `tokenFile`,
    /// blocking the calling thread (not one of Swift's cooperative threads). Throws when the
    /// target or the credentials cannot be set up at all (exit 2).
    package static func run(target: String, tokenFile: String?, environment: [String: String]) throws(WholesaleError) -> [Probe] {
        try Blocking.run { () async -> Result<[Probe], WholesaleError> in
            do throws(WholesaleError) {
                return .success(try await probe(target: target, tokenFile: tokenFile, environment: environment))
            } catch {
                return .failure(error)
            }
        }.get()
    }

    private static func probe(target: String, tokenFile: String?, environment: [String: String]) async throws(WholesaleError) -> [Probe] {
        let (session, shutdown) = try await APISession.make(
            target: try APITarget(target), simulatorSettings: .init(), tokenFile: tokenFile, dryRun: true, environment: environment,
            concurrency: 1)
        let client = session.client
        let probes: [(String, String, @Sendable () async throws(WholesaleError) -> Void)] = [
            ("spark-admin:wholesale_customers_read", "customers.list", { () async throws(WholesaleError) in _ = try await client.listCustomers(max: 1).first() }),
            ("spark-admin:wholesale_customers_read", "subpartners.list", { () async throws(WholesaleError) in _ = try await client.listSubPartners(max: 1).first() }),
            ("spark-admin:wholesale_subscribers_read", "subscribers.list", { () async throws(WholesaleError) in _ = try await client.listSubscribers(max: 1).first() }),
            ("spark-admin:wholesale_billing_reports_read", "billing.list", { () async throws(WholesaleError) in _ = try await client.listBillingReports(max: 1).first() }),
        ]
        var results: [Probe] = []
        for (scope, operation, call) in probes {
            do {
                try await call()
                results.append(Probe(scope: scope, operation: operation, ok: true, problem: nil))
            } catch {
                let problem: String
                switch error.status {
                case 401: problem = "the token was refused (expired or revoked): renew it"
                case 403: problem = "forbidden: the token lacks \(scope), or the organisation is not entitled to Wholesale"
                default: problem = error.description
                }
                results.append(Probe(scope: scope, operation: operation, ok: false, problem: problem))
            }
        }
        for notice in session.notices {
            results.append(Probe(scope: "refresh token", operation: "auth.refresh", ok: true, problem: notice, isWarning: true))
        }
        await shutdown()
        return results
    }
}
