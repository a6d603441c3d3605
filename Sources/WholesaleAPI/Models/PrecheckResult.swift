public import JSONValues

/// The answer of a precheck (reference §3.4): a refusal is a result, not an error, whether the
/// API says so with a 200 and a message other than `success` or with a 400/409 error body.
public struct PrecheckResult: Sendable, Hashable {
    /// Whether the body would be accepted.
    public let ok: Bool
    /// The API's message (`success` when accepted).
    public let message: String
    /// The `info` entries (`{infoCode, description}`), always as a list.
    public let info: [JSONValue]
    /// The `errors` entries of a refusal.
    public let errors: [JSONValue]
    /// The first error code of a refusal.
    public let code: Int?
    /// The tracking id of the request.
    public let trackingId: String?
    /// The HTTP status the answer came with.
    public let status: Int

    /// Reads a precheck answer.
    init(status: Int, body: [UInt8], trackingId: String?) {
        self.status = status
        let value = (try? JSONValue(json: body)) ?? .object([:])
        let error = WebexErrorBody(body)
        let message = value["message"]?.stringValue ?? error.message ?? ""
        self.ok = (200..<300).contains(status) && message.lowercased() == "success"
        self.message = message
        switch value["info"] {
        case .array(let list): info = list
        case .object(let single): info = [.object(single)]
        default: info = []
        }
        self.errors = error.errors
        self.code = ok ? nil : error.codes.first ?? info.compactMap { $0["errorCode"]?.integerValue }.first.map { Int($0) }
        self.trackingId = value["trackingId"]?.stringValue ?? trackingId
    }
}
