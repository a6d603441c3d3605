import Foundation
import Testing

/// `wholesale.packages` (the validators' package table as Lua data) and
/// `wholesale.billing.period` (a named period as the body billing.create takes), run by the binary.
@Suite struct PackagesAndPeriodsTests {
    static func run(_ source: String) async throws -> BinaryRunner.Result {
        let folder = try BinaryRunner.playbook(source, named: "p.lua")
        return try await BinaryRunner.run(["run", "p.lua", "--journal", folder + "/j.sqlite", "--log-level", "error"], in: folder)
    }

    @Test func thePackageTableIsLuaData() async throws {
        let result = try await Self.run("""
            local names = {}
            for _, p in ipairs(wholesale.packages.list{ kind = "subscriber" }) do names[#names + 1] = p.name end
            print(table.concat(names, ","))
            print(#wholesale.packages.list(), #wholesale.packages.list{ kind = "customer" })
            print(wholesale.packages.is_calling("webex_voice"), wholesale.packages.is_calling("webex_meetings"), wholesale.packages.is_calling("fax"))
            local ac = wholesale.packages.get("attendant_console")
            print(ac.label, ac.add_on, ac.subscriber, ac.legacy_package, table.concat(ac.requires_one_of, ","))
            print(wholesale.packages.get("fax"), wholesale.packages.get("webex_calling").requires_one_of)
            print(pcall(wholesale.packages.list, { kind = "users" }))
            """)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == """
            webex_calling,webex_meetings,webex_suite,webex_voice,cx_essentials,webex_calling_standard,attendant_console,cx_premium_agent,cx_standard_agent
            14\t14
            true\tfalse\tfalse
            Attendant Console (add-on)\ttrue\ttrue\tfalse\twebex_calling,webex_suite,cx_essentials
            nil\tnil
            false\tbad argument #1 to 'wholesale.packages.list' (kind must be "customer" or "subscriber", got "users")

            """)
    }

    @Test func billingPeriodsAreWholeUTCDays() async throws {
        let result = try await Self.run("""
            for _, name in ipairs{ "last_month", "this_month" } do
              local p = wholesale.billing.period(name)
              print(name, p.billingStartDate, p.billingEndDate)
            end
            local week = wholesale.billing.period("last_n_days", 7)
            print("last_n_days", week.billingStartDate, week.billingEndDate)
            print(pcall(wholesale.billing.period, "last_year"))
            print(pcall(wholesale.billing.period, "last_n_days"))
            """)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: Date())
        let first = calendar.date(from: calendar.dateComponents([.year, .month], from: today))!
        let day = { (n: Int, from: Date) in calendar.date(byAdding: .day, value: n, to: from)! }
        let iso = { (date: Date) in date.formatted(Date.ISO8601FormatStyle(timeZone: calendar.timeZone).year().month().day()) }
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == """
            last_month\t\(iso(calendar.date(byAdding: .month, value: -1, to: first)!))\t\(iso(day(-1, first)))
            this_month\t\(iso(first))\t\(iso(today))
            last_n_days\t\(iso(day(-7, today)))\t\(iso(day(-1, today)))
            false\tbad argument #1 to 'wholesale.billing.period' ("last_month", "this_month", "last_n_days" expected, got "last_year")
            false\tbad argument #2 to 'wholesale.billing.period' ("last_n_days" takes the number of days, 1 or more)

            """)
    }
}
