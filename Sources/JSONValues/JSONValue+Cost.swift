extension JSONValue {
    /// About how many bytes of memory `JSONValue(json:)` holds at its peak for `bytes`, beside
    /// the text itself: a quick pass counts what the tree is made of, 32 bytes for each element
    /// or member value, 48 more for each member's key, 128 for each object, 32 for each array,
    /// and the bytes of strings too long to be stored inline (over 15) plus 32. Measured on
    /// arrays of small numbers, of one-member objects and of typical records, this is the
    /// tree's peak or more. For charging a parse against a memory limit before it runs.
    public static func decodingCost(of bytes: [UInt8]) -> Int {
        var values = 1, members = 0, objects = 0, arrays = 0, outOfLine = 0
        bytes.withUnsafeBufferPointer { text in
            var index = 0
            while index < text.count {
                switch text[index] {
                case UInt8(ascii: "\""):
                    let start = index
                    index += 1
                    while index < text.count, text[index] != UInt8(ascii: "\"") {
                        index += text[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    if index - start > 16 { outOfLine += index - start + 32 }
                case UInt8(ascii: ","): values += 1
                case UInt8(ascii: ":"): members += 1
                case UInt8(ascii: "{"): objects += 1; values += 1
                case UInt8(ascii: "["): arrays += 1; values += 1
                default: break
                }
                index += 1
            }
        }
        return values * 32 + members * 48 + objects * 128 + arrays * 32 + outOfLine
    }
}
