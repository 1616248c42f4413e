/// The order a store keeps events in: first day, then last day, then id rank.
///
/// Days are small integers, so this is a least-significant-first radix sort: stable
/// counting sorts by last day, then by first day, over positions already in id
/// order. It replaces a comparison sort that took most of indexing a million
/// coded events (`make bench`: index time); when the days span far more values than
/// there are events, the comparison sort is used instead.
enum ChronologicalOrder {
    /// - Parameter idOrder: positions in id order, or nil when positions are already
    ///   in id order.
    /// - Complexity: O(n + d) for n events over d distinct days' range.
    static func positions(firstDays: [Day], lastDays: [Day], idOrder: [Int]?) -> [Int] {
        let count = firstDays.count
        guard count > 1 else { return Array(0..<count) }
        let ranked = idOrder ?? Array(0..<count)
        let low = min(firstDays.min()!.ordinal, lastDays.min()!.ordinal)
        let high = max(firstDays.max()!.ordinal, lastDays.max()!.ordinal)
        guard Int(high) - Int(low) < 4 * count + 1_000_000 else {
            var rank = [Int](repeating: 0, count: count)
            for (index, position) in ranked.enumerated() { rank[position] = index }
            return (0..<count).sorted { lhs, rhs in
                if firstDays[lhs] != firstDays[rhs] { return firstDays[lhs] < firstDays[rhs] }
                if lastDays[lhs] != lastDays[rhs] { return lastDays[lhs] < lastDays[rhs] }
                return rank[lhs] < rank[rhs]
            }
        }
        let singleDays = (0..<count).allSatisfy { firstDays[$0] == lastDays[$0] }
        let byLast = singleDays ? ranked : countingSort(ranked, by: lastDays, low: low, high: high)
        return countingSort(byLast, by: firstDays, low: low, high: high)
    }

    /// `positions` reordered by `days[position]`, keeping the order of equal days.
    private static func countingSort(_ positions: [Int], by days: [Day], low: Int32, high: Int32) -> [Int] {
        var starts = [Int](repeating: 0, count: Int(high - low) + 2)
        for day in days { starts[Int(day.ordinal - low) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var result = [Int](repeating: 0, count: positions.count)
        for position in positions {
            let bucket = Int(days[position].ordinal - low)
            result[starts[bucket]] = position
            starts[bucket] += 1
        }
        return result
    }
}
