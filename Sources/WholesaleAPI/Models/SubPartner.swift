public import JSONValues

/// A sub-partner of the calling partner (reference §6).
public struct SubPartner: JSONObjectModel {
    /// Every member.
    public var json: [String: JSONValue]
    /// Wraps an object.
    public init(json: [String: JSONValue]) { self.json = json }

    /// The sub-partner's organisation id (what `onBehalfOfSubPartnerOrgId` takes).
    public var orgId: String? { string("orgId") }
    /// The partner's Wholesale subscription id.
    public var subscriptionId: String? { string("subscriptionId") }
    /// `active`, or `suspended` (may only delete).
    public var provisioningState: String? { string("provisioningState") }
    /// When it was created (ISO 8601).
    public var created: String? { string("created") }
    /// When billing started (ISO 8601).
    public var billingStartDate: String? { string("billingStartDate") }
}
