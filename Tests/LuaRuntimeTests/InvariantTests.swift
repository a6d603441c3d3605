import Foundation
import Testing

/// Invariants a reviewer could check with grep, checked here so they stay true.
@Suite struct InvariantTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources").standardizedFileURL

    func swiftFiles(under folder: String) throws -> [(String, String)] {
        let root = Self.sources.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".swift") }.map {
            ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// A Lua error or yield is a longjmp: raised from Swift it would skip Swift's releases.
    @Test func onlyCRaisesOrYields() throws {
        let forbidden = ["lua_error(", "luaL_error(", "luaL_check", "luaL_argerror(", "lua_yield", "luaL_opt", "lua_call("]
        for (name, text) in try swiftFiles(under: "LuaRuntime") {
            for word in forbidden {
                #expect(!text.contains(word), "\(name) calls \(word), which may longjmp through Swift frames")
            }
        }
    }

    /// Only the runtime target touches the C targets.
    @Test func onlyTheRuntimeImportsC() throws {
        for folder in ["Playbook", "wholesale"] {
            for (name, text) in try swiftFiles(under: folder) {
                #expect(!text.contains("import CLua"), "\(folder)/\(name) imports a C target")
            }
        }
    }
}
