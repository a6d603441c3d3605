import Synchronization

/// The `TrackingID` header value of one logical request, kept across its retries so Webex support
/// can follow every attempt: `WHOLESALE_` and 128 bits in the shape of a UUID, lower case.
/// The bits come from a process-wide random seed and a counter mixed by SplitMix64: unique within
/// the process, unpredictable across processes, and without a system call per request.
enum TrackingID {
    private static let seed: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()
    private static let counter = Atomic<UInt64>(0)

    static func make() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let words = [mix(seed.0 &+ n), mix(seed.1 ^ n)]
        var bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = Array("WHOLESALE_".utf8)
        text.reserveCapacity(46)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// SplitMix64's finaliser: a bijection that spreads every input bit over the output.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
