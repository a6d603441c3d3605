import Foundation
import Logging
import LuaRuntime
import PlaybookModule

/// `wholesale check`: compiles playbooks and lints their globals (and the field names of literal
/// bodies) without running them. The
/// module is installed without an API session or a journal: nothing starts, nothing is sent.
package enum PlaybookChecker {
    /// What checking one playbook found.
    package struct Report: Sendable {
        /// Problems that make the playbook fail (`file:line: message`); empty when it is fine.
        package let errors: [String]
        /// Likely mistakes that do not stop a run (`file:line: warning: message`).
        package let warnings: [String]
    }

    /// Checks the playbook at `path`: its syntax, and its globals against the sandbox's.
    package static func check(playbookAt path: String) -> Report {
        let configuration = PlaybookConfiguration(playbookPath: path, timeLimit: nil)
        let logger = Logger(label: "wholesale-check") { _ in SwiftLogNoOpLogHandler() }
        do {
            let context = PlaybookContext(
                settings: configuration.module, logger: logger, runID: "check", started: Date(), session: nil, journal: nil)
            let vm = try PlaybookRunner.makeVM(context, configuration: configuration)
            let findings = vm.lintGlobals(try vm.compileFile(atPath: path))
            return Report(
                errors: findings.filter { $0.kind == .undeclaredAssignment }.map { "\(path):\($0.line): \($0.message)" },
                warnings: findings.filter { $0.kind == .unknownRead }.map { "\(path):\($0.line): warning: \($0.message)" }
                    + listsUsedAsIterators(in: path).map { "\(path):\($0.line): warning: \($0.message)" }
                    + unknownBodyFields(in: path).map { "\(path):\($0.line): warning: \($0.message)" })
        } catch {
            return Report(errors: [Failure.script(error).report], warnings: [])
        }
    }

    /// Fields the API does not know in the table literals passed as bodies (`BodyLiterals`).
    static func unknownBodyFields(in path: String) -> [(line: Int, message: String)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return BodyLiterals.unknownFields(in: String(decoding: data, as: UTF8.self))
    }

    /// Loops written `for x in wholesale.customers.list do`, which call the list function
    /// itself as the iterator: a warning for each, with the fix.
    static func listsUsedAsIterators(in path: String) -> [(line: Int, message: String)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let pattern = /\bin\s+([A-Za-z_][A-Za-z0-9_.]*\.list)\s+do\b/
        var found: [(Int, String)] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for match in code.matches(of: pattern) {
                let list = match.1
                found.append((index + 1, "`for ... in \(list) do` calls \(list) itself as the iterator: write `\(list)()` or `\(list){ ... }`"))
            }
        }
        return found
    }
}
