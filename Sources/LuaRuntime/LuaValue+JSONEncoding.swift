extension LuaValue {
    /// Encodes as JSON text with sorted object keys; `pretty` indents by two spaces.
    /// `path` names the value in errors (`body.name: string is not valid UTF-8`).
    public func jsonBytes(pretty: Bool = false, path: String = "value") throws(LuaConversionError) -> [UInt8] {
        var out: [UInt8] = []
        try JSONWriter(pretty: pretty).write(self, into: &out, path: path, indent: 0)
        return out
    }

    /// Encodes as a JSON string (see `jsonBytes`).
    public func jsonText(pretty: Bool = false, path: String = "value") throws(LuaConversionError) -> String {
        String(decoding: try jsonBytes(pretty: pretty, path: path), as: UTF8.self)
    }
}

private struct JSONWriter {
    let pretty: Bool

    func newline(_ out: inout [UInt8], _ indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    func write(_ value: LuaValue, into out: inout [UInt8], path: String, indent: Int) throws(LuaConversionError) {
        switch value {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .boolean(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .integer(let i): out.append(contentsOf: Array(String(i).utf8))
        case .number(let d):
            guard d.isFinite else { throw LuaConversionError(path: path, problem: d.isNaN ? "NaN is not JSON" : "infinity is not JSON") }
            out.append(contentsOf: Array(String(d).utf8))
        case .string(let s): writeString(s, into: &out)
        case .bytes: throw LuaConversionError(path: path, problem: "string is not valid UTF-8, so it cannot be JSON")
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent + 1)
                try write(element, into: &out, path: LuaPath.index(path, Int64(i + 1)), indent: indent + 1)
            }
            if !elements.isEmpty { newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent + 1)
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                try write(members[key]!, into: &out, path: LuaPath.member(path, key), indent: indent + 1)
            }
            if !members.isEmpty { newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
