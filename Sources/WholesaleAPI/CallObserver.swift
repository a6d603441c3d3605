import Foundation
import JSONValues

/// Something that keeps a record of every call a client makes (the run journal): told before a
/// call that changes something is first sent, and once about every call when it has ended.
public protocol CallObserver: Sendable {
    /// A call that changes something is about to be sent for the first time; the returned
    /// handle is passed back with its outcome. Never told about reads or prechecks. When it
    /// throws, the call is not sent: a change that cannot be recorded first is not made.
    func willSend(_ call: CallIntent) async throws(WholesaleError) -> Int64?
    /// A call ended: with the handle `willSend` returned (nil for reads and prechecks).
    func finished(_ handle: Int64?, _ call: CallIntent, _ outcome: CallOutcome)
}

/// What a call is about, known before it is sent; never a token.
public struct CallIntent: Sendable {
    /// `customers.provision`.
    public let operation: String
    /// `POST`.
    public let method: String
    /// The path below the base URL, without the query: `/v1/wholesale/customers`.
    public let path: String
    /// The id in the path, if any.
    public let resourceId: String?
    /// The body's `externalId`, if any.
    public let externalId: String?
    /// The body's `email`, if any.
    public let email: String?
    /// `onBehalfOfSubPartnerOrgId`, if any.
    public let onBehalfOf: String?
}

/// How a call ended.
public struct CallOutcome: Sendable {
    /// How it ended.
    public enum Result: String, Sendable {
        /// The API answered with success.
        case ok
        /// It failed, and nothing was changed.
        case failed
        /// It may or may not have been applied (the answer was lost).
        case unknown
        /// The answer was lost, and a lookup found the resource.
        case reconciled
    }

    /// How it ended.
    public let result: Result
    /// The final HTTP status, when the API answered.
    public let status: Int?
    /// The Webex error codes.
    public let codes: [Int]
    /// The tracking id support needs.
    public let trackingId: String?
    /// How many times it was sent.
    public let attempts: Int
    /// From the first send to the end, in seconds.
    public let seconds: Double
    /// The id of the resource the answer named (a new customer's id), if any.
    public let resourceId: String?
    /// The error's one line, when it failed.
    public let message: String?
}

extension CallIntent {
    /// The intent of `call`, sent to `url` below `baseURL`.
    init(_ call: APICall, url: String, baseURL: String) {
        operation = call.operation.rawValue
        method = call.operation.method.rawValue
        let full = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        path = full.hasPrefix(baseURL) ? String(full.dropFirst(baseURL.count)) : (URLComponents(string: full)?.path ?? full)
        resourceId = call.id
        externalId = call.body?["externalId"]?.stringValue
        email = call.body?["email"]?.stringValue
        onBehalfOf = call.query.first { $0.name == "onBehalfOfSubPartnerOrgId" }?.value
    }
}

extension CallOutcome {
    /// The outcome of an exchange that succeeded. Only a change's answer is read for the id it
    /// names (reads, pages of a list above all, are not decoded twice).
    init(_ exchange: APIExchange, method: HTTPMethod, seconds: Double) {
        result = exchange.reconciled ? .reconciled : .ok
        status = exchange.response.status
        codes = []
        trackingId = exchange.trackingId
        attempts = exchange.attempts
        self.seconds = seconds
        if method == .GET {
            resourceId = nil
        } else {
            let body = try? JSONValue(json: exchange.response.body)
            let url = body?["url"]?.stringValue ?? exchange.response.header("Location")
            resourceId = body?["id"]?.stringValue ?? url.flatMap { $0.split(separator: "/").last.map(String.init) }
        }
        message = nil
    }

    /// The outcome of a call that threw `error`.
    init(_ error: WholesaleError, method: HTTPMethod, seconds: Double) {
        let lost = error.mayHaveApplied || ((error.kind == .network || error.kind == .timeout) && method != .GET && error.attempts > 0)
        result = lost ? .unknown : .failed
        status = error.status
        codes = error.codes
        trackingId = error.trackingId
        attempts = error.attempts
        self.seconds = seconds
        resourceId = nil
        message = error.description
    }
}
