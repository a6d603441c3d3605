import Foundation
import LuaRuntime
@testable import CSVFiles
@testable import PlaybookModule
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

    /// A file is read 64 KiB at a time: records, quotes, `""` and CRLF cut at every chunk
    /// boundary read the same as from memory.
    @Test func aFileReadInChunksReadsAsFromMemory() throws {
        var text = "\u{FEFF}id,name,note\r\n"
        for i in 0..<6_000 {
            let pad = String(repeating: "x", count: i % 37)
            text += "\(i),\"say \"\"\(pad)\"\"\",\"multi\nline \(pad)\"\r\n"
            if i % 5 == 0 { text += "\n" }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var chunked = CSVReader(file: try #require(FileHandle(forReadingAtPath: path)), shown: "x.csv")
        var whole = CSVReader(bytes: Array(text.utf8))
        var count = 0
        while let expected = try whole.next() {
            let record = try chunked.next()
            #expect(record?.fields == expected.fields && record?.line == expected.line, "record \(count)")
            count += 1
        }
        #expect(try chunked.next() == nil)
        #expect(count == 6_001)
        #expect(text.utf8.count > 4 << 16)
    }

    @Test func aRecordLargerThanAllowedIsAProblemMarkedTooLarge() {
        var reader = CSVReader(bytes: Array(("a\n" + String(repeating: "x", count: 100)).utf8))
        let problem = #expect(throws: CSVReader.Problem.self) { while try reader.next(within: 10) != nil {} }
        #expect(problem?.tooLarge == true)
        #expect(problem?.line == 2)
    }

    @Test func writerQuotesWhatNeedsIt() throws {
        let (header, records) = try CSVRows.records(
            rows: [["a": "x,y", "b": 1, "c": .null], ["a": " pad", "b": 1.5, "c": true]], columns: ["a", "b", "c"], function: "t")
        let bytes = CSVWriter.encode(header: header, records: records)
        #expect(String(decoding: bytes, as: UTF8.self) == "a,b,c\n\"x,y\",1,\n\" pad\",1.5,true\n")
        let error = #expect(throws: HostError.self) { try CSVRows.records(rows: [["a": ["nested": 1]]], columns: nil, function: "t") }
        #expect(error?.message == "t: rows[1].a: a table cannot be a CSV field")
    }

    @Test func writerRoundTripsThroughReader() throws {
        let rows: [LuaValue] = [["name": "Ä, \"q\"\nz", "id": "1"], ["name": "", "id": "2"]]
        let (header, records) = try CSVRows.records(rows: rows, columns: ["id", "name"], function: "t")
        let bytes = CSVWriter.encode(header: header, records: records)
        var reader = CSVReader(bytes: bytes)
        #expect(try reader.next()?.fields == ["id", "name"])
        #expect(try reader.next()?.fields == ["1", "Ä, \"q\"\nz"])
        #expect(try reader.next()?.fields == ["2", ""])
        #expect(try reader.next() == nil)
    }
}
