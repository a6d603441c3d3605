/// The fields a request body may carry, by their API names, and the fields of those that are
/// objects: the OpenAPI reference's request schemas (webex-wholesale.openapi.json), one tree per
/// resource, the union of its provision, update and precheck bodies (a field one use refuses, such
/// as `orgId` in an update, has a rule of its own). A field whose keys are data, such as
/// `provisioningParameters.packages.limits` (package names), has no tree.
public struct BodyFields: Sendable {
    /// The field names, in the reference's order (the order a message lists them in).
    public let names: [String]
    /// The trees of the fields that are objects with named fields.
    let children: [String: BodyFields]

    /// Fields in order; a field given a tree is an object with those fields.
    init(_ fields: KeyValuePairs<String, BodyFields?>) {
        names = fields.map(\.key)
        var children: [String: BodyFields] = [:]
        for (name, tree) in fields { if let tree { children[name] = tree } }
        self.children = children
    }

    /// The tree of field `name`, when it is an object with named fields.
    public func fields(of name: String) -> BodyFields? { children[name] }

    /// An `Address` (reference §3.1).
    static let address = BodyFields([
        "addressLine1": nil, "addressLine2": nil, "city": nil, "stateOrProvince": nil, "zipOrPostalCode": nil, "country": nil,
    ])

    /// A customer body: provision (POST /customers), update (PUT) and precheck (POST /customers/validate).
    public static let customer = BodyFields([
        "provisioningId": nil, "packages": nil, "orgId": nil, "externalId": nil, "address": address,
        "customerInfo": BodyFields(["name": nil, "primaryEmail": nil, "language": nil]),
        "provisioningParameters": BodyFields([
            "calling": BodyFields([
                "location": BodyFields(["name": nil, "address": address, "timezone": nil, "language": nil, "emergencyLocationIdentifier": nil]),
            ]),
            "meetings": BodyFields(["timezone": nil]),
            "packages": BodyFields(["limits": nil]),
        ]),
        "subPartnerAdminEmail": nil,
    ])

    /// A subscriber body: provision (POST /subscribers), update (PUT) and precheck (POST /subscribers/validate).
    public static let subscriber = BodyFields([
        "customerId": nil, "email": nil, "package": nil, "packages": nil, "provisioningId": nil,
        "provisioningParameters": BodyFields(["firstName": nil, "lastName": nil, "primaryPhoneNumber": nil, "extension": nil, "locationId": nil]),
        "customerInfo": BodyFields(["primaryEmail": nil]),
    ])

    /// A billing-report request (POST /billing/reports).
    public static let billingReport = BodyFields([
        "billingStartDate": nil, "billingEndDate": nil, "type": nil, "subPartnerOrgId": nil, "internal": nil,
    ])
}
