import Foundation
import Testing
import WholesaleValidation

@Suite struct FormatTests {
    @Test(arguments: ["a@b.co", "john.anderson+tag@acme.example.com", "o'neil@x.ie"])
    func acceptsEmails(_ value: String) { #expect(ValueFormats.email(value) == nil) }

    @Test(arguments: ["", "a", "a@b", "@b.co", "a@@b.co", "a b@c.co", "a@-b.co", "a..b@c.co", "a@b..co"])
    func refusesEmails(_ value: String) { #expect(ValueFormats.email(value) != nil) }

    @Test(arguments: ["+12405551212", "+441632960961", "+123456789012345"])
    func acceptsPhones(_ value: String) { #expect(ValueFormats.phone(value) == nil) }

    @Test(arguments: ["12405551212", "+0123", "+1", "+1234567890123456", "+1 240 555", "+1-240"])
    func refusesPhones(_ value: String) { #expect(ValueFormats.phone(value) != nil) }

    @Test func languagesByStyle() {
        #expect(ValueFormats.language("en") == nil)
        #expect(ValueFormats.language("en_US") == nil)
        #expect(ValueFormats.language("en_us") != nil)
        #expect(ValueFormats.language("en_us", style: .location) == nil)
        #expect(ValueFormats.language("en", style: .location) != nil)
        #expect(ValueFormats.language("eng") != nil)
        #expect(ValueFormats.language("xx") != nil)
        #expect(ValueFormats.language("en_ZZ") != nil)
        #expect(ValueFormats.language("pt_br", style: .location) == nil)
        #expect(ValueFormats.language("qq_us", style: .location)?.contains("ISO 639-1") == true)
    }

    @Test func timeZonesComeFromTheDatabase() {
        #expect(ValueFormats.timeZone("America/Los_Angeles") == nil)
        #expect(ValueFormats.timeZone("US/Pacific") == nil)
        #expect(ValueFormats.timeZone("America/Springfield") != nil)
        #expect(ValueFormats.timeZone("../../etc/passwd") != nil)
        #expect(TimeZoneDatabase.names.count > 300)
    }

    @Test func countriesMatchTheTzDatabaseList() throws {
        #expect(CountryCodes.all.count == 249)
        guard let table = try? String(contentsOfFile: "/usr/share/zoneinfo/iso3166.tab", encoding: .utf8) else { return }
        let codes = Set(table.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: "\t").first.map(String.init) })
        #expect(codes == CountryCodes.all)
    }

    @Test func datesMustExist() {
        #expect(ValueFormats.date("2024-02-29") == nil)
        #expect(ValueFormats.date("2025-02-29") != nil)
        #expect(ValueFormats.date("2025-13-01") != nil)
        #expect(ValueFormats.date("2025-1-01") != nil)
    }

    @Test func everyPackageInADependencyExists() {
        let catalog = PackageCatalog.current
        for dependency in catalog.dependencies {
            #expect(catalog.package(named: dependency.package) != nil)
            for name in dependency.requiresOneOf { #expect(catalog.package(named: name) != nil, "\(name)") }
        }
        #expect(catalog.names(for: .customer).count == 14)
        #expect(catalog.names(for: .subscriber).count == 9)
    }
}
