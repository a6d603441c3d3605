import Foundation

/// Runs the built `wholesale` binary the way a user does, with a hard SIGKILL deadline so a
/// runaway run fails the test instead of hanging the suite.
struct BinaryRunner {
    struct Result {
        let exitCode: Int32
        let stdout: String
        let stderr: String
        let seconds: Double
        let killed: Bool

        /// stderr without the log lines (`2026-…Z info  run started …`): what the run reported.
        var report: String { BinaryRunner.report(of: stderr) }
    }

    /// `stderr` without the log lines (`2026-…Z info  run started …`): what the run reported.
    static func report(of stderr: String) -> String {
        stderr.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !(line.count > 20 && line.hasPrefix("20") && line.dropFirst(4).hasPrefix("-") && line.contains("Z ")) }
            .joined(separator: "\n")
    }

    /// The built binary: $WHOLESALE_BIN, or `wholesale` beside the test bundle.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["WHOLESALE_BIN"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("wholesale").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../.build/debug/wholesale").standardizedFileURL.path
        return fromSource
    }()

    /// The examples folder in the source tree (scripts/run's playbooks).
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples").standardizedFileURL.path

    /// The fixture folder in the source tree.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// Runs `wholesale ARGS` in `directory`, killing it after `limit` seconds.
    static func run(_ arguments: [String], in directory: String = fixtures, limit: Double = 30, environment: [String: String] = [:], stdin: String? = nil) async throws -> Result {
        try await start(arguments, in: directory, limit: limit, environment: environment, stdin: stdin).finish()
    }

    /// Starts `wholesale ARGS` in `directory` without waiting for it; it is killed after `limit` seconds.
    static func start(_ arguments: [String], in directory: String = fixtures, limit: Double = 30, environment: [String: String] = [:], stdin: String? = nil) throws -> Running {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // The journal goes to the scratch folder unless the test names one (never ~/.local/state).
        process.environment = ProcessInfo.processInfo.environment
            .merging(["XDG_STATE_HOME": scratch.appendingPathComponent("state").path]) { _, new in new }
            .merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = scratch.appendingPathComponent("in")
            try stdin.write(to: input, atomically: true, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: input)
        }
        // Waiting must not hold one of the few threads the async tests share (a blocked thread
        // starves the loopback servers other tests run), so the exit arrives as an event.
        let exited = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in
                continuation.yield()
                continuation.finish()
            }
        }
        let started = Date()
        try process.run()
        let pid = process.processIdentifier
        let deadline = Task {
            try await Task.sleep(for: .milliseconds(Int64(limit * 1000)))
            kill(pid, SIGKILL)
        }
        return Running(process: process, exited: exited, deadline: deadline, scratch: scratch, started: started)
    }

    /// A `wholesale` process still running.
    struct Running {
        let process: Process
        let exited: AsyncStream<Void>
        let deadline: Task<Void, any Error>
        let scratch: URL
        let started: Date

        /// Sends `signal` to it.
        func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Runs `action` on a thread of its own as soon as the file at `path` exists (or the
        /// process has ended): a cue that does not wait for the shared test threads to be free.
        func onCue(_ path: String, _ action: @escaping @Sendable () -> Void) {
            let pid = process.processIdentifier
            Thread.detachNewThread {
                while !FileManager.default.fileExists(atPath: path), kill(pid, 0) == 0 { usleep(1000) }
                action()
            }
        }

        /// Waits for it to end and collects what it wrote.
        func finish() async -> Result {
            for await _ in exited {}
            deadline.cancel()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
            return Result(
                exitCode: process.terminationStatus,
                stdout: (try? String(contentsOf: scratch.appendingPathComponent("out"), encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: scratch.appendingPathComponent("err"), encoding: .utf8)) ?? "",
                seconds: Date().timeIntervalSince(started), killed: killed)
        }
    }

    /// A fresh folder holding a copy of the fixtures, for runs that write files.
    static func copyOfFixtures() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fixtures-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: fixtures, toPath: folder)
        return folder
    }

    /// A fresh folder holding one playbook with `source`.
    static func playbook(_ source: String, named name: String = "playbook.lua") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try source.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        return folder
    }
}
