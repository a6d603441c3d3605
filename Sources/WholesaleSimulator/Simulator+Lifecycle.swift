import JSONValues

/// Background work on the simulator's clock: due transitions are applied when a resource is read.
extension Simulator {
    /// Applies the due transitions of every customer, subscriber and report; records what
    /// changed. The tables' due queues say which records to look at, so the cost is what fell
    /// due, not the state's size.
    func advanceAll(_ state: inout SimulatorState, _ changes: inout StateChanges) {
        let now = clock.now()
        for id in state.customers.takeDue(by: now) { advanceCustomer(id, &state, &changes, now: now) }
        for id in state.subscribers.takeDue(by: now) { advanceSubscriber(id, &state, &changes, now: now) }
        for id in state.reports.takeDue(by: now) { advanceReport(id, &state, &changes, now: now) }
    }

    /// Applies a customer's due transitions; the customer may be gone afterwards.
    func advanceCustomer(_ id: String, _ state: inout SimulatorState, _ changes: inout StateChanges, now: Double? = nil) {
        let now = now ?? clock.now()
        guard var record = state.customers[id], record.schedule.first.map({ $0.at <= now }) == true else { return }
        changes.customers.insert(id)
        changes.meta = true  // finishing draws licence ids from the shared generator
        while let next = record.schedule.first, next.at <= now {
            record.schedule.removeFirst()
            if next.status == "gone" {
                state.customers[id] = nil
                for subscriberId in state.subscribers.index.ids(customerId: id) {
                    state.subscribers[subscriberId] = nil
                    changes.subscribers.insert(subscriberId)
                }
                return
            }
            finish(&record, status: next.status, random: &state.random)
        }
        state.customers[id] = record
    }

    /// Sets a customer's status, and its packages' when the status is terminal.
    private func finish(_ record: inout CustomerRecord, status: String, random: inout SeededGenerator) {
        record.status = status
        guard ["provisioned", "provisioned_with_errors", "error"].contains(status) else { return }
        record.packageStatus = Dictionary(uniqueKeysWithValues: record.packages.map { ($0, status == "error" ? "error" : "provisioned") })
        record.packageWarnings = [:]
        record.packageErrors = [:]
        record.errors = []
        switch status {
        case "provisioned_with_errors":
            let calling = ["webex_calling", "webex_suite", "webex_voice", "common_area_calling", "webex_calling_standard", "cx_essentials"]
            let failed = record.packages.first(where: calling.contains) ?? record.packages.first ?? "webex_calling"
            record.packageStatus[failed] = "error"
            record.packageWarnings[failed] = [ResourceNote(
                errorCode: SimulatorCodes.callingMaintenance,
                description: "One or more Webex Calling services are under maintenance, so provisioning could not start. Check status.webex.com and try again.")]
        case "error":
            record.errors = [ResourceNote(errorCode: SimulatorCodes.provisioningFailed,
                                          description: "Provisioning failed in the background (simulated: externalId \(record.externalId)).")]
            for package in record.packages {
                record.packageErrors[package] = [ResourceNote(errorCode: SimulatorCodes.provisioningFailed, description: "\(package) could not be provisioned.")]
            }
        default: break
        }
        for package in record.packages where record.packageStatus[package] == "provisioned" && record.licenseIds[package] == nil {
            record.licenseIds[package] = [random.webexID("LICENSE")]
        }
    }

    func advanceSubscriber(_ id: String, _ state: inout SimulatorState, _ changes: inout StateChanges, now: Double? = nil) {
        let now = now ?? clock.now()
        guard var record = state.subscribers[id], record.schedule.first.map({ $0.at <= now }) == true else { return }
        changes.subscribers.insert(id)
        while let next = record.schedule.first, next.at <= now {
            record.schedule.removeFirst()
            record.status = next.status
            record.lastStatusChange = next.at
        }
        state.subscribers[id] = record
    }

    func advanceReport(_ id: String, _ state: inout SimulatorState, _ changes: inout StateChanges, now: Double? = nil) {
        let now = now ?? clock.now()
        guard var record = state.reports[id], record.schedule.first.map({ $0.at <= now }) == true else { return }
        changes.reports.insert(id)
        while let next = record.schedule.first, next.at <= now {
            record.schedule.removeFirst()
            record.status = next.status
            if next.status == "FAILED" {
                record.errors = [ResourceNote(errorCode: SimulatorCodes.billingPeriodOpen, description: "The billing period has not ended yet.")]
            }
        }
        state.reports[id] = record
    }
}
