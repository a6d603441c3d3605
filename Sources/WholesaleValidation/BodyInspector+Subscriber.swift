import JSONValues

extension BodyInspector {
    /// `package` / `packages` of a subscriber (reference §8, §11.14–16): one of the two, or both
    /// when they agree (`packages` names the `package`: the specification deprecates `package`,
    /// it does not forbid sending both); `required` says whether one must be there at all;
    /// `package` takes only the six original values; `packages` holds one base package, beside
    /// which an add-on may sit. Returns the packages named, for the calling rule.
    mutating func subscriberPackages(_ body: [String: JSONValue], required: Bool) -> [PackageInfo] {
        let hasSingle = body["package"] != nil && body["package"] != .null
        let hasList = body["packages"] != nil && body["packages"] != .null
        if hasSingle && hasList {
            let single = body["package"]?.stringValue
            let list = body["packages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if let single, !list.contains(single) {
                report(.subscriberPackageChoice, at: "packages",
                       "does not name \"\(single)\", the deprecated \"package\" sent beside it: give \"packages\" alone, or the same package in both")
            }
        } else if !hasSingle && !hasList && required {
            report(.subscriberPackageChoice, at: "packages", "is required (or the deprecated \"package\")")
        }
        var known: [PackageInfo] = []
        if let single = string(body, "package", in: "") {
            if let info = catalog.package(named: single), info.forSubscribers {
                if !info.legacySubscriberValue {
                    report(.subscriberLegacyPackage, at: "package", "\"\(single)\" can only be given in \"packages\": the deprecated \"package\" takes \(catalog.packages.filter(\.legacySubscriberValue).map(\.name).joined(separator: ", "))")
                }
                known = [info]
            } else {
                report(.packageKnown, at: "package", "\"\(single)\" is not a subscriber package; expected one of \(catalog.names(for: .subscriber).joined(separator: ", "))")
            }
        }
        guard let list = array(body, "packages", in: "") else { return known }
        known = packages(list, at: "packages", kind: .subscriber)
        if known.filter({ !$0.isAddOn }).count > 1 {
            report(.subscriberPackageCount, at: "packages", "a subscriber has one package (an add-on may join it); \(known.filter { !$0.isAddOn }.map(\.name).joined(separator: ", ")) are several")
        }
        return known
    }

    /// `provisioningParameters` of a subscriber: names, an E.164 `primaryPhoneNumber`, an
    /// `extension`, a `locationId`; with a calling package, a missing number and extension is a
    /// warning when `numberRequired` (users already on Webex Calling may go without, and only the
    /// server knows who they are).
    mutating func subscriberParameters(_ body: [String: JSONValue], required: Bool, packages: [PackageInfo], numberRequired: Bool) {
        let base = "provisioningParameters"
        guard let parameters = object(body, base, in: "", required: required) else { return }
        for key in ["firstName", "lastName", "locationId"] { _ = string(parameters, key, in: base) }
        let phone = string(parameters, "primaryPhoneNumber", in: base)
        if let phone, let message = ValueFormats.phone(phone) { report(.phone, at: base + ".primaryPhoneNumber", message) }
        let extensionNumber = string(parameters, "extension", in: base)
        if numberRequired, packages.contains(where: \.isCalling), (phone ?? "").isEmpty, (extensionNumber ?? "").isEmpty {
            let names = packages.filter(\.isCalling).map(\.name).joined(separator: ", ")
            report(.subscriberNumber, at: base,
                   "\(names) is a calling package: give primaryPhoneNumber, extension or both, unless the user is already on Webex Calling",
                   severity: .warning)
        }
    }
}
