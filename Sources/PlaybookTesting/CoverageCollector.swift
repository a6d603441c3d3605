import Synchronization

/// How often each line of the playbooks run by specs ran, summed over every run of every test
/// (`wholesale test --coverage`).
package final class CoverageCollector: Sendable {
    private let counts = Mutex<[String: [Int: Int]]>([:])

    /// An empty collector.
    package init() {}

    /// Adds one run's counts, by source as Lua names it.
    func merge(_ run: [String: [Int: Int]]) {
        counts.withLock { counts in
            for (source, lines) in run {
                counts[source, default: [:]].merge(lines, uniquingKeysWith: +)
            }
        }
    }

    /// Every count so far.
    var all: [String: [Int: Int]] { counts.withLock { $0 } }
}
