import Foundation
@testable import RunJournal
import Synchronization
import Testing
@testable import WholesaleAPI

@Suite struct GroupCommitTests {
    /// Records each batch it is asked to write; the first write waits until `open` is called.
    final class Writer: Sendable {
        let batches = Mutex<[[Int]]>([])
        private let gate = Mutex<(open: Bool, waiting: CheckedContinuation<Void, Never>?)>((false, nil))
        let failing: Bool

        init(failing: Bool = false) { self.failing = failing }

        func write(_ items: [Int]) async throws(JournalError) -> [String] {
            batches.withLock { $0.append(items) }
            await withCheckedContinuation { continuation in
                let open = gate.withLock { gate in
                    if !gate.open { gate.waiting = continuation }
                    return gate.open
                }
                if open { continuation.resume() }
            }
            if failing { throw JournalError("the database went away") }
            return items.map { "written \($0)" }
        }

        /// Lets the held write end, and every later one pass.
        func open() {
            let held = gate.withLock { gate in
                gate.open = true
                defer { gate.waiting = nil }
                return gate.waiting
            }
            held?.resume()
        }
    }

    @Test func callersThatComeDuringAWriteAreWrittenTogetherAndEachGetsItsOwnResult() async throws {
        let writer = Writer()
        let commit = GroupCommit<Int, String> { items throws(JournalError) in try await writer.write(items) }
        async let first = commit.submit(0)
        // The first write is in flight (held); nine more callers come meanwhile and wait.
        while writer.batches.withLock({ $0.isEmpty }) { await Task.yield() }
        let others = Task {
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for item in 1...9 { group.addTask { (item, try await commit.submit(item)) } }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
        }
        while commit.waitingCount < 9 { await Task.yield() }
        writer.open()
        #expect(try await first == "written 0")
        #expect(try await others.value == Dictionary(uniqueKeysWithValues: (1...9).map { ($0, "written \($0)") }))
        let batches = writer.batches.withLock { $0 }
        #expect(batches.count == 2 && batches[0] == [0] && batches[1].sorted() == Array(1...9), "\(batches)")
    }

    @Test func aFailedWriteFailsEveryCallerInItAndTheNextCallerWritesAfresh() async throws {
        let writer = Writer(failing: true)
        let commit = GroupCommit<Int, String> { items throws(JournalError) in try await writer.write(items) }
        writer.open()
        await #expect(throws: JournalError.self) { try await commit.submit(1) }
        // The turn was ended: a later caller leads a write of its own rather than waiting forever.
        await #expect(throws: JournalError.self) { try await commit.submit(2) }
        #expect(writer.batches.withLock { $0 } == [[1], [2]])
    }

    /// A SQLite journal in a new folder (the caller removes it) with the run `run-1` started.
    static func journalOfOneRun() throws -> (Journal, folder: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let journal = try Journal(path: folder + "/journal.sqlite")
        try journal.start(RunStart(id: "run-1", playbook: folder + "/p.lua", sha256: "", arguments: "{}", target: "sim", dryRun: false))
        return (journal, folder)
    }

    @Test func changesSentTogetherEachGetTheRowOfTheirOwnCall() async throws {
        let (journal, folder) = try Self.journalOfOneRun()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recorder = CallRecorder(journal: journal, run: "run-1")
        func intent(_ n: Int) -> CallIntent {
            CallIntent(
                operation: "customers.provision", method: "POST", path: "/v1/wholesale/customers", resourceId: nil,
                externalId: "ext-\(n)", email: nil, onBehalfOf: nil)
        }
        // Sixty-four changes at once; each ends naming the customer made for its externalId.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<64 {
                group.addTask {
                    let handle = try await recorder.willSend(intent(n))
                    recorder.finished(handle, intent(n), CallOutcome(
                        result: .ok, status: 202, codes: [], trackingId: nil, attempts: 1, seconds: 0.01, resourceId: "cust-\(n)", message: nil))
                }
            }
            try await group.waitForAll()
        }
        recorder.flush()
        let rows = try journal.read("SELECT external_id, resource_id, outcome FROM calls ORDER BY id")
        #expect(rows.count == 64)
        #expect(rows.allSatisfy { $0.text("external_id")?.dropFirst(4) == $0.text("resource_id")?.dropFirst(5) && $0.text("outcome") == "ok" },
                "\(rows.map(\.values))")
    }

    @Test func moreChangesTogetherThanOneStatementTakesAreInsertedInSeveralAndMatched() async throws {
        let (journal, folder) = try Self.journalOfOneRun()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Eighteen statements in one transaction, each call matched to its own row. (The limit
        // the chunks keep under is PostgreSQL's 65,535 values per statement; Debian's SQLite
        // takes more than this test sends in one.)
        let count = 3_500
        let rows: [[SQLValue]] = (0..<count).map { n in
            ["run-1", "customers.provision", "POST", "/v1/wholesale/customers", .text(nil), SQLValue("ext-\(n)"), .text(nil), .text(nil), "sent",
             "2026-12-02T00:00:00Z"]
        }
        let ids = try await CallRecorder.insertSent(rows, into: journal)
        let stored = try journal.read("SELECT id, external_id FROM calls")
        let byId = Dictionary(uniqueKeysWithValues: stored.compactMap { row in row.int("id").map { (Int64($0), row.text("external_id")) } })
        #expect(ids.count == count && Set(ids).count == count)
        #expect(ids.enumerated().allSatisfy { byId[$1] == "ext-\($0)" })
    }
}
