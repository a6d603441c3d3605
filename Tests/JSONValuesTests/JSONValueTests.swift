import JSONValues
import Testing

@Suite struct JSONValueTests {
    @Test func decodesEveryKind() throws {
        let value = try JSONValue(json: #"{"i": 1, "f": 1.0, "e": 2e3, "s": "a\u00e9\n\ud83d\ude00", "n": null, "b": [true, false], "o": {}}"#)
        #expect(value == .object([
            "i": .integer(1), "f": .number(1.0), "e": .number(2000), "s": .string("aé\n😀"), "n": .null,
            "b": .array([.boolean(true), .boolean(false)]), "o": .object([:]),
        ]))
    }

    @Test func encodesWithSortedKeysAndKeepsIntegers() {
        let value: JSONValue = ["b": [1, 1.5, nil], "a": "x\"y", "c": [:]]
        #expect(value.jsonText() == #"{"a":"x\"y","b":[1,1.5,null],"c":{}}"#)
        #expect(JSONValue.array([]).jsonText() == "[]")
        #expect(JSONValue.number(1.0).jsonText() == "1.0")
    }

    @Test func prettyOutputIndents() {
        #expect(JSONValue.object(["a": [1]]).jsonText(pretty: true) == "{\n  \"a\": [\n    1\n  ]\n}")
    }

    @Test func nonFiniteFloatsAreWrittenAsNull() {
        #expect(JSONValue.array([.number(.nan), .number(.infinity)]).jsonText() == "[null,null]")
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
        let error = #expect(throws: JSONError.self) { try JSONValue(json: text) }
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "")")
    }

    @Test func pathsNameMembersAndElements() {
        #expect(JSONPath.member("", "address") == "address")
        #expect(JSONPath.member("address", "country") == "address.country")
        #expect(JSONPath.member("limits", "x y") == #"limits["x y"]"#)
        #expect(JSONPath.index("packages", 2) == "packages[2]")
    }
}
