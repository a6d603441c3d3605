import JSONValues

extension BodyInspector {
    /// `customerInfo` (reference §5 C2, C6): `name` without `%`, `primaryEmail` an email,
    /// `language` like `en` or `en_US`. A precheck needs only `primaryEmail`.
    mutating func customerInfo(_ body: [String: JSONValue], required: Bool, nameRequired: Bool) {
        guard let info = object(body, "customerInfo", in: "", required: required) else { return }
        if let name = string(info, "name", in: "customerInfo", required: nameRequired), name.contains("%") {
            report(.customerName, at: "customerInfo.name", "must not contain \"%\"")
        }
        email(info, "primaryEmail", in: "customerInfo", required: true)
        if let language = string(info, "language", in: "customerInfo"), let message = ValueFormats.language(language, style: .customer) {
            report(.language, at: "customerInfo.language", message)
        }
    }

    /// `provisioningParameters` of a customer: the calling location (required when
    /// `callingRequired`), the meetings time zone and the package limits.
    mutating func customerParameters(_ body: [String: JSONValue], callingRequired: Bool) {
        let base = "provisioningParameters"
        let parameters = object(body, base, in: "")
        let calling = parameters.flatMap { object($0, "calling", in: base) }
        if let calling {
            callingLocation(calling, in: base + ".calling")
        } else if callingRequired {
            report(.callingLocation, at: base + ".calling.location",
                   "is required with calling packages: give name, address, timezone and language of the main office")
        }
        if let meetings = parameters.flatMap({ object($0, "meetings", in: base) }),
           let zone = string(meetings, "timezone", in: base + ".meetings"), let message = ValueFormats.timeZone(zone) {
            report(.timeZone, at: base + ".meetings.timezone", message)
        }
        if let packages = parameters.flatMap({ object($0, "packages", in: base) }),
           let limits = object(packages, "limits", in: base + ".packages") {
            for (name, value) in limits where value.doubleValue.map({ $0 < 0 }) ?? true {
                report(.fieldType, at: JSONPath.member(base + ".packages.limits", name), "must be a number of licences (0 or more), not \(value.kindName == "number" ? "negative" : value.kindName)")
            }
        }
    }

    private mutating func callingLocation(_ calling: [String: JSONValue], in base: String) {
        guard let location = object(calling, "location", in: base, required: true) else { return }
        let path = base + ".location"
        _ = string(location, "name", in: path, required: true)
        address(location, "address", in: path, required: true)
        if let zone = string(location, "timezone", in: path, required: true), let message = ValueFormats.timeZone(zone) {
            report(.timeZone, at: path + ".timezone", message)
        }
        if let language = string(location, "language", in: path, required: true), let message = ValueFormats.language(language, style: .location) {
            report(.language, at: path + ".language", message)
        }
        _ = string(location, "emergencyLocationIdentifier", in: path)
    }
}
