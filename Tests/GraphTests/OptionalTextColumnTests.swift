@testable import DiplographCore
import Testing
import TestSupport

/// Locations, summaries and quotes are stored only once some event has one: events
/// read back the same whichever events have them, after joining two builders and
/// after the store puts the events in chronological order.
@Suite("Optional event texts")
struct OptionalTextColumnTests {
    @Test("Texts given to some events only read back per event, through a join and a reorder", arguments: 0..<4)
    func sparseTexts(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed + 4040))
        // Seed 0: no event has any; seed 1: only the second builder's; 2, 3: scattered.
        func events(_ part: Int, count: Int) -> [Event] {
            (0..<count).map { index in
                let has = seed >= 2 ? Int.random(in: 0..<5, using: &generator) == 0 : seed == 1 && part == 1
                return Event(id: "e-\(part)-\(index)", kind: .meeting,
                             date: DateSpan(EventDate(year: 2020, month: 1 + index % 12, day: 1 + (index * 7) % 28)),
                             title: "talks", actors: ["a"], targets: ["b"],
                             location: has ? "place \(index % 3)" : nil, summary: has && index % 2 == 0 ? "summary \(index)" : nil,
                             quote: has && index % 3 == 0 ? "quote" : nil,
                             sources: [Source(publisher: "example.org", title: nil, url: nil, date: nil, note: nil)])
            }
        }
        let firstEvents = events(0, count: 300), secondEvents = events(1, count: 200)
        func builder(_ list: [Event]) -> EventTableBuilder {
            var builder = EventTableBuilder()
            for id in ["a", "b"] { _ = builder.node(id) { Node(id: id, kind: .state, name: id) } }
            for event in list { builder.append(event) }
            return builder
        }
        var joined = builder(firstEvents)
        _ = joined.absorb(builder(secondEvents), merge: false)
        let (nodes, table) = joined.finish()
        let expected = firstEvents + secondEvents
        for (index, event) in expected.enumerated() {
            let read = table[index]
            #expect(read.location == event.location && read.summary == event.summary && read.quote == event.quote)
        }
        let store = InMemoryStore(nodes: nodes, offices: [], table: table)
        for event in expected {
            let read = try #require(store.event(event.id))
            #expect(read.location == event.location && read.summary == event.summary && read.quote == event.quote)
        }
    }
}
