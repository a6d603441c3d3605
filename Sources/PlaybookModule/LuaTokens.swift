/// The tokens of Lua source, enough to read table constructors without running anything: names,
/// string literals (short and long), `==` apart from `=`, and every other character as itself;
/// comments and white space are dropped. Numbers and operators need no more than that here.
struct LuaTokens {
    /// One token and the line it starts on.
    struct Token: Equatable {
        /// What the token is.
        enum Kind: Equatable {
            /// A name or keyword.
            case name(String)
            /// A string literal's value (escapes other than `\"`, `\'` and `\\` kept as written).
            case string(String)
            /// A character of punctuation, or `==`.
            case symbol(String)
        }

        /// What the token is.
        let kind: Kind
        /// The line it starts on, from 1.
        let line: Int
    }

    /// The tokens, in order.
    let tokens: [Token]

    /// The tokens of `source`.
    init(_ source: String) {
        let bytes = Array(source.utf8)
        var tokens: [Token] = []
        var i = 0, line = 1
        func isNameByte(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c >= 128 }
        /// The level of a long bracket opening at `i` (`[[` is 0, `[==[` is 2), if one does.
        func longBracket(at i: Int) -> Int? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
            var j = i + 1
            while j < bytes.count, bytes[j] == UInt8(ascii: "=") { j += 1 }
            return j < bytes.count && bytes[j] == UInt8(ascii: "[") ? j - i - 1 : nil
        }
        /// Skips a long bracket of `level` opening at `i`; returns its contents.
        func skipLong(_ level: Int) -> String {
            i += level + 2
            let start = i
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "]") {
                    var j = i + 1
                    while j < bytes.count, bytes[j] == UInt8(ascii: "="), j - i - 1 < level { j += 1 }
                    if j - i - 1 == level, j < bytes.count, bytes[j] == UInt8(ascii: "]") {
                        let text = String(decoding: bytes[start..<i], as: UTF8.self)
                        i = j + 1
                        return text
                    }
                }
                if bytes[i] == 10 { line += 1 }
                i += 1
            }
            return String(decoding: bytes[start...], as: UTF8.self)
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == 10 { line += 1; i += 1; continue }
            if c == 32 || c == 9 || c == 13 { i += 1; continue }
            if c == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                i += 2
                if let level = longBracket(at: i) { _ = skipLong(level); continue }
                while i < bytes.count, bytes[i] != 10 { i += 1 }
                continue
            }
            let startLine = line
            if isNameByte(c) {
                let start = i
                while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                // A number (`1e5`, `0x1F`) reads as a name here, which is harmless.
                tokens.append(Token(kind: .name(word), line: startLine))
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                var value: [UInt8] = []
                i += 1
                while i < bytes.count, bytes[i] != c, bytes[i] != 10 {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                        let next = bytes[i + 1]
                        if next == 10 { line += 1 }
                        if next == c || next == UInt8(ascii: "\\") { value.append(next) } else { value += [bytes[i], next] }
                        i += 2
                        continue
                    }
                    value.append(bytes[i])
                    i += 1
                }
                i += 1
                tokens.append(Token(kind: .string(String(decoding: value, as: UTF8.self)), line: startLine))
                continue
            }
            if let level = longBracket(at: i) {
                tokens.append(Token(kind: .string(skipLong(level)), line: startLine))
                continue
            }
            if c == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "=") {
                tokens.append(Token(kind: .symbol("=="), line: startLine))
                i += 2
                continue
            }
            tokens.append(Token(kind: .symbol(String(UnicodeScalar(c))), line: startLine))
            i += 1
        }
        self.tokens = tokens
    }
}
