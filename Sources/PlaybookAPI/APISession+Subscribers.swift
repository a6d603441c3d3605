package import JSONValues
package import WholesaleAPI

extension APISession {
    /// `subscribers.get`.
    package func getSubscriber(_ id: String, scope: String?) async throws(WholesaleError) -> JSONValue {
        if let standIn = plan?.standIn(id) { return standIn }
        return try await client.getSubscriber(id, onBehalfOf: scope).jsonValue
    }

    /// `subscribers.provision`: the subscriber (`provisioned`, or `pending_user_migration` for a
    /// free Webex account that must consent first); with `wait`, once it is no longer `provisioning`.
    package func provisionSubscriber(_ body: JSONValue, scope: String?, wait: WaitRequest?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.subscribersProvision) {
            try client.validate(.subscribersProvision, body: body)
            let id = plan.newID("subscriber")
            var subscriber = body.objectValue ?? [:]
            subscriber["id"] = .string(id)
            subscriber["status"] = .string(SubscriberStatus.provisioned.rawValue)
            subscriber["dryRun"] = true
            subscriber["provisioningParameters"] = nil
            plan.keep(.object(subscriber), for: id)
            plan.record(.init(operation: .subscribersProvision, id: nil,
                              resource: "email=\(body["email"]?.stringValue ?? "?")", onBehalfOf: scope, body: body))
            return .object(subscriber)
        }
        let email = body["email"]?.stringValue
        // An earlier run was stopped while this create was on the wire: it may exist already.
        if unknownEarlier(.subscribersProvision, nil, email, scope),
           let found = try await findSubscriber(SubscriberFilter(customerId: body["customerId"]?.stringValue, email: email), scope: scope) {
            resolvedEarlier(.subscribersProvision, nil, email, scope)
            guard let wait, let id = found["id"]?.stringValue else { return found }
            return try await waitForSubscriber(id, scope: scope, wait.named(.subscribersProvision))
        }
        let subscriber: JSONValue
        do {
            subscriber = try await client.provisionSubscriber(body, onBehalfOf: scope).jsonValue
        } catch {
            throw await withCustomerHint(error, customerId: body["customerId"]?.stringValue, scope: scope)
        }
        guard let wait, let id = subscriber["id"]?.stringValue else { return subscriber }
        return try await waitForSubscriber(id, scope: scope, wait.named(.subscribersProvision))
    }

    /// `subscribers.update`: the subscriber with its new package.
    package func updateSubscriber(_ id: String, _ body: JSONValue, scope: String?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.subscribersUpdate) {
            try client.validate(.subscribersUpdate, body: body)
            var subscriber = try await getSubscriber(id, scope: scope).objectValue ?? [:]
            plan.record(.init(operation: .subscribersUpdate, id: id,
                              resource: id, onBehalfOf: scope, body: body, before: .object(subscriber)))
            for (key, value) in body.objectValue ?? [:] where key != "provisioningParameters" { subscriber[key] = value }
            subscriber["dryRun"] = true
            plan.keep(.object(subscriber), for: id)
            return .object(subscriber)
        }
        return try await client.updateSubscriber(id, body, onBehalfOf: scope).jsonValue
    }

    /// `subscribers.remove`: `true` (the API answers 204 at once).
    package func removeSubscriber(_ id: String, scope: String?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.subscribersRemove) {
            // The plan names what would go (a GET, which a dry run sends; an unknown id raises its 404 here).
            let before = try await getSubscriber(id, scope: scope)
            plan.record(.init(operation: .subscribersRemove, id: id,
                              resource: id, onBehalfOf: scope, body: nil, before: before))
            return true
        }
        try await client.removeSubscriber(id, onBehalfOf: scope)
        return true
    }

    /// `subscribers.precheck`: the result as a value; a refusal is `ok = false`, not an error.
    /// In a dry run, a subscriber of a customer the plan would create is checked locally only.
    package func precheckSubscriber(_ body: JSONValue, scope: String?) async throws(WholesaleError) -> JSONValue {
        if isPlanned(body["customerId"]?.stringValue) {
            try client.validate(.subscribersPrecheck, body: body)
            return ["ok": true, "message": "success", "info": [], "errors": [], "status": 200, "dryRun": true]
        }
        return Self.precheckValue(try await client.precheckSubscriber(body, onBehalfOf: scope))
    }

    /// Whether `id` is a stand-in the dry-run plan made up (the API does not know it).
    package func isPlanned(_ id: String?) -> Bool {
        guard let plan, let id else { return false }
        return plan.standIn(id) != nil
    }

    /// `subscribers.consent_move`: sends the consent email again; `true`.
    package func consentMove(_ id: String, scope: String?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.subscribersConsentMove) {
            plan.record(.init(operation: .subscribersConsentMove, id: id,
                              resource: id, onBehalfOf: scope, body: nil))
            return true
        }
        try await client.sendConsentMoveEmail(subscriberId: id, onBehalfOf: scope)
        return true
    }

    /// `subscribers.wait`: the subscriber once its status is anything but `provisioning`
    /// (or one of `wait.until`, e.g. `{"provisioned"}` to wait for a user's consent).
    package func waitForSubscriber(_ id: String, scope: String?, _ wait: WaitRequest) async throws(WholesaleError) -> JSONValue {
        try await self.wait(wait, id: id, terminal: Set(SubscriberStatus.terminal.map(\.rawValue)), finished: SubscriberStatus.provisioned.rawValue) {
            () async throws(WholesaleError) in
            try await self.getSubscriber(id, scope: scope)
        }
    }

    /// `subscribers.find`: the first subscriber matching the filters (`email`, `customerId`, ...), or `nil`.
    package func findSubscriber(_ filter: SubscriberFilter, scope: String?) async throws(WholesaleError) -> JSONValue? {
        // A customer the dry-run plan would create has no subscribers yet.
        if isPlanned(filter.customerId) { return nil }
        do {
            return try await filter.pages(client, scope: scope).first()?.jsonValue
        } catch {
            throw error.renamed("subscribers.find")
        }
    }

    /// `subscribers.ensure`: the subscriber as `body` describes it (found by email and
    /// customerId), and what was done: created, updated (its packages differed) or unchanged.
    package func ensureSubscriber(_ body: JSONValue, scope: String?, wait: WaitRequest?) async throws(WholesaleError) -> (JSONValue, String) {
        let operation = "subscribers.ensure"
        guard let email = body["email"]?.stringValue, !email.isEmpty else {
            throw WholesaleError(kind: .validation, operation: operation, message: "the body needs an email: ensure finds the subscriber by it")
        }
        let filter = SubscriberFilter(customerId: body["customerId"]?.stringValue, email: email)
        guard let found = try await findSubscriber(filter, scope: scope) else {
            if !isPlanned(filter.customerId) {
                try requirePrecheck(try await client.precheckSubscriber(body, onBehalfOf: scope), operation: operation)
            }
            return (try await provisionSubscriber(body, scope: scope, wait: wait), "created")
        }
        guard Self.packageSet(body) != Self.packageSet(found), let id = found["id"]?.stringValue else { return (found, "unchanged") }
        var change: [String: JSONValue] = [:]
        for key in ["packages", "package"] { change[key] = body[key] }
        return (try await updateSubscriber(id, .object(change), scope: scope), "updated")
    }
}

