import Foundation
public import JSONValues
import WholesaleValidation

extension Scenario {
    /// The customer statuses a scenario may give.
    static let customerStatuses = ["provisioning", "provisioned", "provisioned_with_errors", "error", "updating", "deleting", "pending_rpl_review"]
    /// The package statuses.
    static let packageStatuses = ["provisioning", "provisioned", "error", "updating", "deleting"]
    /// The subscriber statuses.
    static let subscriberStatuses = ["provisioning", "provisioned", "error", "pending_user_migration"]
    /// The sub-partner states.
    static let subPartnerStates = ["active", "suspended"]
    /// The billing report types and statuses.
    static let reportTypes = ["PARTNER", "CUSTOMER", "USER"]
    static let reportStatuses = ["IN_PROGRESS", "COMPLETED", "FAILED"]
    /// The lifecycle durations that can be set.
    static let lifecycleNames = ["provisioning", "update", "deletion", "rplReview", "billingReport", "consent"]

    /// Reads the scenario file at `path`, or throws every problem it has at once.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, problems: [ScenarioProblem(path: "", line: nil, message: "cannot read the file (does it exist?)")])
        }
        return try parse(Array(data), file: path)
    }

    /// Reads scenario JSON text; `file` names it in problems.
    public static func parse(_ bytes: [UInt8], file: String) throws(ScenarioError) -> Scenario {
        let parsed: (value: JSONValue, lines: [String: Int])
        do { parsed = try JSONValue.withLines(json: bytes) } catch {
            throw ScenarioError(file: file, problems: [ScenarioProblem(path: "", line: error.line, message: "not valid JSON: \(error.problem)")])
        }
        var reader = ScenarioReader(lines: parsed.lines)
        let scenario = reader.read(parsed.value)
        guard reader.problems.isEmpty else { throw ScenarioError(file: file, problems: reader.problems) }
        return scenario
    }

    /// Reads a scenario given as a JSON value (a table from Lua, say); paths in problems are
    /// the same, without lines.
    public static func from(_ value: JSONValue, name: String) throws(ScenarioError) -> Scenario {
        var reader = ScenarioReader(lines: [:])
        let scenario = reader.read(value)
        guard reader.problems.isEmpty else { throw ScenarioError(file: name, problems: reader.problems) }
        return scenario
    }
}

/// Turns a scenario's JSON into a `Scenario`, collecting every problem on the way.
struct ScenarioReader {
    let lines: [String: Int]
    var problems: [ScenarioProblem] = []
    let packages = Set(PackageCatalog.current.packages.map(\.name))
    let customerPackages = Set(PackageCatalog.current.packages.filter(\.forCustomers).map(\.name))

    init(lines: [String: Int]) { self.lines = lines }

    mutating func problem(_ path: String, _ message: String) {
        problems.append(ScenarioProblem(path: path, line: lines[path], message: message))
    }

    /// The members of the object at `path`, with unknown keys reported (and a near one named).
    mutating func object(_ value: JSONValue, _ path: String, keys: [String]) -> [String: JSONValue]? {
        guard let members = value.objectValue else {
            problem(path, "expected an object, got \(Self.kind(value))")
            return nil
        }
        for key in members.keys.sorted() where !keys.contains(key) {
            let hint = Spelling.nearest(key, among: keys).map { "; did you mean \"\($0)\"?" } ?? "; known fields: " + keys.joined(separator: ", ")
            problem(JSONPath.member(path, key), "unknown field \"\(key)\"\(hint)")
        }
        return members
    }

