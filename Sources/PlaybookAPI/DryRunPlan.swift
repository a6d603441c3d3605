package import JSONValues
package import Synchronization
package import WholesaleAPI

/// The changes a `--dry-run` would have made: every mutating call, validated and recorded in
/// order instead of being sent, with the stand-in resources it answered so the playbook could
/// carry on (`wait` and `get` on a planned id answer from here, not from the API).
package final class DryRunPlan: Sendable {
    /// One planned call.
    package struct Entry: Sendable {
        /// The operation (a change: `Operation.isChange`).
        package let operation: WholesaleAPI.Operation
        /// The id in its path, for the operations that name one.
        package let id: String?
        /// What it acts on: an id, an externalId or an email.
        package let resource: String
        /// The sub-partner it acts for, if any.
        package let onBehalfOf: String?
        /// The body it would have sent.
        package let body: JSONValue?
        /// The resource as the target has it now, for an update or a removal (fetched with a
        /// GET, which a dry run sends): the plan shows what changes from what.
        package var before: JSONValue? = nil
    }

    private struct State {
        var entries: [Entry] = []
        /// Local files the run wrote beside the real ones: (the real path as named, the path written).
        var files: [(named: String, written: String)] = []
        var standIns: [String: JSONValue] = [:]
        var counter = 0
    }

    private let state = Mutex(State())

    /// Records a call.
    package func record(_ entry: Entry) {
        precondition(entry.operation.isChange, "\(entry.operation.rawValue) is not a change: it is sent, not planned")
        state.withLock { $0.entries.append(entry) }
    }

    /// A new stand-in id for a resource the plan would create: `dry-run:customer:1`.
    func newID(_ type: String) -> String {
        state.withLock {
            $0.counter += 1
            return "dry-run:\(type):\($0.counter)"
        }
    }

    /// Keeps the stand-in resource answered for `id`.
    package func keep(_ resource: JSONValue, for id: String) {
        state.withLock { $0.standIns[id] = resource }
    }

    /// The stand-in resource of a planned id, if it is one.
    func standIn(_ id: String) -> JSONValue? {
        state.withLock { $0.standIns[id] }
    }

    /// Notes that a local write of `named` went to `written` instead (the real file is left as it was).
    package func noteFile(_ named: String, writtenTo written: String) {
        state.withLock { state in
            if !state.files.contains(where: { $0.named == named }) { state.files.append((named, written)) }
        }
    }

    /// The local files written beside the real ones, in order.
    package var files: [(named: String, written: String)] { state.withLock { $0.files } }

    /// The planned calls, in order.
    var entries: [Entry] { state.withLock { $0.entries } }

    /// The plan as JSON: `{"dryRun": true, "changes": [{operation, request, resource, onBehalfOf, body}]}`.
    package var json: JSONValue {
        .object([
            "dryRun": true,
            "changes": .array(entries.map { entry in
                var object: [String: JSONValue] = [
                    "operation": .string(entry.operation.rawValue), "request": .string(entry.request), "resource": .string(entry.resource),
                ]
                if let onBehalfOf = entry.onBehalfOf { object["onBehalfOf"] = .string(onBehalfOf) }
                if let body = entry.body { object["body"] = body }
                return .object(object)
            }),
            "files": .array(files.map { .object(["path": .string($0.named), "writtenTo": .string($0.written)]) }),
        ])
    }

    /// The plan for a person: a heading, then one line per change with its key fields.
    package var text: String {
        let entries = entries
        var lines = [entries.isEmpty ? "dry run: no changes planned" : "dry run: \(entries.count) change\(entries.count == 1 ? "" : "s") planned, none sent:"]
        for (i, entry) in entries.enumerated() {
            var line = "  \(i + 1). \(entry.operation.rawValue) \(entry.resource)"
            let keys = Self.keyFields(entry.body, before: entry.before)
            if !keys.isEmpty { line += " " + keys }
            if let onBehalfOf = entry.onBehalfOf { line += " onBehalfOf=\(onBehalfOf)" }
            lines.append(line)
        }
        for file in files {
            lines.append("dry run: \(file.named) was left as it was; the run wrote \(file.written)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `packages=webex_calling,webex_meetings country=US` from a body's telling fields; with the
    /// resource as it was, its `externalId` (or `email`), its `status` for a removal, and the
    /// packages before and after an update (`packages=webex_meetings → webex_calling`).
    private static func keyFields(_ body: JSONValue?, before: JSONValue?) -> String {
        var parts: [String] = []
        if let before {
            if let externalId = before["externalId"]?.stringValue {
                parts.append("externalId=\(externalId)")
            } else if let email = before["email"]?.stringValue {
                parts.append("email=\(email)")
            }
            if body == nil, let status = before["status"]?.stringValue { parts.append("status=\(status)") }
        }
        guard let body else { return parts.joined(separator: " ") }
        if let after = packageNames(body) {
            let was = before.flatMap(packageNames)
            let list = after.joined(separator: ",")
            switch was {
            case nil: parts.append("packages=" + list)
            case after?: parts.append("packages=\(list) (unchanged)")
            case let was?: parts.append("packages=\(was.joined(separator: ",")) → \(list)")
            }
        }
        if let country = body["address"]?["country"]?.stringValue { parts.append("country=\(country)") }
        if let start = body["billingStartDate"]?.stringValue, let end = body["billingEndDate"]?.stringValue {
            parts.append("period=\(start)..\(end)")
        }
        return parts.joined(separator: " ")
    }

    /// The packages a body or resource names: `packages`, else the deprecated single `package`.
    private static func packageNames(_ value: JSONValue) -> [String]? {
        if let list = value["packages"]?.arrayValue { return list.compactMap(\.stringValue) }
        return value["package"]?.stringValue.map { [$0] }
    }
}

extension DryRunPlan.Entry {
    /// The request it would have sent: `POST /v1/wholesale/customers`.
    package var request: String { "\(operation.method.rawValue) /v1\(operation.path(id: id))" }
}
