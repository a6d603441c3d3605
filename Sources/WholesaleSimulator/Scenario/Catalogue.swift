/// What the simulated partner offers beyond its records: its name, which packages each
/// customer template allows, whether unknown provisioning ids are adopted as templates, and
/// where packages are not offered. Kept with the state, so a `--state` file remembers it.
struct Catalogue: Codable, Sendable {
    /// The partner's name, from a scenario.
    var partnerName: String?
    /// The packages a template allows, by provisioning id; a template missing here allows all.
    var templatePackages: [String: [String]] = [:]
    /// Whether a well-formed provisioning id that names no template is adopted as one that
    /// allows every package (no scenario declared templates); otherwise it is refused (4001).
    var adoptsTemplates = true
    /// Packages not offered by country (`*`: none is); `nil` keeps `SimulatorTriggers`' table.
    var unavailablePackages: [String: [String]]?
    /// The codes a scenario renumbered: the simulator's own code → the one to answer with.
    var codes: [Int: Int]?

    /// The packages of `packages` not offered in `country`.
    func unavailable(_ packages: [String], country: String) -> [String] {
        guard let table = unavailablePackages else { return SimulatorTriggers.unavailablePackages(packages, country: country) }
        guard let listed = table[country.uppercased()] else { return [] }
        return listed.contains("*") ? packages : packages.filter(listed.contains)
    }

    /// Whether `id` has the shape of a provisioning id: base64url text of 8 to 512 characters.
    static func isWellFormed(provisioningId id: String) -> Bool {
        (8...512).contains(id.utf8.count) && id.utf8.allSatisfy { c in
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 95 || c == 61 || c == 43 || c == 47
        }
    }
}
