/// Turns records of text fields into RFC 4180 CSV: a header line, then one line per record;
/// fields that need it are quoted (`"` doubled).
package enum CSVWriter {
    /// The CSV text of `header` and `records` (each as long as the header), LF line ends.
    package static func encode(header: [String], records: [[String]]) -> [UInt8] {
        var out: [UInt8] = []
        append(header, to: &out)
        for record in records { append(record, to: &out) }
        return out
    }

    private static func append(_ fields: [String], to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let needsQuotes = f.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                || f.hasPrefix(" ") || f.hasSuffix(" ")
            if needsQuotes {
                out.append(UInt8(ascii: "\""))
                for c in f.utf8 {
                    if c == UInt8(ascii: "\"") { out.append(c) }
                    out.append(c)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: Array(f.utf8))
            }
        }
        out.append(0x0A)
    }
}
