import Foundation
import LuaRuntime
import PlaybookAPI
import WholesaleAPI
import Synchronization
import UnixSignals

/// SIGINT and SIGTERM during a run: no new API request is sent from the first signal on, the
/// calls in flight get up to `grace` seconds to finish (whatever is left is journaled as sent,
/// an unknown outcome the next run looks up), then the Lua code is stopped. The signals arrive
/// through swift-service-lifecycle's `UnixSignalsSequence`; the grace period ends early when
/// the last call in flight ends (`APISession.drained`), not on a poll.
final class RunSignals {
    /// The first signal caught, shared with the watcher.
    final class Caught: Sendable {
        let value = Mutex<Int32?>(nil)
    }

    /// The first signal caught, readable from any thread.
    let received: Caught
    private let watcher: Task<Void, Never>
    /// How long calls in flight may take to finish.
    static let grace = 15.0

    /// Starts watching; the first signal is logged with `logger`, later ones are ignored.
    init(session: APISession, interrupter: LuaInterrupter, logger: @escaping @Sendable (String) -> Void) {
        let received = Caught()
        self.received = received
        // Registered before the playbook runs, so no signal is lost in between (this is the VM's
        // thread, before the VM runs: not a task, where waiting is allowed).
        let signals = Blocking.run { await UnixSignalsSequence(trapping: .sigint, .sigterm) }
        watcher = Self.start(signals: signals, received: received, session: session, interrupter: interrupter, logger: logger)
    }

    /// The task that watches for signals.
    private static func start(
        signals: UnixSignalsSequence, received: Caught, session: APISession, interrupter: LuaInterrupter,
        logger: @escaping @Sendable (String) -> Void
    ) -> Task<Void, Never> {
        Task { await watch(signals: signals, received: received, session: session, interrupter: interrupter, logger: logger) }
    }

    /// Waits for signals until cancelled; acts on the first.
    private static func watch(
        signals: UnixSignalsSequence, received: Caught, session: APISession, interrupter: LuaInterrupter,
        logger: @escaping @Sendable (String) -> Void
    ) async {
        for await signal in signals {
            let number = signal == .sigint ? SIGINT : SIGTERM
            let first = received.value.withLock { value -> Bool in
                guard value == nil else { return false }
                value = number
                return true
            }
            guard first else { continue }
            let name = number == SIGINT ? "SIGINT" : "SIGTERM"
            session.stop(name)
            logger("stopping on \(name): no new requests; \(session.callsInFlight) in flight may finish")
            await session.drained(within: grace)
            if !Task.isCancelled { interrupter.interrupt() }
        }
    }

    /// The signal that stopped the run, if one did.
    var caught: Int32? { received.value.withLock { $0 } }

    /// Stops watching and restores the default actions.
    func cancel() {
        watcher.cancel()
        Foundation.signal(SIGINT, SIG_DFL)
        Foundation.signal(SIGTERM, SIG_DFL)
    }
}
