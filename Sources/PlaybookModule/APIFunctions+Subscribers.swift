package import JSONValues
package import LuaRuntime
package import PlaybookAPI
package import WholesaleAPI

extension APIFunctions {
    // MARK: Subscribers

    package static let subscribers: [APIFunction] = [
        APIFunction(
            doc: FunctionDoc("subscribers.list", [("opts", "wholesale.SubscriberFilter?")], returns: ["fun(): wholesale.Subscriber?"],
                             "Iterates over the subscribers matching the filters (customerId, email, status, ...), a page at a time."),
            sends: .subscribersList
        ) { session, call, options in
            let filter = try subscriberFilter(options)
            let scope = try options.scope()
            try options.finish()
            // A customer the dry-run plan would create has no subscribers yet.
            if session.isPlanned(filter.customerId) { return .pages(EmptyPages()) }
            return .pages(try PageCursor(filter.pages(session.client, scope: scope)))
        },
        APIFunction(
            FunctionDoc("subscribers.get", [("id", "string"), ("opts", "wholesale.ScopeOptions?")], returns: ["wholesale.Subscriber"],
                        "Gets one subscriber by id."),
            sends: .subscribersGet
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.getSubscriber(call.id, scope: o.scope))
        },
        APIFunction(
            doc: FunctionDoc("subscribers.find", [("filter", "wholesale.SubscriberFilter")], returns: ["wholesale.Subscriber?"],
                             "The first subscriber matching the filters (e.g. {email = \"ann@acme.com\", customerId = id}), or nil."),
            sends: .subscribersList
        ) { session, call, options in
            let filter = try subscriberFilter(options)
            let scope = try options.scope()
            try options.finish()
            return .work { () async throws(WholesaleError) in .json(try await session.findSubscriber(filter, scope: scope)) }
        },
        APIFunction(
            FunctionDoc("subscribers.provision", [("body", "table"), ("opts", "wholesale.WaitOptions?")], returns: ["wholesale.Subscriber"],
                        "Provisions a subscriber: status provisioned, or pending_user_migration when a free Webex account must consent first."),
            sends: .subscribersProvision, reads: .wait
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.provisionSubscriber(call.body, scope: o.scope, wait: o.wait))
        },
        APIFunction(
            FunctionDoc("subscribers.update", [("id", "string"), ("body", "table"), ("opts", "wholesale.ScopeOptions?")], returns: ["wholesale.Subscriber"],
                        "Changes a subscriber's packages; the subscriber as it is now."),
            sends: .subscribersUpdate
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.updateSubscriber(call.id, call.body, scope: o.scope))
        },
        APIFunction(
            FunctionDoc("subscribers.remove", [("id", "string"), ("opts", "wholesale.ScopeOptions?")], returns: ["boolean"],
                        "Removes a subscriber; true."),
            sends: .subscribersRemove
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.removeSubscriber(call.id, scope: o.scope))
        },
        APIFunction(
            FunctionDoc("subscribers.precheck", [("body", "table"), ("opts", "wholesale.ScopeOptions?")], returns: ["wholesale.PrecheckResult"],
                        "Asks whether the body would be accepted; a refusal is a result with ok = false, not an error."),
            sends: .subscribersPrecheck
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.precheckSubscriber(call.body, scope: o.scope))
        },
        APIFunction(
            FunctionDoc("subscribers.wait", [("id", "string"), ("opts", "wholesale.WaitForOptions?")], returns: ["wholesale.Subscriber"],
                        "Polls until the subscriber is no longer provisioning (or its status is in opts.until, e.g. {\"provisioned\"} to wait for consent)."),
            sends: .subscribersGet, reads: .waitFor
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.waitForSubscriber(call.id, scope: o.scope, o.wait ?? WaitRequest()))
        },
        APIFunction(
            FunctionDoc("subscribers.ensure", [("body", "table"), ("opts", "wholesale.WaitOptions?")], returns: ["wholesale.Subscriber", "\"created\"|\"updated\"|\"unchanged\""],
                        "Makes the subscriber with body.email (in body.customerId) exist as described: precheck and provision, update its packages, or leave it alone."),
            sends: .subscribersProvision, reads: .wait
        ) { session, call, o async throws(WholesaleError) in
            let (subscriber, action) = try await session.ensureSubscriber(call.body, scope: o.scope, wait: o.wait)
            return .values([LuaValue(subscriber), .string(action)])
        },
        APIFunction(
            FunctionDoc("subscribers.consent_move", [("id", "string"), ("opts", "wholesale.ScopeOptions?")], returns: ["boolean"],
                        "Sends the consent email again to a pending_user_migration subscriber; true."),
            sends: .subscribersConsentMove
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.consentMove(call.id, scope: o.scope))
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

    package static let billing: [APIFunction] = [
        APIFunction(
            doc: FunctionDoc("billing.list", [("opts", "wholesale.BillingFilter?")], returns: ["fun(): wholesale.BillingReport?"],
                             "Iterates over the billing reports matching the filters."),
            sends: .billingList
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
            FunctionDoc("billing.get", [("id", "string"), ("opts", "table?")], returns: ["wholesale.BillingReport"], "Gets one billing report by id."),
            sends: .billingGet
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.getBillingReport(call.id))
        },
        APIFunction(
            FunctionDoc("billing.create", [("body", "table"), ("opts", "wholesale.WaitOptions?")], returns: ["wholesale.BillingReport"],
                        "Asks for a billing report ({billingStartDate, billingEndDate, type}); with opts.wait, the report once COMPLETED or FAILED."),
            sends: .billingCreate, reads: .wait
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.createBillingReport(call.body, wait: o.wait))
        },
        APIFunction(
            FunctionDoc("billing.remove", [("id", "string"), ("opts", "table?")], returns: ["boolean"], "Deletes a billing report; true."),
            sends: .billingRemove
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.removeBillingReport(call.id))
        },
        APIFunction(
            FunctionDoc("billing.wait", [("id", "string"), ("opts", "wholesale.WaitForOptions?")], returns: ["wholesale.BillingReport"],
                        "Polls until the report is COMPLETED or FAILED."),
            sends: .billingGet, reads: .waitFor
        ) { session, call, o async throws(WholesaleError) in
            .json(try await session.waitForBillingReport(call.id, o.wait ?? WaitRequest()))
        },
    ]
}
