/// Work the API goes on doing in the background after a call returned (a provision not waited
/// for, a billing report being generated), as last seen: what the journal keeps at a run's end.
public struct PendingWork: Sendable, Hashable {
    /// The call that started it.
    public let operation: Operation
    /// The resource it works on.
    public let resourceId: String
    /// Its status when last seen.
    public let status: String?

    /// Work started by `operation` on `resourceId`, last seen in `status`.
    public init(operation: Operation, resourceId: String, status: String?) {
        self.operation = operation
        self.resourceId = resourceId
        self.status = status
    }
}
