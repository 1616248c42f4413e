import DiplographCore
import Testing
import TestSupport

/// The in-memory store's indexed answers against `ScanStore`, a second `EventStore`
/// written with the public API only, which scans every event for every query.
@Suite("One query interface, two stores: the in-memory indices equal a plain scan")
struct EventStoreConformanceTests {
    @Test("The fixture: every lookup, timeline, snapshot and diff, at the boundaries of its offices and phases")
    func fixture() {
        let dataset = Fixture.dataset
        // Terms and phases end and begin on these days; windows reach back across them.
        let days = ["2022-12-11", "2022-12-12", "2023-05-04", "2023-06-26", "2023-06-27", "2023-09-30", "2023-10-01",
                    "2025-01-20", "2025-01-21", "2025-03-31", "2026-01-01"].map(Fixture.day)
        let queries = [
            TimelineQuery(), TimelineQuery(actors: ["ararat-mirzoyan"]),
            TimelineQuery(actors: ["armenia", "azerbaijan"], actorMatch: .all),
            TimelineQuery(pair: .init("ararat-mirzoyan", "antony-blinken")),
            TimelineQuery(issues: ["lachin-corridor-blockade"], kinds: [.statement]),
            TimelineQuery(range: DayInterval(first: Fixture.day("2023-06-27"), last: Fixture.day("2023-06-27"))),
            TimelineQuery(actors: ["no-such-node"]),
        ]
        var suite = QuerySuite(oracle: ScanStore(dataset), candidate: InMemoryStore(dataset))
        suite.run(queries: queries, days: days, windows: [0, 54, 53, 365])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
    }

    @Test("Random datasets: ranges, months and years, several parties, random queries and days", arguments: [1, 2, 3])
    func randomised(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let dataset = SyntheticData.dataset(events: 300, nodes: 20, using: &generator)
        let queries = (0..<60).map { _ in SyntheticData.query(nodes: 20, using: &generator) }
        // Days on event boundaries (first and last days, and the day after) and random ones.
        var days = (0..<8).map { _ in SyntheticData.randomDate(using: &generator).firstDay }
        for event in dataset.events.prefix(4) {
            days += [event.date.firstDay, event.date.lastDay, event.date.lastDay.adding(days: 1)]
        }
        days.sort()
        var suite = QuerySuite(oracle: ScanStore(dataset), candidate: InMemoryStore(dataset))
        suite.run(queries: queries, days: days)
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
    }

    @Test("The default diff (from two snapshots) reports what the in-memory running totals do")
    func defaultDiffEqualsFastPath() {
        let store = InMemoryStore(Fixture.dataset)
        let fast = store.diff(from: Fixture.day("2023-01-01"), to: Fixture.day("2024-01-01"))
        let general = GraphDiff(before: store.snapshot(at: Fixture.day("2023-01-01")),
                                after: store.snapshot(at: Fixture.day("2024-01-01")),
                                eventsBetween: store.eventsStarted(after: Fixture.day("2023-01-01"),
                                                                   through: Fixture.day("2024-01-01")))
        #expect(Array(fast.relationsChanged) == Array(general.relationsChanged))
        #expect(Array(fast.relationsAdded) == Array(general.relationsAdded))
        #expect(fast.nodesAdded == general.nodesAdded)
        #expect(fast.issueStatusChanges == general.issueStatusChanges)
        #expect(fast.eventsBetween.ids == general.eventsBetween.ids)
        #expect(!fast.relationsChanged.isEmpty && !fast.eventsBetween.isEmpty)
    }
}
