import Foundation

/// Why a file could not be read, in the words error messages use.
public enum UnreadableFile {
    /// `no such file`, `it is a folder` or `permission denied`.
    public static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        return isDirectory.boolValue ? "it is a folder" : "permission denied"
    }
}
