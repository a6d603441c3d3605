/// The version of this build of wholesale: the VERSION file's (a test keeps the two equal;
/// `scripts/package` names its packages after it). The journal records it with every run.
public enum BuildVersion {
    /// `0.2.0`.
    public static let current = "0.2.0"
}
