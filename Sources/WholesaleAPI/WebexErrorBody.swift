import JSONValues

/// The standard Webex error body, read tolerantly (reference §1.4):
/// `{message, errors: [{description, errorCode}], trackingId}`, every part optional.
struct WebexErrorBody {
    var message: String?
    var errors: [JSONValue] = []
    var codes: [Int] = []
    var trackingId: String?

    init(_ body: [UInt8]) {
        guard !body.isEmpty, let value = try? JSONValue(json: body), let object = value.objectValue else { return }
        message = object["message"]?.stringValue
        trackingId = object["trackingId"]?.stringValue
        errors = object["errors"]?.arrayValue ?? []
        codes = errors.compactMap { $0["errorCode"]?.integerValue ?? $0["code"]?.integerValue }.map { Int($0) }
        if codes.isEmpty, let code = object["errorCode"]?.integerValue { codes = [Int(code)] }
        if message == nil { message = errors.compactMap { $0["description"]?.stringValue }.first }
    }
}
