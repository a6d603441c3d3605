package import Foundation
package import LuaRuntime
import WholesaleAPI

/// The `wholesale` Lua module: one registration of host functions, fields and Lua glue.
/// `ModuleDocs` describes every function it installs (a test holds the two together).
package enum WholesaleModule {
    /// The module's name: `require "wholesale"` and the global.
    package static let name = "wholesale"

    /// Every host function of the module, bound to `context`.
    package static func functions(_ context: PlaybookContext) -> [HostFunction] {
        jsonFunctions(context) + csvFunctions(context) + logFunctions(context) + validateFunctions() + packageFunctions() + stateFunctions(context)
            + apiFunctions(context) + [billingPeriod, env, fail, strictFields(context), printLine(context.settings.capture)]
    }

    /// The module's fields: `args`, `run` and the glue's hidden settings.
    package static func fields(_ context: PlaybookContext) -> [String: LuaValue] {
        [
            "args": .object(context.settings.arguments),
            "run": .object([
                "id": .string(context.runID),
                "playbook": .string(context.settings.playbookPath),
                "target": .string(context.session?.target.name ?? "none"),
                "dry_run": .boolean(context.settings.dryRun),
                "started": .string(context.started.formatted(.iso8601)),
            ]),
            "_scoped": scopedPositions,
            "_quiet": .boolean(context.settings.quiet || context.settings.capture != nil),
        ]
    }

    /// The module's Lua glue: the CSV iterator, then the API's lists and `on_behalf_of`, then
    /// under `--quiet` a `print` whose lines are held back with the logs.
    package static let glue = csvGlue + "\n" + apiGlue + "\n" + printGlue

    /// Under `--quiet`, `print` writes through the run's output, which holds it back; under
    /// test, into the run's capture.
    static let printGlue = #"""
local print_line, quiet = wholesale._print, wholesale._quiet
wholesale._print, wholesale._quiet = nil, nil
if quiet then
  local select, tostring, concat = select, tostring, table.concat
  print = function(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
    print_line(concat(parts, "\t"))
  end
end
"""#

    /// `_print(line)`: a line on stdout through the run's output, or into `capture`.
    static func printLine(_ capture: CapturedOutput?) -> HostFunction {
        .sync("_print") { arguments in
            let line = try arguments.string(1) + "\n"
            if let capture { capture.print(Secrets.redact(line)) } else { RunOutput.standardOutput(line) }
            return .none
        }
    }

    /// Lua glue: the CSV iterator wraps two hidden host functions.
    static let csvGlue = #"""
local wholesale = ...
local csv = wholesale.csv
local open, next_row = csv._open, csv._next
csv._open, csv._next = nil, nil
local type, error = type, error
function csv.read(path)
  if type(path) ~= "string" then
    error("bad argument #1 to 'wholesale.csv.read' (string expected, got " .. type(path) .. ")", 2)
  end
  local handle = open(path)
  return function() return next_row(handle) end
end
"""#

    /// Names of environment variables that hold credentials; `wholesale.env` refuses them.
    static let credentialVariables: Set<String> = ["WEBEX_TOKEN", "WEBEX_CLIENT_SECRET", "WEBEX_REFRESH_TOKEN"]

    package static var env: HostFunction {
        .sync("env") { arguments in
            let name = try arguments.string(1)
            guard !credentialVariables.contains(name) else {
                throw HostError.usage("wholesale.env: \(name) holds a credential and is not readable from playbooks")
            }
            return .value(ProcessInfo.processInfo.environment[name].map(LuaValue.string))
        }
    }

    package static var fail: HostFunction {
        .sync("fail") { arguments in
            let message = try arguments.optionalString(1) ?? "the playbook called wholesale.fail"
            throw HostError(kind: .fail, message: message)
        }
    }
}
