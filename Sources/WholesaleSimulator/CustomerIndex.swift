/// The customers' lookups and list orders, kept up to date record by record: externalId per
/// owner (the duplicate check and a find), orgId, and each owner's customers in creation order,
/// all of them and by status (a list page is a slice, whatever the state's size).
struct CustomerIndex: RecordIndex {
    /// An owner's externalId.
    struct OwnedKey: Hashable, Sendable {
        var owner: String
        var externalId: String
    }

    /// An owner's customers in creation order: all, and by status.
    struct Orders: Sendable {
        var all = SequenceOrder()
        var byStatus: [String: SequenceOrder] = [:]
    }

    private(set) var byExternalId: [OwnedKey: IdGroup] = [:]
    private(set) var byOrgId: [String: IdGroup] = [:]
    private(set) var orders: [String: Orders] = [:]
    /// The customer of each sequence number (orders hold sequences).
    private(set) var idBySequence: [Int: String] = [:]

    init() {}

    mutating func update(_ id: String, from old: CustomerRecord?, to new: CustomerRecord?) {
        if let old, old.owner != new?.owner || old.externalId != new?.externalId {
            byExternalId.remove(id, at: OwnedKey(owner: old.owner, externalId: old.externalId))
        }
        if let new, new.owner != old?.owner || new.externalId != old?.externalId {
            byExternalId.add(id, at: OwnedKey(owner: new.owner, externalId: new.externalId))
        }
        if let old, old.orgId != new?.orgId { byOrgId.remove(id, at: old.orgId) }
        if let new, new.orgId != old?.orgId { byOrgId.add(id, at: new.orgId) }
        if let old, old.owner != new?.owner || old.status != new?.status || old.sequence != new?.sequence {
            orders[old.owner]?.byStatus[old.status]?.remove(old.sequence)
            if old.owner != new?.owner || old.sequence != new?.sequence {
                orders[old.owner]?.all.remove(old.sequence)
                if idBySequence[old.sequence] == id { idBySequence[old.sequence] = nil }
            }
        }
        if let new, new.owner != old?.owner || new.status != old?.status || new.sequence != old?.sequence {
            orders[new.owner, default: Orders()].byStatus[new.status, default: SequenceOrder()].insert(new.sequence)
            if new.owner != old?.owner || new.sequence != old?.sequence {
                orders[new.owner, default: Orders()].all.insert(new.sequence)
                idBySequence[new.sequence] = id
            }
        }
    }

    /// The ids of `owner`'s customers with `externalId`.
    func ids(owner: String, externalId: String) -> [String] { byExternalId.ids(at: OwnedKey(owner: owner, externalId: externalId)) }

    /// The ids of the customers with organisation `orgId`.
    func ids(orgId: String) -> [String] { byOrgId.ids(at: orgId) }

    /// `owner`'s customers in creation order, all of them or those with one of `statuses`.
    func orders(owner: String, statuses: Set<String>?) -> [SequenceOrder] {
        guard let owned = orders[owner] else { return [] }
        guard let statuses else { return [owned.all] }
        return statuses.compactMap { owned.byStatus[$0] }
    }

    /// The customer created with `sequence`.
    func id(sequence: Int) -> String? { idBySequence[sequence] }
}
