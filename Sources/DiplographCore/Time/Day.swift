/// One calendar day of the proleptic Gregorian calendar, stored as the number of days
/// since 1970-01-01.
///
/// Diplograph reasons about time at day granularity: every date, whatever its
/// precision, covers a closed range of `Day`s. A 32-bit count spans far beyond the
/// years 1...9999 the parser accepts, and keeps events small in memory.
public struct Day: Sendable, Hashable, Comparable {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int32

    /// The day `ordinal` days after 1970-01-01.
    public init(ordinal: Int32) {
        self.ordinal = ordinal
    }

    /// The day with the given civil date. The components must form a real date;
    /// `EventDate` parsing checks that before calling.
    ///
    /// - Complexity: O(1).
    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar,
        // no Foundation Calendar, no time zone, cheap enough for the import hot path.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.ordinal = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// The civil date of this day.
    ///
    /// - Complexity: O(1).
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        let clamped = max(Int(Int32.min), min(Int(Int32.max), Int(ordinal) + count))
        return Day(ordinal: Int32(clamped))
    }

    /// Days from `self` to `other`; positive when `other` is later.
    public func distance(to other: Day) -> Int {
        Int(other.ordinal) - Int(ordinal)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// Whether `year` is a Gregorian leap year.
    package static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Day: CustomStringConvertible {
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        return Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    package static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
