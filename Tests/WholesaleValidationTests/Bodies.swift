import JSONValues

/// Valid bodies the rule tests start from, and a way to change one field deep inside.
enum Bodies {
    static let address: JSONValue = [
        "addressLine1": "771 Alder Drive", "city": "Milpitas", "stateOrProvince": "CA",
        "zipOrPostalCode": "95035", "country": "US",
    ]

    static let customer: JSONValue = [
        "provisioningId": "ZjViMzYxODc", "externalId": "ext-1",
        "packages": ["webex_calling", "webex_meetings"],
        "address": address,
        "customerInfo": ["name": "John's Pizza", "primaryEmail": "john.anderson@acme.com", "language": "en"],
        "provisioningParameters": [
            "calling": ["location": [
                "name": "Head Office", "address": address, "timezone": "America/Los_Angeles", "language": "en_us",
            ]],
            "meetings": ["timezone": "America/Los_Angeles"],
            "packages": ["limits": ["webex_calling": 50]],
        ],
    ]

    static let subscriber: JSONValue = [
        "customerId": "Y2lzY29zcGFyazovL3VzL0NVU1RPTUVSLzE", "email": "ann@acme.com",
        "packages": ["webex_calling"],
        "provisioningParameters": ["firstName": "Ann", "lastName": "Lee", "primaryPhoneNumber": "+12405551212", "extension": "51212"],
    ]

    static let billing: JSONValue = ["billingStartDate": "2026-01-01", "billingEndDate": "2026-01-31", "type": "PARTNER"]
}

extension JSONValue {
    /// This value with the member at `path` replaced by `value` (removed when `nil`).
    func setting(_ path: [String], to value: JSONValue?) -> JSONValue {
        guard let key = path.first, var object = objectValue else { return value ?? .null }
        if path.count == 1 {
            object[key] = value
        } else {
            object[key] = (object[key] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        }
        return .object(object)
    }
}
