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

extension Node {
    /// The days from the start of the first phase with `status` (of any phase when
    /// nil) to the end of the last one, closed; open-ended when that phase has no end.
    /// Nil when no phase has the status. Phases are taken as written (each from the
    /// first day of `from` to the last day of `to`), not cut where a later one begins.
    ///
    /// - Complexity: O(p) in the number of phases.
    public func lifecycleInterval(status: String? = nil) -> DayInterval? {
        let phases = lifecycle.filter { status == nil || $0.status == status }
        guard let first = phases.map(\.interval.first).min() else { return nil }
        let ends = phases.map(\.interval.last)
        return DayInterval(first: first, last: ends.contains(nil) ? nil : ends.compactMap { $0 }.max())
    }
}
