import Foundation
import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

/// Checks JSON values against the OpenAPI document's schemas: `$ref`, `type`, `enum`,
/// `required`, `properties`, `items`. Members a schema does not list are allowed (the API grows).
struct SchemaChecker {
    let document: JSONValue
    /// Schema paths where the document and its own examples disagree, and the simulator follows
    /// the examples (reference §3.4: precheck `info` is typed as an object, shown as a list).
    let listsOfDeclaredObjects: Set<String> = ["CustomerProvisioningPrecheckResponse.info", "SubscriberProvisioningPrecheckResponse.info"]

    func check(_ value: JSONValue, _ schema: JSONValue, at path: String, in name: String = "", problems: inout [String]) {
        if let ref = schema["$ref"]?.stringValue {
            let target = String(ref.split(separator: "/").last ?? "")
            guard let resolved = document["components"]?["schemas"]?[target] else { problems.append("\(path): unknown schema \(ref)"); return }
            check(value, resolved, at: path, in: target, problems: &problems)
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): \(value.jsonText()) is not one of \(JSONValue.array(allowed).jsonText())")
        }
        switch schema["type"]?.stringValue {
        case "object"?:
            if case .array(let elements) = value, listsOfDeclaredObjects.contains(name) {
                for (i, element) in elements.enumerated() { check(element, schema, at: "\(path)[\(i + 1)]", in: "", problems: &problems) }
                return
            }
            guard let object = value.objectValue else { problems.append("\(path): expected an object, got \(value.kindName)"); return }
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[required] == nil {
                problems.append("\(path): missing required \(required)")
            }
            for (key, member) in object {
                guard let memberSchema = schema["properties"]?[key] else { continue }
                check(member, memberSchema, at: JSONPath.member(path, key), in: name.isEmpty ? "" : "\(name).\(key)", problems: &problems)
            }
        case "array"?:
            guard let elements = value.arrayValue else { problems.append("\(path): expected an array, got \(value.kindName)"); return }
            if let items = schema["items"] {
                for (i, element) in elements.enumerated() { check(element, items, at: "\(path)[\(i + 1)]", problems: &problems) }
            }
        case "string"?: if value.stringValue == nil { problems.append("\(path): expected a string, got \(value.kindName)") }
        case "number"?: if value.doubleValue == nil { problems.append("\(path): expected a number, got \(value.kindName)") }
        case "integer"?: if value.integerValue == nil { problems.append("\(path): expected an integer, got \(value.kindName)") }
        case "boolean"?: if value.booleanValue == nil { problems.append("\(path): expected a boolean, got \(value.kindName)") }
        default: break
        }
    }
}

/// The Webex error body (reference §1.4; the OpenAPI document gives error responses no schema).
let errorBodySchema: JSONValue = [
    "type": "object", "required": ["message", "errors", "trackingId"],
    "properties": [
        "message": ["type": "string"], "trackingId": ["type": "string"],
        "errors": ["type": "array", "items": ["type": "object", "required": ["description", "errorCode"],
                                               "properties": ["description": ["type": "string"], "errorCode": ["type": "number"]]]],
    ],
]

