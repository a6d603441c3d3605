import LuaRuntime
@testable import Playbook
import Testing

@Suite struct CSVTests {
    func records(_ text: String) throws -> [[String]] {
        var reader = CSVReader(bytes: Array(text.utf8))
        var out: [[String]] = []
        while let record = try reader.next() { out.append(record.fields) }
        return out
    }

    @Test func readsQuotedFieldsAndLineEnds() throws {
        #expect(try records("\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\n\"multi\nline\",\n") == [
            ["a", "b"], ["x, y", "say \"hi\""], ["multi\nline", ""],
        ])
        #expect(try records("a") == [["a"]])
    }

    @Test(arguments: [
        ("a,b\n\"open,2\n", 2, "never closed"),
        ("a,b\nx\"y,2\n", 2, "quote inside an unquoted field"),
        ("a,b\n\"x\"y,2\n", 2, "text after a closing quote"),
    ])
    func problemsNameTheLine(_ text: String, _ line: Int, _ message: String) {
        let problem = #expect(throws: CSVReader.Problem.self) { try records(text) }
        #expect(problem?.line == line)
        #expect(problem?.message.contains(message) == true)
    }

    @Test func writerQuotesWhatNeedsIt() throws {
        let bytes = try CSVWriter.encode(
            rows: [["a": "x,y", "b": 1, "c": .null], ["a": " pad", "b": 1.5, "c": true]], columns: ["a", "b", "c"], function: "t")
        #expect(String(decoding: bytes, as: UTF8.self) == "a,b,c\n\"x,y\",1,\n\" pad\",1.5,true\n")
        let error = #expect(throws: HostError.self) { try CSVWriter.encode(rows: [["a": ["nested": 1]]], columns: nil, function: "t") }
        #expect(error?.message == "t: rows[1].a: a table cannot be a CSV field")
    }

    @Test func writerRoundTripsThroughReader() throws {
        let rows: [LuaValue] = [["name": "Ä, \"q\"\nz", "id": "1"], ["name": "", "id": "2"]]
        let bytes = try CSVWriter.encode(rows: rows, columns: ["id", "name"], function: "t")
        var reader = CSVReader(bytes: bytes)
        #expect(try reader.next()?.fields == ["id", "name"])
        #expect(try reader.next()?.fields == ["1", "Ä, \"q\"\nz"])
        #expect(try reader.next()?.fields == ["2", ""])
        #expect(try reader.next() == nil)
    }
}
