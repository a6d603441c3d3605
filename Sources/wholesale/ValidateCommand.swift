import ArgumentParser
import Foundation
import JSONValues
import LuaRuntime
import Playbook
import WholesaleValidation

/// `wholesale validate`: checks request bodies against the API's rules, offline.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check customer or subscriber bodies against the API's rules, without sending anything.",
        discussion: """
            Reads one JSON body, or an array of bodies, from FILE (or standard input with -) and prints every problem with its JSON path and rule id: `FILE: packages[2]: "webex_fax" is not a customer package; … [packages.known]`. Paths count array elements from 1, as Lua does. The rules are those the client applies before every request (docs/validation.md lists them).

            A warning (`warning: …`) marks what only the server can decide, such as a calling subscriber without a number, which users already on Webex Calling may be, and a field the API does not know, with the nearest known one (`externalID: is not a field the API knows; did you mean "externalId"? [field.unknown]`). Exits 0 when no body has an error (warnings allowed), 1 when one has, 2 when the input cannot be read or is not JSON.

            Examples:
              wholesale validate customer new-customer.json
              wholesale validate customer --for update changes.json
              jq '.customers' export.json | wholesale validate customer --json -
            """
    )

    /// What the body describes.
    enum Resource: String, ExpressibleByArgument, CaseIterable {
        case customer, subscriber
    }

    @Argument(help: "What the body describes: customer or subscriber.")
    var resource: Resource

    @Option(name: .customLong("for"), help: ArgumentHelp("The request the body is for: provision, update or precheck.", valueName: "use"))
    var use: String = "provision"

    @Flag(help: "Print the result as JSON: {\"valid\": …, \"problems\": [{\"path\", \"rule\", \"message\"}]}.")
    var json = false

    @Argument(help: ArgumentHelp("The JSON file, or - for standard input.", valueName: "FILE"))
    var file: String

    func validate() throws {
        guard BodyUse(rawValue: use) != nil else { throw ValidationError("--for takes provision, update or precheck, not \"\(use)\"") }
    }

    func run() throws {
        let use = BodyUse(rawValue: use)!
        let value: JSONValue
        do {
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            value = try JSONValue(json: [UInt8](data))
        } catch let error as JSONError {
            throw Failure.unusable("\(file): \(error)")
        } catch {
            throw Failure.unusable("cannot read \(file): \(UnreadableFile.reason(file))")
        }
        let validator = WholesaleValidator()
        let check = { (body: JSONValue) in
            resource == .customer ? validator.customer(body, for: use) : validator.subscriber(body, for: use)
        }
        var problems: [ValidationProblem] = []
        if case .array(let bodies) = value {
            for (i, body) in bodies.enumerated() {
                problems += check(body).map { $0.nested(under: JSONPath.index("", Int64(i + 1))) }
            }
        } else {
            problems = check(value)
        }
        let valid = !problems.contains { $0.severity == .error }
        if json {
            print(JSONValue.object(["valid": .boolean(valid), "problems": .array(problems.map(\.json))]).jsonText(pretty: true))
        } else {
            for problem in problems { print("\(file): \(problem)") }
            if valid { print("\(file): valid \(resource.rawValue) body for \(use.rawValue)") }
        }
        if !valid { throw Failure.problemsFound(details: nil) }
    }
}
