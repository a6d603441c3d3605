public import JSONValues
import WholesaleValidation

extension WholesaleClient {
    /// A lazy list of `operation` with the options that are set, checked before the first page.
    func list<Element: JSONObjectModel>(_ operation: Operation, options: [(String, String?)]) -> Pages<Element> {
        let query = Self.options(options)
        let kind: ListKind
        switch operation {
        case .customersList: kind = .customers
        case .subPartnersList: kind = .subPartners
        case .subscribersList: kind = .subscribers
        default: kind = .billingReports
        }
        let problems = validator.listOptions(kind, query)
        let refusal = problems.isEmpty ? nil : Self.validationError(problems, operation)
        return Pages(client: self, call: APICall(operation: operation, query: query), refusal: refusal)
    }

    /// The options that have a value, in order.
    static func options(_ pairs: [(String, String?)]) -> [(name: String, value: String)] {
        pairs.compactMap { name, value in value.map { (name, $0) } }
    }

    /// The id, or a usage error when it is empty (an empty id would address the whole collection).
    static func required(_ id: String, _ operation: Operation) throws(WholesaleError) -> String {
        guard !id.isEmpty else { throw WholesaleError(kind: .usage, operation: operation.rawValue, message: "the id is empty") }
        return id
    }

    /// Runs the local checks `operation` runs on `body` before sending it, and throws the same
    /// validation error it would (for a dry run, which plans the call instead of sending it).
    public func validate(_ operation: Operation, body: JSONValue) throws(WholesaleError) {
        switch operation {
        case .customersProvision: try check(validator.customer(body, for: .provision), operation)
        case .customersUpdate: try check(validator.customer(body, for: .update), operation)
        case .customersPrecheck: try check(validator.customer(body, for: .precheck), operation)
        case .subscribersProvision: try check(validator.subscriber(body, for: .provision), operation)
        case .subscribersUpdate: try check(validator.subscriber(body, for: .update), operation)
        case .subscribersPrecheck: try check(validator.subscriber(body, for: .precheck), operation)
        case .billingCreate: try check(validator.billingReport(body), operation)
        default: break
        }
    }

    /// Throws a validation error when a problem is an error (warnings do not stop a request;
    /// unknown fields do under strict fields); nothing is sent then. Each warning is logged and
    /// journaled as the body goes, an unknown field once per run.
    func check(_ problems: [ValidationProblem], _ operation: Operation) throws(WholesaleError) {
        let problems = warnings.weighed(problems)
        if problems.contains(where: { $0.severity == .error }) { throw Self.validationError(problems, operation) }
        for warning in problems where warning.severity == .warning && warnings.firstTime(warning, operation) {
            // An unknown field may be a typo or a field newer than the reference; a value only the server can judge.
            let reason = warning.rule == .fieldUnknown ? "sent anyway; --strict-fields refuses it" : "sent anyway: only the server can tell"
            let line = "\(operation.rawValue): \(warning.description) (\(reason))"
            logger.warning("\(line)")
            warnings.note(line)
        }
    }

    static func validationError(_ problems: [ValidationProblem], _ operation: Operation) -> WholesaleError {
        let summary = problems.prefix(3).map(\.description).joined(separator: "; ")
            + (problems.count > 3 ? "; and \(problems.count - 3) more" : "")
        return WholesaleError(kind: .validation, operation: operation.rawValue, message: "invalid request, not sent: " + summary, problems: problems)
    }

    /// The response body as a model, or an error naming what came back.
    func decode<T: JSONObjectModel>(_ exchange: APIExchange, _ operation: Operation) throws(WholesaleError) -> T {
        guard let model = T(try Self.body(of: exchange, operation.rawValue)) else {
            throw Self.unreadable(exchange, operation.rawValue, "the response body is JSON but not an object")
        }
        return model
    }

    /// The response body as JSON, or an error of the operation saying why it cannot be read
    /// (never a stand-in value: a run must not go on from data it could not read).
    static func body(of exchange: APIExchange, _ operation: String) throws(WholesaleError) -> JSONValue {
        do {
            return try JSONValue(json: exchange.response.body)
        } catch {
            let what = exchange.response.body.isEmpty ? "the response body is empty" : "the response body is not valid JSON (\(error))"
            throw unreadable(exchange, operation, what)
        }
    }

    /// An answer that came but cannot be used: kind `http`, with status and tracking id; a
    /// later try may get a whole answer.
    static func unreadable(_ exchange: APIExchange, _ operation: String, _ what: String) -> WholesaleError {
        WholesaleError(kind: .http, operation: operation, message: what + "; nothing was read from it",
                       status: exchange.response.status, trackingId: exchange.trackingId, retryable: true, attempts: exchange.attempts)
    }

    /// The location a 202 points at.
    func location(_ exchange: APIExchange, _ operation: Operation) throws(WholesaleError) -> ResourceLocation {
        guard let location = ResourceLocation(body: exchange.response.body, location: exchange.response.header("Location")) else {
            throw Self.unreadable(exchange, operation.rawValue, "the answer names no customer URL (neither a url in the body nor a Location header)")
        }
        return location
    }
}
