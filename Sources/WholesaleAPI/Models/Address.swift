public import JSONValues

/// A postal address: the customer's billing address, or a calling location's (reference §3.1).
public struct Address: JSONObjectModel {
    /// Every member.
    public var json: [String: JSONValue]
    /// Wraps an object.
    public init(json: [String: JSONValue]) { self.json = json }

    /// First line (at most 50 characters in requests).
    public var addressLine1: String? { get { string("addressLine1") } set { set("addressLine1", newValue) } }
    /// Second line.
    public var addressLine2: String? { get { string("addressLine2") } set { set("addressLine2", newValue) } }
    /// City.
    public var city: String? { get { string("city") } set { set("city", newValue) } }
    /// State or province, where the country needs one.
    public var stateOrProvince: String? { get { string("stateOrProvince") } set { set("stateOrProvince", newValue) } }
    /// Postal code, where the country needs one.
    public var zipOrPostalCode: String? { get { string("zipOrPostalCode") } set { set("zipOrPostalCode", newValue) } }
    /// ISO 3166-1 alpha-2 country code.
    public var country: String? { get { string("country") } set { set("country", newValue) } }
}
