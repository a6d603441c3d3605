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
        let asked = request.query("max").flatMap(Int.init) ?? defaultSize ?? configuration.defaultPageSize
        let size = max(1, min(asked, configuration.maxPageSize))
        let offset = max(0, request.query("offset").flatMap(Int.init) ?? 0)
        let slice = offset < items.count ? items[offset..<min(items.count, offset + size)].map(render) : []
        let filters = request.query.filter { $0.name != "offset" && $0.name != "max" && !$0.value.isEmpty }
        func link(_ at: Int, keepingFilters: Bool = true) -> String {
            let query = [("offset", String(at)), ("max", String(size))] + (keepingFilters ? filters : [])
            return request.origin + "/v1" + path + "?" + QueryEncoding.encode(query)
        }
        var links = ["<\(link(0))>; rel=\"first\""]
        if offset > 0 { links.append("<\(link(max(0, offset - size)))>; rel=\"prev\"") }
        if offset + size < items.count {
            links.append("<\(link(offset + size, keepingFilters: !configuration.dropFiltersFromNextLinks))>; rel=\"next\"")
        }
        return request.json(200, ["items": .array(slice)], headers: [("Link", links.joined(separator: ", "))])
    }

    /// The page size of a list whose caller gives no `max`: the specification's 100 for billing
    /// reports (never above the cap), the configured default for the others.
    func defaultPageSize(_ list: ListKind) -> Int {
        list == .billingReports ? min(100, configuration.maxPageSize) : configuration.defaultPageSize
    }
}
