import Foundation
import Testing

/// `wholesale types` and docs/reference.md name exactly the functions a run installs.
@Suite struct TypesTests {
    /// Dotted names of every function in the `wholesale` table of a real run.
    static func installedFunctions() async throws -> Set<String> {
        let folder = try BinaryRunner.playbook("""
            local seen = {}
            local function walk(t, prefix)
              for k, v in pairs(t) do
                if type(v) == "function" then print(prefix .. k)
                elseif type(v) == "table" and k ~= "args" and k ~= "run" and not seen[v] then
                  seen[v] = true
                  walk(v, prefix .. k .. ".")
                end
              end
            end
            walk(wholesale, "")
            """)
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--log-level", "warn"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }

    /// `name(params)` pairs from lines like `function wholesale.customers.get(id, opts) end`.
    static func declared(in text: String, prefix: String) -> Set<String> {
        Set(text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix(prefix), let open = line.firstIndex(of: "(") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: prefix.count)..<open])
        })
    }

    /// The functions `wholesale test` adds for specs (`test.run`, ...), listed by a spec.
    static func specFunctions() async throws -> Set<String> {
        let folder = try BinaryRunner.playbook("""
            it("lists the spec API", function()
              for name, value in pairs(wholesale.test) do
                if type(value) == "function" and not name:match("^_") then print("test." .. name) end
              end
            end)
            """, named: "list_spec.lua")
        let result = try await BinaryRunner.run(["test", "list_spec.lua"], in: folder)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("test.") })
    }

    @Test func typesDeclareEveryInstalledFunctionAndNothingElse() async throws {
        let types = try await BinaryRunner.run(["types"])
        #expect(types.exitCode == 0)
        #expect(types.stdout.hasPrefix("---@meta wholesale"))
        let declared = Self.declared(in: types.stdout, prefix: "function wholesale.")
        let installed = try await Self.installedFunctions()
        #expect(installed.count > 50)
        let spec = try await Self.specFunctions()
        #expect(spec == ["test.run", "test.sim"])
        let all = installed.union(spec)
        #expect(declared == all, "declared only: \(declared.subtracting(all).sorted()); installed only: \(all.subtracting(declared).sorted())")
        // The spec API's globals are declared too.
        for global in ["describe", "it", "pending", "before_each", "after_each", "setup", "teardown"] {
            #expect(types.stdout.contains("\nfunction \(global)("), "wholesale types does not declare \(global)")
        }
    }

    @Test func typesAreValidLua() async throws {
        let types = try await BinaryRunner.run(["types"])
        let folder = try BinaryRunner.playbook(types.stdout, named: "wholesale.d.lua")
        let check = try await BinaryRunner.run(["check", "wholesale.d.lua"], in: folder)
        #expect(check.exitCode == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func theReferenceDocumentsEveryFunctionWithItsParameters() async throws {
        let reference = URL(fileURLWithPath: BinaryRunner.examples).deletingLastPathComponent().appendingPathComponent("docs/reference.md")
        let text = try String(contentsOf: reference, encoding: .utf8)
        let types = try await BinaryRunner.run(["types"])
        let signatures = Set(types.stdout.split(separator: "\n").filter { $0.hasPrefix("function wholesale.") }.map {
            String($0.dropFirst("function ".count).dropLast(" end".count))
        })
        let headings = Set(text.split(separator: "\n").filter { $0.hasPrefix("### wholesale.") && $0.contains("(") }.map {
            String($0.dropFirst("### ".count)).trimmingCharacters(in: .whitespaces)
        })
        #expect(headings == signatures, "documented only: \(headings.subtracting(signatures).sorted()); undocumented: \(signatures.subtracting(headings).sorted())")
    }
}
