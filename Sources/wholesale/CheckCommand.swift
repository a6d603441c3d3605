import ArgumentParser
import Foundation
import Playbook

/// `wholesale check`: compiles playbooks and reports syntax errors, running nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile and lint playbooks without running them.",
        discussion: """
            Compiles each playbook and checks its globals: assigning an undeclared global inside a function is an error (the run would stop there); reading a global nothing declares is a warning (often a typo), and so is a field the API does not know in a table literal passed as the body of a provision, update, precheck, ensure or billing.create call. Prints `PLAYBOOK: ok` for each file without errors, and `file:line: message` on stderr for each problem. Exits 0 when no file has errors, 2 otherwise.

            Example:
              wholesale check onboard.lua nightly.lua
            """
    )

    @Argument(help: ArgumentHelp("The playbooks to check.", valueName: "PLAYBOOK.lua"))
    var playbooks: [String]

    func validate() throws {
        guard !playbooks.isEmpty else { throw ValidationError("name at least one playbook to check") }
    }

    func run() throws {
        var failed = false
        for path in playbooks {
            let report = PlaybookChecker.check(playbookAt: path)
            for line in report.errors + report.warnings {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            if report.errors.isEmpty {
                print("\(path): ok")
            } else {
                failed = true
            }
        }
        if failed { throw Failure.playbookInvalid }
    }
}
