import Foundation

/// A `wholesale sim serve` on a free loopback port for one test; its request log (one line per
/// request on stderr) is the proof of what a run sent.
struct SimServer {
    let process: Process
    /// `http://127.0.0.1:PORT`.
    let url: String
    /// Where its stderr goes.
    let log: URL

    /// Starts the server with `arguments` after `--port 0` and waits for its base URL.
    static func start(_ arguments: [String], log: URL? = nil) throws -> SimServer {
        let log = log ?? FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
        process.arguments = ["sim", "serve", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        return SimServer(process: process, url: String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), log: log)
    }

    /// The request lines logged so far: `METHOD /path STATUS ms trackingid`.
    var requests: [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("GET ") || $0.hasPrefix("POST ") || $0.hasPrefix("PUT ") || $0.hasPrefix("DELETE ") }
    }

    /// Stops the server and waits for it.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
