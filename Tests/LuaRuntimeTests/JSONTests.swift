import LuaRuntime
import Testing

@Suite struct JSONTests {
    @Test func decodesEveryKind() throws {
        let value = try LuaValue(json: #"{"i": 1, "f": 1.0, "e": 2e3, "s": "a\u00e9\n\ud83d\ude00", "n": null, "b": [true, false], "o": {}}"#)
        #expect(value == .object([
            "i": .integer(1), "f": .number(1.0), "e": .number(2000), "s": .string("aé\n😀"), "n": .null,
            "b": .array([.boolean(true), .boolean(false)]), "o": .object([:]),
        ]))
    }

    @Test func encodesWithSortedKeysAndKeepsIntegers() throws {
        let value: LuaValue = ["b": [1, 1.5, .null], "a": "x\"y", "c": [:]]
        #expect(try value.jsonText() == #"{"a":"x\"y","b":[1,1.5,null],"c":{}}"#)
        #expect(try LuaValue.array([]).jsonText() == "[]")
        #expect(try LuaValue.number(1.0).jsonText() == "1.0")
    }

    @Test func prettyOutputIndents() throws {
        #expect(try LuaValue.object(["a": [1]]).jsonText(pretty: true) == "{\n  \"a\": [\n    1\n  ]\n}")
    }

    @Test func roundTripsThroughText() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let value = LuaValue.random(depth: 4, using: &generator).withoutBytes
            #expect(try LuaValue(json: value.jsonText()) == value)
        }
    }

    @Test(arguments: [
        ("{\"a\": 1,\n \"b\" 2}", 2, 6, "expected ':'"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
        ("{\"a\": tru}", 1, 7, "invalid literal"),
        ("[01]", 1, 2, "leading zeros"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[1] x", 1, 5, "unexpected text"),
    ])
    func reportsLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ problem: String) {
        let error = #expect(throws: JSONError.self) { try LuaValue(json: text) }
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "")")
    }

    @Test func refusesWhatJSONCannotHold() {
        #expect(throws: LuaConversionError.self) { try LuaValue.object(["x": .bytes([0xFF])]).jsonText() }
        #expect(throws: LuaConversionError.self) { try LuaValue.number(.nan).jsonText() }
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
