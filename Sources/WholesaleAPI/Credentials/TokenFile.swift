import Foundation

/// Reads secrets from files and writes rotated ones, refusing files others can read.
public enum TokenFile {
    /// The token in `path` (surrounding white space removed). Refused when the file is readable
    /// or writable by group or others, with a message saying how to fix it.
    public static func read(_ path: String, operation: String = "credentials") throws(WholesaleError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw WholesaleError(kind: .usage, operation: operation, message: "cannot read token file \(path): \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw WholesaleError(kind: .usage, operation: operation, message: "token file \(path) is a directory; name the file that holds the token")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw WholesaleError(
                kind: .usage, operation: operation,
                message: "token file \(path) can be read by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WholesaleError(kind: .usage, operation: operation, message: "cannot read token file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Whatever the file holds is treated as a secret: known to the redaction before any check.
        Secrets.register(text)
        if let problem = AccessToken.problem(with: text) {
            throw WholesaleError(kind: .usage, operation: operation, message: "token file \(path) \(problem); write the token alone into it, on one line (the value is not shown)")
        }
        return text
    }

    /// Writes `secret` to `path` at mode 0600 through a temporary file and a rename, so a crash
    /// leaves either the old secret or the new one.
    public static func write(_ secret: String, to path: String, operation: String = "credentials") throws(WholesaleError) {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw WholesaleError(kind: .usage, operation: operation, message: "cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        let bytes = Array((secret + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, chmod(temporary, 0o600) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WholesaleError(kind: .usage, operation: operation, message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
