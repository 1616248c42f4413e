import DiplographCore
@testable import DiplographFormats
@testable import DiplographPostgres
import DiplographSQLite
import Foundation
import NIOCore
import Testing
import TestSupport

/// The PostgreSQL store on a real server of the tests' own (Scripts/pg-server.sh),
/// against the in-memory store as the oracle: the shared query suite on the bundled
/// data, random datasets and a hostile one; the same file again, a corrected one, a
/// dry run; a one-month timeline reading one month's partitions.
@Suite("PostgreSQL store: the shared query suite on a real server")
struct PostgresStoreTests {
    static func newStore() throws -> PostgresStore {
        try PostgresStore(address: try TestPostgres.shared().newDatabase())
    }

    static func days(_ texts: [String]) -> [Day] {
        texts.map { try! EventDate(parsing: $0).lastDay }
    }

    @Test("Data/ ingested: every query as the in-memory store answers it, at the boundaries of offices and phases")
    func bundledData() throws {
        let store = try Self.newStore()
        #expect(try store.ingest([TestPaths.bundledData]).map(\.action) == [.new])
        let reopened = try PostgresStore(address: store.address, create: false)
        let oracle = try InMemoryStore(loading: TestPaths.bundledData)
        let days = Self.days(["2020-11-09", "2022-12-11", "2022-12-12", "2023-06-26", "2023-06-27", "2023-09-30",
                              "2023-10-01", "2025-01-20", "2025-01-21", "2025-08-08", "2026-01-01"])
        let queries = [TimelineQuery(), TimelineQuery(actors: ["ararat-mirzoyan"]),
                       TimelineQuery(actors: ["armenia", "azerbaijan"], actorMatch: .all),
                       TimelineQuery(pair: .init("ararat-mirzoyan", "antony-blinken")),
                       TimelineQuery(issues: ["lachin-corridor-blockade"]),
                       TimelineQuery(kinds: [.agreement], range: try EventDate(parsing: "2023").days),
                       TimelineQuery(actors: ["ararat-mirzoyan"], range: try EventDate(parsing: "2023-06-27").days)]
        var suite = QuerySuite(oracle: oracle, candidate: reopened)
        suite.run(queries: queries, days: days, windows: [0, 90, 365])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
        #expect(reopened.title == oracle.title)
        #expect(reopened.lastDay == oracle.lastDay)
    }

    @Test("Random datasets: ranges, months and years, several parties", arguments: [11, 12])
    func randomised(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let dataset = SyntheticData.dataset(events: 250, nodes: 20, using: &generator)
        let store = try Self.newStore()
        #expect(try store.ingest(dataset, as: "synthetic").action == .new)
        let queries = (0..<40).map { _ in SyntheticData.query(nodes: 20, using: &generator) }
        var days = (0..<6).map { _ in SyntheticData.randomDate(using: &generator).firstDay }
        for event in dataset.events.prefix(3) { days += [event.date.firstDay, event.date.lastDay.adding(days: 1)] }
        var suite = QuerySuite(oracle: InMemoryStore(dataset), candidate: try PostgresStore(address: store.address))
        suite.run(queries: queries, days: days.sorted())
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
    }

