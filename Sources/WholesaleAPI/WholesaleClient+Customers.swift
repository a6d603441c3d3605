public import JSONValues
import WholesaleValidation

extension WholesaleClient {
    /// Lists customers (GET /wholesale/customers), lazily, page by page.
    /// `status` values are sent comma-joined; `max` is the page size.
    public func listCustomers(
        externalId: String? = nil, orgId: String? = nil, status: [String] = [], max: Int? = nil, offset: Int? = nil,
        onBehalfOf: String? = nil
    ) -> Pages<Customer> {
        list(.customersList, options: [
            ("externalId", externalId), ("orgId", orgId), ("status", status.isEmpty ? nil : status.joined(separator: ",")),
            ("max", max.map(String.init)), ("offset", offset.map(String.init)), ("onBehalfOfSubPartnerOrgId", onBehalfOf),
        ])
    }

    /// Gets one customer (GET /wholesale/customers/{id}).
    public func getCustomer(_ id: String, includePackageLicenseInfo: Bool = false, onBehalfOf: String? = nil) async throws(WholesaleError) -> Customer {
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf), ("includePackageLicenseInfo", includePackageLicenseInfo ? "true" : nil)])
        let exchange = try await perform(APICall(operation: .customersGet, id: try Self.required(id, .customersGet), query: query))
        return try decode(exchange, .customersGet)
    }

    /// Starts provisioning a customer (POST /wholesale/customers, 202). The body is validated first.
    /// When the outcome of the POST is unknown, the customer is looked up by `externalId` and
    /// returned if it exists, so nothing is provisioned twice.
    public func provisionCustomer(_ body: JSONValue, onBehalfOf: String? = nil) async throws(WholesaleError) -> ResourceLocation {
        try validate(.customersProvision, body: body)
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        let externalId = body["externalId"]?.stringValue ?? ""
        let client = self
        let lookUp: Reconciler = { () async throws(WholesaleError) in
            guard let found = try await client.listCustomers(externalId: externalId, onBehalfOf: onBehalfOf).first(), let id = found.id else { return nil }
            let location = ResourceLocation(baseURL: client.baseURL, customerId: id)
            return TransportResponse(status: 202, headers: [("Location", location.url)], body: JSONValue.object(["url": .string(location.url)]).jsonBytes())
        }
        return try await performReading(
            APICall(operation: .customersProvision, query: query, body: body), reconcile: lookUp,
            read: { exchange throws(WholesaleError) in try client.location(exchange, .customersProvision) })
    }

    /// Starts updating a customer (PUT /wholesale/customers/{id}, 202): `packages` is the complete list.
    public func updateCustomer(_ id: String, _ body: JSONValue, onBehalfOf: String? = nil) async throws(WholesaleError) -> ResourceLocation {
        try validate(.customersUpdate, body: body)
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        let client = self
        return try await performReading(
            APICall(operation: .customersUpdate, id: try Self.required(id, .customersUpdate), query: query, body: body),
            read: { exchange throws(WholesaleError) in try client.location(exchange, .customersUpdate) })
    }

    /// Starts removing a customer (DELETE /wholesale/customers/{id}, 202).
    public func removeCustomer(_ id: String, onBehalfOf: String? = nil) async throws(WholesaleError) {
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        _ = try await perform(APICall(operation: .customersRemove, id: try Self.required(id, .customersRemove), query: query))
    }

    /// Asks whether a customer body would be accepted (POST /wholesale/customers/validate).
    /// A refusal is a result with `ok == false`, not an error.
    public func precheckCustomer(_ body: JSONValue, onBehalfOf: String? = nil) async throws(WholesaleError) -> PrecheckResult {
        try validate(.customersPrecheck, body: body)
        let query = Self.options([("onBehalfOfSubPartnerOrgId", onBehalfOf)])
        let exchange = try await perform(APICall(operation: .customersPrecheck, query: query, body: body), accepting: [400, 409])
        // An answer that cannot be read says nothing either way: an error, not a refusal.
        if (200..<300).contains(exchange.response.status) { _ = try Self.body(of: exchange, Operation.customersPrecheck.rawValue) }
        return PrecheckResult(status: exchange.response.status, body: exchange.response.body, trackingId: exchange.trackingId)
    }

    /// Lists the sub-partners (GET /wholesale/subPartners), lazily.
    public func listSubPartners(provisioningState: String? = nil, max: Int? = nil, offset: Int? = nil) -> Pages<SubPartner> {
        list(.subPartnersList, options: [("provisioningState", provisioningState), ("max", max.map(String.init)), ("offset", offset.map(String.init))])
    }
}
