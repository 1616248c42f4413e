/// The order a store keeps events in: first day, then last day, then id.
///
/// Days are small integers, so this is a least-significant-first radix sort: stable
/// counting sorts by last day, then by first day. Only events sharing both days are
/// then compared by id, and only where a run of them is out of id order: coded files
/// list a day's events by id, and native files are written in this very order, so
/// usually no id is compared beyond one check per neighbour. This replaces a
/// comparison sort over all ids that took most of indexing a million events
/// (`make bench`: index time, and the native JSON-lines load). When the days span
/// far more values than there are events, a comparison sort is used instead.
enum ChronologicalOrder {
    /// - Parameter idLess: whether the id of the first position sorts before the
    ///   second's.
    /// - Complexity: O(n + d) for n events over d distinct days' range, plus
    ///   O(r log r) for each run of r events sharing both days out of id order.
    static func positions(firstDays: [Day], lastDays: [Day], idLess: @escaping @Sendable (Int, Int) -> Bool) -> [Int] {
        let count = firstDays.count
        guard count > 1 else { return Array(0..<count) }
        let low = min(firstDays.min()!.ordinal, lastDays.min()!.ordinal)
        let high = max(firstDays.max()!.ordinal, lastDays.max()!.ordinal)
        guard Int(high) - Int(low) < 4 * count + 1_000_000 else {
            return (0..<count).sorted { lhs, rhs in
                if firstDays[lhs] != firstDays[rhs] { return firstDays[lhs] < firstDays[rhs] }
                if lastDays[lhs] != lastDays[rhs] { return lastDays[lhs] < lastDays[rhs] }
                return idLess(lhs, rhs)
            }
        }
        // The days are sorted on one core while the other checks whether positions are
        // in id order (coded files): then the stable sorts kept that order in every
        // run, and no id needs comparing after.
        var order: [Int] = []
        let (_, idsInOrder) = onAnotherCore((), { _ in (0..<(count - 1)).allSatisfy { !idLess($0 + 1, $0) } }, overlapping: {
            let singleDays = (0..<count).allSatisfy { firstDays[$0] == lastDays[$0] }
            let byLast = singleDays ? Array(0..<count) : countingSort(Array(0..<count), by: lastDays, low: low, high: high)
            order = countingSort(byLast, by: firstDays, low: low, high: high)
        })
        if idsInOrder { return order }
        var runStart = 0
        while runStart < count {
            var runEnd = runStart + 1
            var sorted = true
            while runEnd < count, firstDays[order[runEnd]] == firstDays[order[runStart]],
                  lastDays[order[runEnd]] == lastDays[order[runStart]] {
                if sorted, idLess(order[runEnd], order[runEnd - 1]) { sorted = false }
                runEnd += 1
            }
            if !sorted { order[runStart..<runEnd].sort(by: idLess) }
            runStart = runEnd
        }
        return order
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
