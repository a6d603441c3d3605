/// The conditions a playbook can set up on purpose to test its fallbacks (docs/simulator.md).
/// All of them are decided by data the caller sends, so a test can reach each one.
enum SimulatorTriggers {
    /// Calling packages are not offered in these countries; nothing is offered where `all` is set.
    static let unavailable: [String: (packages: Set<String>, all: Bool)] = [
        "AQ": (["common_area_calling", "webex_calling", "webex_suite", "webex_voice", "webex_calling_standard", "cisco_calling_plan", "attendant_console", "cx_essentials"], false),
        "CU": ([], true), "IR": ([], true), "KP": ([], true), "SY": ([], true),
    ]

    /// The packages of `packages` not offered in `country`.
    static func unavailablePackages(_ packages: [String], country: String) -> [String] {
        guard let rule = unavailable[country.uppercased()] else { return [] }
        return rule.all ? packages : packages.filter { rule.packages.contains($0) }
    }

    /// An address line that cannot be verified.
    static func isUnverifiable(_ addressLine: String) -> Bool {
        addressLine.lowercased().contains("unverifiable")
    }

    /// How a new customer's provisioning ends, from its externalId:
    /// `sim-error…` → `error`; `sim-partial…` → `provisioned_with_errors`; otherwise `provisioned`.
    static func outcome(externalId: String) -> String {
        let id = externalId.lowercased()
        if id.hasPrefix("sim-error") { return "error" }
        if id.hasPrefix("sim-partial") { return "provisioned_with_errors" }
        return "provisioned"
    }

    /// Whether the customer goes through the restricted-party review first (`sim-rpl…`).
    static func needsReview(externalId: String) -> Bool { externalId.lowercased().hasPrefix("sim-rpl") }

    /// Whether provisioning takes ten times as long (`sim-slow…`).
    static func isSlow(externalId: String) -> Bool { externalId.lowercased().hasPrefix("sim-slow") }

    /// Whether an email belongs to a free Webex account that must consent to the move
    /// (local part starting `existing-free`): the subscriber starts `pending_user_migration`.
    static func isFreeAccount(email: String) -> Bool { email.lowercased().hasPrefix("existing-free") }
}
