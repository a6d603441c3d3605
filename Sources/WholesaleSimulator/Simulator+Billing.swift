import Foundation
import JSONValues
import WholesaleAPI

/// /wholesale/billing/reports: list, create, get, delete.
extension Simulator {
    func listReports(_ request: SimulatorRequest) -> TransportResponse {
        if let refusal = refuseOptions(.billingReports, request) { return refusal.response }
        return state.withLock { state in
            var changes = StateChanges()
            advanceAll(&state, &changes)
            if let refusal = persist(changes, state, request) { return refusal.response }
            let sortKey = request.query("sortBy") ?? "billingStartDate"
            let items = state.reports.values
                .filter { r in
                    r.owner == state.partnerOrgId
                        && (request.query("billingStartDate").map { r.billingStartDate >= $0 } ?? true)
                        && (request.query("billingEndDate").map { r.billingEndDate <= $0 } ?? true)
                        && (request.query("type").map { $0 == r.type } ?? true)
                        && (request.query("status").map { $0 == r.status } ?? true)
                        && (request.query("subPartnerOrgId").map { $0 == r.subPartnerOrgId } ?? true)
                }
                .sorted { a, b in
                    let (x, y): (String, String)
                    switch sortKey {
                    case "id": (x, y) = (a.id, b.id)
                    case "billingEndDate": (x, y) = (a.billingEndDate, b.billingEndDate)
                    case "status": (x, y) = (a.status, b.status)
                    default: (x, y) = (a.billingStartDate, b.billingStartDate)
                    }
                    return x == y ? a.sequence < b.sequence : x < y
                }
            return page(items, request, path: "/wholesale/billing/reports", defaultSize: defaultPageSize(.billingReports)) { render($0, full: false) }
        }
    }

    func createReport(_ request: SimulatorRequest) -> TransportResponse {
        let body: JSONValue
        switch self.body(request) {
        case .success(let value): body = value
        case .failure(let refusal): return refusal.response
        }
        if let refusal = refuse(validator.billingReport(body), request) { return refusal.response }
        let start = body["billingStartDate"]?.stringValue ?? "", end = body["billingEndDate"]?.stringValue ?? ""
        guard start <= end else {
            return request.error(400, "billingStartDate \(start) is after billingEndDate \(end)", code: SimulatorCodes.invalidBody)
        }
        return state.withLock { state in
            if let subPartner = body["subPartnerOrgId"]?.stringValue, !state.subPartners.contains(where: { $0.orgId == subPartner }) {
                return request.error(403, "\(subPartner) is not a sub-partner of this partner", code: SimulatorCodes.notASubPartner)
            }
            let now = clock.now()
            // A period that has not ended yet cannot be billed: such a report ends FAILED.
            let today = String(Self.iso(now).prefix(10))
            let outcome = end >= today ? "FAILED" : "COMPLETED"
            let record = ReportRecord(
                id: state.random.webexID("BILLING_REPORT"), owner: state.partnerOrgId, billingStartDate: start, billingEndDate: end,
                type: body["type"]?.stringValue ?? "PARTNER", category: "RECONCILIATION", subPartnerOrgId: body["subPartnerOrgId"]?.stringValue,
                createdBy: state.partnerAdminId, status: "IN_PROGRESS",
                schedule: [Transition(at: now + configuration.durations.billingReport, status: outcome)], created: now, sequence: state.sequence()
            )
            state.reports[record.id] = record
            var changes = StateChanges()
            changes.reports.insert(record.id)
            changes.meta = true
            if let refusal = persist(changes, state, request) { return refusal.response }
            return request.json(200, [
                "id": .string(record.id), "billingStartDate": .string(start), "billingEndDate": .string(end),
                "type": .string(record.type), "category": .string(record.category),
            ])
        }
    }

    func getReport(_ request: SimulatorRequest, id: String) -> TransportResponse {
        state.withLock { state in
            var changes = StateChanges()
            advanceReport(id, &state, &changes)
            if let refusal = persist(changes, state, request) { return refusal.response }
            guard let report = state.reports[id] else { return reportNotFound(request) }
            return request.json(200, render(report, full: true))
        }
    }

    func removeReport(_ request: SimulatorRequest, id: String) -> TransportResponse {
        state.withLock { state in
            guard state.reports[id] != nil else { return reportNotFound(request) }
            state.reports[id] = nil
            var changes = StateChanges()
            changes.reports.insert(id)
            if let refusal = persist(changes, state, request) { return refusal.response }
            return request.empty(204)
        }
    }

    private func reportNotFound(_ request: SimulatorRequest) -> TransportResponse {
        request.error(404, "Billing Report not found.", code: SimulatorCodes.reportNotFound)
    }
}
