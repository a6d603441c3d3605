import ArgumentParser
import Foundation
import PlaybookModule
import PlaybookTesting

/// `wholesale types`: prints the LuaCATS definitions of the `wholesale` module.
struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: "Print the LuaCATS definitions of the wholesale module, for editors.",
        discussion: """
            The definitions are generated from the same list the run installs, so they match this version of wholesale; they include the spec API of `wholesale test` (describe, it, assert, wholesale.test). Save them in your playbook folder and lua-language-server (VS Code's Lua extension) completes and checks wholesale calls (docs/playbooks.md, "Editor support").

            Example:
              wholesale types > wholesale.d.lua
            """
    )

    func run() throws {
        FileHandle.standardOutput.write(Data(LuaTypes.definitions(adding: SpecTypes.definitions).utf8))
    }
}