@Suite struct ConformanceTests {
    let document: JSONValue = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/wholesale-openapi.json")
        return try! JSONValue(json: [UInt8](Data(contentsOf: url)))
    }()

    /// The spec's entry for a sim path template: `{id}` matches any `{…}` segment.
    func operation(_ method: HTTPMethod, _ template: String) -> JSONValue? {
        let wanted = template.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }
        for (path, operations) in document["paths"]?.objectValue ?? [:] {
            let parts = path.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }
            if parts == wanted { return operations[method.rawValue.lowercased()] }
        }
        return nil
    }

    @Test func everyOperationAnswersAsTheSpecificationSays() async throws {
        let clock = ManualClock()
        let simulator = try Simulator(clock: clock)
        let checker = SchemaChecker(document: document)
        var seen: Set<String> = []
        var problems: [String] = []

        func send(_ method: HTTPMethod, _ template: String, _ path: String, _ body: JSONValue? = nil, expect status: Int) async -> JSONValue? {
            let headers: [(name: String, value: String)] = body == nil ? [bearer] : [bearer, ("Content-Type", "application/json")]
            let response = await simulator.handle(TransportRequest(method: method, url: "http://sim.invalid/v1" + path, headers: headers, body: body?.jsonBytes())).response
            guard let response else { problems.append("\(method) \(path): no response"); return nil }
            let label = "\(method.rawValue) \(path) → \(response.status)"
            if response.status != status { problems.append("\(label): expected \(status)") }
            seen.insert("\(method.rawValue) \(template) \(response.status < 300 ? "success" : "error")")
            guard let spec = operation(method, template) else { problems.append("\(label): not in the specification"); return nil }
            guard let declared = spec["responses"]?[String(response.status)] else { problems.append("\(label): status not declared"); return nil }
            let value = response.body.isEmpty ? nil : try? JSONValue(json: response.body)
            if response.status >= 400 {
                checker.check(value ?? .null, errorBodySchema, at: "body", problems: &problems)
            } else if let schema = declared["schema"] {
                checker.check(value ?? .null, schema, at: "body", problems: &problems)
            } else if !response.body.isEmpty {
                problems.append("\(label): a body where the specification declares none")
            }
            return value
        }

        // Customers.
        _ = await send(.GET, "/wholesale/customers", "/wholesale/customers?max=3", expect: 200)
        _ = await send(.GET, "/wholesale/customers", "/wholesale/customers?max=0", expect: 400)
        let created = await send(.POST, "/wholesale/customers", "/wholesale/customers", customerBody("conf-1", packages: ["webex_calling"]), expect: 202)
        let id = String(created?["url"]?.stringValue?.split(separator: "/").last ?? "")
        _ = await send(.POST, "/wholesale/customers", "/wholesale/customers", customerBody("conf-1"), expect: 409)
        _ = await send(.PUT, "/wholesale/customers/{id}", "/wholesale/customers/\(id)", ["packages": ["webex_meetings"]], expect: 423)
        clock.advance(by: 30)
        _ = await send(.GET, "/wholesale/customers/{id}", "/wholesale/customers/\(id)?includePackageLicenseInfo=true", expect: 200)
        _ = await send(.GET, "/wholesale/customers/{id}", "/wholesale/customers/none", expect: 404)
        _ = await send(.PUT, "/wholesale/customers/{id}", "/wholesale/customers/\(id)", ["packages": ["webex_meetings", "webex_calling"]], expect: 202)
        _ = await send(.POST, "/wholesale/customers/validate", "/wholesale/customers/validate", customerBody("conf-2"), expect: 200)
        _ = await send(.POST, "/wholesale/customers/validate", "/wholesale/customers/validate", ["packages": []], expect: 400)
        // Sub-partners.
        let partners = await send(.GET, "/wholesale/subPartners", "/wholesale/subPartners", expect: 200)
        _ = await send(.GET, "/wholesale/subPartners", "/wholesale/subPartners?provisioningState=gone", expect: 400)
        let suspended = partners?["items"]?.arrayValue?.first { $0["provisioningState"] == "suspended" }?["orgId"]?.stringValue ?? ""
        _ = await send(.POST, "/wholesale/customers", "/wholesale/customers?onBehalfOfSubPartnerOrgId=\(suspended)", customerBody("conf-3"), expect: 403)
        // Subscribers.
        let subscriber: JSONValue = ["customerId": .string(id), "email": "gil@conf.example.com", "packages": ["webex_meetings"], "provisioningParameters": ["firstName": "Gil"]]
        let made = await send(.POST, "/wholesale/subscribers", "/wholesale/subscribers", subscriber, expect: 200)
        var free = subscriber.objectValue!
        free["email"] = "existing-free.hal@conf.example.com"
        let pending = await send(.POST, "/wholesale/subscribers", "/wholesale/subscribers", .object(free), expect: 202)
        _ = await send(.POST, "/wholesale/subscribers", "/wholesale/subscribers", subscriber, expect: 409)
        let subscriberId = made?["id"]?.stringValue ?? ""
        let pendingId = pending?["id"]?.stringValue ?? ""
        _ = await send(.GET, "/wholesale/subscribers", "/wholesale/subscribers?customerId=\(id)&sortOrder=DESC", expect: 200)
        _ = await send(.GET, "/wholesale/subscribers/{id}", "/wholesale/subscribers/\(subscriberId)", expect: 200)
        _ = await send(.GET, "/wholesale/subscribers/{id}", "/wholesale/subscribers/none", expect: 404)
        _ = await send(.GET, "/wholesale/subscribers", "/wholesale/subscribers?max=0", expect: 400)
        _ = await send(.PUT, "/wholesale/subscribers/{id}", "/wholesale/subscribers/none", ["packages": ["webex_suite"]], expect: 404)
        _ = await send(.PUT, "/wholesale/subscribers/{id}", "/wholesale/subscribers/\(subscriberId)", ["packages": ["webex_suite"], "provisioningParameters": ["extension": "1234"]], expect: 200)
        _ = await send(.POST, "/wholesale/subscribers/validate", "/wholesale/subscribers/validate", ["email": "ivy@conf.example.com", "customerId": .string(id)], expect: 200)
        _ = await send(.POST, "/wholesale/subscribers/validate", "/wholesale/subscribers/validate", ["email": "gil@conf.example.com"], expect: 409)
        _ = await send(.POST, "/subscribers/{id}/emails/consentMove", "/subscribers/\(pendingId)/emails/consentMove", expect: 204)
        _ = await send(.POST, "/subscribers/{id}/emails/consentMove", "/subscribers/\(subscriberId)/emails/consentMove", expect: 400)
        _ = await send(.DELETE, "/wholesale/subscribers/{id}", "/wholesale/subscribers/\(subscriberId)", expect: 204)
        _ = await send(.DELETE, "/wholesale/subscribers/{id}", "/wholesale/subscribers/\(subscriberId)", expect: 404)
        // Billing reports.
        let report = await send(.POST, "/wholesale/billing/reports", "/wholesale/billing/reports", ["billingStartDate": "2025-01-01", "billingEndDate": "2025-01-31"], expect: 200)
        _ = await send(.POST, "/wholesale/billing/reports", "/wholesale/billing/reports", ["billingStartDate": "2025-02-30", "billingEndDate": "2025-01-31"], expect: 400)
        let reportId = report?["id"]?.stringValue ?? ""
        clock.advance(by: 11)
        _ = await send(.GET, "/wholesale/billing/reports", "/wholesale/billing/reports?sortBy=status", expect: 200)
        _ = await send(.GET, "/wholesale/billing/reports", "/wholesale/billing/reports?type=MONTHLY", expect: 400)
        _ = await send(.GET, "/wholesale/billing/reports/{id}", "/wholesale/billing/reports/\(reportId)", expect: 200)
        _ = await send(.DELETE, "/wholesale/billing/reports/{id}", "/wholesale/billing/reports/\(reportId)", expect: 204)
        _ = await send(.DELETE, "/wholesale/billing/reports/{id}", "/wholesale/billing/reports/\(reportId)", expect: 404)
        _ = await send(.GET, "/wholesale/billing/reports/{id}", "/wholesale/billing/reports/\(reportId)", expect: 404)
        // Removal last.
        _ = await send(.DELETE, "/wholesale/customers/{id}", "/wholesale/customers/\(id)", expect: 202)
        _ = await send(.DELETE, "/wholesale/customers/{id}", "/wholesale/customers/none", expect: 404)

        #expect(problems == [])
        // Every operation was seen succeeding and failing.
        let operations = Set(seen.map { $0.split(separator: " ").prefix(2).joined(separator: " ") })
        #expect(operations.count == 18, "\(operations.sorted())")
        for operation in operations {
            #expect(seen.contains(operation + " success") && seen.contains(operation + " error"), "\(operation)")
        }
    }

    @Test func theCheckerCatchesShapesThatDiffer() {
        let checker = SchemaChecker(document: document)
        var problems: [String] = []
        checker.check(["id": 5, "status": "lost", "packages": "webex_calling"], ["$ref": "#/components/schemas/Customer"], at: "body", problems: &problems)
        #expect(problems.count == 3, "\(problems)")
        problems = []
        checker.check(["message": "x"], errorBodySchema, at: "body", problems: &problems)
        #expect(Set(problems) == ["body: missing required errors", "body: missing required trackingId"])
    }
}
