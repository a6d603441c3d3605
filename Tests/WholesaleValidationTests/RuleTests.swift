import JSONValues
import Testing
import WholesaleValidation

/// One valid and one invalid case for a rule, and where the problem must be reported.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: ValidationRule
    let check: @Sendable (JSONValue) -> [ValidationProblem]
    let valid: JSONValue
    let invalid: JSONValue
    let path: String
    var testDescription: String { rule.rawValue }
}

let validator = WholesaleValidator()
let provisionCustomer: @Sendable (JSONValue) -> [ValidationProblem] = { validator.customer($0, for: .provision) }
let updateCustomer: @Sendable (JSONValue) -> [ValidationProblem] = { validator.customer($0, for: .update) }
let provisionSubscriber: @Sendable (JSONValue) -> [ValidationProblem] = { validator.subscriber($0, for: .provision) }
let updateSubscriber: @Sendable (JSONValue) -> [ValidationProblem] = { validator.subscriber($0, for: .update) }
let subscriberList: @Sendable (JSONValue) -> [ValidationProblem] = { query in
    validator.listOptions(.subscribers, query.objectValue!.map { ($0.key, $0.value.stringValue!) })
}
let customerUpdate: JSONValue = ["packages": ["webex_meetings"], "externalId": "ext-1"]

let ruleCases: [RuleCase] = [
    RuleCase(rule: .bodyObject, check: provisionCustomer, valid: Bodies.customer, invalid: ["a", "b"], path: ""),
    RuleCase(rule: .fieldType, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["packages"], to: "webex_calling"), path: "packages"),
    RuleCase(rule: .fieldRequired, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["provisioningId"], to: nil), path: "provisioningId"),
    RuleCase(rule: .fieldUnknown, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["address", "zipcode"], to: "62701"), path: "address.zipcode"),
    RuleCase(rule: .customerInfo, check: provisionCustomer,
             valid: Bodies.customer.setting(["customerInfo"], to: nil).setting(["orgId"], to: "Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x"),
             invalid: Bodies.customer.setting(["customerInfo"], to: nil), path: "customerInfo"),
    RuleCase(rule: .customerName, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["customerInfo", "name"], to: "100% Pizza"), path: "customerInfo.name"),
    RuleCase(rule: .customerUpdateField, check: updateCustomer, valid: customerUpdate,
             invalid: customerUpdate.setting(["provisioningId"], to: "ZjViMzYxODc"), path: "provisioningId"),
    RuleCase(rule: .countryCode, check: provisionCustomer, valid: Bodies.customer.setting(["address", "country"], to: "GB"),
             invalid: Bodies.customer.setting(["address", "country"], to: "XZ"), path: "address.country"),
    RuleCase(rule: .addressLineLength, check: provisionCustomer,
             valid: Bodies.customer.setting(["address", "addressLine2"], to: .string(String(repeating: "a", count: 50))),
             invalid: Bodies.customer.setting(["address", "addressLine2"], to: .string(String(repeating: "a", count: 51))),
             path: "address.addressLine2"),
    RuleCase(rule: .packagesEmpty, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["packages"], to: []), path: "packages"),
    RuleCase(rule: .packageKnown, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["packages"], to: ["webex_calling", "webex_fax"]), path: "packages[2]"),
    RuleCase(rule: .packageDuplicate, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["packages"], to: ["webex_calling", "webex_calling"]), path: "packages[2]"),
    RuleCase(rule: .packageDependency, check: provisionCustomer,
             valid: Bodies.customer.setting(["packages"], to: ["webex_calling", "attendant_console", "cisco_calling_plan"]),
             invalid: Bodies.customer.setting(["packages"], to: ["webex_meetings", "attendant_console"]), path: "packages"),
    RuleCase(rule: .callingLocation, check: provisionCustomer,
             valid: Bodies.customer.setting(["packages"], to: ["webex_meetings"]).setting(["provisioningParameters"], to: nil),
             invalid: Bodies.customer.setting(["provisioningParameters"], to: nil), path: "provisioningParameters.calling.location"),
    RuleCase(rule: .timeZone, check: provisionCustomer,
             valid: Bodies.customer.setting(["provisioningParameters", "calling", "location", "timezone"], to: "Europe/London"),
             invalid: Bodies.customer.setting(["provisioningParameters", "calling", "location", "timezone"], to: "Mars/Olympus_Mons"),
             path: "provisioningParameters.calling.location.timezone"),
    RuleCase(rule: .language, check: provisionCustomer,
             valid: Bodies.customer.setting(["customerInfo", "language"], to: "fr_CA"),
             invalid: Bodies.customer.setting(["provisioningParameters", "calling", "location", "language"], to: "en_US"),
             path: "provisioningParameters.calling.location.language"),
    RuleCase(rule: .email, check: provisionCustomer, valid: Bodies.customer,
             invalid: Bodies.customer.setting(["customerInfo", "primaryEmail"], to: "john.anderson@"), path: "customerInfo.primaryEmail"),
    RuleCase(rule: .phone, check: provisionSubscriber, valid: Bodies.subscriber,
             invalid: Bodies.subscriber.setting(["provisioningParameters", "primaryPhoneNumber"], to: "240-555-1212"),
             path: "provisioningParameters.primaryPhoneNumber"),
    RuleCase(rule: .subscriberPackageChoice, check: provisionSubscriber,
             valid: Bodies.subscriber.setting(["packages"], to: nil).setting(["package"], to: "webex_calling"),
             invalid: Bodies.subscriber.setting(["package"], to: "webex_suite"), path: "packages"),
    RuleCase(rule: .subscriberPackageChoice, check: updateSubscriber,
             valid: ["package": "webex_meetings", "packages": ["webex_meetings"]],
             invalid: ["package": "webex_meetings", "packages": ["webex_suite"]], path: "packages"),
    RuleCase(rule: .subscriberPackageCount, check: provisionSubscriber,
             valid: Bodies.subscriber.setting(["packages"], to: ["webex_calling", "attendant_console"]),
             invalid: Bodies.subscriber.setting(["packages"], to: ["webex_calling", "webex_meetings"]), path: "packages"),
    RuleCase(rule: .subscriberLegacyPackage, check: provisionSubscriber,
             valid: Bodies.subscriber.setting(["packages"], to: nil).setting(["package"], to: "webex_suite"),
             invalid: Bodies.subscriber.setting(["packages"], to: nil).setting(["package"], to: "cx_standard_agent"), path: "package"),
    RuleCase(rule: .subscriberNumber, check: provisionSubscriber,
             valid: Bodies.subscriber.setting(["packages"], to: ["webex_meetings"]).setting(["provisioningParameters"], to: ["firstName": "Ann"]),
             invalid: Bodies.subscriber.setting(["provisioningParameters"], to: ["firstName": "Ann"]), path: "provisioningParameters"),
    RuleCase(rule: .billingDate, check: { validator.billingReport($0) }, valid: Bodies.billing.setting(["billingEndDate"], to: "2024-02-29"),
             invalid: Bodies.billing.setting(["billingEndDate"], to: "2026-02-29"), path: "billingEndDate"),
    RuleCase(rule: .billingType, check: { validator.billingReport($0) }, valid: Bodies.billing.setting(["type"], to: "USER"),
             invalid: Bodies.billing.setting(["type"], to: "MONTHLY"), path: "type"),
    RuleCase(rule: .queryMax, check: subscriberList, valid: ["max": "100"], invalid: ["max": "101"], path: "max"),
    RuleCase(rule: .queryValue, check: subscriberList, valid: ["sortOrder": "DESC", "sortBy": "lastStatusChange"],
             invalid: ["sortOrder": "down"], path: "sortOrder"),
]

