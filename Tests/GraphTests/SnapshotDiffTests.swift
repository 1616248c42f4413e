@testable import DiplographCore
import Testing
import TestSupport

@Suite("Relations, snapshots and diffs")
struct SnapshotDiffTests {
    let store = Fixture.store

    @Test("A three-party meeting stays one event and projects to three undirected pairs")
    func meetingProjection() throws {
        let meeting = try #require(store.event("arlington"))
        let met = meeting.relationKeys.filter { $0.kind == .met }
        #expect(met.map(\.id) == [
            "met--ararat-mirzoyan--jeyhun-bayramov", "met--antony-blinken--ararat-mirzoyan",
            "met--antony-blinken--jeyhun-bayramov",
        ])
        #expect(meeting.relationKeys.filter { $0.kind == .concerns }.count == 3)
    }

    @Test("A statement points from speaker to addressee with its stance; without addressee, to its issues")
    func statementProjection() throws {
        let condemns = try #require(store.event("condemns-blockade"))
        #expect(condemns.relationKeys.map(\.id) == [
            "stated-condemns--ararat-mirzoyan--azerbaijan", "concerns--ararat-mirzoyan--lachin-corridor-blockade",
        ])
        let supports = try #require(store.event("us-supports"))
        #expect(supports.relationKeys.map(\.id) == ["stated-supports--united-states--normalization"])
    }

    @Test("Snapshot on 2023-06-27: blockade active, seed meeting present, Blinken in office")
    func snapshotOnSeedDay() {
        let snapshot = store.snapshot(at: Fixture.day("2023-06-27"))
        #expect(snapshot.issueStatuses.contains(.init(issue: "lachin-corridor-blockade", status: "active")))
        #expect(snapshot.events.map(\.id).contains("seed-meeting"))
        #expect(snapshot.offices.map(\.id).contains("blinken-sos"))
        #expect(!snapshot.offices.map(\.id).contains("rubio-sos"))
        let met = snapshot.relations.first { $0.key.id == "met--antony-blinken--ararat-mirzoyan" }
        #expect(met?.count == 2)
        #expect(met?.meanTone == 3)
        #expect(met?.first == Fixture.day("2023-05-01"))
        #expect(met?.last == Fixture.day("2023-06-27"))
    }

    @Test("A window [day − w, day] is closed at both ends")
    func windowBoundaries() {
        // The seed meeting is 2023-06-27; the Arlington talks end 2023-05-04, 54 days earlier.
        let day = Fixture.day("2023-06-27")
        #expect(store.snapshot(at: day, windowDays: 54).events.map(\.id).contains("arlington"))
        #expect(!store.snapshot(at: day, windowDays: 53).events.map(\.id).contains("arlington"))
        #expect(store.snapshot(at: day, windowDays: 0).events.map(\.id) == ["condemns-blockade", "seed-meeting", "us-supports"])
        #expect(store.snapshot(at: Fixture.day("2023-06-26"), windowDays: 0).events.isEmpty)
    }

    @Test("A month-precision event counts in a snapshot on any day of its month")
    func monthEventInSnapshot() {
        #expect(store.snapshot(at: Fixture.day("2025-03-01")).events.map(\.id).contains("text-agreed"))
        #expect(store.snapshot(at: Fixture.day("2025-03-31"), windowDays: 0).events.map(\.id) == ["text-agreed"])
        #expect(!store.snapshot(at: Fixture.day("2025-02-28")).events.map(\.id).contains("text-agreed"))
    }

    @Test("Focus keeps the ego network within the given depth")
    func focus() {
        let snapshot = store.snapshot(at: Fixture.day("2023-12-31"))
        let ego = snapshot.focused(on: "jeyhun-bayramov", depth: 1)
        #expect(Set(ego.nodeIDs).isSuperset(of: ["jeyhun-bayramov", "ararat-mirzoyan", "antony-blinken", "normalization"]))
        #expect(!ego.nodeIDs.contains("azerbaijan"))
        let wider = snapshot.focused(on: "jeyhun-bayramov", depth: 2)
        #expect(wider.nodeIDs.contains("azerbaijan"))
        #expect(!wider.nodeIDs.contains("nagorno-karabakh"))
        #expect(snapshot.focused(on: "jeyhun-bayramov", depth: 0).relations.isEmpty)
    }

    @Test("Diff 2023-01-01 → 2024-01-01: offensive, blockade ended, relation counts changed")
    func diffOverTheOffensive() throws {
        let diff = store.diff(from: Fixture.day("2023-01-01"), to: Fixture.day("2024-01-01"))
        #expect(diff.issueStatusChanges == [.init(issue: "lachin-corridor-blockade", before: "active", after: "ended")])
        #expect(diff.eventsBetween.map(\.id).contains("offensive"))
        let acted = try #require(diff.relationsChanged.first { $0.after.key.id == "acted--azerbaijan--nagorno-karabakh" })
        #expect(acted.before.count == 1)
        #expect(acted.after.count == 2)
        #expect(diff.relationsAdded.map(\.key.id).contains("met--antony-blinken--ararat-mirzoyan"))
        #expect(diff.nodesAdded.contains("jeyhun-bayramov"))
        #expect(diff.officesTaken.isEmpty && diff.officesLeft.isEmpty)
    }

    @Test("Diff across the handover: Blinken's office left, Rubio's taken")
    func diffAcrossHandover() {
        let diff = store.diff(from: Fixture.day("2025-01-20"), to: Fixture.day("2025-01-21"))
        #expect(diff.officesLeft.map(\.id) == ["blinken-sos"])
        #expect(diff.officesTaken.map(\.id) == ["rubio-sos"])
        #expect(diff.nodesAdded == ["marco-rubio"])
        #expect(diff.eventsBetween.isEmpty)
    }

    @Test("Events between two dates are those after the first and up to the second")
    func eventsBetweenIsHalfOpen() {
        let diff = store.diff(from: Fixture.day("2023-06-27"), to: Fixture.day("2023-09-19"))
        #expect(diff.eventsBetween.map(\.id) == ["offensive"])
    }

    @Test("Windowed diffs report removed relations")
    func windowedDiffRemoves() {
        let diff = store.diff(from: Fixture.day("2023-06-27"), to: Fixture.day("2024-06-27"), windowDays: 90)
        #expect(diff.relationsRemoved.map(\.key.id).contains("met--antony-blinken--ararat-mirzoyan"))
        #expect(diff.nodesRemoved.contains("jeyhun-bayramov"))
    }
}

