import JSONValues

extension BodyInspector {
    /// An Address (reference §3.1): `addressLine1`, `city` and `country` required, lines at
    /// most 50 characters, `country` an ISO 3166-1 alpha-2 code.
    mutating func address(_ parent: [String: JSONValue], _ key: String, in base: String, required: Bool) {
        guard let address = object(parent, key, in: base, required: required) else { return }
        let path = JSONPath.member(base, key)
        for line in ["addressLine1", "addressLine2"] {
            let value = string(address, line, in: path, required: line == "addressLine1")
            if let value, value.count > 50 {
                report(.addressLineLength, at: JSONPath.member(path, line), "is \(value.count) characters long; the limit is 50")
            }
        }
        _ = string(address, "city", in: path, required: true)
        _ = string(address, "stateOrProvince", in: path)
        _ = string(address, "zipOrPostalCode", in: path)
        if let country = string(address, "country", in: path, required: true), let message = ValueFormats.country(country) {
            report(.countryCode, at: JSONPath.member(path, "country"), message)
        }
    }
}
