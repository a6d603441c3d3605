/// The subscribers' lookups, kept up to date record by record: by email (one user per email,
/// compared without case) and by customer (a list's filter, and the subscribers that go with a
/// removed customer).
struct SubscriberIndex: RecordIndex {
    private(set) var byEmail: [String: IdGroup] = [:]
    private(set) var byCustomer: [String: IdGroup] = [:]

    init() {}

    mutating func update(_ id: String, from old: SubscriberRecord?, to new: SubscriberRecord?) {
        let oldEmail = old?.email.lowercased(), newEmail = new?.email.lowercased()
        if let oldEmail, oldEmail != newEmail { byEmail.remove(id, at: oldEmail) }
        if let newEmail, newEmail != oldEmail { byEmail.add(id, at: newEmail) }
        if let old, old.customerId != new?.customerId { byCustomer.remove(id, at: old.customerId) }
        if let new, new.customerId != old?.customerId { byCustomer.add(id, at: new.customerId) }
    }

    /// The ids of the subscribers with `email`, whatever its case.
    func ids(email: String) -> [String] { byEmail.ids(at: email.lowercased()) }

    /// The ids of `customerId`'s subscribers.
    func ids(customerId: String) -> [String] { byCustomer.ids(at: customerId) }
}
