import JSONValues
import WholesaleAPI

/// GET, POST, PUT, DELETE /wholesale/subscribers, the subscriber precheck and the consent email.
extension Simulator {
    func listSubscribers(_ request: SimulatorRequest) -> TransportResponse {
        ownedList(.subscribers, request) { state, owner in
            let after = request.query("after").flatMap(Self.instant)
            let changedAfter = request.query("lastStatusChange").flatMap(Self.instant)
            let byChange = request.query("sortBy") == "lastStatusChange"
            let descending = request.query("sortOrder") == "DESC"
            let statuses = request.values("status").map(Set.init)
            // A customer's or an email's subscribers come from the index; other lists walk them all.
            let candidates: [SubscriberRecord]
            if let customerId = request.query("customerId") {
                candidates = state.subscribers.index.ids(customerId: customerId).compactMap { state.subscribers[$0] }
            } else if let email = request.query("email") {
                candidates = state.subscribers.index.ids(email: email).compactMap { state.subscribers[$0] }
            } else {
                candidates = Array(state.subscribers.values)
            }
            let items = candidates
                .filter { s in
                    s.owner == owner
                        && (request.query("customerId").map { $0 == s.customerId } ?? true)
                        && (request.query("personId").map { $0 == s.personId && s.status == "provisioned" } ?? true)
                        && (request.query("email").map { $0.lowercased() == s.email.lowercased() } ?? true)
                        && (statuses.map { $0.contains(s.status) } ?? true)
                        && (request.query("externalCustomerId").map { $0 == state.customers[s.customerId]?.externalId } ?? true)
                        && (after.map { s.created > $0 } ?? true)
                        && (changedAfter.map { s.lastStatusChange > $0 } ?? true)
                }
                .sorted { a, b in
                    let (x, y) = byChange ? (a.lastStatusChange, b.lastStatusChange) : (a.created, b.created)
                    if x == y { return descending ? a.sequence > b.sequence : a.sequence < b.sequence }
                    return descending ? x > y : x < y
                }
            return page(items, request, path: "/wholesale/subscribers") { render($0, in: state) }
        }
    }

