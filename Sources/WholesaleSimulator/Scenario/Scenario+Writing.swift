public import JSONValues

extension Scenario {
    /// The scenario as JSON in the file format (docs/simulator.md#scenarios); parts left at
    /// their defaults are left out.
    public var json: JSONValue {
        var top: [String: JSONValue] = ["scenario": 1]
        var partner: [String: JSONValue] = [:]
        if let partnerOrgId { partner["orgId"] = .string(partnerOrgId) }
        if let partnerName { partner["name"] = .string(partnerName) }
        if !partner.isEmpty { top["partner"] = .object(partner) }
        if let templates {
            top["templates"] = .array(templates.map { template in
                var fields: [String: JSONValue] = ["provisioningId": .string(template.provisioningId)]
                if let name = template.name { fields["name"] = .string(name) }
                if let packages = template.packages { fields["packages"] = .array(packages.map(JSONValue.string)) }
                return .object(fields)
            })
        }
        if let adoptUnknownTemplates { top["unknownTemplates"] = .string(adoptUnknownTemplates ? "adopt" : "refuse") }
        if let unavailablePackages { top["unavailablePackages"] = .object(unavailablePackages.mapValues { .array($0.map(JSONValue.string)) }) }
        if !subPartners.isEmpty {
            top["subPartners"] = .array(subPartners.map { partner in
                var fields: [String: JSONValue] = ["orgId": .string(partner.orgId), "provisioningState": .string(partner.provisioningState)]
                if let name = partner.name { fields["name"] = .string(name) }
                if let id = partner.subscriptionId { fields["subscriptionId"] = .string(id) }
                return .object(fields)
            })
        }
        if !customers.isEmpty { top["customers"] = .array(customers.map(\.json)) }
        if !subscribers.isEmpty {
            top["subscribers"] = .array(subscribers.map { subscriber in
                var fields: [String: JSONValue] = [
                    "customer": .string(subscriber.customer), "email": .string(subscriber.email),
                    "packages": .array(subscriber.packages.map(JSONValue.string)), "status": .string(subscriber.status),
                ]
                if let id = subscriber.id { fields["id"] = .string(id) }
                if let personId = subscriber.personId { fields["personId"] = .string(personId) }
                return .object(fields)
            })
        }
        if !billingReports.isEmpty {
            top["billingReports"] = .array(billingReports.map { report in
                var fields: [String: JSONValue] = [
                    "billingStartDate": .string(report.billingStartDate), "billingEndDate": .string(report.billingEndDate),
                    "type": .string(report.type), "status": .string(report.status),
                ]
                if let id = report.id { fields["id"] = .string(id) }
                if let sub = report.subPartnerOrgId { fields["subPartnerOrgId"] = .string(sub) }
                return .object(fields)
            })
        }
        if !lifecycle.isEmpty { top["lifecycle"] = .object(lifecycle.mapValues { $0 == $0.rounded() ? .integer(Int64($0)) : .number($0) }) }
        if !codes.isEmpty { top["codes"] = .object(codes.mapValues { .integer(Int64($0)) }) }
        if let faults { top["faults"] = .string(faults) }
        if let seed { top["seed"] = .integer(Int64(seed)) }
        if !notes.isEmpty { top["notes"] = .array(notes.map(JSONValue.string)) }
        return .object(top)
    }
}

extension Scenario.Note {
    var json: JSONValue { ["errorCode": .integer(Int64(errorCode)), "description": .string(description)] }
}

extension Scenario.Customer {
    var json: JSONValue {
        var fields: [String: JSONValue] = ["externalId": .string(externalId), "status": .string(status)]
        if let id { fields["id"] = .string(id) }
        if let owner { fields["owner"] = .string(owner) }
        if let orgId { fields["orgId"] = .string(orgId) }
        fields["packages"] = .array(packages.map { package in
            guard package.status != nil || !package.errors.isEmpty || !package.warnings.isEmpty else { return .string(package.name) }
            var entry: [String: JSONValue] = ["name": .string(package.name)]
            if let status = package.status { entry["status"] = .string(status) }
            if !package.errors.isEmpty { entry["errors"] = .array(package.errors.map(\.json)) }
            if !package.warnings.isEmpty { entry["warnings"] = .array(package.warnings.map(\.json)) }
            return .object(entry)
        })
        if !errors.isEmpty { fields["errors"] = .array(errors.map(\.json)) }
        if let address { fields["address"] = address }
        if let customerInfo { fields["customerInfo"] = customerInfo }
        return .object(fields)
    }
}
