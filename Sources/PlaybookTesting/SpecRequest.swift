import Foundation
import JSONValues
import WholesaleAPI

/// One request a spec's simulator received, as `sim.requests()` shows it.
struct SpecRequest: Sendable {
    /// `POST`.
    let method: String
    /// `/v1/wholesale/customers`.
    let path: String
    /// The query's parameters, decoded.
    let query: [String: String]
    /// The status answered (0 when the run was killed before the answer).
    var status: Int
    /// The body sent, when it was JSON.
    let body: JSONValue?
    /// The operation it is, when it is one of the 18.
    let operation: WholesaleAPI.Operation?

    /// The request `request` as the spec sees it.
    init(_ request: TransportRequest) {
        method = request.method.rawValue
        let components = URLComponents(string: request.url)
        path = components?.percentEncodedPath ?? request.url
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        self.query = query
        status = 0
        body = request.body.flatMap { try? JSONValue(json: $0) }
        operation = Self.operation(method: request.method, path: path)
    }

    /// The operation of `method` on `path` (`/v1/...`).
    static func operation(method: HTTPMethod, path: String) -> WholesaleAPI.Operation? {
        let segments = path.split(separator: "/").map(String.init).dropFirst()
        return WholesaleAPI.Operation.allCases.first { operation in
            guard operation.method == method else { return false }
            let pattern = operation.path(id: "\u{1}").split(separator: "/").map(String.init)
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { expected, given in expected == "\u{1}" || expected.removingPercentEncoding == "\u{1}" || expected == given }
        }
    }
}
