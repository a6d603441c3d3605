import Foundation
import Synchronization

/// Runs the built binary and reports its peak resident memory, for tests that bound memory
/// without looking at time. The peak is the `VmHWM` of `/proc/PID/status`, read every
/// millisecond until the child is reaped: `ru_maxrss` would count the test process itself,
/// whose memory a spawned child shares until it execs. A reading can only miss a rise in the
/// last moments of the child's life, so it never reports more than the child used.
enum PeakMemory {
    /// Runs `wholesale ARGS` in `directory` (its stdout and stderr in files), SIGKILLed after
    /// `limit` seconds; returns how it ended and its peak resident set in MB.
    static func run(_ arguments: [String], in directory: String, limit: Double = 60) async throws -> (run: BinaryRunner.Result, peakMB: Int) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("peak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out").path, err = scratch.appendingPathComponent("err").path
        let environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": scratch.appendingPathComponent("state").path]) { _, new in new }
        let started = Date()
        let (status, peakKB) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Int32, Int), any Error>) in
            // waitpid blocks: a thread of its own, never one of the shared test threads.
            Thread.detachNewThread {
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                defer { posix_spawn_file_actions_destroy(&actions) }
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                // sh changes to the folder and execs the binary: the child waited for is the binary.
                let argv = (["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, BinaryRunner.binary] + arguments).map { strdup($0) } + [nil]
                let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
                defer { (argv + envp).forEach { free($0) } }
                var pid: pid_t = 0
                let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
                guard spawned == 0 else {
                    return continuation.resume(throwing: POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO))
                }
                let child = pid
                let reaped = Reaped()
                DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
                    reaped.value.withLock { if !$0 { kill(child, SIGKILL) } } // never a pid reused since
                }
                let peak = Mutex(0)
                Thread.detachNewThread {
                    while !reaped.value.withLock({ $0 }) {
                        let seen = highWaterMark(of: child)
                        peak.withLock { $0 = max($0, seen) }
                        usleep(1_000)
                    }
                }
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0, errno == EINTR {}
                reaped.value.withLock { $0 = true }
                continuation.resume(returning: (status, peak.withLock { $0 }))
            }
        }
        let signalled: Int32 = status & 0x7F
        let exitCode: Int32 = signalled == 0 ? (status >> 8) & 0xFF : -signalled
        let run = BinaryRunner.Result(
            exitCode: exitCode, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", seconds: Date().timeIntervalSince(started),
            killed: signalled == SIGKILL)
        return (run, peakKB / 1024)
    }
}

/// `VmHWM` of a live process in KB (0 once it has exited).
private func highWaterMark(of pid: pid_t) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

/// Whether the child was waited for (its pid may be reused after).
private final class Reaped: Sendable {
    let value = Mutex(false)
}
