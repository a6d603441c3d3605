import Foundation
import GRDB

/// Where the simulator keeps its state: in memory (gone when the process ends), or in an SQLite
/// file through GRDB, written in one transaction per request so a process killed mid-write
/// leaves the file as it was before or after that request, never in between.
public final class SimulatorStore: Sendable {
    private enum Backend {
        case memory
        case sqlite(DatabaseQueue)
    }

    private let backend: Backend
    /// The SQLite file, when there is one.
    public let path: String?

    private init(backend: Backend, path: String?) {
        self.backend = backend
        self.path = path
    }

    /// A store that keeps nothing beyond the process.
    public static func memory() -> SimulatorStore { SimulatorStore(backend: .memory, path: nil) }

    /// A store in the SQLite file at `path`, created when missing.
    ///
    /// The file is in WAL mode with `synchronous = NORMAL`: a request's transaction is appended
    /// to the write-ahead log without an fsync, so a write costs the same whatever the state's
    /// size, and a killed process still leaves every acknowledged request (only a power loss may
    /// drop the last ones, never consistency).
    public static func sqlite(path: String) throws -> SimulatorStore {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, record TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS subscribers (id TEXT PRIMARY KEY, record TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, record TEXT NOT NULL);
                """)
        }
        return SimulatorStore(backend: .sqlite(queue), path: path)
    }

    /// What the meta row holds: everything but the three record tables.
    private struct Meta: Codable {
        var partnerOrgId: String
        var partnerAdminId: String
        var templates: [String]
        var subPartners: [SubPartnerRecord]
        /// Absent in states written before scenarios existed.
        var catalogue: Catalogue?
        var nextSequence: Int
        var random: SeededGenerator
    }

    /// The saved state, or nil for a new store. Rows are read one at a time (a cursor), so a
    /// large state is not held twice, as text and as records; the indexes are built as they come.
    func load() throws -> SimulatorState? {
        guard case .sqlite(let queue) = backend else { return nil }
        return try queue.read { db in
            guard let metaText = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'state'") else { return nil }
            let decoder = JSONDecoder()
            let meta = try decoder.decode(Meta.self, from: Data(metaText.utf8))
            var state = SimulatorState(partnerOrgId: meta.partnerOrgId, partnerAdminId: meta.partnerAdminId, templates: meta.templates,
                                       catalogue: meta.catalogue ?? Catalogue(), subPartners: meta.subPartners, nextSequence: meta.nextSequence,
                                       random: meta.random)
            let customers = try String.fetchCursor(db, sql: "SELECT record FROM customers")
            while let text = try customers.next() {
                let record = try decoder.decode(CustomerRecord.self, from: Data(text.utf8))
                state.customers[record.id] = record
            }
            let subscribers = try String.fetchCursor(db, sql: "SELECT record FROM subscribers")
            while let text = try subscribers.next() {
                let record = try decoder.decode(SubscriberRecord.self, from: Data(text.utf8))
                state.subscribers[record.id] = record
            }
            let reports = try String.fetchCursor(db, sql: "SELECT record FROM reports")
            while let text = try reports.next() {
                let record = try decoder.decode(ReportRecord.self, from: Data(text.utf8))
                state.reports[record.id] = record
            }
            return state
        }
    }

    /// Writes the whole state (a new store).
    func replaceAll(with state: SimulatorState) throws {
        var changes = StateChanges()
        changes.customers = Set(state.customers.keys)
        changes.subscribers = Set(state.subscribers.keys)
        changes.reports = Set(state.reports.keys)
        changes.meta = true
        try save(changes, from: state)
    }

    /// Writes what changed, in one transaction.
    func save(_ changes: StateChanges, from state: SimulatorState) throws {
        guard case .sqlite(let queue) = backend else { return }
        let encoder = JSONEncoder()
        func text(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        try queue.write { db in
            for id in changes.customers {
                if let record = state.customers[id] {
                    try db.execute(sql: "INSERT OR REPLACE INTO customers (id, record) VALUES (?, ?)", arguments: [id, try text(record)])
                } else {
                    try db.execute(sql: "DELETE FROM customers WHERE id = ?", arguments: [id])
                }
            }
            for id in changes.subscribers {
                if let record = state.subscribers[id] {
                    try db.execute(sql: "INSERT OR REPLACE INTO subscribers (id, record) VALUES (?, ?)", arguments: [id, try text(record)])
                } else {
                    try db.execute(sql: "DELETE FROM subscribers WHERE id = ?", arguments: [id])
                }
            }
            for id in changes.reports {
                if let record = state.reports[id] {
                    try db.execute(sql: "INSERT OR REPLACE INTO reports (id, record) VALUES (?, ?)", arguments: [id, try text(record)])
                } else {
                    try db.execute(sql: "DELETE FROM reports WHERE id = ?", arguments: [id])
                }
            }
            if changes.meta {
                let meta = Meta(partnerOrgId: state.partnerOrgId, partnerAdminId: state.partnerAdminId, templates: state.templates,
                                subPartners: state.subPartners, catalogue: state.catalogue, nextSequence: state.nextSequence, random: state.random)
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('state', ?)", arguments: [try text(meta)])
            }
        }
    }
}
