public import JSONValues

extension WholesaleClient {
    /// Lists subscribers (GET /wholesale/subscribers), lazily. `max` is the page size (at most 100).
    public func listSubscribers(
        customerId: String? = nil, personId: String? = nil, externalCustomerId: String? = nil, email: String? = nil,
        status: String? = nil, after: String? = nil, lastStatusChange: String? = nil, sortBy: String? = nil,
        sortOrder: String? = nil, max: Int? = nil, offset: Int? = nil, onBehalfOf: String? = nil
    ) -> Pages<Subscriber> {
        list(.subscribersList, options: [
            ("customerId", customerId), ("personId", personId), ("externalCustomerId", externalCustomerId), ("email", email),
            ("status", status), ("after", after), ("lastStatusChange", lastStatusChange), ("sortBy", sortBy),
            ("sortOrder", sortOrder), ("max", max.map(String.init)), ("offset", offset.map(String.init)),
            ("onBehalfOfSubPartnerOrgId", onBehalfOf),
        ])
    }

    /// Provisions a subscriber (POST /wholesale/subscribers: 200, or 202 with status
    /// `pending_user_migration`). When the outcome of the POST is unknown, the subscriber is
    /// looked up by email and customer and returned if it exists.
    public func provisionSubscriber(_ body: JSONValue, onBehalfOf: String? = nil) async throws(WholesaleError) -> Subscriber {
        try validate(.subscribersProvision, body: body)
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        let email = body["email"]?.stringValue ?? ""
        let customerId = body["customerId"]?.stringValue
        let client = self
        let lookUp: Reconciler = { () async throws(WholesaleError) in
            guard let found = try await client.listSubscribers(customerId: customerId, email: email, onBehalfOf: onBehalfOf).first() else { return nil }
            return TransportResponse(status: 200, body: found.jsonValue.jsonBytes())
        }
        return try await performReading(
            APICall(operation: .subscribersProvision, query: query, body: body), reconcile: lookUp,
            read: { exchange throws(WholesaleError) in try client.decode(exchange, .subscribersProvision) })
    }

    /// Gets one subscriber (GET /wholesale/subscribers/{id}).
    public func getSubscriber(_ id: String, onBehalfOf: String? = nil) async throws(WholesaleError) -> Subscriber {
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        return try decode(try await perform(APICall(operation: .subscribersGet, id: try Self.required(id, .subscribersGet), query: query)), .subscribersGet)
    }

    /// Changes a subscriber's package (PUT /wholesale/subscribers/{id}).
    public func updateSubscriber(_ id: String, _ body: JSONValue, onBehalfOf: String? = nil) async throws(WholesaleError) -> Subscriber {
        try validate(.subscribersUpdate, body: body)
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        let call = APICall(operation: .subscribersUpdate, id: try Self.required(id, .subscribersUpdate), query: query, body: body)
        let client = self
        return try await performReading(call, read: { exchange throws(WholesaleError) in try client.decode(exchange, .subscribersUpdate) })
    }

    /// Removes a subscriber (DELETE /wholesale/subscribers/{id}, 204).
    public func removeSubscriber(_ id: String, onBehalfOf: String? = nil) async throws(WholesaleError) {
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        _ = try await perform(APICall(operation: .subscribersRemove, id: try Self.required(id, .subscribersRemove), query: query))
    }

    /// Asks whether a subscriber body would be accepted (POST /wholesale/subscribers/validate).
    /// A refusal is a result with `ok == false`, not an error.
    public func precheckSubscriber(_ body: JSONValue, onBehalfOf: String? = nil) async throws(WholesaleError) -> PrecheckResult {
        try validate(.subscribersPrecheck, body: body)
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        let exchange = try await perform(APICall(operation: .subscribersPrecheck, query: query, body: body), accepting: [400, 409])
        // An answer that cannot be read says nothing either way: an error, not a refusal.
        if (200..<300).contains(exchange.response.status) { _ = try Self.body(of: exchange, Operation.subscribersPrecheck.rawValue) }
        return PrecheckResult(status: exchange.response.status, body: exchange.response.body, trackingId: exchange.trackingId)
    }

    /// Sends the consent email again to a `pending_user_migration` subscriber
    /// (POST /subscribers/{id}/emails/consentMove, 204).
    public func sendConsentMoveEmail(subscriberId: String, onBehalfOf: String? = nil) async throws(WholesaleError) {
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        _ = try await perform(APICall(operation: .subscribersConsentMove, id: try Self.required(subscriberId, .subscribersConsentMove), query: query))
    }
}
