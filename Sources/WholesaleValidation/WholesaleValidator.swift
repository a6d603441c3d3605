public import JSONValues

/// Checks request bodies and list options against the API's rules before anything is sent,
/// reporting every problem at once (reference §11; rule ids in `ValidationRule`).
public struct WholesaleValidator: Sendable {
    /// The package table the rules use.
    public let catalog: PackageCatalog

    /// A validator over `catalog`.
    public init(catalog: PackageCatalog = .current) {
        self.catalog = catalog
    }

    /// The problems of a customer body for provision (POST), update (PUT) or precheck.
    ///
    /// An update is checked without knowing the customer's current packages, so the calling
    /// location it may need when a calling package is newly added is left to the server.
    public func customer(_ body: JSONValue, for use: BodyUse = .provision) -> [ValidationProblem] {
        var inspector = BodyInspector(catalog: catalog)
        guard let object = inspector.root(body) else { return inspector.problems }
        var calling = false
        if let list = inspector.array(object, "packages", in: "", required: use != .precheck) {
            calling = inspector.packages(list, at: "packages", kind: .customer).contains(where: \.isCalling)
        }
        switch use {
        case .provision:
            _ = inspector.string(object, "provisioningId", in: "", required: true)
            _ = inspector.string(object, "externalId", in: "", required: true)
            let orgId = inspector.string(object, "orgId", in: "")
            if orgId == nil, object["customerInfo"] == nil || object["customerInfo"] == .null {
                inspector.report(.customerInfo, at: "customerInfo", "is required for a new customer (name and primaryEmail); only an existing organisation given by orgId can go without")
            } else {
                inspector.customerInfo(object, required: false, nameRequired: true)
            }
        case .update:
            inspector.refuse(["provisioningId", "orgId", "customerInfo"], in: object, because: "cannot be changed by an update; leave it out")
            _ = inspector.string(object, "externalId", in: "")
        case .precheck:
            _ = inspector.string(object, "provisioningId", in: "")
            _ = inspector.string(object, "externalId", in: "")
            _ = inspector.string(object, "orgId", in: "")
            inspector.customerInfo(object, required: false, nameRequired: false)
        }
        inspector.address(object, "address", in: "", required: use != .update)
        inspector.customerParameters(object, callingRequired: use == .provision && calling)
        inspector.email(object, "subPartnerAdminEmail", in: "")
        inspector.unknownFields(object, .customer, in: "")
        return inspector.problems
    }

    /// The problems of a subscriber body for provision (POST), update (PUT) or precheck.
    ///
    /// A calling package needs a phone number or an extension on provision, and on an update
    /// that sends `provisioningParameters` (a move from meetings to calling). The exception the
    /// API makes for users already on Webex Calling cannot be seen locally.
    public func subscriber(_ body: JSONValue, for use: BodyUse = .provision) -> [ValidationProblem] {
        var inspector = BodyInspector(catalog: catalog)
        guard let object = inspector.root(body) else { return inspector.problems }
        switch use {
        case .provision:
            _ = inspector.string(object, "customerId", in: "", required: true)
            inspector.email(object, "email", in: "", required: true)
            let packages = inspector.subscriberPackages(object, required: true)
            inspector.subscriberParameters(object, required: true, packages: packages, numberRequired: true)
        case .update:
            let packages = inspector.subscriberPackages(object, required: true)
            inspector.subscriberParameters(object, required: false, packages: packages, numberRequired: true)
        case .precheck:
            inspector.email(object, "email", in: "", required: true)
            _ = inspector.string(object, "customerId", in: "")
            _ = inspector.string(object, "provisioningId", in: "")
            let packages = inspector.subscriberPackages(object, required: false)
            inspector.subscriberParameters(object, required: false, packages: packages, numberRequired: false)
            if let info = inspector.object(object, "customerInfo", in: "") {
                inspector.email(info, "primaryEmail", in: "customerInfo", required: true)
            }
        }
        inspector.unknownFields(object, .subscriber, in: "")
        return inspector.problems
    }

    /// The problems of a billing-report request (reference §10, §11.19).
    public func billingReport(_ body: JSONValue) -> [ValidationProblem] {
        var inspector = BodyInspector(catalog: catalog)
        guard let object = inspector.root(body) else { return inspector.problems }
        for key in ["billingStartDate", "billingEndDate"] {
            if let date = inspector.string(object, key, in: "", required: true), let message = ValueFormats.date(date) {
                inspector.report(.billingDate, at: key, message)
            }
        }
        if let type = inspector.string(object, "type", in: ""), !Self.billingTypes.contains(type) {
            inspector.report(.billingType, at: "type", "\"\(type)\" is not a report type; expected PARTNER, CUSTOMER or USER")
        }
        _ = inspector.string(object, "subPartnerOrgId", in: "")
        _ = inspector.boolean(object, "internal", in: "")
        inspector.unknownFields(object, .billingReport, in: "")
        return inspector.problems
    }

    /// The unknown fields of `body` alone, as warnings (`wholesale check` runs this on the
    /// table literals a playbook passes to provision, update and precheck calls).
    public func unknownFields(_ body: JSONValue, _ fields: BodyFields) -> [ValidationProblem] {
        var inspector = BodyInspector(catalog: catalog)
        if let object = body.objectValue { inspector.unknownFields(object, fields, in: "") }
        return inspector.problems
    }

    /// The problems of a package list on its own (enum membership, duplicates, dependencies).
    public func packages(_ names: [JSONValue], kind: PackageKind) -> [ValidationProblem] {
        var inspector = BodyInspector(catalog: catalog)
        inspector.packages(names, at: "packages", kind: kind)
        return inspector.problems
    }

    static let billingTypes: Set<String> = ["PARTNER", "CUSTOMER", "USER"]
}
