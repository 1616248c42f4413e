@testable import DiplographCore
import Testing
import TestSupport

@Suite("Offices and lifecycles")
struct OfficeTests {
    let store = Fixture.store

    @Test("Secretary of State on 2025-02-01 is Rubio, not Blinken")
    func secretaryAfterHandover() {
        let holders = store.holders(of: "Secretary of State", in: "united-states", on: Fixture.day("2025-02-01"))
        #expect(holders.map(\.person) == ["marco-rubio"])
    }

    @Test("An office ending 2025-01-20 is held that day and not the next")
    func lastDayOfTerm() {
        #expect(store.holders(of: "Secretary of State", in: "united-states", on: Fixture.day("2025-01-20"))
            .map(\.person) == ["antony-blinken"])
        #expect(store.holders(of: "Secretary of State", in: "united-states", on: Fixture.day("2025-01-21"))
            .map(\.person) == ["marco-rubio"])
        #expect(store.holders(of: "Secretary of State", in: "united-states", on: Fixture.day("2021-01-25")).isEmpty)
    }

    @Test("An open-ended office is held on every later day")
    func openEnded() {
        #expect(store.offices(heldOn: Fixture.day("2099-12-31")).map(\.id).contains("mirzoyan-fm"))
        #expect(store.offices(of: "ararat-mirzoyan").map(\.id) == ["mirzoyan-fm"])
    }

    @Test("Issue status follows the lifecycle; on overlapping month days the later phase wins")
    func lifecycle() throws {
        let blockade = try #require(store.node("lachin-corridor-blockade"))
        #expect(blockade.status(on: Fixture.day("2022-12-11")) == nil)
        #expect(blockade.status(on: Fixture.day("2022-12-12")) == "active")
        #expect(blockade.status(on: Fixture.day("2023-08-31")) == "active")
        #expect(blockade.status(on: Fixture.day("2023-09-01")) == "ended")
        #expect(blockade.status(on: Fixture.day("2024-01-01")) == "ended")
    }
}

@Suite("Timeline")
struct TimelineTests {
    let store = Fixture.store

    @Test("Events come in chronological order with an id tie-break")
    func order() {
        let ids = store.timeline(TimelineQuery()).map(\.id)
        #expect(ids == ["blockade-begins", "arlington", "condemns-blockade", "seed-meeting", "us-supports",
                        "offensive", "text-agreed"])
    }

    @Test("Actor filter: any of the actors, or all of them")
    func actors() {
        let any = store.timeline(TimelineQuery(actors: ["jeyhun-bayramov", "united-states"]))
        #expect(any.map(\.id) == ["arlington", "us-supports"])
        let all = store.timeline(TimelineQuery(actors: ["ararat-mirzoyan", "antony-blinken"], actorMatch: .all))
        #expect(all.map(\.id) == ["arlington", "seed-meeting"])
    }

    @Test("Pair filter: both take part, as actor or target")
    func pair() {
        let events = store.timeline(TimelineQuery(pair: .init("ararat-mirzoyan", "azerbaijan")))
        #expect(events.map(\.id) == ["condemns-blockade"])
    }

    @Test("Issue and kind filters")
    func issuesAndKinds() {
        #expect(store.timeline(TimelineQuery(issues: ["lachin-corridor-blockade"])).map(\.id)
            == ["blockade-begins", "condemns-blockade"])
        #expect(store.timeline(TimelineQuery(issues: ["normalization"], kinds: [.statement])).map(\.id) == ["us-supports"])
    }

    @Test("Date range is inclusive at both ends and precision-aware")
    func range() {
        func ids(_ from: String, _ to: String) -> [String] {
            let range = DayInterval(first: try! EventDate(parsing: from).firstDay, last: try! EventDate(parsing: to).lastDay)
            return store.timeline(TimelineQuery(range: range)).map(\.id)
        }
        #expect(ids("2023-06-27", "2023-06-27") == ["condemns-blockade", "seed-meeting", "us-supports"])
        #expect(ids("2023-06-28", "2023-09-18").isEmpty)
        // A range event overlapping the start of the range counts.
        #expect(ids("2023-05-04", "2023-05-31") == ["arlington"])
        #expect(ids("2023-05-05", "2023-05-31").isEmpty)
        // A month-precision event matches any day of its month.
        #expect(ids("2025-03-31", "2025-04-30") == ["text-agreed"])
        #expect(ids("2025-02-01", "2025-03-01") == ["text-agreed"])
        #expect(ids("2025-04-01", "2025-12-31").isEmpty)
    }

    @Test("Indexed queries return exactly what a full scan returns", arguments: 0..<5)
    func indexMatchesScan(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 1))
        let store = InMemoryStore(SyntheticData.dataset(events: 600, nodes: 30, using: &generator))
        let everything = store.events
        for _ in 0..<60 {
            let query = SyntheticData.query(nodes: 30, using: &generator)
            let expected = everything.filter(query.matches).map(\.id)
            #expect(store.timeline(query).map(\.id) == expected, "query \(query)")
        }
    }
}

@Suite("Chronological order")
struct ChronologicalOrderTests {
    /// The order by definition: first day, last day, then id rank.
    static func expected(_ firsts: [Day], _ lasts: [Day], _ rank: [Int]) -> [Int] {
        (0..<firsts.count).sorted { ($0 == $1) ? false : (firsts[$0], lasts[$0], rank[$0]) < (firsts[$1], lasts[$1], rank[$1]) }
    }

    @Test("The radix order equals sorting by (first day, last day, id rank)", arguments: 0..<8)
    func radixMatchesComparison(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 91))
        let count = 2_000
        // Seed 5 spreads days over millennia: the comparison-sort path.
        let spread = seed == 5 ? 3_000_000 : 60
        let firsts = (0..<count).map { _ in Day(ordinal: Int32.random(in: 0..<Int32(spread), using: &generator)) }
        let lasts = firsts.map { seed % 2 == 0 ? $0 : $0.adding(days: Int.random(in: 0..<5, using: &generator)) }
        // Ids in position order, shuffled, or in order within each day (seed 6, 7).
        let idOrder = seed >= 6 ? (0..<count).sorted { (firsts[$0], lasts[$0], $0) < (firsts[$1], lasts[$1], $1) }
            : seed % 3 == 0 ? nil : Array(0..<count).shuffled(using: &generator)
        var ranks = Array(0..<count)
        if let idOrder { for (index, position) in idOrder.enumerated() { ranks[position] = index } }
        let rank = ranks
        let order = ChronologicalOrder.positions(firstDays: firsts, lastDays: lasts) { rank[$0] < rank[$1] }
        #expect(order == Self.expected(firsts, lasts, rank))
    }
}
