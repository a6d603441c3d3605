import JSONValues
import WholesaleAPI

/// GET /wholesale/subPartners.
extension Simulator {
    func listSubPartners(_ request: SimulatorRequest) -> TransportResponse {
        if let refusal = refuseOptions(.subPartners, request) { return refusal.response }
        return state.withLock { state in
            let items = state.subPartners
                .filter { p in request.query("provisioningState").map { $0 == p.provisioningState } ?? true }
                .sorted { $0.sequence < $1.sequence }
            return page(items, request, path: "/wholesale/subPartners", render: render)
        }
    }
}
