import DiplographCore
import Testing

@Suite("Periods: windows and the frames of a series")
struct PeriodTests {
    func date(_ text: String) -> EventDate { try! EventDate(parsing: text) }

    @Test("Windows: days, weeks, years of 365 days, plain numbers; months and nonsense refused with a hint")
    func windows() throws {
        #expect(try Period.windowDays(parsing: "90d") == 90)
        #expect(try Period.windowDays(parsing: "12W") == 84)
        #expect(try Period.windowDays(parsing: "1y") == 365)
        #expect(try Period.windowDays(parsing: "0") == 0)
        #expect(try Period.windowDays(parsing: "36500000") == 36_500_000)
        for text in ["3mo", "90 days", "-1d", "", "d", "100001d", "36500001"] {
            #expect(throws: TimeError.self, "\(text)") { try Period.windowDays(parsing: text) }
        }
        do {
            _ = try Period.windowDays(parsing: "3mo")
        } catch {
            #expect(error.code == .malformedPeriod && error.hint.contains("90d"))
            #expect(error.diagnostic().code == "bad-period")
        }
    }

    @Test("Monthly frames are each month's last day, the last one on the closing day included")
    func monthlyFrames() throws {
        let frames = try Period(parsing: "1mo").frames(from: date("2022-10"), through: date("2023-12").lastDay)
        #expect(frames.count == 15)
        #expect(frames.first?.description == "2022-10-31")
        #expect(frames.last?.description == "2023-12-31")
        #expect(frames.contains(Day(year: 2023, month: 2, day: 28)))
        // A closing day one short of the month's end leaves that month out.
        let short = try Period(parsing: "1mo").frames(from: date("2022-10"), through: Day(year: 2023, month: 12, day: 30))
        #expect(short.last?.description == "2023-11-30")
        let quarters = try Period(parsing: "3mo").frames(from: date("2023-11-15"), through: date("2024-12").lastDay)
        #expect(quarters.map(\.description) == ["2023-11-30", "2024-02-29", "2024-05-31", "2024-08-31", "2024-11-30"])
        #expect(try Period(parsing: "1y").frames(from: date("2022-06"), through: date("2024-06").lastDay).map(\.description)
            == ["2022-06-30", "2023-06-30", "2024-06-30"])
    }

    @Test("Day and week frames count from the first day; every frame on or before the last")
    func dayFrames() throws {
        let weeks = try Period(parsing: "1w").frames(from: date("2023-06-01"), through: date("2023-06-28").lastDay)
        #expect(weeks.map(\.description) == ["2023-06-07", "2023-06-14", "2023-06-21", "2023-06-28"])
        let days = try Period(parsing: "10").frames(from: date("2023-06"), through: date("2023-06-29").lastDay)
        #expect(days.map(\.description) == ["2023-06-10", "2023-06-20"])
    }

    @Test("A series with no frame, an empty step, or more frames than the limit is an error")
    func frameLimits() {
        #expect(throws: TimeError.self) { try Period(parsing: "1mo").frames(from: self.date("2023-06-02"), through: self.date("2023-06-29").lastDay) }
        #expect(throws: TimeError.self) { try Period(parsing: "0d").frames(from: self.date("2023"), through: self.date("2024").lastDay) }
        #expect(throws: TimeError.self) { try Period(parsing: "1d").frames(from: self.date("2020"), through: self.date("2024").lastDay, limit: 1000) }
        #expect((try? Period(parsing: "1d").frames(from: date("2023-01"), through: date("2023-01").lastDay, limit: 31))?.count == 31)
    }
}
