import JSONValues

extension BodyInspector {
    /// Every key of `object` (and of its members that are objects with named fields) that
    /// `fields` does not name: a warning with the nearest known field, or the fields there are.
    mutating func unknownFields(_ object: [String: JSONValue], _ fields: BodyFields, in base: String) {
        for key in object.keys.sorted() {
            let path = JSONPath.member(base, key)
            if fields.names.contains(key) {
                if let tree = fields.fields(of: key), let member = object[key]?.objectValue { unknownFields(member, tree, in: path) }
                continue
            }
            let hint = Spelling.hint(key, among: fields.names)
            let known = hint.isEmpty ? " (\(base.isEmpty ? "the body" : base) takes \(fields.names.joined(separator: ", ")))" : hint
            report(.fieldUnknown, at: path, "is not a field the API knows" + known, severity: .warning)
        }
    }
}
