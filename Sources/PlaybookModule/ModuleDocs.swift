/// The docs of every function of the `wholesale` module: the API's from their declarations,
/// the rest listed here beside the files that implement them. `wholesale types` prints these,
/// and a test checks they name exactly the functions a run installs.
enum ModuleDocs {
    /// Every function, API first, in a stable order.
    package static let all: [FunctionDoc] = APIFunctions.all.map(\.doc) + scoping + validation + catalog + state + data + runtime + support

    static let scoping: [FunctionDoc] = [
        FunctionDoc("on_behalf_of", [("orgId", "string")], returns: ["wholesale.Scoped"],
                    "The same customers, subscribers, subpartners and billing functions with onBehalfOfSubPartnerOrgId = orgId filled in on every call that takes it."),
    ]

    package static let validation: [FunctionDoc] = [
        FunctionDoc("validate.customer", [("body", "table"), ("use", "\"provision\"|\"update\"|\"precheck\"|nil")],
                    returns: ["boolean", "wholesale.Problem[]"], "Checks a customer body locally; every problem at once, each with path, rule and message."),
        FunctionDoc("validate.subscriber", [("body", "table"), ("use", "\"provision\"|\"update\"|\"precheck\"|nil")],
                    returns: ["boolean", "wholesale.Problem[]"], "Checks a subscriber body locally; every problem at once."),
        FunctionDoc("validate.email", [("value", "string")], returns: ["boolean", "string?"], "Whether value is an email address; else false and why."),
        FunctionDoc("validate.country", [("value", "string")], returns: ["boolean", "string?"], "Whether value is an ISO 3166-1 alpha-2 country code."),
        FunctionDoc("validate.timezone", [("value", "string")], returns: ["boolean", "string?"], "Whether value is an IANA time-zone name."),
        FunctionDoc("validate.language", [("value", "string")], returns: ["boolean", "string?"], "Whether value is a language code like en or en_US."),
        FunctionDoc("validate.phone", [("value", "string")], returns: ["boolean", "string?"], "Whether value is an E.164 phone number."),
        FunctionDoc("validate.packages", [("list", "string[]"), ("opts", "{kind: \"customer\"|\"subscriber\"}?")], returns: ["boolean", "string?"],
                    "Whether the package names are known for the kind, without duplicates, and their dependencies are met."),
        FunctionDoc("strict_fields", [("on", "boolean?")], returns: ["boolean"],
                    "With true, a body with a field the API does not know is a validation error and is not sent (as --strict-fields); with false, a warning. Returns the setting before the call."),
    ]

    package static let catalog: [FunctionDoc] = [
        FunctionDoc("packages.list", [("opts", "{kind: \"customer\"|\"subscriber\"}?")], returns: ["wholesale.Package[]"],
                    "Every package the validators know, in the specification's order; with kind, those offered to customers or to subscribers."),
        FunctionDoc("packages.get", [("name", "string")], returns: ["wholesale.Package?"], "The package named name, or nil."),
        FunctionDoc("packages.is_calling", [("name", "string")], returns: ["boolean"],
                    "Whether the package needs calling data (a customer's calling location, a subscriber's number or extension); false for unknown names."),
        FunctionDoc("billing.period", [("name", "\"last_month\"|\"this_month\"|\"last_n_days\""), ("days", "integer?")],
                    returns: ["{billingStartDate: string, billingEndDate: string}"],
                    "The first and last day (UTC, YYYY-MM-DD) of last month, this month so far, or the days whole days before today: a body for billing.create."),
    ]

    package static let state: [FunctionDoc] = [
        FunctionDoc("state.get", [("key", "string")], returns: ["any"], "The JSON value this playbook kept under key in an earlier run (or this one), or nil."),
        FunctionDoc("state.set", [("key", "string"), ("value", "any")], "Keeps a JSON value (up to 1 MB) under key for later runs of this playbook; nil removes it. Not saved in a dry run."),
    ]

    package static let data: [FunctionDoc] = [
        FunctionDoc("json.encode", [("value", "any"), ("opts", "{pretty: boolean?}?")], returns: ["string"], "JSON text of a value (keys sorted)."),
        FunctionDoc("json.decode", [("text", "string")], returns: ["any"], "The value of JSON text; null becomes wholesale.null."),
        FunctionDoc("json.read", [("path", "string")], returns: ["any"], "The value of a JSON file beside the playbook."),
        FunctionDoc("json.write", [("path", "string"), ("value", "any")], returns: ["boolean"], "Writes a value as a JSON file, whole or not at all."),
        FunctionDoc("csv.read", [("path", "string")], returns: ["fun(): table<string, string>?"], "Iterates over the rows of a CSV file, each keyed by the header's column names."),
        FunctionDoc("csv.write", [("path", "string"), ("rows", "table[]"), ("columns", "string[]?")], returns: ["boolean"],
                    "Writes rows as a CSV file with the columns in order (all keys, sorted, when not given)."),
    ]

    package static let runtime: [FunctionDoc] = [
        FunctionDoc("sleep", [("seconds", "number")], "Pauses this coroutine; the others keep running."),
        FunctionDoc("parallel", [("items", "table"), ("fn", "fun(item: any, index: integer): any"), ("opts", "{concurrency: integer?}?")],
                    returns: ["table", "wholesale.Failure[]"],
                    "Runs fn(item, index) for every item, each in its own coroutine, at most opts.concurrency (--concurrency) at once; results by index and the failures."),
        FunctionDoc("try", [("fn", "function"), ("...", "any")], returns: ["boolean", "any"],
                    "Like pcall, but the error is always a table with kind and message."),
        FunctionDoc("collect", [("iterator", "function")], returns: ["table"], "Drains an iterator (such as customers.list()) into a list."),
        FunctionDoc("array", [("t", "table?")], returns: ["table"], "Marks a table as a JSON array (so {} encodes as [])."),
        FunctionDoc("object", [("t", "table?")], returns: ["table"], "Marks a table as a JSON object (so {} encodes as {})."),
    ]

    package static let support: [FunctionDoc] = [
        FunctionDoc("log.debug", [("message", "string"), ("fields", "table?")], "Logs on stderr at debug level, with fields."),
        FunctionDoc("log.info", [("message", "string"), ("fields", "table?")], "Logs on stderr at info level, with fields."),
        FunctionDoc("log.warn", [("message", "string"), ("fields", "table?")], "Logs on stderr at warn level, with fields."),
        FunctionDoc("log.error", [("message", "string"), ("fields", "table?")], "Logs on stderr at error level, with fields."),
        FunctionDoc("env", [("name", "string")], returns: ["string?"], "An environment variable; never a credential's."),
        FunctionDoc("fail", [("message", "string?")], "Stops the run as failed (exit 1) with the message."),
    ]
}
