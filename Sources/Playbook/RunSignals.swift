import Dispatch
import Foundation
import LuaRuntime
import Synchronization

/// SIGINT and SIGTERM during a run: no new API request is sent from the first signal on, the
/// calls in flight get up to `grace` seconds to finish (whatever is left is journaled as sent,
/// an unknown outcome the next run looks up), then the Lua code is stopped.
final class RunSignals {
    /// The first signal caught, shared with the handlers.
    final class Caught: Sendable {
        let value = Mutex<Int32?>(nil)
    }

    /// The first signal caught, readable from any thread.
    let received = Caught()
    private let sources: [any DispatchSourceSignal]
    /// How long calls in flight may take to finish.
    static let grace = 15.0

    /// Starts watching; the first signal is logged with `logger`, later ones are ignored.
    init(session: APISession, interrupter: LuaInterrupter, logger: @escaping @Sendable (String) -> Void) {
        let received = self.received
        let queue = DispatchQueue(label: "wholesale.signals")
        sources = [SIGINT, SIGTERM].map { number in
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let first = received.value.withLock { value -> Bool in
                    guard value == nil else { return false }
                    value = number
                    return true
                }
                guard first else { return }
                let name = number == SIGINT ? "SIGINT" : "SIGTERM"
                session.stop(name)
                logger("stopping on \(name): no new requests; \(session.callsInFlight) in flight may finish")
                queue.async {
                    let deadline = Date().addingTimeInterval(Self.grace)
                    while session.callsInFlight > 0, Date() < deadline { usleep(20_000) }
                    interrupter.interrupt()
                }
            }
            source.resume()
            return source
        }
    }

    /// The signal that stopped the run, if one did.
    var caught: Int32? { received.value.withLock { $0 } }

    /// How a run stopped by `signal` ended.
    static func outcome(of signal: Int32) -> PlaybookOutcome {
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        return PlaybookOutcome(
            signal == SIGINT ? .interrupted : .terminated,
            "wholesale: stopped by \(name); calls in flight had up to \(Int(grace)) s to finish "
                + "(run it again to go on: creates whose answer was lost are looked up first, so nothing is done twice)")
    }

    /// Stops watching and restores the default actions.
    func cancel() {
        for source in sources { source.cancel() }
        Foundation.signal(SIGINT, SIG_DFL)
        Foundation.signal(SIGTERM, SIG_DFL)
    }
}
