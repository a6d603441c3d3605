package import FailureKinds
import Foundation
package import LuaRuntime
package import RunJournal
package import WholesaleAPI

/// Why a command did not succeed. This file is the one place that decides which exit code a
/// failure gets (`exitStatus`) and what it prints on stderr and leaves in the journal
/// (`report`); commands and the run only say which failure happened.
package enum Failure: Error, Sendable {
    /// Something the command was given cannot be used at run time: a file that cannot be read
    /// or written, a value in it, a port in use. The message says what and what to do.
    case unusable(String)
    /// The journal cannot be opened, read or written.
    case journal(JournalError)
    /// There is no run with this id (or prefix) in the journal.
    case noSuchRun(String, journal: String)
    /// The run's target could not be set up: its URL, its credentials, the token endpoint.
    case target(WholesaleError)
    /// Another run of the playbook holds its lock.
    case locked(playbook: String, holder: String)
    /// The playbook's Lua code ended with an error: a compile error, an uncaught error, a limit,
    /// an interrupt.
    case script(LuaError)
    /// SIGINT or SIGTERM stopped the run (after the calls in flight had their grace period).
    case signal(Int32)
    /// A run under test was killed as by SIGKILL (`kill_at`) after `request` requests.
    case killed(request: Int)
    /// The host ended a run whose Lua code could not be interrupted (follows the reason).
    case uninterruptible(grace: Double)
    /// A check found problems in what it checked (`validate`, `auth check`, `sim scenario
    /// check`): the command has printed them, or `details` lists them.
    case problemsFound(details: String?)
    /// `wholesale check` found errors in a playbook; it has printed them.
    case playbookInvalid
    /// `wholesale test`: a test failed (or a spec could not be compiled); the report is printed.
    case specsFailed(compileError: Bool)
    /// A call a command made to the API failed (`sim snapshot`'s lists).
    case request(WholesaleError)
    /// The command line itself is wrong: argument-parser's message with the usage text.
    case commandLine(String)

    /// The exit code of a command that ends with this failure.
    package var exitStatus: ExitStatus {
        switch self {
        case .journal(let error): return error.unreachable ? .temporaryFailure : .usage
        case .unusable, .noSuchRun, .playbookInvalid, .commandLine: return .usage
        case .specsFailed(let compileError): return compileError ? .usage : .failed
        case .request(let error):
            if error.kind == .usage { return .usage }
            return error.kind.mayPassLater && error.retryable ? .temporaryFailure : .failed
        case .target(let error): return error.mayPassLater ? .temporaryFailure : .usage
        case .locked: return .locked
        case .signal(let signal): return signal == SIGINT ? .interrupted : .terminated
        case .uninterruptible: return .limit
        case .killed: return .killed
        case .problemsFound: return .failed
        case .script(let error):
            switch error.kind {
            case .syntax, .io: return .usage
            case .timeLimit, .memoryLimit: return .limit
            case .interrupted: return .interrupted
            case .runtime: return Self.raised(error).mayPassLater ? .temporaryFailure : .failed
            }
        }
    }

    /// What the failure prints on stderr and the journal keeps as the run's message; empty
    /// when the command has printed all there is to say.
    package var report: String {
        switch self {
        case .unusable(let message): return "wholesale: \(message)"
        case .journal(let error): return "wholesale: \(error)" + (error.unreachable ? "; \(error.advice)" : "")
        case .noSuchRun(let run, let journal): return "wholesale: no run \(run) in \(journal) (see `wholesale history`)"
        case .target(let error): return "wholesale: \(error)"
        case .locked(let playbook, let holder):
            return "wholesale: another run of \(playbook) holds its lock (\(holder)); "
                + "wait for it with --wait-lock SECONDS, or see it with `wholesale history`"
        case .signal(let signal):
            return "wholesale: stopped by \(signal == SIGINT ? "SIGINT" : "SIGTERM"); calls in flight had up to \(Int(RunSignals.grace)) s to finish "
                + "(run it again to go on: creates whose answer was lost are looked up first, so nothing is done twice)"
        case .uninterruptible(let grace):
            return "wholesale: the host ended the run: its Lua code could not be interrupted for \(Int(grace)) s "
                + "(C code such as string.find with a pathological pattern runs until it returns)"
        case .problemsFound(let details): return details ?? ""
        case .killed(let request): return "wholesale: killed after request \(request) reached the simulator (kill_at): nothing more was journaled"
        case .playbookInvalid, .specsFailed: return ""
        case .request(let error): return "wholesale: \(error)"
        case .commandLine(let message): return message
        case .script(let error):
            switch error.kind {
            case .syntax:
                // A keyword used as a field name is the first syntax error many partners meet.
                if let keyword = ["until", "end", "repeat", "function", "local", "then", "in"].first(where: { error.message.hasSuffix("near '\($0)'") }) {
                    return error.message + " ('\(keyword)' is a Lua keyword: as a field name write [\"\(keyword)\"] = ... or opts[\"\(keyword)\"])"
                }
                return error.message
            case .io: return "wholesale: \(error.message)"
            case .timeLimit:
                return "wholesale: limit: \(error.message): the playbook ran longer than --timeout allows (raise it, or pass --timeout 0 for no limit)"
            case .memoryLimit:
                return "wholesale: limit: \(error.message): the playbook's Lua data grew past --max-memory (raise it, or process rows as they come instead of keeping them)"
            case .interrupted: return "wholesale: \(error.message)"
            case .runtime:
                let raised = Self.raised(error)
                if raised.kind == .fail { return "wholesale: playbook failed: \(error.description)" }
                let traceback = error.traceback.map { "\n" + $0 } ?? ""
                return "wholesale: playbook failed: \(error.description)\(raised.mayPassLater ? " (a temporary failure: try again later)" : "")\(traceback)"
            }
        }
    }

    /// What an uncaught error table says of itself: its kind (nil for a string or a table
    /// without a known one) and whether trying later may help (`retryable`, for the kinds
    /// that come from the API's answers).
    private static func raised(_ error: LuaError) -> (kind: FailureKind?, mayPassLater: Bool) {
        let fields = error.value?.objectValue ?? [:]
        let kind = fields["kind"]?.stringValue.flatMap(FailureKind.init(rawValue:))
        return (kind, (kind?.mayPassLater ?? false) && fields["retryable"] == .boolean(true))
    }
}

extension WholesaleError {
    /// Whether setting up the target failed in a way worth a retry from cron: an unreachable
    /// token endpoint at 3 a.m. may answer later; bad credentials will not.
    fileprivate var mayPassLater: Bool {
        kind == .network || kind == .timeout || (kind == .http && retryable)
    }
}