@Suite("Integer relation aggregation")
struct RelationAggregationTests {
    @Test("The store's integer aggregation equals the projection of each event", arguments: 0..<4)
    func matchesEventProjection(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 77))
        let store = InMemoryStore(SyntheticData.dataset(events: 500, nodes: 25, using: &generator))
        let expected = aggregateRelations(store.events)
        let actual = store.relations(at: (0..<Int32(store.events.count)).map { $0 })
        #expect(actual == expected)
        #expect(!actual.isEmpty)
    }
}

@Suite("Cumulative index")
struct CumulativeIndexTests {
    @Test("Cumulative snapshots from running totals equal aggregating every earlier event", arguments: 0..<4)
    func matchesAggregation(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 301))
        let store = InMemoryStore(SyntheticData.dataset(events: 400, nodes: 20, using: &generator))
        for _ in 0..<10 {
            let day = SyntheticData.randomDate(using: &generator).firstDay
            let earlier = store.events.filter { $0.date.firstDay <= day }
            #expect(store.snapshot(at: day).relations == aggregateRelations(earlier), "on \(day)")
        }
    }
}

@Suite("Diff against its definition")
struct DiffDefinitionTests {
    /// The diff as defined: compare the two whole snapshots.
    static func expected(_ store: InMemoryStore, from: Day, to: Day, windowDays: Int?)
        -> (added: [Relation], removed: [Relation], changed: [Relation], changedBefore: [Relation], nodesAdded: [NodeID],
            nodesRemoved: [NodeID]) {
        let before = store.snapshot(at: from, windowDays: windowDays)
        let after = store.snapshot(at: to, windowDays: windowDays)
        let old = Dictionary(uniqueKeysWithValues: before.relations.map { ($0.key, $0) })
        let new = Dictionary(uniqueKeysWithValues: after.relations.map { ($0.key, $0) })
        return (after.relations.filter { old[$0.key] == nil },
                before.relations.filter { new[$0.key] == nil },
                after.relations.filter { relation in old[relation.key].map { !$0.sameStatistics(as: relation) } ?? false },
                after.relations.compactMap { relation in old[relation.key].flatMap { $0.sameStatistics(as: relation) ? nil : $0 } },
                after.nodeIDs.filter { !before.nodeIDs.contains($0) },
                before.nodeIDs.filter { !after.nodeIDs.contains($0) })
    }

    @Test("Cumulative and windowed diffs equal the comparison of the two snapshots", arguments: 0..<6)
    func matchesSnapshots(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 707))
        let store = InMemoryStore(SyntheticData.dataset(events: 400, nodes: 20, using: &generator))
        for round in 0..<12 {
            let days = [SyntheticData.randomDate(using: &generator).firstDay, SyntheticData.randomDate(using: &generator).lastDay].sorted()
            let windowDays = round % 3 == 0 ? 90 : nil
            let diff = store.diff(from: days[0], to: days[1], windowDays: windowDays)
            let expected = Self.expected(store, from: days[0], to: days[1], windowDays: windowDays)
            let label = "\(days[0]) → \(days[1]), window \(windowDays.map(String.init) ?? "none")"
            #expect(Array(diff.relationsAdded) == expected.added, "\(label)")
            #expect(Array(diff.relationsRemoved) == expected.removed, "\(label)")
            #expect(diff.relationsChanged.map(\.after) == expected.changed, "\(label)")
            #expect(diff.relationsChanged.map(\.before) == expected.changedBefore, "\(label)")
            #expect(diff.nodesAdded == expected.nodesAdded, "\(label)")
            #expect(diff.nodesRemoved == expected.nodesRemoved, "\(label)")
        }
    }
}

@Suite("Drawing filters")
struct DrawingFilterTests {
    let store = Fixture.store

    @Test("--min-events keeps relations with enough events; --top keeps the strongest")
    func minimumAndTop() {
        let snapshot = store.snapshot(at: Fixture.day("2023-12-31"))
        let busy = snapshot.withAtLeast(2)
        #expect(busy.relations.allSatisfy { $0.count >= 2 })
        #expect(busy.relations.map(\.key.id).contains("met--antony-blinken--ararat-mirzoyan"))
        #expect(!busy.nodeIDs.contains("jeyhun-bayramov"))
        let top = snapshot.strongest(1)
        #expect(top.relations.count == 1)
        #expect(top.relations[0].count == 2)
        var selection = Selection(day: Fixture.day("2023-12-31"))
        selection.minEvents = 2
        #expect(store.snapshot(selection).relations == busy.relations)
    }
}
