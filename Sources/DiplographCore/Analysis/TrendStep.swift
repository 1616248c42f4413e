/// The length of a trend's periods, aligned to the calendar: `1d`, `1w` (weeks from
/// Monday), `1mo`, `1q` (quarters from January, April, July, October), `1y`, or any
/// count of those (`2w`, `6mo`). Months, quarters and years count from January of
/// year 0, so `6mo` is January–June and July–December; weeks from a Monday.
public struct TrendStep: Sendable, Hashable {
    /// The step as a period; a quarter is three months.
    public let period: Period

    /// A step of `period`; its count must be at least 1.
    public init(_ period: Period) throws(TimeError) {
        guard period.count > 0 else { throw Period.malformed(period.description) }
        self.period = period
    }

    /// Parses a period (`1w`, `1mo`, `1y`, `7d`) or quarters (`1q`, `2q`).
    public init(parsing text: String) throws(TimeError) {
        let lowered = text.lowercased()
        if lowered.hasSuffix("q"), let count = Int(lowered.dropLast()), (1...10_000).contains(count) {
            try self.init(Period(count: count * 3, unit: .month))
        } else {
            try self.init(Period(parsing: text))
        }
    }

    // 1970-01-05 was a Monday.
    private static let mondayOrdinal = 4

    /// The number of the period that contains `day`; consecutive periods have
    /// consecutive numbers.
    ///
    /// - Complexity: O(1).
    public func index(of day: Day) -> Int {
        let count = period.count
        switch period.unit {
        case .day: return Self.floorDivide(Int(day.ordinal), count)
        case .week: return Self.floorDivide(Int(day.ordinal) - Self.mondayOrdinal, 7 * count)
        case .month, .year:
            let (year, month, _) = day.components
            let months = period.unit == .month ? count : 12 * count
            return Self.floorDivide(year * 12 + month - 1, months)
        }
    }

    /// The closed interval of days of period number `index`.
    ///
    /// - Complexity: O(1).
    public func interval(ofIndex index: Int) -> DayInterval {
        let count = period.count
        switch period.unit {
        case .day:
            let first = Day(ordinal: Int32(index * count))
            return DayInterval(first: first, last: first.adding(days: count - 1))
        case .week:
            let first = Day(ordinal: Int32(Self.mondayOrdinal + index * 7 * count))
            return DayInterval(first: first, last: first.adding(days: 7 * count - 1))
        case .month, .year:
            let months = period.unit == .month ? count : 12 * count
            let start = index * months
            let end = start + months - 1
            let first = Day(year: Self.floorDivide(start, 12), month: start - 12 * Self.floorDivide(start, 12) + 1, day: 1)
            let (endYear, endMonth) = (Self.floorDivide(end, 12), end - 12 * Self.floorDivide(end, 12) + 1)
            return DayInterval(first: first, last: Day(year: endYear, month: endMonth, day: Day.daysIn(month: endMonth, year: endYear)))
        }
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

extension TrendStep: CustomStringConvertible {
    /// As written: `1mo`, `1w`, and `1q` for three months.
    public var description: String {
        period == Period(count: 3, unit: .month) ? "1q" : period.description
    }
}
