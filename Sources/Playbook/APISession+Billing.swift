import JSONValues
import WholesaleAPI

extension APISession {
    /// `billing.get`.
    func getBillingReport(_ id: String) async throws(WholesaleError) -> JSONValue {
        if let standIn = plan?.standIn(id) { return standIn }
        let report = try await client.getBillingReport(id).jsonValue
        noteStatus(report, id: id)
        return report
    }

    /// `billing.create`: the report, `IN_PROGRESS`; with `wait`, once `COMPLETED` or `FAILED`.
    func createBillingReport(_ body: JSONValue, wait: WaitRequest?) async throws(WholesaleError) -> JSONValue {
        if let plan {
            try client.validate(.billingCreate, body: body)
            let id = plan.newID("billing-report")
            var report = body.objectValue ?? [:]
            report["id"] = .string(id)
            report["status"] = .string(wait == nil ? "IN_PROGRESS" : "COMPLETED")
            report["dryRun"] = true
            plan.keep(.object(report), for: id)
            plan.record(.init(operation: Operation.billingCreate.rawValue, request: "POST /v1/wholesale/billing/reports",
                              resource: "type=\(body["type"]?.stringValue ?? "PARTNER")", onBehalfOf: nil, body: body))
            return .object(report)
        }
        let report = try await client.createBillingReport(body).jsonValue
        guard let id = report["id"]?.stringValue else { return report }
        guard let wait else {
            noteStarted(.billingCreate, id: id, status: "IN_PROGRESS")
            return report
        }
        return try await waitForBillingReport(id, wait.named(.billingCreate))
    }

    /// `billing.remove`: `true`.
    func removeBillingReport(_ id: String) async throws(WholesaleError) -> JSONValue {
        if let plan {
            plan.record(.init(operation: Operation.billingRemove.rawValue, request: "DELETE /v1/wholesale/billing/reports/\(id)",
                              resource: id, onBehalfOf: nil, body: nil))
            return true
        }
        try await client.removeBillingReport(id)
        return true
    }

    /// `billing.wait`: the report once it is `COMPLETED` or `FAILED`.
    func waitForBillingReport(_ id: String, _ wait: WaitRequest) async throws(WholesaleError) -> JSONValue {
        try await self.wait(wait, id: id, terminal: Self.reportEndStatuses, finished: "COMPLETED") { () async throws(WholesaleError) in
            try await self.getBillingReport(id)
        }
    }
}
