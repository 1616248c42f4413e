extension Node {
    /// The lifecycle as non-overlapping closed intervals, in time order, resolved by
    /// the same rule as `status(on:)`: where phases overlap, the one that starts later
    /// wins (then the one listed later), so the earlier phase is cut short.
    ///
    /// - Complexity: O(p log p) in the number of phases.
    package var statusIntervals: [(status: String, interval: DayInterval)] {
        let ordered = lifecycle.enumerated().sorted { lhs, rhs in
            lhs.element.from.firstDay != rhs.element.from.firstDay
                ? lhs.element.from.firstDay < rhs.element.from.firstDay : lhs.offset < rhs.offset
        }.map(\.element)
        var result: [(status: String, interval: DayInterval)] = []
        for (index, phase) in ordered.enumerated() {
            var last = phase.interval.last
            if index + 1 < ordered.count {
                let cut = ordered[index + 1].interval.first.adding(days: -1)
                last = last.map { min($0, cut) } ?? cut
            }
            if let last, last < phase.interval.first { continue }
            result.append((phase.status, DayInterval(first: phase.interval.first, last: last)))
        }
        return result
    }
}
