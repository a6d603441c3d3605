import Foundation

/// The IANA time-zone names known to this system, read once from the tz database's text form
/// (`tzdata.zi` under `$TZDIR` or `/usr/share/zoneinfo`): zones and their links, so both
/// `America/Los_Angeles` and the older `US/Pacific` are names. Where that file is missing,
/// Foundation's own list stands in.
public enum TimeZoneDatabase {
    /// Every known zone name.
    public static let names: Set<String> = load()

    /// Whether `name` is a zone name in the database.
    public static func contains(_ name: String) -> Bool { names.contains(name) }

    private static func load() -> Set<String> {
        let directory = ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        guard let text = try? String(contentsOfFile: directory + "/tzdata.zi", encoding: .utf8) else {
            return Set(TimeZone.knownTimeZoneIdentifiers)
        }
        var names: Set<String> = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            // `Z NAME …` declares a zone; `L TARGET NAME` a link (an alias).
            if fields.count >= 2, fields[0] == "Z" { names.insert(String(fields[1])) }
            if fields.count >= 3, fields[0] == "L" { names.insert(String(fields[2])) }
        }
        return names.isEmpty ? Set(TimeZone.knownTimeZoneIdentifiers) : names
    }
}
