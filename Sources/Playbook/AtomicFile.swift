import Foundation
import LuaRuntime

/// Writes a whole file or nothing: the bytes go to a temporary file beside it, then a rename.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String, for function: String) throws(HostError) {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            let folder = (path as NSString).deletingLastPathComponent
            throw HostError(kind: "io", message: "\(function): cannot write \(path) (does the folder \(folder) exist and is it writable?)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw HostError(kind: "io", message: "\(function): cannot write \(path): \(reason)")
        }
    }

    static func read(_ path: String, shownAs shown: String, for function: String) throws(HostError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HostError(kind: "io", message: "\(function): cannot read \(shown): \(UnreadableFile.reason(path))")
        }
        return data
    }
}
