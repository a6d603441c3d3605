/// What `--quiet` holds back: the last `capacity` bytes of the run's output, in the order
/// written, and how many bytes before them were dropped.
struct HeldOutput {
    /// The most held at once (4 MiB): enough for the log of a failed night, bounded whatever
    /// the playbook prints.
    package static let capacity = 4 << 20

    private var all: [(toStandardError: Bool, text: String)] = []
    private var first = 0
    private var bytes = 0
    /// Bytes written before those held, dropped to keep within `capacity`.
    private(set) var dropped = 0

    /// The pieces held, oldest first.
    package var pieces: ArraySlice<(toStandardError: Bool, text: String)> { all[first...] }

    /// Holds `text`, dropping the oldest pieces (whole) while more than `capacity` bytes are held;
    /// of a piece larger than `capacity`, only its end is kept.
    package mutating func append(_ text: String, toStandardError: Bool) {
        var text = text
        if text.utf8.count > Self.capacity {
            dropped += text.utf8.count - Self.capacity
            text = String(decoding: text.utf8.suffix(Self.capacity), as: UTF8.self)
        }
        all.append((toStandardError, text))
        bytes += text.utf8.count
        while bytes > Self.capacity {
            let oldest = all[first].text.utf8.count
            all[first].text = ""
            first += 1
            bytes -= oldest
            dropped += oldest
        }
        if first > 64, first * 2 > all.count {
            all.removeFirst(first)
            first = 0
        }
    }
}
