/// The options of a run from cron: how long to wait for the lock, where to write the report,
/// whom to tell, and what to print.
package struct UnattendedOptions: Sendable {
    /// `--wait-lock`: seconds to wait for another run of the playbook to end (0: do not wait).
    package var waitLock: Double = 0
    /// `--report`: a `.json` or `.csv` file of one outcome row per resource touched.
    package var reportPath: String?
    /// `--notify`: a URL that gets a JSON summary of the run by POST.
    package var notifyURL: String?
    /// `--notify-on always`: notify after every run, not only failed ones.
    package var notifyAlways = false
    /// `--heartbeat`: a healthchecks-style URL pinged at the start (`/start`), on success, and on failure (`/fail`).
    package var heartbeatURL: String?
    /// `--quiet`: print nothing when the run succeeds (logs are shown only if it fails).
    package var quiet = false
    /// `--redact-pii`: emails go into the journal hashed.
    package var redactPII = false

    /// No lock wait, no report, no notifications, normal output.
    package init() {}
}
