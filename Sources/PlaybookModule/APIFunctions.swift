package import JSONValues
package import LuaRuntime
package import PlaybookAPI
package import WholesaleAPI

/// Every API function of the `wholesale` module: one declaration each, its doc beside the
/// closure that runs it. `wholesale types`, `docs/reference.md` and `on_behalf_of` all read
/// this list.
enum APIFunctions {
    package static let all: [APIFunction] = customers + subPartners + subscribers + billing

    // MARK: Customers

    package static let customers: [APIFunction] = [
        APIFunction(
            doc: FunctionDoc("customers.list", [("opts", "wholesale.CustomerFilter?")], returns: ["fun(): wholesale.Customer?"],
                             "Iterates over the customers matching the filters, fetching a page at a time as the loop needs it."),
            sends: .customersList
        ) { session, call, options in
            let filter = try customerFilter(options)
            let scope = try options.scope()
            try options.finish()
            return .pages(try PageCursor(filter.pages(session.client, scope: scope)))
        },
        APIFunction(
            doc: FunctionDoc("customers.get", [("id", "string"), ("opts", "wholesale.GetOptions?")], returns: ["wholesale.Customer"],
                             "Gets one customer by id."),
            sends: .customersGet
        ) { session, call, options in
            let license = try options.boolean("includePackageLicenseInfo") ?? false
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in
                .json(try await session.getCustomer(call.id, includePackageLicenseInfo: license, scope: scope))
            }
        },
        APIFunction(
            doc: FunctionDoc("customers.find", [("filter", "wholesale.CustomerFilter")], returns: ["wholesale.Customer?"],
                             "The first customer matching the filters (e.g. {externalId = \"acme-1\"}), or nil."),
            sends: .customersList
        ) { session, call, options in
            let filter = try customerFilter(options)
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in .json(try await session.findCustomer(filter, scope: scope)) }
        },
        APIFunction(
            FunctionDoc("customers.provision", [("body", "table"), ("opts", "wholesale.WaitOptions?")], returns: ["wholesale.Customer"],
                        "Starts provisioning a customer: {id, url, status = \"provisioning\"}; with opts.wait, the customer once its status is terminal."),
            sends: .customersProvision, reads: .wait
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.provisionCustomer(call.body, scope: o.scope, wait: o.wait))
        },
        APIFunction(
            FunctionDoc("customers.update", [("id", "string"), ("body", "table"), ("opts", "wholesale.WaitOptions?")], returns: ["wholesale.Customer"],
                        "Starts an update (packages is the complete new list): {id, url, status = \"updating\"}; with opts.wait, the customer once terminal."),
            sends: .customersUpdate, reads: .wait
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.updateCustomer(call.id, call.body, scope: o.scope, wait: o.wait))
        },
        APIFunction(
            FunctionDoc("customers.remove", [("id", "string"), ("opts", "wholesale.WaitOptions?")], returns: ["boolean"],
                        "Starts removing a customer; true. With opts.wait, returns once the customer is gone."),
            sends: .customersRemove, reads: .wait
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.removeCustomer(call.id, scope: o.scope, wait: o.wait))
        },
        APIFunction(
            FunctionDoc("customers.precheck", [("body", "table"), ("opts", "wholesale.ScopeOptions?")], returns: ["wholesale.PrecheckResult"],
                        "Asks whether the body would be accepted; a refusal is a result with ok = false, not an error."),
            sends: .customersPrecheck
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.precheckCustomer(call.body, scope: o.scope))
        },
        APIFunction(
            FunctionDoc("customers.wait", [("id", "string"), ("opts", "wholesale.WaitForOptions?")], returns: ["wholesale.Customer"],
                        "Polls until the customer is provisioned, provisioned_with_errors or error (or a status in opts.until); raises a timeout error after opts.timeout seconds (900)."),
            sends: .customersGet, reads: .waitFor
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.waitForCustomer(call.id, scope: o.scope, o.wait ?? WaitRequest()))
        },
        APIFunction(
            FunctionDoc("customers.ensure", [("body", "table"), ("opts", "wholesale.WaitOptions?")], returns: ["wholesale.Customer", "\"created\"|\"updated\"|\"unchanged\""],
                        "Makes the customer with body.externalId exist as described: precheck and provision it, update it when its packages differ, or leave it alone; returns the customer and what was done."),
            sends: .customersProvision, reads: .wait
        ) { session, call, o async throws(WholesaleError) in
            let (customer, action) = try await session.ensureCustomer(call.body, scope: o.scope, wait: o.wait)
            return .values([LuaValue(customer), .string(action)])
        },
    ]

    private static func customerFilter(_ options: APIOptions) throws(HostError) -> CustomerFilter {
        CustomerFilter(
            externalId: try options.string("externalId"), orgId: try options.string("orgId"), status: try options.strings("status"),
            max: try options.integer("max"), offset: try options.integer("offset"))
    }

    // MARK: Sub-partners

    package static let subPartners: [APIFunction] = [
        APIFunction(
            doc: FunctionDoc("subpartners.list", [("opts", "wholesale.SubPartnerFilter?")], returns: ["fun(): wholesale.SubPartner?"],
                             "Iterates over the partner's sub-partners (opts.provisioningState = \"active\" or \"suspended\")."),
            sends: .subPartnersList
        ) { session, call, options in
            let state = try options.string("provisioningState")
            let (max, offset) = (try options.integer("max"), try options.integer("offset"))
            try options.finish()
            return .pages(try PageCursor(session.client.listSubPartners(provisioningState: state, max: max, offset: offset)))
        },
    ]
}
