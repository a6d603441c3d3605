import LuaRuntime
import Testing

@Suite struct ValueRoundTripTests {
    /// Passes a value into Lua and back out through an identity host function.
    func roundTrip(_ value: LuaValue) throws -> LuaValue? {
        var received: LuaValue?
        let vm = try makeVM([
            .sync("give") { _ in .value(value) },
            .sync("take") { arguments in
                received = try arguments.value(1, name: "value")
                return .none
            },
        ])
        try vm.evaluate("host.take(host.give())")
        return received
    }

    @Test(arguments: [
        LuaValue.null, .boolean(true), .boolean(false), .integer(0), .integer(Int64.max), .integer(Int64.min),
        .number(1.0), .number(-0.5), .number(1e300), .string(""), .string("héllo\u{0}wörld"), .bytes([0xFF, 0x00, 0xC3]),
        .array([]), .object([:]), .array([.null, .integer(1), .null]), .object(["a": .array([]), "b": .object([:])]),
    ])
    func everyKindSurvives(_ value: LuaValue) throws {
        #expect(try roundTrip(value) == value)
    }

    @Test func integersStayIntegersAndFloatsStayFloats() throws {
        let vm = try makeVM()
        #expect(try vm.evaluate("return 1, 1.0, 2^53, 7 // 2, 7 / 2") == [.integer(1), .number(1.0), .number(9007199254740992), .integer(3), .number(3.5)])
    }

    @Test func randomNestedTablesSurvive() throws {
        var generator = SeededGenerator(seed: 20261123)
        for _ in 0..<200 {
            let value = LuaValue.random(depth: 4, using: &generator)
            #expect(try roundTrip(value) == value)
        }
    }

    @Test func arrayAndObjectMarksSurviveInLua() throws {
        var taken: [LuaValue?] = []
        let vm = try makeVM([
            .sync("give") { _ in .value(.object(["a": .array([]), "b": .object([:])])) },
            .sync("take") { arguments in
                taken.append(try arguments.value(1, name: "value"))
                return .none
            },
        ])
        try vm.evaluate("""
            local v = host.give()
            host.take(v.a)
            host.take(v.b)
            v.a[1] = 5
            host.take(v.a)
            host.take(host.array{})
            host.take(host.object{})
            host.take({})
            """)
        #expect(taken == [.array([]), .object([:]), .array([.integer(5)]), .array([]), .object([:]), .object([:])])
    }

    @Test(arguments: [
        ("local t = {} t.self = t return t", "value.self: cycle"),
        ("return { address = { country = print } }", "value.address.country: function is not JSON"),
        ("return { x = 0/0 }", "value.x: NaN is not JSON"),
        ("return { x = 1/0 }", "value.x: infinity is not JSON"),
        ("return { 1, 2, name = 'x' }", "value: table mixes string keys and array indexes"),
        ("return { [1] = 'a', [3] = 'c' }", "value[2]: array has no element here (a hole)"),
        ("return { [0] = 'a' }", "value[0]: array indexes start at 1"),
        ("local p = {} for i = 0, 61 do p[#p + 1] = ('[%d]=true'):format(1 << i) end return load('return {' .. table.concat(p, ',') .. '}')()", "value[3]: array has no element here"),
        ("return { [true] = 1 }", "value: a key of type boolean is not JSON"),
        ("return { co = coroutine.create(print) }", "value.co: thread is not JSON"),
    ])
    func nonDataIsRefusedWithItsPath(_ source: String, _ expected: String) throws {
        let vm = try makeVM([
            .sync("take") { arguments in
                _ = try arguments.value(1, name: "value")
                return .none
            }
        ])
        let error = #expect(throws: LuaError.self) {
            try vm.evaluate("host.take((function() \(source) end)())")
        }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }
}

/// A small deterministic generator (SplitMix64) so random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension LuaValue {
    static func random(depth: Int, using g: inout SeededGenerator) -> LuaValue {
        let choice = Int.random(in: 0..<(depth > 0 ? 9 : 7), using: &g)
        switch choice {
        case 0: return .null
        case 1: return .boolean(Bool.random(using: &g))
        case 2: return .integer(Int64.random(in: Int64.min...Int64.max, using: &g))
        case 3: return .number(Double.random(in: -1e6...1e6, using: &g))
        case 4: return .string(String((0..<Int.random(in: 0..<12, using: &g)).map { _ in "aé\"\n\\z€".randomElement(using: &g)! }))
        case 5: return .bytes([0xFF] + (0..<3).map { _ in UInt8.random(in: 0...255, using: &g) })
        case 6: return .string("")
        case 7: return .array((0..<Int.random(in: 0..<5, using: &g)).map { _ in random(depth: depth - 1, using: &g) })
        default:
            var members: [String: LuaValue] = [:]
            for i in 0..<Int.random(in: 0..<5, using: &g) { members["k\(i)"] = random(depth: depth - 1, using: &g) }
            return .object(members)
        }
    }
}
