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
    public var isFinished: Bool { status.map { BillingReportStatus(rawValue: $0).isTerminal } ?? false }
}

/// A billing report's status (reference §10). Unknown values are kept as they come.
public struct BillingReportStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The API's string.
    public let rawValue: String
    /// Wraps a status string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The report is being generated.
    public static let inProgress = BillingReportStatus(rawValue: "IN_PROGRESS")
    /// The report is ready to download.
    public static let completed = BillingReportStatus(rawValue: "COMPLETED")
    /// Generation failed.
    public static let failed = BillingReportStatus(rawValue: "FAILED")

    /// The statuses in which generation has finished: `COMPLETED` and `FAILED`.
    public static let terminal: Set<BillingReportStatus> = [.completed, .failed]
    /// Whether generation has finished.
    public var isTerminal: Bool { Self.terminal.contains(self) }
    /// The string.
    public var description: String { rawValue }
}
