import Foundation
import Logging
import LuaRuntime

/// `wholesale check`: compiles playbooks and lints their globals without running them.
public enum PlaybookChecker {
    /// What checking one playbook found.
    public struct Report: Sendable {
        /// Problems that make the playbook fail (`file:line: message`); empty when it is fine.
        public let errors: [String]
        /// Likely mistakes that do not stop a run (`file:line: warning: message`).
        public let warnings: [String]
    }

    /// Checks the playbook at `path`: its syntax, and its globals against the sandbox's.
    public static func check(playbookAt path: String) -> Report {
        let configuration = PlaybookConfiguration(playbookPath: path, timeLimit: nil)
        let logger = Logger(label: "wholesale-check") { _ in SwiftLogNoOpLogHandler() }
        do {
            let session: APISession
            do { session = try APISession.embedded(.init(), plan: DryRunPlan()) } catch {
                return Report(errors: ["wholesale: \(error)"], warnings: [])
            }
            let context = PlaybookContext(
                configuration: configuration, logger: logger, runID: "check", started: Date(), session: session, journal: nil)
            let vm = try PlaybookRunner.makeVM(context)
            let findings = vm.lintGlobals(try vm.compileFile(atPath: path))
            return Report(
                errors: findings.filter { $0.kind == .undeclaredAssignment }.map { "\(path):\($0.line): \($0.message)" },
                warnings: findings.filter { $0.kind == .unknownRead }.map { "\(path):\($0.line): warning: \($0.message)" })
        } catch {
            return Report(errors: [error.kind == .syntax ? error.message : "wholesale: \(error.message)"], warnings: [])
        }
    }
}
