import Foundation
import Testing

/// Which store a test's journal is in.
enum JournalKind: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// PostgreSQL for the tests: the throwaway cluster scripts/test starts (scripts/postgres,
/// named by `WHOLESALE_TEST_POSTGRES`), a database of its own for each test, and clusters a
/// test may stop and start as it likes.
enum TestPostgres {
    /// The cluster's admin URL (with its password), or a failure that says how to get one.
    static func adminURL() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment["WHOLESALE_TEST_POSTGRES"],
            "no PostgreSQL for the tests: run scripts/test, which starts one (or scripts/postgres start DIR and source DIR/env)")
    }

    /// The password in `url`.
    static func password(_ url: String) -> String {
        URLComponents(string: url)?.password ?? ""
    }

    /// A new, empty database on the cluster at `admin`; its URL (with the password).
    static func database(on admin: String? = nil) throws -> String {
        let admin = try admin ?? adminURL()
        let name = "journal_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try psql(admin, "CREATE DATABASE \(name)")
        return admin.replacingOccurrences(of: "/postgres", with: "/" + name, options: .backwards)
    }

    /// Runs `sql` with psql on the database at `url`; what it printed (unaligned, tuples only).
    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("psql-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let psql = ProcessInfo.processInfo.environment["WHOLESALE_TEST_PSQL"] ?? "/usr/bin/psql"
        let status = spawn([psql, url, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql], output: output)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Failure(description: "psql \(sql): exit \(status): \(text)") }
        return text
    }

    /// Runs `command` and waits for it with waitpid (Foundation's Process spins a thread of the
    /// shared test pool while it waits on Linux); stdout and stderr go to `output`, or nowhere.
    static func spawn(_ command: [String], output: String? = nil) -> Int32 {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// A cluster of one test's own (scripts/postgres), which it may stop and start.
    final class Cluster: Sendable {
        let folder: String
        let admin: String
        private let environment: [String: String]

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString)").path
            try Self.script(["start", folder])
            let text = try String(contentsOfFile: folder + "/env", encoding: .utf8)
            environment = Dictionary(text.split(separator: "\n").compactMap { line in
                line.firstIndex(of: "=").map {
                    (String(line[..<$0]), String(line[line.index(after: $0)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                }
            }, uniquingKeysWith: { $1 })
            admin = environment["WHOLESALE_TEST_POSTGRES"] ?? ""
        }

        deinit { try? Self.script(["stop", folder]) }

        /// Stops the server at once, as a crash or a lost host would (`pg_ctl -m immediate`).
        func stop() throws { try pgCtl(["-m", "immediate", "-w", "stop"]) }

        /// Starts it again on the same port (a few tries: a server that was just stopped may still
        /// be letting go of its port and lock file).
        func start() throws {
            for attempt in 1...10 {
                do {
                    return try pgCtl(["-w", "start", "-l", folder + "/server.log", "-o", environment["WHOLESALE_TEST_PG_OPTIONS"] ?? ""])
                } catch where attempt < 10 {
                    usleep(500_000)
                }
            }
        }

        private func pgCtl(_ arguments: [String]) throws {
            let pgCtl = environment["WHOLESALE_TEST_PG_CTL"] ?? "pg_ctl"
            let data = environment["WHOLESALE_TEST_PG_DATA"] ?? folder + "/data"
            let command = [pgCtl, "-D", data] + arguments
            try Self.runProcess(getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command)
        }

        private static func script(_ arguments: [String]) throws {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/postgres").standardizedFileURL.path
            try runProcess([script] + arguments)
        }

        private static func runProcess(_ command: [String]) throws {
            let status = TestPostgres.spawn(command)
            guard status == 0 else { throw Failure(description: "\(command.joined(separator: " ")) exited \(status)") }
        }
    }
}
