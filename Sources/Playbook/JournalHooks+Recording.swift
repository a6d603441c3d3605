import PlaybookAPI
import RunJournal
import WholesaleAPI

extension JournalHooks {
    /// The hooks of a run recorded by `recorder` into its journal, for `playbook`, where earlier
    /// runs left `unknown` creates unanswered.
    static func recording(_ recorder: CallRecorder, playbook: String, unknown: Set<UnknownCreate>) -> JournalHooks {
        let journal = recorder.journal
        return JournalHooks(
            observer: recorder,
            unknownEarlier: { operation, externalId, email, scope in
                !unknown.isEmpty && unknown.contains(UnknownCreate(
                    operation: operation, externalId: externalId, email: journal.stored(email: email), onBehalfOf: scope))
            },
            resolvedEarlier: { operation, externalId, email, scope in
                // Called from the API's tasks, so written without waiting: a mark lost with the
                // process only means the next run looks the create up once more.
                Task {
                    try? await journal.resolveUnknown(
                        playbook: playbook, operation: operation, externalId: externalId, email: email, onBehalfOf: scope)
                }
            })
    }
}
