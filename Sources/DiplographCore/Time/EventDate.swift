/// A calendar date as a source gives it: a year, a month or a day, possibly approximate.
///
/// A date covers the whole of its span: `2023` covers 2023-01-01 through 2023-12-31,
/// `2023-06` covers 2023-06-01 through 2023-06-30. `firstDay` and `lastDay` are that
/// closed span. Parse with `EventDate(parsing:)`; the text form round-trips.
public struct EventDate: Sendable, Hashable {
    /// How much of the date the source gives.
    public enum Precision: UInt8, Sendable, Hashable, Comparable, CaseIterable {
        case year, month, day

        public static func < (lhs: Precision, rhs: Precision) -> Bool {
            lhs.rawValue < rhs.rawValue
        }
    }

    // Stored compactly (16 bytes with the two days): coded event files hold millions.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    /// The year, 1...9999.
    public var year: Int { Int(storedYear) }
    /// 1...12, or nil at year precision.
    public var month: Int? { storedMonth == 0 ? nil : Int(storedMonth) }
    /// 1...31, or nil at year and month precision.
    public var day: Int? { storedDay == 0 ? nil : Int(storedDay) }
    /// The source marks the date as approximate (written with a trailing `~`, as in EDTF).
    public let isApproximate: Bool

    /// The first day the date covers.
    public let firstDay: Day
    /// The last day the date covers (equal to `firstDay` at day precision).
    public let lastDay: Day

    /// Whether the source gives a year, a month or a day.
    public var precision: Precision {
        storedDay != 0 ? .day : (storedMonth != 0 ? .month : .year)
    }

    /// A date from already-checked components.
    ///
    /// - Precondition: the components form a real date in 1...9999; use
    ///   `EventDate(parsing:)` for untrusted text.
    public init(year: Int, month: Int? = nil, day: Int? = nil, approximate: Bool = false) {
        precondition(day == nil || month != nil, "a day needs a month")
        precondition((1...9999).contains(year), "years run from 1 to 9999")
        storedYear = Int16(year)
        storedMonth = UInt8(month ?? 0)
        storedDay = UInt8(day ?? 0)
        self.isApproximate = approximate
        if let month, let day {
            firstDay = Day(year: year, month: month, day: day)
            lastDay = firstDay
        } else if let month {
            firstDay = Day(year: year, month: month, day: 1)
            lastDay = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
        } else {
            firstDay = Day(year: year, month: 1, day: 1)
            lastDay = Day(year: year, month: 12, day: 31)
        }
    }

    /// The day-precision date of `day`.
    public init(_ day: Day) {
        let (year, month, dayOfMonth) = day.components
        self.init(year: year, month: month, day: dayOfMonth)
    }

    /// The closed interval of days the date covers.
    public var days: DayInterval {
        DayInterval(first: firstDay, last: lastDay)
    }
}

extension EventDate: CustomStringConvertible {
    /// The date as written: `2023`, `2023-06` or `2023-06-27`, with `~` when approximate.
    public var description: String {
        var text = Day.pad(year, 4)
        if let month { text += "-" + Day.pad(month, 2) }
        if let day { text += "-" + Day.pad(day, 2) }
        return isApproximate ? text + "~" : text
    }
}
