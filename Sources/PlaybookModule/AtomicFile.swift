package import Foundation
package import LuaRuntime

/// Writes a whole file or nothing: the bytes go to a temporary file beside it, then a rename.
package enum AtomicFile {
    package static func write(_ bytes: [UInt8], to path: String, for function: String) throws(HostError) {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            let folder = (path as NSString).deletingLastPathComponent
            throw HostError(kind: .io, message: "\(function): cannot write \(path) (does the folder \(folder) exist and is it writable?)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw HostError(kind: .io, message: "\(function): cannot write \(path): \(reason)")
        }
    }

    /// The size in bytes of the file at `path` (to charge reading it before it is read).
    package static func size(_ path: String, shownAs shown: String, for function: String) throws(HostError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw HostError(kind: .io, message: "\(function): cannot read \(shown): \(UnreadableFile.reason(path))")
        }
        return Int(info.st_size)
    }

    /// The bytes of the file at `path`, read into one array (no second copy) reserved for the
    /// `expected` size.
    static func readBytes(_ path: String, expected: Int, shownAs shown: String, for function: String) throws(HostError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw HostError(kind: .io, message: "\(function): cannot read \(shown): \(UnreadableFile.reason(path))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expected)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw HostError(kind: .io, message: "\(function): cannot read \(shown): \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
