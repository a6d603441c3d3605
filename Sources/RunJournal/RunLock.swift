package import Foundation
package import JSONValues

/// The lock that keeps two runs of one playbook from overlapping: an `flock` on a file beside
/// the journal, named after the playbook's path. The kernel releases it when the process dies,
/// however it dies, so a killed run never leaves a stale lock. The file says who holds it.
package final class RunLock {
    /// Who holds a lock: what a refused run reports.
    package struct Holder: Error, CustomStringConvertible {
        package let pid: Int?
        package let run: String?
        package let since: String?

        package var description: String {
            "pid \(pid.map(String.init) ?? "?"), run \(run ?? "?"), since \(since ?? "?")"
        }
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The lock file of `playbook` beside `journal`: `locks/<hash of the path>.lock`.
    package static func path(journal: String, playbook: String) -> String {
        let folder = (journal as NSString).deletingLastPathComponent
        return folder + "/locks/" + Hashing.sha256Hex(Array(playbook.utf8)).prefix(24) + ".lock"
    }

    /// Takes the lock at `path` for `run`, waiting up to `wait` seconds; on refusal, who holds it.
    package static func acquire(path: String, run: String, playbook: String, wait: Double) throws(JournalError) -> Result<RunLock, Holder> {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw JournalError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw JournalError("cannot lock \(path): \(reason)")
            }
            if Date() >= deadline {
                let holder = Self.holder(descriptor)
                close(descriptor)
                return .failure(holder)
            }
            usleep(100_000)
        }
        let record: JSONValue = [
            "pid": .integer(Int64(ProcessInfo.processInfo.processIdentifier)), "run": .string(run), "playbook": .string(playbook),
            "since": .string(Journal.now()),
        ]
        let bytes = record.jsonBytes() + [0x0A]
        ftruncate(descriptor, 0)
        _ = bytes.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return .success(RunLock(descriptor: descriptor))
    }

    private static func holder(_ descriptor: Int32) -> Holder {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let value = count > 0 ? try? JSONValue(json: buffer[0..<count]) : nil
        return Holder(pid: value?["pid"]?.integerValue.map { Int($0) }, run: value?["run"]?.stringValue, since: value?["since"]?.stringValue)
    }
}
