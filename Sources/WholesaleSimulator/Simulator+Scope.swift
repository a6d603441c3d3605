import JSONValues
import WholesaleAPI
import WholesaleValidation

/// Who is asking, and what they sent.
extension Simulator {
    /// The organisation a request acts for: the sub-partner named by `onBehalfOfSubPartnerOrgId`,
    /// or the partner. Refuses unknown sub-partners, and writes by suspended ones.
    func owner(_ request: SimulatorRequest, in state: SimulatorState, writing: Bool) -> Result<String, Refusal> {
        guard let orgId = request.query("onBehalfOfSubPartnerOrgId") else { return .success(state.partnerOrgId) }
        guard let subPartner = state.subPartners.first(where: { $0.orgId == orgId }) else {
            return .failure(Refusal(request.error(403, "\(orgId) is not a sub-partner of this partner", code: SimulatorCodes.notASubPartner)))
        }
        if writing, subPartner.provisioningState == "suspended" {
            return .failure(Refusal(request.error(403, "The sub-partner is suspended: it may only delete customers and subscribers",
                                                  code: SimulatorCodes.subPartnerSuspended)))
        }
        return .success(orgId)
    }

    /// The JSON object body of a POST or PUT: 415 without `application/json`, 400 when it is not JSON.
    func body(_ request: SimulatorRequest) -> Result<JSONValue, Refusal> {
        guard let contentType = request.header("Content-Type"), contentType.lowercased().hasPrefix("application/json") else {
            return .failure(Refusal(request.error(415, "The body must be sent as application/json", code: SimulatorCodes.unsupportedMediaType)))
        }
        guard let bytes = request.body, !bytes.isEmpty else {
            return .failure(Refusal(request.error(400, "The request has no body", code: SimulatorCodes.malformedJSON)))
        }
        do {
            return .success(try JSONValue(json: bytes))
        } catch {
            return .failure(Refusal(request.error(400, "The body is not valid JSON: \(error)", code: SimulatorCodes.malformedJSON)))
        }
    }

    /// 400 with one error per validation problem (warnings are not refusals).
    func refuse(_ problems: [ValidationProblem], _ request: SimulatorRequest) -> Refusal? {
        let errors = problems.filter { $0.severity == .error }
        guard let first = errors.first else { return nil }
        let more = errors.dropFirst().map { (code: SimulatorCodes.invalidBody, description: $0.description) }
        return Refusal(request.error(400, "Invalid request: \(first.description)", code: SimulatorCodes.invalidBody, more: Array(more)))
    }

    /// 400 when a list's options are not valid. A `max` above the list's cap is not refused:
    /// every list serves its cap with a next link (`page`).
    func refuseOptions(_ list: ListKind, _ request: SimulatorRequest) -> Refusal? {
        let options = request.query.filter { !$0.value.isEmpty && !($0.name == "max" && (Int($0.value) ?? 0) > 0) }
        let problems = validator.listOptions(list, options.filter { list.parameters.contains($0.name) })
        guard let first = problems.first else { return nil }
        return Refusal(request.error(400, "Invalid option: \(first.description)", code: SimulatorCodes.invalidOption))
    }

    /// Saves what a request changed; a failure to save is answered with 500.
    func persist(_ changes: StateChanges, _ state: SimulatorState, _ request: SimulatorRequest) -> Refusal? {
        guard !changes.isEmpty else { return nil }
        do {
            try store.save(changes, from: state)
            return nil
        } catch {
            return Refusal(request.error(500, "The simulator could not save its state: \(error)", code: SimulatorCodes.injectedFault))
        }
    }
}

/// A response that ends a request early.
struct Refusal: Error {
    let response: TransportResponse
    init(_ response: TransportResponse) { self.response = response }
}

/// What a request changed, for the store.
struct StateChanges {
    var customers: Set<String> = []
    var subscribers: Set<String> = []
    var reports: Set<String> = []
    var meta = false

    var isEmpty: Bool { customers.isEmpty && subscribers.isEmpty && reports.isEmpty && !meta }
}
