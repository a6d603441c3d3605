package import JSONValues
package import WholesaleAPI

extension APISession {
    /// `billing.get`.
    package func getBillingReport(_ id: String) async throws(WholesaleError) -> JSONValue {
        if let standIn = plan?.standIn(id) { return standIn }
        let report = try await client.getBillingReport(id).jsonValue
        noteStatus(report, id: id)
        return report
    }

    /// `billing.create`: the report, `IN_PROGRESS`; with `wait`, once `COMPLETED` or `FAILED`.
    package func createBillingReport(_ body: JSONValue, wait: WaitRequest?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.billingCreate) {
            try client.validate(.billingCreate, body: body)
            let id = plan.newID("billing-report")
            var report = body.objectValue ?? [:]
            report["id"] = .string(id)
            report["status"] = .string((wait == nil ? BillingReportStatus.inProgress : .completed).rawValue)
            report["dryRun"] = true
            plan.keep(.object(report), for: id)
            plan.record(.init(operation: .billingCreate, id: nil,
                              resource: "type=\(body["type"]?.stringValue ?? "PARTNER")", onBehalfOf: nil, body: body))
            return .object(report)
        }
        let report = try await client.createBillingReport(body).jsonValue
        guard let id = report["id"]?.stringValue else { return report }
        guard let wait else {
            noteStarted(.billingCreate, id: id, status: BillingReportStatus.inProgress.rawValue)
            return report
        }
        return try await waitForBillingReport(id, wait.named(.billingCreate))
    }

    /// `billing.remove`: `true`.
    package func removeBillingReport(_ id: String) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.billingRemove) {
            plan.record(.init(operation: .billingRemove, id: id,
                              resource: id, onBehalfOf: nil, body: nil))
            return true
        }
        try await client.removeBillingReport(id)
        return true
    }

    /// `billing.wait`: the report once it is `COMPLETED` or `FAILED`.
    package func waitForBillingReport(_ id: String, _ wait: WaitRequest) async throws(WholesaleError) -> JSONValue {
        try await self.wait(wait, id: id, terminal: Set(BillingReportStatus.terminal.map(\.rawValue)), finished: BillingReportStatus.completed.rawValue) { () async throws(WholesaleError) in
            try await self.getBillingReport(id)
        }
    }
}