    mutating func string(_ value: JSONValue?, _ path: String, required: Bool = false, allowed: [String]? = nil) -> String? {
        guard let value, value != .null else {
            if required { problem(path, "is required") }
            return nil
        }
        guard let text = value.stringValue else {
            problem(path, "expected a string, got \(Self.kind(value))")
            return nil
        }
        if let allowed, !allowed.contains(text) {
            let hint = Spelling.nearest(text, among: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
            problem(path, "\"\(text)\" is not one of \(allowed.joined(separator: ", "))\(hint)")
            return nil
        }
        return text
    }

    mutating func array(_ value: JSONValue?, _ path: String) -> [JSONValue] {
        guard let value, value != .null else { return [] }
        guard let elements = value.arrayValue else {
            problem(path, "expected an array, got \(Self.kind(value))")
            return []
        }
        return elements
    }

    mutating func package(_ value: JSONValue, _ path: String, forCustomers: Bool) -> String? {
        guard let name = string(value, path, required: true) else { return nil }
        let known = forCustomers ? customerPackages : packages
        guard known.contains(name) || name == "*" && !forCustomers else {
            let hint = Spelling.nearest(name, among: known).map { "; did you mean \"\($0)\"?" } ?? ""
            problem(path, "unknown package \"\(name)\"\(hint)")
            return nil
        }
        return name
    }

    mutating func country(_ code: String, _ path: String) -> Bool {
        guard CountryCodes.all.contains(code) else {
            let hint = Spelling.nearest(code, among: CountryCodes.all.sorted()).map { "; did you mean \"\($0)\"?" } ?? ""
            problem(path, "unknown country \"\(code)\" (an ISO 3166 alpha-2 code in capitals)\(hint)")
            return false
        }
        return true
    }

    mutating func notes(_ value: JSONValue?, _ path: String) -> [Scenario.Note] {
        array(value, path).enumerated().compactMap { offset, element in
            let at = JSONPath.index(path, Int64(offset + 1))
            guard let members = object(element, at, keys: ["errorCode", "description"]) else { return nil }
            guard let code = members["errorCode"]?.integerValue else {
                problem(JSONPath.member(at, "errorCode"), "expected an integer code")
                return nil
            }
            return Scenario.Note(errorCode: Int(code), description: string(members["description"], JSONPath.member(at, "description")) ?? "")
        }
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .boolean: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    // MARK: the parts

    mutating func read(_ value: JSONValue) -> Scenario {
        var scenario = Scenario()
        let topKeys = ["scenario", "partner", "templates", "unknownTemplates", "unavailablePackages", "subPartners", "customers", "subscribers",
                       "billingReports", "lifecycle", "codes", "latency", "rateLimit", "faults", "seed", "notes"]
        guard let top = object(value, "", keys: topKeys) else { return scenario }
        if let version = top["scenario"], version != .integer(1) { problem("scenario", "this version reads scenario format 1") }
        if let partner = top["partner"], let members = object(partner, "partner", keys: ["orgId", "name"]) {
            scenario.partnerOrgId = string(members["orgId"], "partner.orgId")
            scenario.partnerName = string(members["name"], "partner.name")
        }
        if let templates = top["templates"] { scenario.templates = readTemplates(templates) }
        if let rule = string(top["unknownTemplates"], "unknownTemplates", allowed: ["adopt", "refuse"]) {
            scenario.adoptUnknownTemplates = rule == "adopt"
        }
        if let table = top["unavailablePackages"] { scenario.unavailablePackages = readUnavailable(table) }
        scenario.subPartners = readSubPartners(top["subPartners"])
        scenario.customers = readCustomers(top["customers"], subPartners: Set(scenario.subPartners.map(\.orgId)))
        scenario.subscribers = readSubscribers(top["subscribers"], customers: scenario.customers)
        scenario.billingReports = readReports(top["billingReports"])
        if let lifecycle = top["lifecycle"], let members = object(lifecycle, "lifecycle", keys: Scenario.lifecycleNames) {
            for (name, value) in members where Scenario.lifecycleNames.contains(name) {
                guard let seconds = value.doubleValue, seconds >= 0 else {
                    problem(JSONPath.member("lifecycle", name), "expected a number of simulated seconds ≥ 0")
                    continue
                }
                scenario.lifecycle[name] = seconds
            }
        }
        if let codes = top["codes"], let members = object(codes, "codes", keys: SimulatorCodes.byName.keys.sorted()) {
            for (name, value) in members.sorted(by: { $0.key < $1.key }) where SimulatorCodes.byName[name] != nil {
                guard let number = value.integerValue, number > 0, number <= Int64(Int32.max) else {
                    problem(JSONPath.member("codes", name), "expected a positive integer code")
                    continue
                }
                scenario.codes[name] = Int(number)
            }
        }
        var faults: [String] = []
        if let latency = string(top["latency"], "latency") { faults.append("latency=" + latency) }
        if let rate = string(top["rateLimit"], "rateLimit") { faults.append("rate=" + rate) }
        if let more = string(top["faults"], "faults") { faults.append(more) }
        if !faults.isEmpty {
            let spec = faults.joined(separator: ",")
            do { _ = try FaultPlan.parse(spec) } catch { problem(top["faults"] != nil ? "faults" : "latency", "\(error)") }
            scenario.faults = spec
        }
        if let seed = top["seed"] {
            if let number = seed.integerValue, number >= 0 { scenario.seed = UInt64(number) } else { problem("seed", "expected an integer ≥ 0") }
        }
        scenario.notes = array(top["notes"], "notes").enumerated().compactMap { string($1, JSONPath.index("notes", Int64($0 + 1))) }
        return scenario
    }
}
