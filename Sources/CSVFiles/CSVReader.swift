package import Foundation

/// Reads RFC 4180 CSV one record at a time: quoted fields with `""` escapes, LF or CRLF line
/// ends, a UTF-8 byte-order mark skipped, blank lines skipped. Problems name the line.
///
/// A file is read in chunks as records are asked for, so only the record being read (and the
/// chunk around it) is in memory, whatever the file's size.
package struct CSVReader {
    /// A CSV problem at a 1-based line.
    package struct Problem: Error {
        package let line: Int
        package let message: String
        /// The record grew past the size `next(within:)` allows.
        package var tooLarge = false
    }

    /// The next chunk of the input, or `nil` at its end.
    typealias Source = () throws(Problem) -> [UInt8]?

    private var bytes: [UInt8] = []
    private var offset = 0
    private var line = 1
    private var started = false
    private var exhausted = false
    private var source: Source
    /// Where the record being read starts in `bytes`, and how large it may grow.
    private var recordStart = 0
    private var recordLimit = Int.max

    /// A reader of bytes already in memory.
    package init(bytes: [UInt8]) {
        var pending: [UInt8]? = bytes
        source = { () throws(Problem) -> [UInt8]? in
            defer { pending = nil }
            return pending
        }
    }

    /// A reader of an open file, read 64 KiB at a time; `shown` names the file in problems.
    package init(file: FileHandle, shown: String) {
        source = { () throws(Problem) -> [UInt8]? in
            do {
                guard let data = try file.read(upToCount: 1 << 16), !data.isEmpty else { return nil }
                return Array(data)
            } catch {
                throw Problem(line: 0, message: "cannot read \(shown): \(error.localizedDescription)") // the reader sets the line
            }
        }
    }

    /// True when `count` bytes are available from `offset`, reading more of the input as needed.
    private mutating func has(_ count: Int) throws(Problem) -> Bool {
        while bytes.count - offset < count, !exhausted {
            if bytes.count - recordStart > recordLimit {
                throw Problem(line: line, message: "a row longer than \(recordLimit) bytes", tooLarge: true)
            }
            let chunk: [UInt8]?
            do { chunk = try source() } catch { throw Problem(line: line, message: error.message) }
            if let chunk { bytes.append(contentsOf: chunk) } else { exhausted = true }
        }
        return bytes.count - offset >= count
    }

    /// The next record and the line it starts on, or `nil` at the end; a record larger than
    /// `limit` bytes is a problem marked `tooLarge`.
    package mutating func next(within limit: Int = .max) throws(Problem) -> (fields: [String], line: Int)? {
        if offset >= 1 << 16 {
            bytes.removeFirst(offset)
            offset = 0
        }
        recordStart = offset
        recordLimit = limit
        if !started {
            started = true
            if try has(3), bytes[offset..<offset + 3].elementsEqual([0xEF, 0xBB, 0xBF]) { offset += 3 }
        }
        while try has(1), bytes[offset] == 0x0A || bytes[offset] == 0x0D {
            if bytes[offset] == 0x0A { line += 1 }
            offset += 1
        }
        guard try has(1) else { return nil }
        recordStart = offset
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        while try has(1) {
            let c = bytes[offset]
            if quoted {
                if c == UInt8(ascii: "\"") {
                    if try has(2), bytes[offset + 1] == UInt8(ascii: "\"") {
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
            case 0x0D where try has(2) && bytes[offset + 1] == 0x0A:
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