    func provisionSubscriber(_ request: SimulatorRequest) -> TransportResponse {
        let body: JSONValue
        switch self.body(request) {
        case .success(let value): body = value
        case .failure(let refusal): return refusal.response
        }
        if let refusal = refuse(validator.subscriber(body, for: .provision), request) { return refusal.response }
        return state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: true) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceAll(&state, &changes)
            if let refusal = subscriberRules(body, request, state: state, owner: owner) {
                _ = persist(changes, state, request)
                return refusal.response
            }
            let now = clock.now()
            let email = body["email"]?.stringValue ?? ""
            let pending = SimulatorTriggers.isFreeAccount(email: email)
            let single = body["package"]?.stringValue
            let record = SubscriberRecord(
                id: state.random.webexID("SUBSCRIBER"), owner: owner, customerId: body["customerId"]?.stringValue ?? "", email: email,
                package: single, packages: body["packages"]?.arrayValue?.compactMap(\.stringValue) ?? single.map { [$0] } ?? [],
                provisioningParameters: body["provisioningParameters"], personId: state.random.webexID("PEOPLE"),
                status: pending ? "pending_user_migration" : "provisioned", created: now, lastStatusChange: now, sequence: state.sequence()
            )
            state.subscribers[record.id] = record
            changes.subscribers.insert(record.id)
            changes.meta = true
            if let refusal = persist(changes, state, request) { return refusal.response }
            let location = request.origin + "/v1/wholesale/subscribers/" + record.id
            return request.json(pending ? 202 : 200, render(record, in: state), headers: [("Location", location)])
        }
    }

    func getSubscriber(_ request: SimulatorRequest, id: String) -> TransportResponse {
        state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: false) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceSubscriber(id, &state, &changes)
            if let refusal = persist(changes, state, request) { return refusal.response }
            guard let subscriber = state.subscribers[id], subscriber.owner == owner else { return subscriberNotFound(request, id) }
            return request.json(200, render(subscriber, in: state))
        }
    }

    func updateSubscriber(_ request: SimulatorRequest, id: String) -> TransportResponse {
        let body: JSONValue
        switch self.body(request) {
        case .success(let value): body = value
        case .failure(let refusal): return refusal.response
        }
        if let refusal = refuse(validator.subscriber(body, for: .update), request) { return refusal.response }
        return state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: true) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            guard var record = state.subscribers[id], record.owner == owner else { return subscriberNotFound(request, id) }
            // `packages` wins; a `package` beside it agrees with it (the validator saw to that).
            let single = body["package"]?.stringValue
            if let list = body["packages"]?.arrayValue?.compactMap(\.stringValue) {
                record.package = single
                record.packages = list
            } else if let single {
                record.package = single
                record.packages = [single]
            }
            if let parameters = body["provisioningParameters"] { record.provisioningParameters = parameters }
            record.lastStatusChange = clock.now()
            state.subscribers[id] = record
            var changes = StateChanges()
            changes.subscribers.insert(id)
            if let refusal = persist(changes, state, request) { return refusal.response }
            return request.json(200, render(record, in: state))
        }
    }

    func removeSubscriber(_ request: SimulatorRequest, id: String) -> TransportResponse {
        state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: false) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            guard let record = state.subscribers[id], record.owner == owner else { return subscriberNotFound(request, id) }
            state.subscribers[id] = nil
            var changes = StateChanges()
            changes.subscribers.insert(id)
            if let refusal = persist(changes, state, request) { return refusal.response }
            return request.empty(204)
        }
    }

    func precheckSubscriber(_ request: SimulatorRequest) -> TransportResponse {
        let body: JSONValue
        switch self.body(request) {
        case .success(let value): body = value
        case .failure(let refusal): return refusal.response
        }
        if let refusal = refuse(validator.subscriber(body, for: .precheck), request) { return refusal.response }
        return state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: true) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            if let template = body["provisioningId"]?.stringValue, !state.templates.contains(template) {
                return request.error(400, "provisioningId \(template) names no customer template", code: SimulatorCodes.unknownProvisioningId)
            }
            if let refusal = subscriberRules(body, request, state: state, owner: owner, customerOptional: true) { return refusal.response }
            return request.json(200, [
                "message": "success",
                "info": [["infoCode": .integer(Int64(request.code(SimulatorCodes.precheckSuccess))), "description": "Provisioning preCheck validation successful."]],
            ])
        }
    }

    func consentMove(_ request: SimulatorRequest, id: String) -> TransportResponse {
        state.withLock { state in
            let owner: String
            switch self.owner(request, in: state, writing: true) {
            case .success(let value): owner = value
            case .failure(let refusal): return refusal.response
            }
            var changes = StateChanges()
            advanceSubscriber(id, &state, &changes)
            guard var record = state.subscribers[id], record.owner == owner else {
                _ = persist(changes, state, request)
                return subscriberNotFound(request, id)
            }
            guard record.status == "pending_user_migration" else {
                _ = persist(changes, state, request)
                return request.error(400, "Subscriber \(id) is \(record.status); the consent email is only for pending_user_migration",
                                     code: SimulatorCodes.notPendingMigration)
            }
            // The user consents some time after the email.
            record.schedule = [Transition(at: clock.now() + configuration.durations.consent, status: "provisioned")]
            state.subscribers[id] = record
            changes.subscribers.insert(id)
            if let refusal = persist(changes, state, request) { return refusal.response }
            return request.empty(204)
        }
    }

    /// A subscriber needs a visible, provisioned customer and an email no other user has.
    private func subscriberRules(_ body: JSONValue, _ request: SimulatorRequest, state: SimulatorState, owner: String,
                                 customerOptional: Bool = false) -> Refusal? {
        if let customerId = body["customerId"]?.stringValue {
            guard let customer = state.customers[customerId], customer.owner == owner else {
                return Refusal(customerNotFound(request, customerId))
            }
            guard ["provisioned", "provisioned_with_errors", "updating"].contains(customer.status) else {
                return Refusal(request.error(400, "Customer \(customerId) is \(customer.status); subscribers need a provisioned customer",
                                             code: SimulatorCodes.customerNotProvisioned))
            }
        } else if !customerOptional {
            return Refusal(request.error(400, "Invalid request: customerId is required", code: SimulatorCodes.invalidBody))
        }
        if let email = body["email"]?.stringValue, !state.subscribers.index.ids(email: email).isEmpty {
            return Refusal(request.error(409, "The email is already associated with an existing user.", code: SimulatorCodes.emailInUse))
        }
        return nil
    }

    func subscriberNotFound(_ request: SimulatorRequest, _ id: String) -> TransportResponse {
        request.error(404, "Subscriber \(id) not found", code: SimulatorCodes.subscriberNotFound)
    }
}
