extension EventDate: Comparable {
    /// Dates order by the first day they cover, then by the last: on the same first
    /// day a day-precision date sorts before the month or year that contains it.
    /// Approximate and exact forms of one date are equal in order but not `==`.
    public static func < (lhs: EventDate, rhs: EventDate) -> Bool {
        if lhs.firstDay != rhs.firstDay { return lhs.firstDay < rhs.firstDay }
        if lhs.lastDay != rhs.lastDay { return lhs.lastDay < rhs.lastDay }
        return !lhs.isApproximate && rhs.isApproximate
    }
}

extension EventDate {
    /// Whether the date covers `day` (closed at both ends of its span).
    ///
    /// - Complexity: O(1).
    package func contains(_ day: Day) -> Bool {
        firstDay <= day && day <= lastDay
    }
}
