/// Reads RFC 4180 CSV one record at a time: quoted fields with `""` escapes, LF or CRLF line
/// ends, a UTF-8 byte-order mark skipped, blank lines skipped. Problems name the line.
struct CSVReader {
    /// A CSV problem at a 1-based line.
    struct Problem: Error {
        let line: Int
        let message: String
    }

    private let bytes: [UInt8]
    private var offset: Int
    private var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next record and the line it starts on, or `nil` at the end.
    mutating func next() throws(Problem) -> (fields: [String], line: Int)? {
        while offset < bytes.count, bytes[offset] == 0x0A || bytes[offset] == 0x0D {
            if bytes[offset] == 0x0A { line += 1 }
            offset += 1
        }
        guard offset < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        while offset < bytes.count {
            let c = bytes[offset]
            if quoted {
                if c == UInt8(ascii: "\"") {
                    if offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "\"") {
                        field.append(c)
                        offset += 2
                        continue
                    }
                    quoted = false
                    offset += 1
                    continue
                }
                if c == 0x0A { line += 1 }
                field.append(c)
                offset += 1
                continue
            }
            switch c {
            case UInt8(ascii: ","):
                fields.append(try text(field, startLine))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
                offset += 1
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else {
                    throw Problem(line: line, message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                }
                quoted = true
                wasQuoted = true
                offset += 1
            case 0x0D where offset + 1 < bytes.count && bytes[offset + 1] == 0x0A:
                offset += 1
            case 0x0A:
                offset += 1
                line += 1
                fields.append(try text(field, startLine))
                return (fields, startLine)
            default:
                if wasQuoted {
                    throw Problem(line: line, message: "text after a closing quote (a field must be entirely quoted or not at all)")
                }
                field.append(c)
                offset += 1
            }
        }
        if quoted { throw Problem(line: startLine, message: "a quoted field is never closed") }
        fields.append(try text(field, startLine))
        return (fields, startLine)
    }

    private func text(_ field: [UInt8], _ line: Int) throws(Problem) -> String {
        guard let s = String(validating: field, as: UTF8.self) else {
            throw Problem(line: line, message: "the file is not UTF-8 text (save it as UTF-8)")
        }
        return s
    }
}
