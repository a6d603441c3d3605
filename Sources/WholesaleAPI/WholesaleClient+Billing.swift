public import JSONValues

extension WholesaleClient {
    /// Lists billing reports (GET /wholesale/billing/reports), lazily.
    public func listBillingReports(
        billingStartDate: String? = nil, billingEndDate: String? = nil, type: String? = nil, sortBy: String? = nil,
        status: String? = nil, max: Int? = nil, subPartnerOrgId: String? = nil
    ) -> Pages<BillingReport> {
        list(.billingList, options: [
            ("billingStartDate", billingStartDate), ("billingEndDate", billingEndDate), ("type", type), ("sortBy", sortBy),
            ("status", status), ("max", max.map(String.init)), ("subPartnerOrgId", subPartnerOrgId),
        ])
    }

    /// Asks for a billing report (POST /wholesale/billing/reports); it is generated in the background.
    /// A POST whose outcome is unknown is not sent again (there is no key to look it up by).
    public func createBillingReport(_ body: JSONValue) async throws(WholesaleError) -> BillingReport {
        try validate(.billingCreate, body: body)
        let client = self
        return try await performReading(
            APICall(operation: .billingCreate, body: body), read: { exchange throws(WholesaleError) in try client.decode(exchange, .billingCreate) })
    }

    /// Gets a billing report (GET /wholesale/billing/reports/{id}).
    public func getBillingReport(_ id: String) async throws(WholesaleError) -> BillingReport {
        try decode(try await perform(APICall(operation: .billingGet, id: try Self.required(id, .billingGet))), .billingGet)
    }

    /// Deletes a billing report (DELETE /wholesale/billing/reports/{id}, 204).
    public func removeBillingReport(_ id: String) async throws(WholesaleError) {
        _ = try await perform(APICall(operation: .billingRemove, id: try Self.required(id, .billingRemove)))
    }
}
