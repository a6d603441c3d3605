import LuaRuntime
import Testing

@Suite struct LuaValueJSONTests {
    @Test func roundTripsThroughText() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let value = LuaValue.random(depth: 4, using: &generator).withoutBytes
            #expect(try LuaValue(json: Array(value.jsonText().utf8)) == value)
        }
    }

    @Test func refusesWhatJSONCannotHoldNamingThePath() {
        let bytes = #expect(throws: LuaConversionError.self) { try LuaValue.object(["x": .bytes([0xFF])]).jsonText(path: "body") }
        #expect(bytes?.description == "body.x: string is not valid UTF-8, so it cannot be JSON")
        let nan = #expect(throws: LuaConversionError.self) { try LuaValue.array([1, .number(.nan)]).jsonText(path: "body") }
        #expect(nan?.description == "body[2]: NaN is not JSON")
    }
}

extension LuaValue {
    /// The value with byte strings (which JSON cannot hold) replaced by text.
    var withoutBytes: LuaValue {
        switch self {
        case .bytes: return .string("bytes")
        case .array(let a): return .array(a.map(\.withoutBytes))
        case .object(let o): return .object(o.mapValues(\.withoutBytes))
        default: return self
        }
    }
}
