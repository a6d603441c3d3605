import JSONValues
import WholesaleAPI
import WholesaleValidation

/// Pages of a list with `max`/`offset` and `Link` headers (`next`, `prev`, `first`).
///
/// Every list answers a `max` above its cap the same way: a page of the cap's size with a next
/// link (docs/simulator.md#paging).
extension Simulator {
    /// One page of `items` as the response to `request`, at `path` below `/v1`; only the page's
    /// items are rendered.
    func page<Item>(_ items: [Item], _ request: SimulatorRequest, path: String, defaultSize: Int? = nil,
                    render: (Item) -> JSONValue) -> TransportResponse {
        page(count: items.count, request, path: path, defaultSize: defaultSize) { range in items[range].map(render) }
    }

    /// One page of a list of `count` items, of which `slice` renders those at a range (within
    /// `0..<count`): the list itself need not exist as an array.
    func page(count: Int, _ request: SimulatorRequest, path: String, defaultSize: Int? = nil,
              slice: (Range<Int>) -> [JSONValue]) -> TransportResponse {
        let asked = request.query("max").flatMap(Int.init) ?? defaultSize ?? configuration.defaultPageSize
        let size = max(1, min(asked, configuration.maxPageSize))
        let offset = max(0, request.query("offset").flatMap(Int.init) ?? 0)
        let items = offset < count ? slice(offset..<min(count, offset + size)) : []
        let filters = request.query.filter { $0.name != "offset" && $0.name != "max" && !$0.value.isEmpty }
        func link(_ at: Int, keepingFilters: Bool = true) -> String {
            let query = [("offset", String(at)), ("max", String(size))] + (keepingFilters ? filters : [])
            return request.origin + "/v1" + path + "?" + QueryEncoding.encode(query)
        }
        var links = ["<\(link(0))>; rel=\"first\""]
        if offset > 0 { links.append("<\(link(max(0, offset - size)))>; rel=\"prev\"") }
        if offset + size < count {
            links.append("<\(link(offset + size, keepingFilters: !configuration.dropFiltersFromNextLinks))>; rel=\"next\"")
        }
        return request.json(200, ["items": .array(items)], headers: [("Link", links.joined(separator: ", "))])
    }

    /// A list of records the caller's organisation owns: its options checked, the organisation
    /// found, due background work applied and saved; then `answer` gives the page.
    func ownedList(_ list: ListKind, _ request: SimulatorRequest,
                   _ answer: (inout SimulatorState, _ owner: String) -> TransportResponse) -> TransportResponse {
        if let refusal = refuseOptions(list, request) { return refusal.response }
        return state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: false) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceAll(&state, &changes)
            if let refusal = persist(changes, state, request) { return refusal.response }
            return answer(&state, owner)
        }
    }

    /// The page size of a list whose caller gives no `max`: the specification's 100 for billing
    /// reports (never above the cap), the configured default for the others.
    func defaultPageSize(_ list: ListKind) -> Int {
        list == .billingReports ? min(100, configuration.maxPageSize) : configuration.defaultPageSize
    }
}
