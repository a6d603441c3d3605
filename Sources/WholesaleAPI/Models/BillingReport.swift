public import JSONValues

/// A billing report, as listed, created or fetched (reference §10).
public struct BillingReport: JSONObjectModel {
    /// Every member.
    public var json: [String: JSONValue]
    /// Wraps an object.
    public init(json: [String: JSONValue]) { self.json = json }

    /// The report id.
    public var id: String? { string("id") }
    /// First day covered (`YYYY-MM-DD`).
    public var billingStartDate: String? { string("billingStartDate") }
    /// Last day covered (`YYYY-MM-DD`).
    public var billingEndDate: String? { string("billingEndDate") }
    /// `PARTNER`, `CUSTOMER` or `USER`.
    public var type: String? { string("type") }
    /// `RECONCILIATION` or `POINT_IN_TIME`.
    public var category: String? { string("category") }
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
    public var status: String? { string("status") }
    /// The signed download URL of the CSV, once completed.
    public var tempDownloadURL: String? { string("tempDownloadURL") }
    /// Why it failed.
    public var errors: [ResourceIssue] { models("errors") }
    /// Whether generation has finished (`COMPLETED` or `FAILED`).
    public var isFinished: Bool { status == "COMPLETED" || status == "FAILED" }
}