    @Test("Every value is bound: a hostile dataset round-trips unchanged", arguments: [
        "'); DROP TABLE events; --", "\" OR 1=1 --", "x\u{1}\u{7F}y", "Ω ✓ \u{202E}evil", "%s %n {}", "\\\\'\\''",
        "tab\there\nnew line\r\\N",
    ])
    func hostile(text: String) throws {
        let dataset = HostileData.dataset(text: text)
        let store = try Self.newStore()
        _ = try store.ingest(dataset, as: text)
        let reopened = try PostgresStore(address: store.address)
        var suite = QuerySuite(oracle: InMemoryStore(dataset), candidate: reopened)
        suite.run(queries: [TimelineQuery()], days: [HostileData.lastDay])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(3).joined(separator: "\n"))")
        #expect(reopened.title == text)
    }

    @Test("The same file again changes nothing; other content under its name replaces it; a dry run writes nothing")
    func idempotentAndReplaced() throws {
        var generator = SeededGenerator(seed: 5)
        let first = SyntheticData.dataset(events: 120, nodes: 15, using: &generator)
        let second = SyntheticData.dataset(events: 80, nodes: 15, using: &generator)
        let store = try Self.newStore()
        #expect(try store.ingest(first, as: "file").action == .new)
        #expect(try store.ingest(first, as: "file").action == .unchanged)
        #expect(try store.ingest(second, as: "file", dryRun: true).action == .replaced)
        #expect(try PostgresStore(address: store.address).timeline(TimelineQuery()) == InMemoryStore(first).timeline(TimelineQuery()))
        #expect(try store.ingest(second, as: "file").action == .replaced)
        let reopened = try PostgresStore(address: store.address)
        var suite = QuerySuite(oracle: InMemoryStore(second), candidate: reopened)
        suite.run(queries: [TimelineQuery(), TimelineQuery(actors: ["n1"])], days: [second.events[0].date.firstDay])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(3).joined(separator: "\n"))")
    }

    @Test("COPY's text: integers of either sign, NULL, the four bytes that are escaped, a row of mixed values")
    func copyText() {
        var rows = CopyRows()
        rows.integer(-1203)
        rows.integer(0)
        rows.integer(Int64.min)
        rows.text(nil)
        rows.text("a\tb\nc\rd\\e \\N é")
        rows.double(-0.5)
        rows.endRow()
        rows.row("x", Int64(7), nil)
        #expect(String(buffer: rows.buffer) == "-1203\t0\t-9223372036854775808\t\\N\ta\\tb\\nc\\rd\\\\e \\\\N é\t-0.5\nx\t7\t\\N\n")
    }

    @Test("An event id another file holds: the file is refused whole, with the holder named")
    func duplicateID() throws {
        var generator = SeededGenerator(seed: 6)
        let dataset = SyntheticData.dataset(events: 30, nodes: 10, using: &generator)
        let store = try Self.newStore()
        _ = try store.ingest(dataset, as: "a")
        #expect {
            _ = try store.ingest(dataset, as: "b")
        } throws: { error in
            "\(error)".contains("is already in the store, from a")
        }
        let reopened = try PostgresStore(address: store.address)
        #expect(reopened.eventExtent?.count == 30)
    }

    @Test("A one-month timeline reads one month's partitions of events and participants")
    func oneMonthOnePartition() throws {
        let nodes = [Node(id: "arm", kind: .state, name: "Armenia"), Node(id: "aze", kind: .state, name: "Azerbaijan")]
        let events = (0..<24).map { index in
            Event(id: "m\(index)", kind: .meeting, date: DateSpan(EventDate(year: 2023 + index / 12, month: index % 12 + 1, day: 15)),
                  title: "Meeting \(index)", actors: ["arm", "aze"])
        }
        let store = try Self.newStore()
        _ = try store.ingest(Dataset(nodes: nodes, events: events), as: "months")
        let query = TimelineQuery(actors: ["arm"], range: try EventDate(parsing: "2023-06").days)
        let plan = try store.timelinePlan(query)
        let partitions = Set(plan.matches(of: /(events|participants)_p\d{6}/).map { String($0.output.0) })
        #expect(partitions == ["events_p202306", "participants_p202306"], "\(plan)")
        #expect(store.timeline(query).ids == ["m5"])
    }

    @Test("store init --distributed on a server without Citus: nothing changes, and the store says so")
    func withoutCitus() throws {
        let store = try Self.newStore()
        #expect(try store.distribute() == false)
        #expect(PostgresStore.citusDistribution.contains("SELECT create_distributed_table('events', 'rowid')"))
        _ = try store.ingest([TestPaths.bundledData])
        #expect(store.check().isEmpty)
    }

    @Test("An address's password is never shown; a server that is not there gets one clear message")
    func addressesAndFaults() throws {
        let address = try PostgresAddress("postgres://ana:s3cret-pw@127.0.0.1:1/diplograph")
        #expect(address.description == "postgres://ana@127.0.0.1:1/diplograph")
        #expect(address.password == "s3cret-pw")
        #expect(try PostgresAddress("postgres://ana@db.example:6432/x", environment: ["PGPASSWORD": "p"]).password == "p")
        #expect {
            _ = try PostgresStore(address: "postgres://ana:s3cret-pw@127.0.0.1:\(TestPostgres.freePort())/diplograph")
        } throws: { error in
            "\(error)".contains("no PostgreSQL server answers at 127.0.0.1") && !"\(error)".contains("s3cret")
        }
        #expect {
            _ = try PostgresAddress("postgres://ana:s3cret-pw@/")
        } throws: { error in
            "\(error)".contains("ana:***@") && !"\(error)".contains("s3cret")
        }
        let server = try TestPostgres.shared()
        #expect {
            _ = try PostgresStore(address: server.address("no_such_database"))
        } throws: { error in
            "\(error)".contains("there is no database 'no_such_database'")
        }
        let empty = try server.newDatabase()
        #expect {
            _ = try PostgresStore(address: empty, create: false)
        } throws: { error in
            "\(error)".contains("holds no store yet")
        }
        let other = try server.newDatabase()
        try server.psql("CREATE TABLE payroll (id int)", database: String(other.split(separator: "/").last!))
        #expect {
            _ = try PostgresStore(address: other)
        } throws: { error in
            "\(error)".contains("not a Diplograph store")
        }
    }
}
