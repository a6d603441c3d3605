import JSONValues

/// Walks a request body, reading fields by name and collecting every problem on the way.
/// A field that is absent or `null` reads as `nil`; one of the wrong type is reported and reads as `nil`.
struct BodyInspector {
    let catalog: PackageCatalog
    private(set) var problems: [ValidationProblem] = []

    init(catalog: PackageCatalog) { self.catalog = catalog }

    mutating func report(_ rule: ValidationRule, at path: String, _ message: String, severity: ValidationProblem.Severity = .error) {
        problems.append(ValidationProblem(path: path, rule: rule, message: message, severity: severity))
    }

    /// The member `key` of `object` if present and of the kind `extract` accepts.
    private mutating func member<T>(
        _ object: [String: JSONValue], _ key: String, in base: String, required: Bool, kind: String,
        _ extract: (JSONValue) -> T?
    ) -> T? {
        let path = JSONPath.member(base, key)
        guard let value = object[key], value != .null else {
            if required { report(.fieldRequired, at: path, "is required" + Self.sentInstead(of: key, in: object)) }
            return nil
        }
        guard let typed = extract(value) else {
            report(.fieldType, at: path, "must be \(kind), not \(value.kindName)")
            return nil
        }
        return typed
    }

    /// ` (you sent "externalID")` when `object` has a key that is a near miss of the missing
    /// `key` (edit distance, ignoring case), else the empty string.
    static func sentInstead(of key: String, in object: [String: JSONValue]) -> String {
        Spelling.nearest(key, among: object.keys.filter { $0 != key }).map { " (you sent \"\($0)\")" } ?? ""
    }

    /// A string member; a required one must also be non-empty.
    mutating func string(_ object: [String: JSONValue], _ key: String, in base: String, required: Bool = false) -> String? {
        let value = member(object, key, in: base, required: required, kind: "a string") { $0.stringValue }
        if required, value?.isEmpty == true {
            report(.fieldRequired, at: JSONPath.member(base, key), "must not be empty")
            return nil
        }
        return value
    }

    /// An object member.
    mutating func object(_ object: [String: JSONValue], _ key: String, in base: String, required: Bool = false) -> [String: JSONValue]? {
        member(object, key, in: base, required: required, kind: "an object") { $0.objectValue }
    }

    /// An array member.
    mutating func array(_ object: [String: JSONValue], _ key: String, in base: String, required: Bool = false) -> [JSONValue]? {
        member(object, key, in: base, required: required, kind: "an array") { $0.arrayValue }
    }

    /// A boolean member.
    mutating func boolean(_ object: [String: JSONValue], _ key: String, in base: String) -> Bool? {
        member(object, key, in: base, required: false, kind: "true or false") { $0.booleanValue }
    }

    /// The body itself, which must be an object.
    mutating func root(_ body: JSONValue) -> [String: JSONValue]? {
        guard let object = body.objectValue else {
            report(.bodyObject, at: "", "the body must be a JSON object, not \(body.kindName)")
            return nil
        }
        return object
    }

    /// An email member, checked for syntax.
    mutating func email(_ object: [String: JSONValue], _ key: String, in base: String, required: Bool = false) {
        if let value = string(object, key, in: base, required: required), let message = ValueFormats.email(value) {
            report(.email, at: JSONPath.member(base, key), message)
        }
    }

    /// Members that an update cannot carry.
    mutating func refuse(_ keys: [String], in object: [String: JSONValue], because reason: String) {
        for key in keys where object[key] != nil && object[key] != .null {
            report(.customerUpdateField, at: key, reason)
        }
    }
}
