import HeapModule

/// A record the simulator keeps by id, whose background work is a schedule of transitions.
protocol ScheduledRecord: Codable, Sendable {
    var id: String { get }
    var schedule: [Transition] { get }
}

extension CustomerRecord: ScheduledRecord {}
extension SubscriberRecord: ScheduledRecord {}
extension ReportRecord: ScheduledRecord {}

/// What a table keeps beside its records (lookups, list orders), brought up to date on every
/// change so no request has to walk the whole table.
protocol RecordIndex: Sendable {
    associatedtype Record: ScheduledRecord
    init()
    /// Takes in the change of record `id` from `old` to `new` (`nil`: absent).
    mutating func update(_ id: String, from old: Record?, to new: Record?)
}

/// Records by id with an index kept up to date as they change, and a priority queue of the
/// times their next transitions fall due, so finding due work costs what is due, not the
/// table's size. The index and the queue are derived: rebuilt when a table is decoded or
/// loaded, never stored.
struct RecordTable<Index: RecordIndex>: Sendable {
    typealias Record = Index.Record

    private(set) var records: [String: Record] = [:]
    /// Lookups and orders over `records`.
    private(set) var index = Index()
    /// When each record's next transition falls due. Entries are not removed when a schedule
    /// changes: an entry whose record has moved on is dropped when it comes up.
    private var due = Heap<DueWork>()

    init() {}

    /// The record with `id`; setting it (or `nil`) updates the index and the due queue.
    subscript(id: String) -> Record? {
        get { records[id] }
        set {
            let old = newValue.map { records.updateValue($0, forKey: id) } ?? records.removeValue(forKey: id)
            index.update(id, from: old, to: newValue)
            if let at = newValue?.schedule.first?.at, at != old?.schedule.first?.at {
                due.insert(DueWork(at: at, id: id))
            }
        }
    }

    /// Removes and returns the ids whose next transition may have fallen due by `now`, earliest
    /// first (a record whose schedule changed since is among them; advancing it finds nothing).
    mutating func takeDue(by now: Double) -> [String] {
        var ids: [String] = []
        while let next = due.min, next.at <= now {
            _ = due.removeMin()
            ids.append(next.id)
        }
        return ids
    }

    /// Every record.
    var values: Dictionary<String, Record>.Values { records.values }
    /// Every id.
    var keys: Dictionary<String, Record>.Keys { records.keys }
    /// How many records there are.
    var count: Int { records.count }
}

extension RecordTable: Sequence {
    /// The `(key: id, value: record)` pairs, in no order.
    func makeIterator() -> Dictionary<String, Record>.Iterator { records.makeIterator() }
}

extension RecordTable: Codable {
    /// Decodes the records as an object by id, and builds the index and the queue.
    init(from decoder: any Decoder) throws {
        self.init()
        for (id, record) in try [String: Record](from: decoder) { self[id] = record }
    }

    /// Encodes the records as an object by id (the index and the queue are derived).
    func encode(to encoder: any Encoder) throws { try records.encode(to: encoder) }
}

/// A record's next transition: when, and whose.
struct DueWork: Comparable, Sendable {
    var at: Double
    var id: String

    static func < (a: DueWork, b: DueWork) -> Bool { a.at != b.at ? a.at < b.at : a.id < b.id }
}

/// No index: a table looked up by id only.
struct NoIndex<Record: ScheduledRecord>: RecordIndex {
    init() {}
    mutating func update(_ id: String, from old: Record?, to new: Record?) {}
}
