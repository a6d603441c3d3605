import JSONValues

extension Scenario {
    /// A new simulator state holding this scenario's world; what it leaves out (ids, org ids,
    /// person ids) is made up from `seed`. Customers in a non-terminal status finish on the
    /// clock as they would after the request that started them.
    func state(seed: UInt64, now: Double, durations: SimulatorConfiguration.Durations) -> SimulatorState {
        var state = SeedData.emptyState(seed: seed)
        if let partnerOrgId { state.partnerOrgId = partnerOrgId }
        state.catalogue.partnerName = partnerName
        state.catalogue.unavailablePackages = unavailablePackages
        if !codes.isEmpty {
            state.catalogue.codes = Dictionary(codes.compactMap { name, number in SimulatorCodes.byName[name].map { ($0, number) } },
                                               uniquingKeysWith: { a, _ in a })
        }
        if let templates {
            state.templates = templates.map(\.provisioningId)
            state.catalogue.adoptsTemplates = adoptUnknownTemplates ?? false
            for template in templates { if let packages = template.packages { state.catalogue.templatePackages[template.provisioningId] = packages } }
        }
        let day = 86_400.0
        for (i, partner) in subPartners.enumerated() {
            state.subPartners.append(SubPartnerRecord(
                orgId: partner.orgId, name: partner.name, subscriptionId: partner.subscriptionId ?? "Sub\(1000 + i)",
                provisioningState: partner.provisioningState, created: now - 365 * day, billingStartDate: now - 360 * day, sequence: state.sequence()))
        }
        var customerIds: [String: String] = [:]
        for customer in customers {
            let record = customerRecord(customer, state: &state, now: now, durations: durations)
            state.customers[record.id] = record
            customerIds[customer.externalId] = customerIds[customer.externalId] ?? record.id
            customerIds[record.id] = record.id
        }
        for subscriber in subscribers {
            guard let customerId = customerIds[subscriber.customer], let customer = state.customers[customerId] else { continue }
            let record = SubscriberRecord(
                id: subscriber.id ?? state.random.webexID("SUBSCRIBER"), owner: customer.owner, customerId: customerId, email: subscriber.email,
                package: nil, packages: subscriber.packages, provisioningParameters: nil,
                personId: subscriber.personId ?? state.random.webexID("PEOPLE"), status: subscriber.status,
                created: now - day, lastStatusChange: now - day, sequence: state.sequence())
            state.subscribers[record.id] = record
        }
        for report in billingReports {
            let pending = report.status == "IN_PROGRESS"
            let record = ReportRecord(
                id: report.id ?? state.random.webexID("BILLING_REPORT"), owner: state.partnerOrgId, billingStartDate: report.billingStartDate,
                billingEndDate: report.billingEndDate, type: report.type, category: "RECONCILIATION", subPartnerOrgId: report.subPartnerOrgId,
                createdBy: state.partnerAdminId, status: report.status,
                schedule: pending ? [Transition(at: now + durations.billingReport, status: "COMPLETED")] : [], created: now - day,
                sequence: state.sequence())
            state.reports[record.id] = record
        }
        return state
    }

    /// The record of one customer, its pending work scheduled.
    private func customerRecord(_ customer: Customer, state: inout SimulatorState, now: Double, durations: SimulatorConfiguration.Durations) -> CustomerRecord {
        let terminal = ["provisioned", "provisioned_with_errors", "error"].contains(customer.status)
        let next: (after: Double, status: String)?
        switch customer.status {
        case "provisioning": next = (durations.provisioning, "provisioned")
        case "updating": next = (durations.update, "provisioned")
        case "deleting": next = (durations.deletion, "gone")
        case "pending_rpl_review": next = (durations.rplReview, "provisioned")
        default: next = nil
        }
        let defaultPackageStatus = ScenarioSnapshot.packageStatus(of: customer.status)
        var record = CustomerRecord(
            id: customer.id ?? state.random.webexID("ENTERPRISE"), owner: customer.owner ?? state.partnerOrgId, externalId: customer.externalId,
            orgId: customer.orgId ?? state.random.webexID("ORGANIZATION"), address: customer.address ?? .object([:]),
            customerInfo: customer.customerInfo, provisioningParameters: nil, subPartnerAdminEmail: nil,
            packages: customer.packages.map(\.name),
            packageStatus: Dictionary(customer.packages.map { ($0.name, $0.status ?? defaultPackageStatus) }, uniquingKeysWith: { a, _ in a }),
            status: customer.status, outcome: terminal ? customer.status : "provisioned",
            schedule: next.map { [Transition(at: now + $0.after, status: $0.status)] } ?? [], created: now - 2 * 86_400, sequence: state.sequence())
        record.errors = customer.errors.map { ResourceNote(errorCode: $0.errorCode, description: $0.description) }
        for package in customer.packages {
            if !package.errors.isEmpty { record.packageErrors[package.name] = package.errors.map { ResourceNote(errorCode: $0.errorCode, description: $0.description) } }
            if !package.warnings.isEmpty { record.packageWarnings[package.name] = package.warnings.map { ResourceNote(errorCode: $0.errorCode, description: $0.description) } }
            if record.packageStatus[package.name] == "provisioned" { record.licenseIds[package.name] = [state.random.webexID("LICENSE")] }
        }
        return record
    }
}
