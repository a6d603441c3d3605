package import WholesaleAPI

/// How a run stands in the journal (`runs.state`).
package enum RunState: String, Sendable, CaseIterable {
    /// Started and not ended: going on now, or its process died (the next run of the playbook
    /// finds out, holding the lock, and marks it `interrupted`).
    case running
    /// Ended; the exit code says how.
    case finished
    /// Its process died before it ended.
    case interrupted
}

/// How a journaled API call stands (`calls.outcome`).
package enum CallState: String, Sendable, CaseIterable {
    /// A change written before it was sent, with no answer yet.
    case sent
    /// The API answered with success.
    case ok
    /// It failed, and nothing was changed.
    case failed
    /// It may or may not have been applied (the answer was lost): the next run looks it up.
    case unknown
    /// Its answer was lost, and a lookup found the resource.
    case reconciled

    /// How a call that ended is journaled.
    package init(_ result: CallOutcome.Result) {
        switch result {
        case .ok: self = .ok
        case .failed: self = .failed
        case .unknown: self = .unknown
        case .reconciled: self = .reconciled
        }
    }

    /// The states `history` counts as not known: the answer was lost, or none was recorded.
    static let unsettled: [CallState] = [.unknown, .sent]
}

/// SQL text for the journal's queries, made from the types so no state or operation is
/// spelt twice.
enum JournalSQL {
    /// `'a', 'b'`: values for an `IN (...)` list (they are our own names, never quotes).
    static func list<T: RawRepresentable>(_ values: [T]) -> String where T.RawValue == String {
        values.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// The operations that change something (`Operation.isChange`), for `operation IN (...)`.
    static let changes = list(WholesaleAPI.Operation.allCases.filter(\.isChange))
}
