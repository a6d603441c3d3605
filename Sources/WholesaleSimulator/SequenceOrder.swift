/// Creation sequence numbers in increasing order: one list's order, kept as records join and
/// leave it. New records have the highest sequence, so most inserts are appends.
struct SequenceOrder: Sendable {
    private(set) var values: [Int] = []

    /// How many there are.
    var count: Int { values.count }

    /// Adds `sequence` in its place (once).
    mutating func insert(_ sequence: Int) {
        if values.last.map({ $0 < sequence }) ?? true {
            values.append(sequence)
            return
        }
        let i = position(of: sequence)
        if i == values.count || values[i] != sequence { values.insert(sequence, at: i) }
    }

    /// Removes `sequence` when it is there.
    mutating func remove(_ sequence: Int) {
        let i = position(of: sequence)
        if i < values.count, values[i] == sequence { values.remove(at: i) }
    }

    /// How many values are below `sequence`: where it is, or would go.
    func position(of sequence: Int) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < sequence { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The values at `range` of the merge of `orders`, which hold no value twice between them,
    /// found without merging what comes before the range (a binary search for where each order
    /// stands at the range's start, then a merge of the range alone).
    static func merged(_ orders: [SequenceOrder], _ range: Range<Int>) -> [Int] {
        let orders = orders.filter { $0.count > 0 }
        let total = orders.reduce(0) { $0 + $1.count }
        guard range.lowerBound < total, !range.isEmpty else { return [] }
        if orders.count == 1 { return Array(orders[0].values[range.lowerBound..<min(total, range.upperBound)]) }
        // The smallest value with more than `range.lowerBound` values at or below it is the
        // merge's element at `range.lowerBound`; below it stand exactly that many.
        var low = orders.map { $0.values[0] }.min()!, high = orders.map { $0.values[$0.count - 1] }.max()!
        while low < high {
            let middle = low + (high - low) / 2
            let atOrBelow = orders.reduce(0) { $0 + $1.position(of: middle + 1) }
            if atOrBelow > range.lowerBound { high = middle } else { low = middle + 1 }
        }
        var positions = orders.map { $0.position(of: low) }
        var result: [Int] = []
        result.reserveCapacity(min(range.count, total - range.lowerBound))
        while result.count < range.count {
            var best: Int?
            for (i, order) in orders.enumerated() where positions[i] < order.count {
                if best.map({ order.values[positions[i]] < orders[$0].values[positions[$0]] }) ?? true { best = i }
            }
            guard let chosen = best else { break }
            result.append(orders[chosen].values[positions[chosen]])
            positions[chosen] += 1
        }
        return result
    }
}
