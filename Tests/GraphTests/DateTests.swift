import DiplographCore
import Testing

@Suite("Days and dates")
struct DateTests {
    @Test("Day ordinals match the civil calendar, across leap days and centuries")
    func dayOrdinals() {
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1).ordinal == 11_017)
        #expect(Day(year: 1969, month: 12, day: 31).ordinal == -1)
        #expect(Day(year: 2024, month: 2, day: 29).description == "2024-02-29")
        #expect(Day(year: 2024, month: 3, day: 1).distance(to: Day(year: 2024, month: 2, day: 28)) == -2)
        for ordinal in stride(from: -800_000, through: 2_900_000, by: 997) {
            let day = Day(ordinal: Int32(ordinal))
            let (y, m, d) = day.components
            #expect(Day(year: y, month: m, day: d) == day)
        }
    }

    @Test("A date covers its whole span: year, month or day")
    func precisionSpans() throws {
        let year = try EventDate(parsing: "2023")
        #expect(year.precision == .year)
        #expect(year.firstDay.description == "2023-01-01")
        #expect(year.lastDay.description == "2023-12-31")
        let month = try EventDate(parsing: "2024-02")
        #expect(month.precision == .month)
        #expect(month.firstDay.description == "2024-02-01")
        #expect(month.lastDay.description == "2024-02-29")
        let day = try EventDate(parsing: "2023-06-27")
        #expect(day.precision == .day)
        #expect(day.firstDay == day.lastDay)
        #expect(day.description == "2023-06-27")
    }

    @Test("A month-precision date contains its first and last day and nothing outside")
    func monthBoundaries() throws {
        let june = try EventDate(parsing: "2023-06")
        #expect(june.contains(Day(year: 2023, month: 6, day: 1)))
        #expect(june.contains(Day(year: 2023, month: 6, day: 30)))
        #expect(!june.contains(Day(year: 2023, month: 5, day: 31)))
        #expect(!june.contains(Day(year: 2023, month: 7, day: 1)))
    }

    @Test("The approximate flag is kept and written back with ~")
    func approximate() throws {
        let date = try EventDate(parsing: "2025-03~")
        #expect(date.isApproximate)
        #expect(date.precision == .month)
        #expect(date.description == "2025-03~")
    }

    @Test("Impossible and malformed dates are rejected with the right code",
          arguments: [
              ("2023-02-30", TimeError.Code.dayOutOfRange),
              ("2023-02-29", .dayOutOfRange),
              ("2023-04-31", .dayOutOfRange),
              ("2023-13-01", .monthOutOfRange),
              ("2023-00", .monthOutOfRange),
              ("0000-00-00", .yearOutOfRange),
              ("0000", .yearOutOfRange),
              ("10000", .malformed),
              ("2023-6", .malformed),
              ("23", .malformed),
              ("2023/06/27", .malformed),
              ("2023-06-27T10:00", .malformed),
              ("", .empty),
              ("~", .empty),
              ("２０２３", .malformed),
          ])
    func rejects(text: String, code: TimeError.Code) {
        #expect(throws: TimeError.self) { try EventDate(parsing: text) }
        do {
            _ = try EventDate(parsing: text)
        } catch {
            #expect(error.code == code)
            #expect(!error.hint.isEmpty)
        }
    }

    @Test("February 29 exists in leap years only")
    func leapDays() throws {
        #expect(try EventDate(parsing: "2024-02-29").lastDay.description == "2024-02-29")
        #expect(try EventDate(parsing: "2000-02-29").firstDay.description == "2000-02-29")
        #expect(throws: TimeError.self) { try EventDate(parsing: "1900-02-29") }
    }

    @Test("Dates order by first day, then last day")
    func ordering() throws {
        let day = try EventDate(parsing: "2023-06-01")
        let month = try EventDate(parsing: "2023-06")
        let year = try EventDate(parsing: "2023")
        let later = try EventDate(parsing: "2023-06-02")
        #expect([year, later, month, day].sorted() == [year, day, month, later])
    }

    @Test("A range covers both ends; one that ends before it starts is an error")
    func ranges() throws {
        let span = try DateSpan(parsing: "2023-06-27/2023-06-29")
        #expect(span.isRange)
        #expect(span.days.contains(Day(year: 2023, month: 6, day: 27)))
        #expect(span.days.contains(Day(year: 2023, month: 6, day: 29)))
        #expect(!span.days.contains(Day(year: 2023, month: 6, day: 30)))
        #expect(span.description == "2023-06-27/2023-06-29")
        let months = try DateSpan(parsing: "2023-05/2023-06")
        #expect(months.lastDay.description == "2023-06-30")
        do {
            _ = try DateSpan(parsing: "2023-06-29/2023-06-27")
            Issue.record("a backwards range was accepted")
        } catch {
            #expect(error.code == .rangeEndsBeforeStart)
        }
        // The same month at both ends is not backwards.
        #expect(try DateSpan(parsing: "2023-06/2023-06-15").firstDay.description == "2023-06-01")
    }

    @Test("Day intervals are closed at both ends; an open end contains every later day")
    func intervals() {
        let first = Day(year: 2021, month: 1, day: 26)
        let last = Day(year: 2025, month: 1, day: 20)
        let term = DayInterval(first: first, last: last)
        #expect(term.contains(first))
        #expect(term.contains(last))
        #expect(!term.contains(last.adding(days: 1)))
        #expect(!term.contains(first.adding(days: -1)))
        let ongoing = DayInterval(first: first, last: nil)
        #expect(ongoing.contains(Day(year: 9999, month: 12, day: 31)))
        #expect(term.overlaps(DayInterval(first: last, last: nil)))
        #expect(!term.overlaps(DayInterval(first: last.adding(days: 1), last: nil)))
        #expect(ongoing.overlaps(first: first.adding(days: -5), last: first))
        #expect(!ongoing.overlaps(first: first.adding(days: -5), last: first.adding(days: -1)))
    }
}
