import JSONValues
import WholesaleAPI

/// GET /wholesale/customers: a page taken from the customer index, whatever the state's size.
extension Simulator {
    func listCustomers(_ request: SimulatorRequest) -> TransportResponse {
        ownedList(.customers, request) { state, owner in
            let statuses = request.values("status").map(Set.init)
            let externalId = request.query("externalId"), orgId = request.query("orgId")
            if externalId != nil || orgId != nil {
                // A find: the few customers the index names, checked against every filter.
                let candidates = externalId.map { state.customers.index.ids(owner: owner, externalId: $0) } ?? state.customers.index.ids(orgId: orgId!)
                let found = candidates.compactMap { state.customers[$0] }
                    .filter { c in
                        c.owner == owner
                            && (externalId.map { $0 == c.externalId } ?? true)
                            && (orgId.map { $0 == c.orgId && c.status != "provisioning" } ?? true)
                            && (statuses.map { $0.contains(c.status) } ?? true)
                    }
                    .sorted { $0.sequence < $1.sequence }
                return page(found, request, path: "/wholesale/customers") { render($0, origin: request.origin) }
            }
            // The owner's creation order, all or by status: only the page served is looked up.
            let orders = state.customers.index.orders(owner: owner, statuses: statuses)
            return page(count: orders.reduce(0) { $0 + $1.count }, request, path: "/wholesale/customers") { range in
                SequenceOrder.merged(orders, range).compactMap { state.customers.index.id(sequence: $0).flatMap { state.customers[$0] } }
                    .map { render($0, origin: request.origin) }
            }
        }
    }
}
