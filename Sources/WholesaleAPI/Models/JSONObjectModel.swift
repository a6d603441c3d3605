public import JSONValues

/// A resource of the API kept as the JSON object the server sent, with typed accessors for the
/// fields the client knows. Fields it does not know stay in `json` untouched, so a resource read,
/// changed and written back loses nothing when Webex adds fields; a missing field reads as `nil`.
public protocol JSONObjectModel: Sendable, Hashable, CustomStringConvertible {
    /// Every member, known or not.
    var json: [String: JSONValue] { get set }
    /// Wraps an object.
    init(json: [String: JSONValue])
}

extension JSONObjectModel {
    /// Wraps `value` when it is an object.
    public init?(_ value: JSONValue) {
        guard let object = value.objectValue else { return nil }
        self.init(json: object)
    }

    /// The object as a JSON value.
    public var jsonValue: JSONValue { .object(json) }

    /// The JSON text of the object, keys sorted.
    public var description: String { jsonValue.jsonText() }

    /// The string member `key`.
    func string(_ key: String) -> String? { json[key]?.stringValue }

    /// Sets or removes the string member `key`.
    mutating func set(_ key: String, _ value: String?) { json[key] = value.map(JSONValue.string) }

    /// The string elements of the array member `key`.
    func strings(_ key: String) -> [String]? { json[key]?.arrayValue?.compactMap(\.stringValue) }

    /// Sets or removes the array-of-strings member `key`.
    mutating func set(_ key: String, _ values: [String]?) { json[key] = values.map { .array($0.map(JSONValue.string)) } }

    /// The object elements of the array member `key`, wrapped as `T`.
    func models<T: JSONObjectModel>(_ key: String) -> [T] { json[key]?.arrayValue?.compactMap(T.init) ?? [] }

    /// The object member `key`, wrapped as `T`.
    func model<T: JSONObjectModel>(_ key: String) -> T? { json[key].flatMap(T.init) }
}

/// An error or warning reported inside a resource (`{errorCode, description}`; billing reports
/// say `code`), as opposed to the error body of a failed request.
public struct ResourceIssue: JSONObjectModel {
    /// Every member.
    public var json: [String: JSONValue]
    /// Wraps an object.
    public init(json: [String: JSONValue]) { self.json = json }

    /// The code (`errorCode`, or `code` in billing reports).
    public var code: Int? { (json["errorCode"]?.integerValue ?? json["code"]?.integerValue).map { Int($0) } }
    /// What went wrong.
    public var text: String? { string("description") }
}
