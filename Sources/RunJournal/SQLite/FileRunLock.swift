import Foundation
import JSONValues

/// The lock that keeps two runs of one playbook from overlapping on a SQLite journal: an `flock`
/// on a file beside the journal, named after the playbook's path. The kernel releases it when
/// the process dies, however it dies, so a killed run never leaves a stale lock. The file says
/// who holds it.
final class FileRunLock: HeldRunLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The lock file of `playbook` beside `journal`: `locks/<hash of the path>.lock`.
    static func path(journal: String, playbook: String) -> String {
        let folder = (journal as NSString).deletingLastPathComponent
        return folder + "/locks/" + Hashing.sha256Hex(Array(playbook.utf8)).prefix(24) + ".lock"
    }

    /// Takes the lock at `path` for `run`, waiting up to `wait` seconds; on refusal, who holds it.
    static func acquire(path: String, run: String, playbook: String, wait: Double) throws(JournalError) -> Result<FileRunLock, RunLockHolder> {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw JournalError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(max(0, wait))
        // The holder's process closes the file when it releases the lock (its run ends, or it
        // dies), so a wait wakes on that close (inotify) and tries again, until the deadline.
        let closes = wait > 0 ? LockFileCloses(path) : nil
        defer { closes?.stop() }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw JournalError("cannot lock \(path): \(reason)")
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, let closes else {
                let holder = Self.holder(descriptor)
                close(descriptor)
                return .failure(holder)
            }
            closes.wait(upTo: left)
        }
        let record: JSONValue = [
            "host": .string(ProcessInfo.processInfo.hostName), "pid": .integer(Int64(ProcessInfo.processInfo.processIdentifier)),
            "run": .string(run), "playbook": .string(playbook),
            "since": .string(Journal.now()),
        ]
        let bytes = record.jsonBytes() + [0x0A]
        ftruncate(descriptor, 0)
        _ = bytes.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return .success(FileRunLock(descriptor: descriptor))
    }

    private static func holder(_ descriptor: Int32) -> RunLockHolder {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let value = count > 0 ? try? JSONValue(json: buffer[0..<count]) : nil
        return RunLockHolder(
            host: value?["host"]?.stringValue, pid: value?["pid"]?.integerValue.map { Int($0) }, run: value?["run"]?.stringValue,
            since: value?["since"]?.stringValue)
    }
}

/// Closes of a lock file, watched with inotify: `wait` returns when one happens (the holder
/// let go, or someone looked) or the time is up, with no polling.
private final class LockFileCloses {
    private let descriptor: Int32

    /// Starts watching `path`; if inotify is unavailable, waits fall back to sleeping.
    init(_ path: String) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        if descriptor >= 0 { _ = inotify_add_watch(descriptor, path, UInt32(IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)) }
    }

    /// Returns after the next close of the file, or after `seconds`.
    func wait(upTo seconds: Double) {
        guard descriptor >= 0 else {
            usleep(UInt32(min(seconds, 0.1) * 1_000_000))
            return
        }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(min(seconds * 1000, Double(Int32.max)).rounded(.up))
        guard poll(&poller, 1, milliseconds) > 0 else { return }
        var events = [UInt8](repeating: 0, count: 4096)
        _ = events.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    }

    /// Stops watching.
    func stop() {
        if descriptor >= 0 { close(descriptor) }
    }
}
