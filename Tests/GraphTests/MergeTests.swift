@testable import DiplographCore
import Testing
import TestSupport

/// Same-day merging (`append(_:merge:)`) keys on actors, targets, kind and days (a
/// meeting's two parties unordered). One-day events with at most one actor and one
/// target go through a compact table, the rest through a dictionary: both must merge
/// alike, in one builder and across a join.
@Suite("Merging rows")
struct MergeTests {
    /// Events over a few days with two actors and targets to choose from, so that many
    /// share a key; some span days, some have two actors.
    private func rows(count: Int, seed: Int) -> [Event] {
        var generator = SeededGenerator(seed: UInt64(seed + 9090))
        let parties: [[NodeID]] = [[], ["a"], ["b"], ["a", "b"]]
        return (0..<count).map { index in
            let day = Int.random(in: 1...4, using: &generator)
            let span = Int.random(in: 0..<4, using: &generator) == 0 ? 2 : 0
            let date = try! DateSpan(start: EventDate(year: 2020, month: 3, day: day),
                                     end: EventDate(year: 2020, month: 3, day: day + span))
            var actors = parties[Int.random(in: 0..<4, using: &generator)]
            let targets = parties[Int.random(in: 0..<3, using: &generator)]
            if actors.isEmpty && targets.isEmpty { actors = ["a"] }
            return Event(id: "row-\(index)", kind: [.meeting, .event][Int.random(in: 0..<2, using: &generator)], date: date,
                         title: "row", actors: actors, targets: targets, tone: Double(index % 5),
                         sources: [Source(publisher: "example.org", url: "https://example.org/\(index % 7)")])
        }
    }

    private func builder(_ events: ArraySlice<Event>) -> EventTableBuilder {
        var builder = EventTableBuilder()
        for id in ["a", "b"] { builder.node(id) { Node(id: id, kind: .state, name: id) } }
        for event in events { builder.append(event, merge: true) }
        return builder
    }

    @Test("Rows with the same actors, targets, kind and days merge; any other difference keeps them apart")
    func mergeKey() {
        let events = rows(count: 400, seed: 0)
        let table = builder(events[...]).finish().table
        func key(_ event: Event) -> String {
            // A meeting of two is the same whichever side is the actor.
            let pair = event.actors.count + event.targets.count == 2 && event.actors.count >= 1
            if event.kind == .meeting, pair { return "\(event.kind) \(event.date) \((event.actors + event.targets).sorted())" }
            return "\(event.kind) \(event.date) \(event.actors) \(event.targets)"
        }
        #expect(table.count == Set(events.map(key)).count)
        let merged = (0..<table.count).map { table[$0] }
        #expect(Set(merged.map(key)).count == merged.count)
        #expect(merged.reduce(0) { $0 + Int($1.attributes["merged_rows"] ?? "1")! } == events.count)
    }

    @Test("Joining two builders merges as one builder reading every row does", arguments: [0, 1, 137, 399, 400])
    func joinMergesAlike(split: Int) {
        let events = rows(count: 400, seed: split)
        let single = builder(events[...]).finish().table
        var first = builder(events[..<split])
        _ = first.absorb(builder(events[split...]), merge: true)
        let joined = first.finish().table
        #expect(joined.count == single.count)
        for index in 0..<min(joined.count, single.count) { #expect(joined[index] == single[index]) }
    }
}
