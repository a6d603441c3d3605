import Foundation
import JSONValues
import Logging
import LuaRuntime
import PlaybookAPI
import PlaybookModule
import RunJournal
import WholesaleAPI

/// One run of a playbook with everything cron needs around it: the journal (the run, each API
/// call, pending work), the per-playbook lock, earlier interrupted runs marked as such, signals
/// handled gracefully, the dry-run plan, the report file, the heartbeat and the notification.
struct UnattendedRun {
    let configuration: PlaybookConfiguration
    let runID = UUID().uuidString.lowercased()
    let logger: Logger
    let playbook: String

    init(_ configuration: PlaybookConfiguration) {
        self.configuration = configuration
        var logger = Logger(label: "wholesale") { _ in
            PlaybookLogHandler(
                format: configuration.logFormat, logLevel: PlaybookRunner.loggerLevel(configuration.logLevel),
                capture: configuration.underTest?.capture)
        }
        logger[metadataKey: "run"] = .string(runID)
        self.logger = logger
        playbook = PlaybookContext.absolutePath(configuration.playbookPath)
    }

    func perform() -> PlaybookOutcome {
        let target: APITarget
        do { target = try APITarget(configuration.target) } catch { return PlaybookOutcome([.target(error)]) }
        let journal: Journal
        let lock: any HeldRunLock
        var unknown: Set<UnknownCreate> = []
        var interrupted: [String] = []
        do {
            journal = try Journal(location: configuration.journalLocation(), redactPII: configuration.unattended.redactPII)
            switch try journal.lock(playbook: playbook, run: runID, wait: configuration.unattended.waitLock) {
            case .success(let held): lock = held
            case .failure(let holder):
                return PlaybookOutcome([.locked(playbook: configuration.playbookPath, holder: holder.description)])
            }
            interrupted = try journal.markInterrupted(playbook: playbook)
            unknown = try journal.unknownCreates(playbook: playbook)
            try journal.start(RunStart(
                id: runID, playbook: playbook, sha256: Self.fingerprint(configuration.playbookPath),
                arguments: (try? LuaValue.object(configuration.arguments).jsonText()) ?? "{}", target: target.name,
                dryRun: configuration.dryRun))
        } catch {
            return PlaybookOutcome([.journal(error)])
        }
        let outcome = withExtendedLifetime(lock) { run(target: target, journal: journal, unknown: unknown, interrupted: interrupted) }
        return outcome
    }

    /// The run proper, holding the lock, journaled as `runID`.
    private func run(target: APITarget, journal: Journal, unknown: Set<UnknownCreate>, interrupted: [String]) -> PlaybookOutcome {
        let log: @Sendable (String) -> Void = { [logger] in logger.warning("\($0)") }
        RunNotifier.registerSecrets(configuration.unattended)
        let notifier = RunNotifier(options: configuration.unattended, log: log)
        Blocking.run { await notifier.started() }
        let kill = configuration.underTest?.kill
        let recorder = CallRecorder(journal: journal, run: runID) { kill?.killed ?? false }
        let (configuration, logger) = (configuration, logger)
        let opened = Blocking.run { () async -> Result<(session: APISession, shutdown: @Sendable () async -> Void), WholesaleError> in
            do throws(WholesaleError) {
                return .success(try await APISession.make(
                    target: target, simulatorSettings: configuration.simulator, tokenFile: configuration.tokenFile,
                    dryRun: configuration.dryRun, environment: configuration.environment, concurrency: configuration.concurrency,
                    requestTimeout: configuration.requestTimeout,
                    journal: .recording(recorder, playbook: playbook, unknown: unknown), logger: logger))
            } catch {
                return .failure(error)
            }
        }
        var outcome: PlaybookOutcome
        var session: APISession?
        switch opened {
        case .failure(let error):
            outcome = PlaybookOutcome([.target(error)])
        case .success(let (opened, shutdown)):
            session = opened
            outcome = execute(opened, journal: journal, interrupted: interrupted) { [self] in
                end($0, session: opened, journal: journal, recorder: recorder, notifier: notifier)
            }
            Blocking.run { await shutdown() }
        }
        // A run killed under test ends as a killed process does: nothing more journaled or sent.
        if let request = kill?.killedAfter { return PlaybookOutcome([.killed(request: request)]) }
        return end(outcome, session: session, journal: journal, recorder: recorder, notifier: notifier)
    }

