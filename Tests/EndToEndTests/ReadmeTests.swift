import Foundation
import Testing

/// The playbook README.md shows first runs as written.
@Suite struct ReadmeTests {
    @Test func theFirstPlaybookOfTheReadmeRuns() async throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: BinaryRunner.examples).deletingLastPathComponent().appendingPathComponent("README.md"),
            encoding: .utf8)
        let start = try #require(readme.range(of: "-- onboard.lua"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let folder = try BinaryRunner.playbook(String(readme[start.lowerBound..<end.lowerBound]), named: "onboard.lua")
        try """
            provisioningId,externalId,name,email,street,city,country,timezone
            c2ltLXRlbXBsYXRlOmNhbGxpbmctYW5kLW1lZXRpbmdz,acme-1,Acme,admin@acme.example.com,1 Main St,Springfield,US,America/Chicago
            c2ltLXRlbXBsYXRlOmNhbGxpbmctYW5kLW1lZXRpbmdz,polar-1,Polar,admin@polar.example.com,1 Ice Road,McMurdo,AQ,Antarctica/McMurdo

            """.write(toFile: folder + "/customers.csv", atomically: true, encoding: .utf8)
        let result = try await BinaryRunner.run(["run", "onboard.lua", "--sim-speed", "200"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("done failed=0 rows=2"), "\(result.stderr)")
    }

    /// The command `scripts/run` runs first (README's first command), read from the script and
    /// run through the debug binary with a folder of its own for `$work`, then its outcomes file
    /// printed as the script's `awk` prints it: the table names every customer and what happened.
    @Test func theFirstCommandOfTheReadmeNamesTheProvisionedCustomers() async throws {
        let root = URL(fileURLWithPath: BinaryRunner.examples).deletingLastPathComponent().path
        let script = try String(contentsOfFile: root + "/scripts/run", encoding: .utf8)
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix(".build/release/wholesale run examples/") })
        var command = ""
        for line in lines[first...] {
            command += line.hasSuffix("\\") ? String(line.dropLast()) : line
            if !line.hasSuffix("\\") { break }
        }
        let work = try BinaryRunner.playbook("", named: "unused.lua")
        let arguments = command.split(separator: " ").map {
            $0.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "$work", with: work)
        }
        #expect(arguments.prefix(2) == [".build/release/wholesale", "run"])
        #expect(script.contains(#"awk -F, '{ printf "  %-16s %-26s %-12s %s\n", $1, $2, $3, $6 }' "$work/outcomes.csv""#))
        let result = try await BinaryRunner.run(Array(arguments.dropFirst()) + ["--log-level", "error"], in: root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let csv = try String(contentsOfFile: work + "/outcomes.csv", encoding: .utf8)
        let table = csv.split(separator: "\n").map { row -> String in
            let columns = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func column(_ n: Int, _ width: Int) -> String {
                let value = n <= columns.count ? columns[n - 1] : ""
                return value.padding(toLength: max(width, value.count), withPad: " ", startingAt: 0)
            }
            return "  " + column(1, 16) + " " + column(2, 26) + " " + column(3, 12) + " " + column(6, 0)
        }
        #expect(table == [
            "  externalId       outcome                    status       packages",
            "  pf-acme-us       provisioned                provisioned  webex_calling webex_meetings",
            "  pf-leeds-gb      provisioned                provisioned  webex_meetings",
            "  pf-mcmurdo-aq    provisioned with fallback  provisioned  webex_meetings",
            "  pf-vostok-aq     provisioned with fallback  provisioned  webex_meetings",
            "  pf-berlin-de     provisioned                provisioned  webex_calling",
            "  pf-nowhere-us    refused                                 ",
        ])
    }
}
