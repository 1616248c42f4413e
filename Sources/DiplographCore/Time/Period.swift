/// A length of time as people write it: `90d`, `12w`, `3mo`, `1y`, or a plain number
/// of days. Windows are periods counted in days; series of dates step by periods,
/// months and years by the calendar.
public struct Period: Sendable, Hashable {
    /// The unit a period is written in.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case day = "d", week = "w", month = "mo", year = "y"
    }

    /// How many units.
    public let count: Int
    /// Which unit.
    public let unit: Unit

    /// `count` of `unit`.
    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// Parses `N`, `Nd`, `Nw`, `Nmo` or `Ny` (N from 0 to 100,000; a plain number is
    /// days, up to 36,500,000).
    public init(parsing text: String) throws(TimeError) {
        let lowered = text.lowercased()
        for unit in [Unit.month, .day, .week, .year] where lowered.hasSuffix(unit.rawValue) {
            if let count = Int(lowered.dropLast(unit.rawValue.count)), (0...100_000).contains(count) {
                self.init(count: count, unit: unit)
                return
            }
        }
        guard let days = Int(lowered), (0...36_500_000).contains(days) else { throw Self.malformed(text) }
        self.init(count: days, unit: .day)
    }

    /// Parses a window: a period in days, weeks or years (a year is 365 days), as days.
    ///
    /// Months are refused: their lengths differ, and a window is a number of days.
    public static func windowDays(parsing text: String) throws(TimeError) -> Int {
        let period = try Period(parsing: text)
        guard let days = period.days else { throw malformed(text) }
        return days
    }

    /// The period in days, or nil for months (whose lengths differ).
    public var days: Int? {
        switch unit {
        case .day: count
        case .week: count * 7
        case .year: count * 365
        case .month: nil
        }
    }

    /// The last day of each step of a series from `first` to `last`: the frames of a
    /// drawing per month, quarter or week.
    ///
    /// Months and years step by the calendar from the month of `first` (each frame is
    /// a month's last day); days and weeks step from the first day of `first` (the
    /// first frame is the last day of the first step). Every frame is on or before
    /// `last`.
    ///
    /// - Throws: `TimeError` when the period is empty, when no step ends by `last`,
    ///   or past `limit` frames.
    /// - Complexity: O(f) for the f frames.
    public func frames(from first: EventDate, through last: Day, limit: Int = 1000) throws(TimeError) -> [Day] {
        guard count > 0 else { throw Self.malformed("\(count)\(unit.rawValue)") }
        var days: [Day] = []
        if let length = self.days, unit != .year {
            var day = first.firstDay.adding(days: length - 1)
            while day <= last, days.count <= limit {
                days.append(day)
                day = day.adding(days: length)
            }
        } else {
            let months = unit == .month ? count : count * 12
            var (year, month) = (first.year, first.month ?? 1)
            while year <= 9999 {
                let end = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
                if end > last || days.count > limit { break }
                days.append(end)
                month += months
                year += (month - 1) / 12
                month = (month - 1) % 12 + 1
            }
        }
        guard !days.isEmpty else {
            throw TimeError(code: .frameCount, text: description, message: "no step of \(self) ends between \(first) and \(last)",
                            hint: "take a shorter step or a longer span")
        }
        guard days.count <= limit else {
            throw TimeError(code: .frameCount, text: description, message: "more than \(limit) steps of \(self)",
                            hint: "take a longer step or a shorter span")
        }
        return days
    }

    static func malformed(_ text: String) -> TimeError {
        TimeError(code: .malformedPeriod, text: text, message: "'\(text)' is not a period",
                  hint: "write a number and a unit: 90d (days), 12w (weeks), 3mo (months) or 1y (years)")
    }
}

extension Period: CustomStringConvertible {
    /// As written: `90d`, `3mo`.
    public var description: String { "\(count)\(unit.rawValue)" }
}
