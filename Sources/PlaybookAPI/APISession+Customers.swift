package import JSONValues
package import WholesaleAPI

extension APISession {
    /// `customers.get`: the customer (a planned one answers from the dry-run plan).
    package func getCustomer(_ id: String, includePackageLicenseInfo: Bool, scope: String?) async throws(WholesaleError) -> JSONValue {
        if let standIn = plan?.standIn(id) { return standIn }
        let customer = try await client.getCustomer(id, includePackageLicenseInfo: includePackageLicenseInfo, onBehalfOf: scope).jsonValue
        noteStatus(customer, id: id)
        return customer
    }

    /// `customers.provision`: `{id, url, status = "provisioning"}`, or with `wait` the customer
    /// once its status is terminal.
    package func provisionCustomer(_ body: JSONValue, scope: String?, wait: WaitRequest?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.customersProvision) {
            try client.validate(.customersProvision, body: body)
            let id = plan.newID("customer")
            var customer = body.objectValue ?? [:]
            customer["id"] = .string(id)
            customer["status"] = .string((wait == nil ? CustomerStatus.provisioning : .provisioned).rawValue)
            customer["dryRun"] = true
            plan.keep(.object(customer), for: id)
            plan.record(.init(operation: .customersProvision, id: nil,
                              resource: "externalId=\(body["externalId"]?.stringValue ?? "?")", onBehalfOf: scope, body: body))
            return wait == nil ? ["id": .string(id), "url": .string(id), "status": .string(CustomerStatus.provisioning.rawValue), "dryRun": true] : .object(customer)
        }
        let externalId = body["externalId"]?.stringValue
        // An earlier run was stopped while this create was on the wire: it may exist already.
        if unknownEarlier(.customersProvision, externalId, nil, scope), let externalId,
           let found = try await findCustomer(CustomerFilter(externalId: externalId), scope: scope), let id = found["id"]?.stringValue {
            resolvedEarlier(.customersProvision, externalId, nil, scope)
            if let wait { return try await waitForCustomer(id, scope: scope, wait.named(.customersProvision)) }
            return found
        }
        let location = try await client.provisionCustomer(body, onBehalfOf: scope)
        if let wait { return try await waitForCustomer(location.id, scope: scope, wait.named(.customersProvision)) }
        noteStarted(.customersProvision, id: location.id, status: CustomerStatus.provisioning.rawValue)
        return ["id": .string(location.id), "url": .string(location.url), "status": .string(CustomerStatus.provisioning.rawValue)]
    }

    /// `customers.update`: `{id, url, status = "updating"}`, or with `wait` the customer once terminal.
    package func updateCustomer(_ id: String, _ body: JSONValue, scope: String?, wait: WaitRequest?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.customersUpdate) {
            try client.validate(.customersUpdate, body: body)
            var customer = try await getCustomer(id, includePackageLicenseInfo: false, scope: scope).objectValue ?? [:]
            plan.record(.init(operation: .customersUpdate, id: id,
                              resource: id, onBehalfOf: scope, body: body, before: .object(customer)))
            for (key, value) in body.objectValue ?? [:] { customer[key] = value }
            customer["status"] = .string(wait == nil ? "updating" : "provisioned")
            customer["dryRun"] = true
            plan.keep(.object(customer), for: id)
            return wait == nil ? ["id": .string(id), "url": .string(id), "status": "updating", "dryRun": true] : .object(customer)
        }
        let location = try await client.updateCustomer(id, body, onBehalfOf: scope)
        if let wait { return try await waitForCustomer(location.id, scope: scope, wait.named(.customersUpdate)) }
        noteStarted(.customersUpdate, id: location.id, status: "updating")
        return ["id": .string(location.id), "url": .string(location.url), "status": "updating"]
    }

    /// `customers.remove`: `true`; with `wait`, once the customer is gone.
    package func removeCustomer(_ id: String, scope: String?, wait: WaitRequest?) async throws(WholesaleError) -> JSONValue {
        if let plan = planning(.customersRemove) {
            // The plan names what would go (a GET, which a dry run sends; an unknown id raises its 404 here).
            let before = try await getCustomer(id, includePackageLicenseInfo: false, scope: scope)
            plan.record(.init(operation: .customersRemove, id: id,
                              resource: id, onBehalfOf: scope, body: nil, before: before))
            return true
        }
        try await client.removeCustomer(id, onBehalfOf: scope)
        guard let wait else {
            noteStarted(.customersRemove, id: id, status: "deleting")
            return true
        }
        try await waitUntilGone(wait.named(.customersRemove), id: id) { () async throws(WholesaleError) in
            _ = try await self.client.getCustomer(id, onBehalfOf: scope)
        }
        noteGone(id)
        return true
    }

    /// `customers.precheck`: the result as a value; a refusal is `ok = false`, not an error.
    package func precheckCustomer(_ body: JSONValue, scope: String?) async throws(WholesaleError) -> JSONValue {
        Self.precheckValue(try await client.precheckCustomer(body, onBehalfOf: scope))
    }

    /// `customers.wait`: the customer once its status is `provisioned`, `provisioned_with_errors`
    /// or `error` (or one of `wait.until`).
    package func waitForCustomer(_ id: String, scope: String?, _ wait: WaitRequest) async throws(WholesaleError) -> JSONValue {
        try await self.wait(wait, id: id, terminal: Set(CustomerStatus.terminal.map(\.rawValue)), finished: CustomerStatus.provisioned.rawValue) { () async throws(WholesaleError) in
            try await self.getCustomer(id, includePackageLicenseInfo: false, scope: scope)
        }
    }

    /// `customers.find`: the first customer matching the list filters, or `nil`.
    package func findCustomer(_ filter: CustomerFilter, scope: String?) async throws(WholesaleError) -> JSONValue? {
        do {
            return try await filter.pages(client, scope: scope).first()?.jsonValue
        } catch {
            throw error.renamed("customers.find")
        }
    }

    /// `customers.ensure`: the customer as `body` describes it, and what was done: created
    /// (precheck, then provision), updated (its packages differed) or left unchanged.
    package func ensureCustomer(_ body: JSONValue, scope: String?, wait: WaitRequest?) async throws(WholesaleError) -> (JSONValue, String) {
        let operation = "customers.ensure"
        guard let externalId = body["externalId"]?.stringValue, !externalId.isEmpty else {
            throw WholesaleError(kind: .validation, operation: operation, message: "the body needs an externalId: ensure finds the customer by it")
        }
        guard var found = try await findCustomer(CustomerFilter(externalId: externalId), scope: scope) else {
            try requirePrecheck(try await client.precheckCustomer(body, onBehalfOf: scope), operation: operation)
            return (try await provisionCustomer(body, scope: scope, wait: wait), "created")
        }
        let id = found["id"]?.stringValue ?? ""
        let busy = !CustomerStatus(rawValue: found["status"]?.stringValue ?? "").isTerminal
        if busy, let wait { found = try await waitForCustomer(id, scope: scope, wait.named(.customersProvision)) }
        guard Self.packageSet(body) != Self.packageSet(found) else { return (found, "unchanged") }
        var change: [String: JSONValue] = [:]
        for key in ["packages", "provisioningParameters", "subPartnerAdminEmail"] { change[key] = body[key] }
        return (try await updateCustomer(id, .object(change), scope: scope, wait: wait), "updated")
    }

    /// The package names of a body or resource, as a set (`packages`, or the old single `package`).
    static func packageSet(_ value: JSONValue) -> Set<String> {
        if let list = value["packages"]?.arrayValue { return Set(list.compactMap(\.stringValue)) }
        return Set([value["package"]?.stringValue].compactMap { $0 })
    }

    /// Throws when a precheck refused: ensure cannot create what the API would not accept.
    func requirePrecheck(_ result: PrecheckResult, operation: String) throws(WholesaleError) {
        guard !result.ok else { return }
        throw WholesaleError(
            kind: .http, operation: operation, message: "the precheck refused the body: \(result.message)",
            status: result.status, codes: result.code.map { [$0] } ?? [], errors: result.errors, trackingId: result.trackingId)
    }

    /// `{ok, message, info, errors, code, trackingId, status}`.
    static func precheckValue(_ result: PrecheckResult) -> JSONValue {
        var object: [String: JSONValue] = [
            "ok": .boolean(result.ok), "message": .string(result.message), "info": .array(result.info),
            "errors": .array(result.errors), "status": .integer(Int64(result.status)),
        ]
        if let code = result.code { object["code"] = .integer(Int64(code)) }
        if let trackingId = result.trackingId { object["trackingId"] = .string(trackingId) }
        return .object(object)
    }
}

/// The list filters of `customers.list` and `customers.find`, by their API names.
package struct CustomerFilter: Sendable {
    package var externalId: String?
    package var orgId: String?
    package var status: [String] = []
    package var max: Int?
    package var offset: Int?

    /// A filter with the given values (every one optional).
    package init(externalId: String? = nil, orgId: String? = nil, status: [String] = [], max: Int? = nil, offset: Int? = nil) {
        (self.externalId, self.orgId, self.status, self.max, self.offset) = (externalId, orgId, status, max, offset)
    }

    /// The pages of customers matching the filter.
    package func pages(_ client: WholesaleClient, scope: String?) -> Pages<Customer> {
        client.listCustomers(externalId: externalId, orgId: orgId, status: status, max: max, offset: offset, onBehalfOf: scope)
    }
}