    /// Journals how the run ended, prints a dry run's plan, writes `--report` and notifies;
    /// returns the outcome as journaled (a journal or report failure amends it).
    private func end(
        _ outcome: PlaybookOutcome, session: APISession?, journal: Journal, recorder: CallRecorder, notifier: RunNotifier
    ) -> PlaybookOutcome {
        var outcome = outcome
        recorder.flush()
        // Work started and not waited for (a forgotten `wait`) is said at the end, not only journaled.
        if let pending = session?.pendingWork, !pending.isEmpty, session?.plan == nil {
            let list = pending.prefix(10).map { "\($0.operation.rawValue) \($0.resourceId) (\($0.status ?? "?"))" }.joined(separator: ", ")
            logger.warning(
                "\(pending.count) change\(pending.count == 1 ? " was" : "s were") still in progress when the run ended (not waited for): \(list)\(pending.count > 10 ? ", ..." : ""); pass { wait = true } to wait, or see them with `wholesale show \(runID.prefix(8))`",
                metadata: ["pending": .stringConvertible(pending.count)])
        }
        if let plan = session?.plan, outcome.exitStatus != .usage {
            outcome = PlaybookRunner.report(plan, configuration: configuration, outcome: outcome)
        }
        // A change the journal could not record was not sent, and none after it: the run says so
        // even when the playbook caught the error (a database gone away is exit 75).
        if let lost = recorder.lost { outcome = outcome.caused(by: .journal(lost)) }
        do {
            try journal.finish(run: runID, exitCode: outcome.exitStatus.rawValue, message: outcome.report, pending: session?.pendingWork ?? [])
            if let path = configuration.unattended.reportPath { try RunReport.write(journal, run: runID, to: path) }
        } catch {
            // A journal already known to be gone is said once, as the run's cause.
            if !(error.unreachable && recorder.lost?.unreachable == true) { outcome = outcome.adding(.journal(error)) }
            try? journal.amend(run: runID, exitCode: outcome.exitStatus.rawValue, message: outcome.report)
        }
        var summary = (try? journal.run(runID)).flatMap { $0 }?.json.objectValue ?? ["id": .string(runID)]
        summary["warnings"] = .array(((try? journal.notes(of: runID)) ?? []).map(JSONValue.string))
        let succeeded = outcome.succeeded
        let summaryValue = JSONValue.object(summary)
        Blocking.run { await notifier.finished(summary: summaryValue, succeeded: succeeded) }
        return outcome
    }

    /// Runs the VM with signals handled: the first SIGINT or SIGTERM stops new requests, lets
    /// the ones in flight finish, then stops the Lua code (exit 130 or 143). Lua code that
    /// cannot be stopped is ended by `HardStop`, which journals the end with `record`.
    private func execute(
        _ session: APISession, journal: Journal, interrupted: [String], record: @escaping @Sendable (PlaybookOutcome) -> PlaybookOutcome
    ) -> PlaybookOutcome {
        let context = PlaybookContext(
            settings: configuration.module, logger: logger, runID: runID, started: Date(), session: session, journal: journal)
        logger.info("run started", metadata: [
            "target": .string(session.target.summary), "playbook": .string(configuration.playbookPath),
            "dry_run": .stringConvertible(LoggedValue(value: .boolean(configuration.dryRun))),
        ])
        for id in interrupted {
            logger.warning("an earlier run was interrupted; creates it left unanswered are looked up before they are sent again",
                           metadata: ["interrupted": .string(id)])
        }
        for notice in session.notices {
            logger.warning("\(notice)")
            try? journal.note(run: runID, warning: notice)
        }
        var signals: RunSignals?
        let log: @Sendable (String) -> Void = { [logger] in logger.warning("\($0)") }
        var outcome = PlaybookRunner.execute(context, configuration: configuration) { interrupter in
            if let underTest = configuration.underTest {
                // The spec runner owns the process's signals; a run under test is stopped by its switch.
                underTest.kill.watch(interrupter)
                return
            }
            let watching = RunSignals(session: session, interrupter: interrupter, logger: log)
            signals = watching
            interrupter.whenUninterruptible(grace: HardStop.grace) { [received = watching.received] error in
                let signal = received.value.withLock { $0 }
                HardStop.end(PlaybookOutcome([signal.map(Failure.signal) ?? .script(error)]), record: record)
            }
        }
        signals?.cancel()
        if let signal = signals?.caught { outcome = PlaybookOutcome([.signal(signal)]) }
        return outcome
    }

    /// The SHA-256 of the playbook file, or "" when it cannot be read (the run then says why).
    static func fingerprint(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { Hashing.sha256Hex(Array($0)) } ?? ""
    }
}
