import DiplographCore

/// The date parser: whatever it accepts is a real date whose text reads back to the
/// same value, with its first day no later than its last.
enum DateTarget {
    static func run(_ bytes: [UInt8], _ findings: inout Findings) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let date = try? EventDate(parsing: text) {
            findings.check(date.firstDay <= date.lastDay, "\(date): first day after last day")
            findings.check((try? EventDate(parsing: date.description)) == date, "\(date) does not read back")
            let (year, month, day) = date.firstDay.components
            findings.check(Day(year: year, month: month, day: day) == date.firstDay, "\(date): day components do not read back")
            findings.check(month >= 1 && month <= 12 && day >= 1 && day <= Day.daysIn(month: month, year: year),
                           "\(date): impossible first day \(year)-\(month)-\(day)")
        }
        if let span = try? DateSpan(parsing: text) {
            findings.check(span.firstDay <= span.lastDay, "\(span): starts after it ends")
            findings.check((try? DateSpan(parsing: span.description)) == span, "\(span) does not read back")
        }
    }
}
