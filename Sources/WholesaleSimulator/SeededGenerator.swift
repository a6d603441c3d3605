/// A small, fast, seedable random generator (SplitMix64): the same seed gives the same ids,
/// seed data and faults, run after run.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Codable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A version-4 UUID string made of random bits.
    mutating func uuid() -> String {
        let a = next(), b = next()
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        var shaped = bytes
        shaped[6] = shaped[6] & 0x0F | 0x40
        shaped[8] = shaped[8] & 0x3F | 0x80
        let hex = shaped.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    /// A Webex-style id: base64url, without padding, of `ciscospark://us/TYPE/uuid`.
    mutating func webexID(_ type: String) -> String {
        WebexID.encode("ciscospark://us/\(type)/\(uuid())")
    }
}

/// Webex ids are base64url text of a `ciscospark://` URI.
enum WebexID {
    static func encode(_ text: String) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
            let n = (UInt32(chunk[0]) << 16) | (UInt32(chunk.count > 1 ? chunk[1] : 0) << 8) | UInt32(chunk.count > 2 ? chunk[2] : 0)
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            if chunk.count > 1 { out.append(table[Int(n >> 6 & 63)]) }
            if chunk.count > 2 { out.append(table[Int(n & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
