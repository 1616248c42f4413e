/// A closed interval of days, `[first, last]`, whose end may be open (unbounded).
///
/// Both ends are included: an office whose interval ends 2025-01-20 is held on
/// 2025-01-20 and not on 2025-01-21. `last == nil` means "still ongoing": the interval
/// contains every day from `first` on.
public struct DayInterval: Sendable, Hashable {
    /// The first day included.
    public let first: Day
    /// The last day included, or nil when the interval has no end yet.
    public let last: Day?

    /// The closed interval `[first, last]`; open-ended when `last` is nil.
    public init(first: Day, last: Day?) {
        self.first = first
        self.last = last
    }

    /// Whether `day` lies in the interval (closed at both ends).
    ///
    /// - Complexity: O(1).
    public func contains(_ day: Day) -> Bool {
        guard first <= day else { return false }
        guard let last else { return true }
        return day <= last
    }

    /// Whether the two intervals share at least one day (closed at both ends).
    ///
    /// - Complexity: O(1).
    public func overlaps(_ other: DayInterval) -> Bool {
        if let last, last < other.first { return false }
        if let otherLast = other.last, otherLast < first { return false }
        return true
    }

    /// The closed interval from `first` to `last`, either end left open when nil (no
    /// first day: every day before `last`); nil when both are.
    package static func between(_ first: Day?, _ last: Day?) -> DayInterval? {
        first == nil && last == nil ? nil : DayInterval(first: first ?? Day(ordinal: .min), last: last)
    }

    /// Whether the interval shares a day with the closed span `[first, last]`.
    package func overlaps(first otherFirst: Day, last otherLast: Day) -> Bool {
        overlaps(DayInterval(first: otherFirst, last: otherLast))
    }
}
