import JSONValues
import LuaRuntime
import WholesaleAPI

extension APIFunctions {
    private static func value(_ json: JSONValue?) -> LuaResults { .value(json.map(LuaValue.init)) }

    // MARK: Subscribers

    static let subscribers: [APIFunction] = [
        APIFunction(
            doc: FunctionDoc("subscribers.list", [("opts", "wholesale.SubscriberFilter?")], returns: ["fun(): wholesale.Subscriber?"],
                             "Iterates over the subscribers matching the filters (customerId, email, status, ...), a page at a time."),
            scoped: true
        ) { session, call, options in
            let filter = try subscriberFilter(options)
            let scope = try options.scope()
            try options.finish()
            return .pages(try PageCursor(filter.pages(session.client, scope: scope)))
        },
        APIFunction(
            doc: FunctionDoc("subscribers.get", [("id", "string"), ("opts", "wholesale.ScopeOptions?")], returns: ["wholesale.Subscriber"],
                             "Gets one subscriber by id."),
            scoped: true
        ) { session, call, options in
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.getSubscriber(call.id, scope: scope)) }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.find", [("filter", "wholesale.SubscriberFilter")], returns: ["wholesale.Subscriber?"],
                             "The first subscriber matching the filters (e.g. {email = \"ann@acme.com\", customerId = id}), or nil."),
            scoped: true
        ) { session, call, options in
            let filter = try subscriberFilter(options)
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.findSubscriber(filter, scope: scope)) }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.provision", [("body", "table"), ("opts", "wholesale.WaitOptions?")],
                             returns: ["wholesale.Subscriber"],
                             "Provisions a subscriber: status provisioned, or pending_user_migration when a free Webex account must consent first."),
            scoped: true
        ) { session, call, options in
            let (scope, wait) = (try options.scope(), try options.wait())
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.provisionSubscriber(call.body, scope: scope, wait: wait)) }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.update", [("id", "string"), ("body", "table"), ("opts", "wholesale.ScopeOptions?")],
                             returns: ["wholesale.Subscriber"], "Changes a subscriber's packages; the subscriber as it is now."),
            scoped: true
        ) { session, call, options in
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.updateSubscriber(call.id, call.body, scope: scope)) }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.remove", [("id", "string"), ("opts", "wholesale.ScopeOptions?")], returns: ["boolean"],
                             "Removes a subscriber; true."),
            scoped: true
        ) { session, call, options in
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.removeSubscriber(call.id, scope: scope)) }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.precheck", [("body", "table"), ("opts", "wholesale.ScopeOptions?")],
                             returns: ["wholesale.PrecheckResult"],
                             "Asks whether the body would be accepted; a refusal is a result with ok = false, not an error."),
            scoped: true
        ) { session, call, options in
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.precheckSubscriber(call.body, scope: scope)) }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.wait", [("id", "string"), ("opts", "wholesale.WaitForOptions?")], returns: ["wholesale.Subscriber"],
                             "Polls until the subscriber is no longer provisioning (or its status is in opts.until, e.g. {\"provisioned\"} to wait for consent)."),
            scoped: true
        ) { session, call, options in
            let (scope, wait) = (try options.scope(), try options.waitOnly())
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.waitForSubscriber(call.id, scope: scope, wait)) }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.ensure", [("body", "table"), ("opts", "wholesale.WaitOptions?")],
                             returns: ["wholesale.Subscriber", "\"created\"|\"updated\"|\"unchanged\""],
                             "Makes the subscriber with body.email (in body.customerId) exist as described: precheck and provision, update its packages, or leave it alone."),
            scoped: true
        ) { session, call, options in
            let (scope, wait) = (try options.scope(), try options.wait())
            try options.finish()
            return .work { () async throws(WholesaleError) in
                let (subscriber, action) = try await session.ensureSubscriber(call.body, scope: scope, wait: wait)
                return .values([LuaValue(subscriber), .string(action)])
            }
        },
        APIFunction(
            doc: FunctionDoc("subscribers.consent_move", [("id", "string"), ("opts", "wholesale.ScopeOptions?")], returns: ["boolean"],
                             "Sends the consent email again to a pending_user_migration subscriber; true."),
            scoped: true
        ) { session, call, options in
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.consentMove(call.id, scope: scope)) }
        },
    ]

    private static func subscriberFilter(_ options: APIOptions) throws(HostError) -> SubscriberFilter {
        SubscriberFilter(
            customerId: try options.string("customerId"), personId: try options.string("personId"),
            externalCustomerId: try options.string("externalCustomerId"), email: try options.string("email"),
            status: try options.string("status"), after: try options.string("after"),
            lastStatusChange: try options.string("lastStatusChange"), sortBy: try options.string("sortBy"),
            sortOrder: try options.string("sortOrder"), max: try options.integer("max"), offset: try options.integer("offset"))
    }

    // MARK: Billing reports

    static let billing: [APIFunction] = [
        APIFunction(
            doc: FunctionDoc("billing.list", [("opts", "wholesale.BillingFilter?")], returns: ["fun(): wholesale.BillingReport?"],
                             "Iterates over the billing reports matching the filters."),
            scoped: false
        ) { session, call, options in
            let o = options
            let pages = session.client.listBillingReports(
                billingStartDate: try o.string("billingStartDate"), billingEndDate: try o.string("billingEndDate"),
                type: try o.string("type"), sortBy: try o.string("sortBy"), status: try o.string("status"),
                max: try o.integer("max"), subPartnerOrgId: try o.string("subPartnerOrgId"))
            try o.finish()
            return .pages(try PageCursor(pages))
        },
        APIFunction(
            doc: FunctionDoc("billing.get", [("id", "string")], returns: ["wholesale.BillingReport"], "Gets one billing report by id."),
            scoped: false
        ) { session, call, options in
            .work { () async throws(WholesaleError) in value(try await session.getBillingReport(call.id)) }
        },
        APIFunction(
            doc: FunctionDoc("billing.create", [("body", "table"), ("opts", "wholesale.WaitOptions?")], returns: ["wholesale.BillingReport"],
                             "Asks for a billing report ({billingStartDate, billingEndDate, type}); with opts.wait, the report once COMPLETED or FAILED."),
            scoped: false
        ) { session, call, options in
            let wait = try options.wait()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.createBillingReport(call.body, wait: wait)) }
        },
        APIFunction(
            doc: FunctionDoc("billing.remove", [("id", "string")], returns: ["boolean"], "Deletes a billing report; true."),
            scoped: false
        ) { session, call, options in
            .work { () async throws(WholesaleError) in value(try await session.removeBillingReport(call.id)) }
        },
        APIFunction(
            doc: FunctionDoc("billing.wait", [("id", "string"), ("opts", "wholesale.WaitForOptions?")], returns: ["wholesale.BillingReport"],
                             "Polls until the report is COMPLETED or FAILED."),
            scoped: false
        ) { session, call, options in
            let wait = try options.waitOnly()
            try options.finish()
            return .work { () async throws(WholesaleError) in value(try await session.waitForBillingReport(call.id, wait)) }
        },
    ]
}
