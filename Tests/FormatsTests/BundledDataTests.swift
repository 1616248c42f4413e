import DiplographFormats
import DiplographCore
import Testing

@Suite("The bundled dataset")
struct BundledDataTests {
    let store: InMemoryStore

    init() throws {
        store = InMemoryStore(try NativeDatasetLoader.load(path: Paths.bundledData))
    }

    @Test("The seed meeting links both participants and every topic of the article")
    func seedMeeting() throws {
        let meeting = try #require(store.event("mirzoyan-blinken-2023-06-27"))
        #expect(meeting.kind == .meeting)
        #expect(meeting.date.description == "2023-06-27")
        #expect(Set(meeting.actors) == ["ararat-mirzoyan", "antony-blinken"])
        #expect(Set(meeting.issues) == ["regional-security", "normalization", "border-delimitation", "troop-withdrawal",
                                        "nagorno-karabakh-rights", "regional-connectivity"])
        #expect(meeting.location == "Washington, D.C.")
        #expect(meeting.sources.first?.publisher == "The Armenian Report")
    }

    @Test("Each of Mirzoyan's statements is a statement edge to Azerbaijan with its stance")
    func mirzoyanStatements() {
        let statements = store.timeline(TimelineQuery(actors: ["ararat-mirzoyan"], kinds: [.statement]))
        #expect(statements.map(\.stance) == [.callsFor, .condemns, .urges])
        #expect(statements.allSatisfy { $0.targets == ["azerbaijan"] && $0.date.description == "2023-06-27" })
        #expect(statements.contains { $0.issues.contains("lachin-corridor-blockade") })
        #expect(statements.contains { $0.issues.contains("prisoners-of-war") })
    }

    @Test("Every event and office carries a source")
    func provenance() {
        #expect(store.events.allSatisfy { !$0.sources.isEmpty })
        #expect(store.offices.allSatisfy { !$0.sources.isEmpty })
    }

    @Test("The notes record how the year 2023 was inferred")
    func yearInference() {
        #expect(store.notes.contains { $0.contains("2023") && $0.contains("Blinken") && $0.contains("blockade") })
    }

    @Test("Month-only facts stay at month precision")
    func monthPrecision() throws {
        #expect(try #require(store.event("peace-text-agreed-2025-03")).date.precision == .month)
        let blockade = try #require(store.node("lachin-corridor-blockade"))
        #expect(blockade.lifecycle.first?.to?.precision == .month)
    }

    @Test("Secretary of State on 2025-02-01 is Marco Rubio")
    func secretaryOfState() {
        let day = try! EventDate(parsing: "2025-02-01").firstDay
        #expect(store.holders(of: "Secretary of State", in: "united-states", on: day).map(\.person) == ["marco-rubio"])
    }

    @Test("Snapshot on 2023-06-27: the blockade is active and the seed meeting is present")
    func snapshot() {
        let snapshot = store.snapshot(at: try! EventDate(parsing: "2023-06-27").firstDay, windowDays: 90)
        #expect(snapshot.issueStatuses.contains(.init(issue: "lachin-corridor-blockade", status: "active")))
        #expect(snapshot.events.map(\.id).contains("mirzoyan-blinken-2023-06-27"))
        #expect(snapshot.relations.contains { $0.key.id == "stated-condemns--ararat-mirzoyan--azerbaijan" })
    }

    @Test("Diff 2023-01-01 → 2024-01-01 shows the offensive and the end of the blockade")
    func diff() {
        let diff = store.diff(from: try! EventDate(parsing: "2023-01-01").firstDay,
                              to: try! EventDate(parsing: "2024-01-01").firstDay)
        #expect(diff.eventsBetween.map(\.id).contains("karabakh-offensive-2023-09"))
        #expect(diff.issueStatusChanges.contains(.init(issue: "lachin-corridor-blockade", before: "active", after: "ended")))
    }
}