@Suite struct RuleTests {
    @Test(arguments: ruleCases)
    func validCasePassesAndInvalidCaseNamesRuleAndPath(_ c: RuleCase) {
        #expect(c.check(c.valid) == [], "valid case of \(c.rule.rawValue)")
        let problems = c.check(c.invalid)
        #expect(problems.contains { $0.rule == c.rule && $0.path == c.path }, "\(problems)")
    }

    @Test func everyRuleHasACase() {
        let covered = Set(ruleCases.map(\.rule))
        #expect(Set(ValidationRule.allCases).subtracting(covered) == [])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let body = Bodies.customer
            .setting(["address", "country"], to: "us")
            .setting(["customerInfo", "primaryEmail"], to: "nobody")
            .setting(["packages"], to: ["webex_calling", "webex_calling", 3])
            .setting(["externalId"], to: nil)
        let problems = validator.customer(body)
        #expect(Set(problems.map(\.path)) == ["address.country", "customerInfo.primaryEmail", "packages[2]", "packages[3]", "externalId"])
        #expect(problems.first { $0.path == "address.country" }?.description
            == #"address.country: "us" must be upper case: "US" [country.iso2]"#)
    }

    @Test func updateNeedsOnlyPackages() {
        #expect(validator.customer(["packages": ["webex_meetings"]], for: .update) == [])
        #expect(validator.customer([:], for: .update).map(\.path) == ["packages"])
    }

    @Test func precheckNeedsOnlyAnAddress() {
        #expect(validator.customer(["address": Bodies.address, "customerInfo": ["primaryEmail": "a@b.co"]], for: .precheck) == [])
        #expect(validator.customer(["customerInfo": ["name": "x"]], for: .precheck).map(\.path).sorted()
            == ["address", "customerInfo.primaryEmail"])
        #expect(validator.subscriber(["email": "ann@acme.com", "customerId": "c1"], for: .precheck) == [])
    }

    @Test func unknownFieldsAreWarningsNamingTheNearestField() {
        let body = Bodies.customer.setting(["provisioningParameters", "calling", "location", "mainNumber"], to: "+12405550000")
            .setting(["provisioningParameters", "meetings", "timeZone"], to: "Europe/London")
        #expect(validator.customer(body).map(\.description) == [
            "warning: provisioningParameters.calling.location.mainNumber: is not a field the API knows (provisioningParameters.calling.location takes name, address, timezone, language, emergencyLocationIdentifier) [field.unknown]",
            #"warning: provisioningParameters.meetings.timeZone: is not a field the API knows; did you mean "timezone"? [field.unknown]"#,
        ])
        #expect(validator.customer(body.setting(["provisioningParameters", "packages", "limits", "webex_calling"], to: 5)).count == 2)
    }

    @Test func aMissingRequiredFieldNamesTheNearMiss() {
        let body = Bodies.customer.setting(["externalId"], to: nil).setting(["externalID"], to: "e-1")
        #expect(validator.customer(body).first?.description == #"externalId: is required (you sent "externalID") [field.required]"#)
    }

    @Test func listOptionsRefuseUnknownNames() {
        let problems = validator.listOptions(.customers, [("externalID", "x"), ("max", "0")])
        #expect(problems.map(\.rule) == [.queryValue, .queryMax])
    }
}
