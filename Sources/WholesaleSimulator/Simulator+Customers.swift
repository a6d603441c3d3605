import JSONValues
import WholesaleAPI

/// GET (one), POST, PUT, DELETE /wholesale/customers and the customer precheck.
extension Simulator {
    func getCustomer(_ request: SimulatorRequest, id: String) -> TransportResponse {
        state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: false) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceCustomer(id, &state, &changes)
            if let refusal = persist(changes, state, request) { return refusal.response }
            guard let customer = state.customers[id], customer.owner == owner else { return customerNotFound(request, id) }
            return request.json(200, render(customer, origin: request.origin, licenses: request.query("includePackageLicenseInfo") == "true"))
        }
    }

    func provisionCustomer(_ request: SimulatorRequest) -> TransportResponse {
        let body: JSONValue
        switch self.body(request) {
        case .success(let value): body = value
        case .failure(let refusal): return refusal.response
        }
        if let refusal = refuse(validator.customer(body, for: .provision), request) { return refusal.response }
        return state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: true) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceAll(&state, &changes)
            if let refusal = businessRules(body, request, state: state, owner: owner, checkingDuplicates: true) {
                _ = persist(changes, state, request)
                return refusal.response
            }
            let now = clock.now()
            let externalId = body["externalId"]?.stringValue ?? ""
            let packages = body["packages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var duration = configuration.durations.provisioning * configuration.faults.slowProvisioning
            if SimulatorTriggers.isSlow(externalId: externalId) { duration *= 10 }
            var outcome = SimulatorTriggers.outcome(externalId: externalId)
            if faults.backgroundFailure() { outcome = "error" }
            var schedule: [Transition] = []
            if SimulatorTriggers.needsReview(externalId: externalId) {
                schedule.append(Transition(at: now + min(1, duration / 2), status: "pending_rpl_review"))
                duration += configuration.durations.rplReview
            }
            schedule.append(Transition(at: now + duration, status: outcome))
            let record = CustomerRecord(
                id: state.random.webexID("ENTERPRISE"), owner: owner, externalId: externalId,
                orgId: body["orgId"]?.stringValue ?? state.random.webexID("ORGANIZATION"),
                address: body["address"] ?? [:], customerInfo: body["customerInfo"], provisioningParameters: body["provisioningParameters"],
                subPartnerAdminEmail: body["subPartnerAdminEmail"]?.stringValue, packages: packages,
                packageStatus: Dictionary(packages.map { ($0, "provisioning") }, uniquingKeysWith: { a, _ in a }),
                status: "provisioning", outcome: outcome, schedule: schedule, created: now, sequence: state.sequence()
            )
            state.customers[record.id] = record
            changes.customers.insert(record.id)
            changes.meta = true
            if let refusal = persist(changes, state, request) { return refusal.response }
            let url = request.origin + "/v1/wholesale/customers/" + record.id
            return request.json(202, ["url": .string(url)], headers: [("Location", url)])
        }
    }

    func updateCustomer(_ request: SimulatorRequest, id: String) -> TransportResponse {
        let body: JSONValue
        switch self.body(request) {
        case .success(let value): body = value
        case .failure(let refusal): return refusal.response
        }
        if let refusal = refuse(validator.customer(body, for: .update), request) { return refusal.response }
        return state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: true) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceCustomer(id, &state, &changes)
            guard var record = state.customers[id], record.owner == owner else {
                _ = persist(changes, state, request)
                return customerNotFound(request, id)
            }
            if ["provisioning", "updating", "deleting", "pending_rpl_review"].contains(record.status) {
                _ = persist(changes, state, request)
                return request.error(423, "The customer is \(record.status); try again when it has finished", code: SimulatorCodes.customerBusy,
                                     headers: [("Retry-After", "5")])
            }
            let packages = body["packages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var merged = body.objectValue ?? [:]
            merged["address"] = body["address"] ?? record.address
            if let externalId = body["externalId"]?.stringValue, externalId != record.externalId,
               !state.customers.index.ids(owner: owner, externalId: externalId).isEmpty {
                return request.error(409, "A customer with externalId \(externalId) exists already", code: SimulatorCodes.duplicateExternalId)
            }
            if let refusal = businessRules(.object(merged), request, state: state, owner: owner, checkingDuplicates: false) { return refusal.response }
            // Adding a calling package needs a calling location, given now or at provisioning.
            let calling = packages.filter { validator.catalog.package(named: $0)?.isCalling == true }
            let hadCalling = record.packages.contains { validator.catalog.package(named: $0)?.isCalling == true }
            if !calling.isEmpty, !hadCalling, body["provisioningParameters"]?["calling"] == nil, record.provisioningParameters?["calling"] == nil {
                return request.error(400, "Invalid request: provisioningParameters.calling.location is required to add \(calling.joined(separator: ", "))",
                                     code: SimulatorCodes.invalidBody)
            }
            let now = clock.now()
            record.status = "updating"
            record.packageStatus = Dictionary(packages.map { ($0, record.packageStatus[$0] == "provisioned" ? "provisioned" : "provisioning") },
                                              uniquingKeysWith: { a, _ in a })
            record.packages = packages
            if let address = body["address"] { record.address = address }
            if let externalId = body["externalId"]?.stringValue { record.externalId = externalId }
            if let parameters = body["provisioningParameters"] { record.provisioningParameters = parameters }
            record.outcome = SimulatorTriggers.outcome(externalId: record.externalId) == "provisioned_with_errors" ? "provisioned_with_errors" : "provisioned"
            record.schedule = [Transition(at: now + configuration.durations.update, status: record.outcome)]
            state.customers[id] = record
            changes.customers.insert(id)
            if let refusal = persist(changes, state, request) { return refusal.response }
            let url = request.origin + "/v1/wholesale/customers/" + id
            return request.json(202, ["url": .string(url)], headers: [("Location", url)])
        }
    }

    func removeCustomer(_ request: SimulatorRequest, id: String) -> TransportResponse {
        state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: false) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceCustomer(id, &state, &changes)
            guard var record = state.customers[id], record.owner == owner else {
                _ = persist(changes, state, request)
                return customerNotFound(request, id)
            }
            if record.status != "deleting" {
                record.status = "deleting"
                record.packageStatus = Dictionary(record.packages.map { ($0, "deleting") }, uniquingKeysWith: { a, _ in a })
                record.schedule = [Transition(at: clock.now() + configuration.durations.deletion, status: "gone")]
                state.customers[id] = record
                changes.customers.insert(id)
            }
            if let refusal = persist(changes, state, request) { return refusal.response }
            return request.empty(202)
        }
    }

    func precheckCustomer(_ request: SimulatorRequest) -> TransportResponse {
        let body: JSONValue
        switch self.body(request) {
        case .success(let value): body = value
        case .failure(let refusal): return refusal.response
        }
        if let refusal = refuse(validator.customer(body, for: .precheck), request) { return refusal.response }
        return state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: true) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            if let refusal = businessRules(body, request, state: state, owner: owner, checkingDuplicates: true) { return refusal.response }
            return request.json(200, [
                "message": "success",
                "info": [["infoCode": .integer(Int64(request.code(SimulatorCodes.precheckSuccess))), "description": "Provisioning preCheck validation successful."]],
            ])
        }
    }

    /// The checks beyond the body's shape: template, duplicate externalId, packages offered in
    /// the country, verifiable addresses.
    func businessRules(_ body: JSONValue, _ request: SimulatorRequest, state: SimulatorState, owner: String, checkingDuplicates: Bool) -> Refusal? {
        if let template = body["provisioningId"]?.stringValue, !state.templates.contains(template) {
            guard state.catalogue.adoptsTemplates, Catalogue.isWellFormed(provisioningId: template) else {
                let declare = state.catalogue.adoptsTemplates ? "" : " (declare it under templates in the scenario)"
                return Refusal(request.error(400, "provisioningId \(template) names no customer template\(declare)", code: SimulatorCodes.unknownProvisioningId))
            }
            adopt(template)
        }
        if let template = body["provisioningId"]?.stringValue, let allowed = state.catalogue.templatePackages[template] {
            let refused = (body["packages"]?.arrayValue?.compactMap(\.stringValue) ?? []).filter { !allowed.contains($0) }
            if !refused.isEmpty {
                return Refusal(request.error(
                    400, "the template \(template) does not allow \(refused.joined(separator: ", ")) (it allows \(allowed.joined(separator: ", ")))",
                    code: SimulatorCodes.packageNotInTemplate))
            }
        }
        if checkingDuplicates, let externalId = body["externalId"]?.stringValue,
           !state.customers.index.ids(owner: owner, externalId: externalId).isEmpty {
            return Refusal(request.error(409, "A customer with externalId \(externalId) exists already", code: SimulatorCodes.duplicateExternalId))
        }
        let packages = body["packages"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let country = body["address"]?["country"]?.stringValue {
            let missing = state.catalogue.unavailable(packages, country: country)
            if !missing.isEmpty {
                return Refusal(request.error(400, "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not offered in \(country)", code: SimulatorCodes.packageNotOffered))
            }
        }
        let lines = [body["address"]?["addressLine1"], body["provisioningParameters"]?["calling"]?["location"]?["address"]?["addressLine1"]]
        if lines.contains(where: { $0?.stringValue.map(SimulatorTriggers.isUnverifiable) == true }) {
            return Refusal(request.error(400, "The address could not be verified", code: SimulatorCodes.addressUnverifiable))
        }
        return nil
    }

    func customerNotFound(_ request: SimulatorRequest, _ id: String) -> TransportResponse {
        request.error(404, "Customer \(id) not found", code: SimulatorCodes.customerNotFound)
    }
}
