import JSONValues
import WholesaleAPI

/// A request taken apart for routing: path segments below `/v1`, query items, body, and the
/// base URL links and locations are built on.
struct SimulatorRequest {
    let method: HTTPMethod
    let segments: [String]
    let query: [(name: String, value: String)]
    let headers: [(name: String, value: String)]
    let body: [UInt8]?
    /// `scheme://host[:port]` as the caller addressed the simulator.
    let origin: String
    let trackingId: String
    /// The scenario's renumbering of the simulator's codes (`Catalogue.codes`).
    var codes: [Int: Int] = [:]

    /// The number to answer with for the simulator's `code`.
    func code(_ code: Int) -> Int { codes[code] ?? code }

    init(_ request: TransportRequest, fallbackTrackingId: String) {
        method = request.method
        let url = request.url
        let schemeEnd = url.range(of: "://")
        let afterScheme = schemeEnd.map { url[$0.upperBound...] } ?? Substring(url)
        let pathStart = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        origin = String(url[url.startIndex..<pathStart])
        let target = afterScheme[pathStart...]
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var segments = (parts.first ?? "").split(separator: "/").map { QueryEncoding.percentDecode(String($0)) }
        if segments.first == "v1" { segments.removeFirst() }
        self.segments = segments
        query = parts.count > 1 ? QueryEncoding.decode(String(parts[1])) : []
        headers = request.headers
        body = request.body
        trackingId = request.header("TrackingID") ?? fallbackTrackingId
    }

    /// The path with ids replaced by `{id}`: `/wholesale/customers/{id}`.
    var template: String {
        var parts = segments
        switch (parts.count, parts.first) {
        case (3, "wholesale") where parts[2] != "validate" && parts[1] != "billing": parts[2] = "{id}"
        case (4, "wholesale") where parts[1] == "billing": parts[3] = "{id}"
        case (4, "subscribers"): parts[1] = "{id}"
        default: break
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The first value of query item `name` (empty values count as absent).
    func query(_ name: String) -> String? {
        query.first { $0.name == name && !$0.value.isEmpty }?.value
    }

    /// Every value of array parameter `name`, in either form the API takes: repeated
    /// (`status=a&status=b`) or comma-separated (`status=a,b`), or both; `nil` when none is given.
    func values(_ name: String) -> [String]? {
        let values = query.filter { $0.name == name }
            .flatMap { $0.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        return values.isEmpty ? nil : values
    }

    /// The first value of header `name`.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
