import Foundation
import Testing

/// Playbooks and modules read as `lua5.4` reads a file: a UTF-8 byte-order mark and a first
/// `#!` line are skipped, and line numbers stay those of the file.
@Suite struct SourceFileTests {
    static let bom = "\u{FEFF}"

    /// A folder with a playbook that requires `lib.lua`, both opening with a BOM and a `#!` line.
    static func folder() throws -> String {
        let folder = try BinaryRunner.playbook(bom + "#!/usr/bin/env wholesale run\nlocal lib = require('lib')\nprint(lib.greet('Ada'))\nlib.fail()\n")
        try (bom + "#!/ignored too\nlocal M = {}\nfunction M.greet(name) return 'Hello, ' .. name end\nfunction M.fail() error('boom') end\nreturn M\n")
            .write(toFile: folder + "/lib.lua", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func runSkipsTheMarkAndTheShebangAndKeepsLineNumbers() async throws {
        let result = try await BinaryRunner.run(["run", "playbook.lua"], in: try Self.folder())
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stdout == "Hello, Ada\n")
        #expect(result.report.hasPrefix("wholesale: playbook failed: lib.lua:4: boom\nstack traceback:"), "\(result.stderr)")
        #expect(result.stderr.contains("playbook.lua:4: in main chunk"), "\(result.stderr)")
    }

    @Test func checkSkipsThemToo() async throws {
        let folder = try Self.folder()
        let result = try await BinaryRunner.run(["check", "playbook.lua", "lib.lua"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "playbook.lua: ok\nlib.lua: ok\n")
        try (Self.bom + "#!/usr/bin/env wholesale run\nprint('x')\nif true then\n").write(toFile: folder + "/bad.lua", atomically: true, encoding: .utf8)
        let bad = try await BinaryRunner.run(["check", "bad.lua"], in: folder)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr == "bad.lua:4: 'end' expected (to close 'if' at line 3) near <eof>\n", "\(bad.stderr)")
    }
}
