extension JSONValue {
    /// Decodes JSON text. Integers stay integers (`1`), numbers with a fraction or exponent
    /// become floats (`1.0`), `null` becomes `.null`; the first problem is reported with its position.
    public init(json: some Collection<UInt8>) throws(JSONError) {
        try self.init(json: Array(json))
    }

    /// Decodes JSON text held in a byte array (no copy).
    public init(json bytes: [UInt8]) throws(JSONError) {
        var parser = JSONParser(bytes: bytes)
        self = try parser.document()
    }

    /// Decodes JSON text and tells the line each member and element starts on, by path
    /// (`customers[3].status`, as `JSONPath` spells it; the root is `""`): for messages about a
    /// file's content that point at the line to fix.
    public static func withLines(json bytes: [UInt8]) throws(JSONError) -> (value: JSONValue, lines: [String: Int]) {
        var parser = JSONParser(bytes: bytes)
        parser.lines = [:]
        let value = try parser.document()
        return (value, parser.lines ?? [:])
    }

    /// Decodes JSON text from a string.
    public init(json: String) throws(JSONError) {
        try self.init(json: Array(json.utf8))
    }
}

/// A recursive-descent JSON parser over bytes (RFC 8259).
private struct JSONParser {
    let bytes: [UInt8]
    var offset = 0
    var depth = 0
    static let maxDepth = 512
    /// The line `offset` is on (raw line breaks occur only between tokens).
    var line = 1
    /// The path of the value being parsed, and where each path starts, when recording.
    var path = ""
    var lines: [String: Int]?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    mutating func document() throws(JSONError) -> JSONValue {
        let value = try parseValue()
        skipSpace()
        if offset < bytes.count { throw fail("unexpected text after the JSON value") }
        return value
    }

    func fail(_ problem: String, at position: Int? = nil) -> JSONError {
        let end = min(position ?? offset, bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<end where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return JSONError(line: line, column: end - lineStart + 1, problem: problem)
    }

    mutating func skipSpace() {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D || bytes[offset] == 0x09 {
            if bytes[offset] == 0x0A { line += 1 }
            offset += 1
        }
    }

    mutating func parseValue() throws(JSONError) -> JSONValue {
        skipSpace()
        guard offset < bytes.count else { throw fail("unexpected end of input, expected a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "t"): return try literal("true", .boolean(true))
        case UInt8(ascii: "f"): return try literal("false", .boolean(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[offset])))', expected a value")
        }
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws(JSONError) -> JSONValue {
        let utf8 = Array(word.utf8)
        guard bytes.count - offset >= utf8.count, Array(bytes[offset..<offset + utf8.count]) == utf8 else {
            throw fail("invalid literal, expected \(word)")
        }
        offset += utf8.count
        return value
    }

    mutating func enter() throws(JSONError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("nested more than \(Self.maxDepth) levels deep") }
    }

    mutating func parseObject() throws(JSONError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        offset += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            guard case .string(let key) = try parseString() else { throw fail("object keys must be valid UTF-8") }
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
            offset += 1
            if lines != nil {
                let parent = path
                path = JSONPath.member(parent, key)
                skipSpace()
                lines?[path] = line
                members[key] = try parseValue()
                path = parent
            } else {
                members[key] = try parseValue()
            }
            skipSpace()
            guard offset < bytes.count else { throw fail("unexpected end of input, expected ',' or '}'") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
            throw fail("expected ',' or '}'")
        }
    }

    mutating func parseArray() throws(JSONError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        offset += 1
        var elements: [JSONValue] = []
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
        }
        while true {
            if lines != nil {
                let parent = path
                path = JSONPath.index(parent, Int64(elements.count + 1))
                skipSpace()
                lines?[path] = line
                elements.append(try parseValue())
                path = parent
            } else {
                elements.append(try parseValue())
            }
            skipSpace()
            guard offset < bytes.count else { throw fail("unexpected end of input, expected ',' or ']'") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(elements) }
            throw fail("expected ',' or ']'")
        }
    }

    mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = offset
        var isFloat = false
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.offset
            while p.offset < p.bytes.count, p.bytes[p.offset] >= 48, p.bytes[p.offset] <= 57 { p.offset += 1 }
            return p.offset - s
        }
        let intStart = offset
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw fail("invalid number", at: start) }
        if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") { throw fail("numbers cannot have leading zeros", at: start) }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            isFloat = true
            offset += 1
            guard digits(&self) > 0 else { throw fail("invalid number: digits expected after '.'", at: start) }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            isFloat = true
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw fail("invalid number: digits expected in the exponent", at: start) }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if !isFloat, let i = Int64(text) { return .integer(i) }
        guard let d = Double(text), d.isFinite else { throw fail("number out of range", at: start) }
        return .number(d)
    }

    mutating func hex4() throws(JSONError) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw fail("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[offset]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            offset += 1
        }
        return v
    }

    mutating func parseString() throws(JSONError) -> JSONValue {
        let start = offset
        offset += 1
        // Fast path: a string without escapes is validated straight from the input.
        var end = offset
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let s = bytes.withUnsafeBufferPointer { buffer -> String? in
                let slice = UnsafeBufferPointer(rebasing: buffer[offset..<end])
                // ASCII is always valid UTF-8, and decoding it needs no validation pass.
                return slice.allSatisfy({ $0 < 0x80 }) ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            }
            guard let s else { throw fail("string is not valid UTF-8", at: start) }
            offset = end + 1
            return .string(s)
        }
        var out: [UInt8] = []
        while true {
            guard offset < bytes.count else { throw fail("unterminated string", at: start) }
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                offset += 1
                break
            }
            if c < 0x20 { throw fail("control character in a string (escape it)") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                offset += 1
                continue
            }
            offset += 1
            guard offset < bytes.count else { throw fail("unterminated string", at: start) }
            let e = bytes[offset]
            offset += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard bytes.count - offset >= 6, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    offset += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw fail("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("string is not valid UTF-8", at: start) }
        return .string(s)
    }
}
