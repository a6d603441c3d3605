/// What a request body is for; the rules differ between them (reference §11).
public enum BodyUse: String, Sendable, CaseIterable {
    /// Creating the resource (POST).
    case provision
    /// Changing it (PUT).
    case update
    /// Asking whether a provision would be accepted (POST …/validate).
    case precheck
}
