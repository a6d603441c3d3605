/// The ids an index key leads to: nearly always one (an externalId per owner, an email), kept
/// without a set of its own; several when records share a key, none of them lost.
enum IdGroup: Sendable {
    case one(String)
    case many(Set<String>)

    /// The ids, in no order.
    var ids: [String] {
        switch self {
        case .one(let id): return [id]
        case .many(let ids): return Array(ids)
        }
    }
}

extension Dictionary where Value == IdGroup {
    /// Adds `id` under `key`.
    mutating func add(_ id: String, at key: Key) {
        switch self[key] {
        case nil: self[key] = .one(id)
        case .one(let other) where other != id: self[key] = .many([other, id])
        case .one: break
        case .many(var ids):
            ids.insert(id)
            self[key] = .many(ids)
        }
    }

    /// Removes `id` from under `key`.
    mutating func remove(_ id: String, at key: Key) {
        switch self[key] {
        case .one(let other) where other == id: self[key] = nil
        case .many(var ids):
            ids.remove(id)
            self[key] = ids.count == 1 ? .one(ids.first!) : .many(ids)
        default: break
        }
    }

    /// The ids under `key` (none when absent).
    func ids(at key: Key) -> [String] { self[key]?.ids ?? [] }
}
