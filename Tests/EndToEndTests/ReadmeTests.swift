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
}
