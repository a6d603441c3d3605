import FailureKinds
/// The LuaCATS (`---@meta`) definitions of the whole `wholesale` module, for lua-language-server
/// and editors built on it, generated from `ModuleDocs`: the same list the run's registration is
/// checked against, so the definitions cannot drift from what a run installs.
package enum LuaTypes {
    /// The definitions of the module alone.
    package static var definitions: String { definitions(adding: "") }

    /// The definitions file `wholesale types` prints: the module's, then `extra` (the spec
    /// API's), before the final `return`.
    package static func definitions(adding extra: String) -> String {
        var out = header + "\n" + classes
        var namespaces: [String] = []
        for doc in ModuleDocs.all {
            let parts = doc.name.split(separator: ".").dropLast()
            for i in parts.indices {
                let namespace = parts[...i].joined(separator: ".")
                if !namespaces.contains(namespace) { namespaces.append(namespace) }
            }
        }
        for namespace in namespaces { out += "\nwholesale.\(namespace) = {}\n" }
        for doc in ModuleDocs.all { out += "\n" + function(doc) }
        return out + extra + "\nreturn wholesale\n"
    }

    private static func function(_ doc: FunctionDoc) -> String {
        var lines = ["--- \(doc.summary)"]
        for parameter in doc.parameters {
            lines.append(parameter.name == "..." ? "---@param ... \(parameter.type)" : "---@param \(parameter.name) \(parameter.type)")
        }
        for type in doc.returns { lines.append("---@return \(type)") }
        lines.append("function \(doc.signature) end")
        return lines.joined(separator: "\n") + "\n"
    }

    private static let header = """
        ---@meta wholesale
        -- Definitions of the `wholesale` module of wholesale playbooks, printed by `wholesale types`.
        -- Point lua-language-server at this file (docs/playbooks.md, "Editor support"). Generated: do not edit.

        """

    private static let classes = """
        ---@class wholesale.Error
        ---@field kind \(FailureKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: "|"))
        ---@field operation string? e.g. "customers.provision"
        ---@field message string
        ---@field status integer? the HTTP status
        ---@field code integer? the first Webex error code
        ---@field codes integer[]?
        ---@field errors table[]? the API's errors, {errorCode, description}
        ---@field trackingId string?
        ---@field retryable boolean?
        ---@field attempts integer?
        ---@field problems wholesale.Problem[]? local validation problems

        ---@class wholesale.Problem
        ---@field path string JSON path, e.g. "address.country"
        ---@field rule string stable rule id, e.g. "country.iso2"
        ---@field message string
        ---@field severity "error"|"warning"

        ---@class wholesale.Failure
        ---@field index integer
        ---@field item any
        ---@field error any

        ---@class wholesale.Address
        ---@field addressLine1 string
        ---@field addressLine2 string?
        ---@field city string
        ---@field stateOrProvince string?
        ---@field zipOrPostalCode string?
        ---@field country string ISO 3166-1 alpha-2

        ---@class wholesale.Customer
        ---@field id string
        ---@field url string? (provision/update without wait)
        ---@field orgId string? once provisioned
        ---@field externalId string
        ---@field address wholesale.Address?
        ---@field status "provisioning"|"provisioned"|"provisioned_with_errors"|"updating"|"deleting"|"error"|"pending_rpl_review"
        ---@field packages string[]?
        ---@field resourceDetails table?
        ---@field errors table[]?
        ---@field dryRun boolean? set on results of a --dry-run

        ---@class wholesale.Subscriber
        ---@field id string
        ---@field personId string?
        ---@field email string
        ---@field customerId string
        ---@field externalCustomerId string?
        ---@field package string?
        ---@field packages string[]?
        ---@field status "provisioned"|"pending_user_migration"|string
        ---@field errors table[]?
        ---@field created string?
        ---@field lastStatusChange string?
        ---@field dryRun boolean?

        ---@class wholesale.SubPartner
        ---@field orgId string
        ---@field provisioningState "active"|"suspended"

        ---@class wholesale.BillingReport
        ---@field id string
        ---@field billingStartDate string
        ---@field billingEndDate string
        ---@field type string?
        ---@field status "IN_PROGRESS"|"COMPLETED"|"FAILED"
        ---@field tempDownloadURL string?
        ---@field dryRun boolean?

        ---@class wholesale.PrecheckResult
        ---@field ok boolean
        ---@field message string
        ---@field info table[]
        ---@field errors table[]
        ---@field code integer? the first error code when ok is false
        ---@field status integer the HTTP status the answer came with
        ---@field trackingId string?

        ---@class wholesale.ScopeOptions
        ---@field onBehalfOfSubPartnerOrgId string?

        ---@class wholesale.GetOptions: wholesale.ScopeOptions
        ---@field includePackageLicenseInfo boolean?

        ---@class wholesale.WaitOptions: wholesale.ScopeOptions
        ---@field wait (boolean|number)? true (900 s) or a timeout in seconds
        ---@field until (string|string[])? statuses that end the wait

        ---@class wholesale.WaitForOptions: wholesale.ScopeOptions
        ---@field timeout number? seconds (900)
        ---@field until (string|string[])?

        ---@class wholesale.CustomerFilter: wholesale.ScopeOptions
        ---@field externalId string?
        ---@field orgId string?
        ---@field status (string|string[])?
        ---@field max integer? page size
        ---@field offset integer?

        ---@class wholesale.SubPartnerFilter
        ---@field provisioningState ("active"|"suspended")?
        ---@field max integer?
        ---@field offset integer?

        ---@class wholesale.SubscriberFilter: wholesale.ScopeOptions
        ---@field customerId string?
        ---@field personId string?
        ---@field externalCustomerId string?
        ---@field email string?
        ---@field status string?
        ---@field after string?
        ---@field lastStatusChange string?
        ---@field sortBy ("created"|"lastStatusChange")?
        ---@field sortOrder ("ASC"|"DESC")?
        ---@field max integer?
        ---@field offset integer?

        ---@class wholesale.BillingFilter
        ---@field billingStartDate string?
        ---@field billingEndDate string?
        ---@field type string?
        ---@field sortBy string?
        ---@field status string?
        ---@field max integer?
        ---@field subPartnerOrgId string?

        ---@class wholesale.Run
        ---@field id string
        ---@field playbook string
        ---@field target string "sim", "webex" or the base URL
        ---@field dry_run boolean
        ---@field started string ISO 8601

        ---@class wholesale.Package
        ---@field name string the API's name, e.g. "webex_calling"
        ---@field label string what Cisco calls it
        ---@field customer boolean offered to customers
        ---@field subscriber boolean offered to subscribers
        ---@field legacy_package boolean taken by a subscriber's deprecated single package field
        ---@field calling boolean needs calling data
        ---@field add_on boolean an add-on beside a base package
        ---@field requires_one_of string[]? one of these must be in the same list

        ---@class wholesale.Scoped
        ---@field orgId string
        ---@field customers table
        ---@field subscribers table
        ---@field subpartners table
        ---@field billing table

        ---@class wholesale
        ---@field null any JSON null
        ---@field args table<string, any> --var and --vars values
        ---@field run wholesale.Run
        wholesale = {}

        """
}