/// The list filters of `subscribers.list` and `subscribers.find`, by their API names.
package struct SubscriberFilter: Sendable {
    package var customerId: String?
    package var personId: String?
    package var externalCustomerId: String?
    package var email: String?
    package var status: String?
    package var after: String?
    package var lastStatusChange: String?
    package var sortBy: String?
    package var sortOrder: String?
    package var max: Int?
    package var offset: Int?

    /// A filter with the given values (every one optional).
    package init(
        customerId: String? = nil, personId: String? = nil, externalCustomerId: String? = nil, email: String? = nil, status: String? = nil,
        after: String? = nil, lastStatusChange: String? = nil, sortBy: String? = nil, sortOrder: String? = nil, max: Int? = nil, offset: Int? = nil
    ) {
        (self.customerId, self.personId, self.externalCustomerId, self.email, self.status) = (customerId, personId, externalCustomerId, email, status)
        (self.after, self.lastStatusChange, self.sortBy, self.sortOrder, self.max, self.offset) = (after, lastStatusChange, sortBy, sortOrder, max, offset)
    }

    /// The pages of subscribers matching the filter.
    package func pages(_ client: WholesaleClient, scope: String?) -> Pages<Subscriber> {
        client.listSubscribers(
            customerId: customerId, personId: personId, externalCustomerId: externalCustomerId, email: email, status: status,
            after: after, lastStatusChange: lastStatusChange, sortBy: sortBy, sortOrder: sortOrder, max: max, offset: offset,
            onBehalfOf: scope)
    }
}
