/// The nearest of a set of known words to one that is not among them, for "did you mean"
/// hints: edit distance (insertions, deletions, substitutions and swaps of neighbours count one
/// each), ignoring case, within a third of the word's length; words of two letters or fewer
/// get no hint (any other short word is as near). Of equally near words, the one that sorts first.
public enum Spelling {
    /// The known word closest to `word`, or `nil` when none is close enough to be a typo of it.
    public static func nearest(_ word: String, among known: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().utf8)
        guard target.count > 2 else { return nil }
        let limit = max(1, target.count / 3)
        var best: (word: String, distance: Int)?
        for candidate in known {
            let distance = Self.distance(target, Array(candidate.lowercased().utf8))
            // Ties go to the word that sorts first, so the hint does not depend on set order.
            if distance <= limit, distance < (best?.distance ?? .max) || (distance == best?.distance && candidate < best!.word) {
                best = (candidate, distance)
            }
        }
        return best?.word
    }

    /// `; did you mean "word"?` for the nearest known word, or the empty string: the one wording
    /// of the hint in every message (list values, field names).
    public static func hint(_ word: String, among known: some Sequence<String>) -> String {
        nearest(word, among: known).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// The optimal-string-alignment distance of two byte strings.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
}
