import ArgumentParser
import Foundation
import Playbook

/// `wholesale check`: compiles playbooks and reports syntax errors, running nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile playbooks without running them.",
        discussion: """
            Prints `PLAYBOOK: ok` for each file that compiles, and `file:line: message` on stderr for
            each that does not. Exits 0 when all compile, 2 otherwise.

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
            if let problem = PlaybookChecker.problem(inPlaybookAt: path) {
                FileHandle.standardError.write(Data((problem + "\n").utf8))
                failed = true
            } else {
                print("\(path): ok")
            }
        }
        if failed { throw ExitCode(2) }
    }
}
