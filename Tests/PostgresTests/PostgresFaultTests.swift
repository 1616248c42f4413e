import DiplographCore
@testable import DiplographPostgres
import DiplographSQLite
import Foundation
import Testing
import TestSupport

/// Faults on servers of the tests' own: the server going away in the middle of an
/// ingest, two ingests at once, a wrong password.
@Suite("PostgreSQL store: a server that goes away, ingests at once, a wrong password")
struct PostgresFaultTests {
    static func dataset(seed: UInt64, events: Int, prefix: String) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let made = SyntheticData.dataset(events: events, nodes: 12, using: &generator)
        return Dataset(nodes: made.nodes, events: made.events.map { event in
            Event(id: prefix + event.id, kind: event.kind, date: event.date, title: event.title, actors: event.actors,
                  targets: event.targets, issues: event.issues, tone: event.tone, sources: event.sources)
        })
    }

    @Test("The server stopped during an ingest: one clear message, the file wholly out, the next ingest completes it")
    func serverGoneMidIngest() throws {
        let server = try TestPostgres.start()
        defer { server.stop() }
        let address = try server.newDatabase()
        let database = String(address.split(separator: "/").last!)
        let first = Self.dataset(seed: 1, events: 200, prefix: "a")
        let second = Self.dataset(seed: 2, events: 200, prefix: "b")
        let store = try PostgresStore(address: address)
        _ = try store.ingest(first, as: "first")
        // Another session holds event_sources: the ingest writes its sources, events and
        // participants, then waits at the COPY into event_sources, where the server stops.
        let holder = try Self.holding("event_sources", in: "ACCESS EXCLUSIVE", address)
        defer { holder.terminate() }
        try Self.waitUntil(server, database, "granted AND mode = 'AccessExclusiveLock'")
        let failure = Failure()
        let finished = DispatchSemaphore(value: 0)
        let ingest = Thread {
            do {
                _ = try PostgresStore(address: address).ingest(second, as: "second")
            } catch {
                failure.record(error)
            }
            finished.signal()
        }
        ingest.start()
        try Self.waitUntil(server, database, "NOT granted")
        server.stop()
        #expect(finished.wait(timeout: .now() + 60) == .success, "the ingest did not return after the server stopped")
        let message = failure.error?.description ?? "no error"
        #expect(message.contains("closed the connection") || message.contains("shutting down"), "\(message)")
        #expect(message.components(separatedBy: "\n").count == 2, "one diagnostic with its hint: \(message)")

        try server.restart()
        let reopened = try PostgresStore(address: address)
        #expect(reopened.files.map(\.name) == ["first"])
        #expect(reopened.timeline(TimelineQuery()) == InMemoryStore(first).timeline(TimelineQuery()))
        #expect(try reopened.ingest(second, as: "second").action == .new)
        let both = Dataset(nodes: first.nodes, events: first.events + second.events)
        var suite = QuerySuite(oracle: InMemoryStore(both), candidate: try PostgresStore(address: address))
        suite.run(queries: [TimelineQuery(), TimelineQuery(actors: ["n1"])], days: [both.events[0].date.firstDay])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(3).joined(separator: "\n"))")
        #expect(try PostgresStore(address: address).check().isEmpty)
    }

    /// A new month's tables are attached as partitions, which locks the partitioned
    /// tables against other writers only; making them as partitions would lock out
    /// readers too, until the ingest's commit.
    @Test("An ingest that adds a month does not stop readers: a timeline is answered while it waits before its commit")
    func readersDuringNewMonth() throws {
        let server = try TestPostgres.shared()
        let address = try server.newDatabase()
        let database = String(address.split(separator: "/").last!)
        let first = Self.dataset(seed: 3, events: 120, prefix: "a")
        _ = try PostgresStore(address: address).ingest(first, as: "first")
        let later = Dataset(nodes: first.nodes, events: (0..<40).map { index in
            Event(id: "later-\(index)", kind: .meeting, date: DateSpan(EventDate(year: 2031, month: 3, day: 1 + index % 28)),
                  title: "Talks \(index)", actors: [first.nodes[0].id, first.nodes[1].id])
        })
        // Another session holds meta: the ingest makes, fills and attaches March 2031,
        // then waits at its update of meta, holding what it took.
        let holder = try Self.holding("meta", in: "EXCLUSIVE", address)
        defer { holder.terminate() }
        try Self.waitUntil(server, database, "granted AND mode = 'ExclusiveLock'", table: "meta")
        let failure = Failure()
        let ingested = DispatchSemaphore(value: 0)
        Thread {
            do {
                _ = try PostgresStore(address: address).ingest(later, as: "later")
            } catch {
                failure.record(error)
            }
            ingested.signal()
        }.start()
        try Self.waitUntil(server, database, "NOT granted", table: "meta")
        #expect(try server.psql("""
            SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE d.datname = '\(database)' AND l.relation = 'events'::regclass AND l.mode = 'ShareUpdateExclusiveLock'
            """, database: database).trimmingCharacters(in: .whitespacesAndNewlines) == "1",
                "the ingest has not attached its month yet: the test proves nothing")

        let answered = DispatchSemaphore(value: 0)
        let seen = Texts()
        Thread {
            do {
                let reader = try PostgresStore(address: address, create: false)
                seen.add(reader.timeline(TimelineQuery()).ids.joined(separator: ","))
            } catch {
                seen.add("error: \(error)")
            }
            answered.signal()
        }.start()
        #expect(answered.wait(timeout: .now() + 30) == .success, "the reader waited for the ingest")
        #expect(seen.all == [InMemoryStore(first).timeline(TimelineQuery()).ids.joined(separator: ",")])

        // The holder's server process sleeps on, whatever becomes of psql: ended from here.
        _ = try server.psql("""
            SELECT pg_terminate_backend(l.pid) FROM pg_locks l
            WHERE l.relation = 'meta'::regclass AND l.mode = 'ExclusiveLock' AND l.granted
            """, database: database)
        #expect(ingested.wait(timeout: .now() + 60) == .success)
        #expect(failure.error == nil, "\(failure.error?.description ?? "")")
        #expect(try PostgresStore(address: address).timeline(TimelineQuery()).count == 160)
    }

    @Test("Two ingests at once, of the same file and of others: taken in turn, nothing doubled")
    func concurrentIngests() throws {
        let address = try TestPostgres.shared().newDatabase()
        _ = try PostgresStore(address: address)
        let datasets = (0..<4).map { Self.dataset(seed: UInt64(10 + $0), events: 150, prefix: "f\($0)-") }
        let results = Results()
        // Each of two connections ingests every file: the same four files, raced.
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let store = try PostgresStore(address: address)
                for (index, dataset) in datasets.enumerated() {
                    results.append(try store.ingest(dataset, as: "file-\(index)").action)
                }
            } catch {
                results.append(error)
            }
        }
        #expect(results.errors.isEmpty, "\(results.errors)")
        #expect(results.actions.filter { $0 == .new }.count == 4)
        #expect(results.actions.filter { $0 == .unchanged }.count == 4)
        let store = try PostgresStore(address: address)
        #expect(store.eventExtent?.count == 600)
        #expect(store.check().isEmpty)
    }

    @Test("A wrong password: one clear message that names the user and not the password")
    func wrongPassword() throws {
        let server = try TestPostgres.start()
        defer { server.stop() }
        try server.psql("ALTER USER diplograph PASSWORD 'right-pw'")
        try "host all all 127.0.0.1/32 scram-sha-256\nlocal all all trust\n"
            .write(toFile: server.folder + "/data/pg_hba.conf", atomically: false, encoding: .utf8)
        try server.psql("SELECT pg_reload_conf()")
        let wrong = "postgres://diplograph:wrong-pw@127.0.0.1:\(server.port)/postgres"
        #expect {
            _ = try PostgresStore(address: wrong)
        } throws: { error in
            "\(error)".contains("refused user 'diplograph'") && !"\(error)".contains("wrong-pw")
        }
        let fromEnvironment = try PostgresAddress("postgres://diplograph@127.0.0.1:\(server.port)/postgres",
                                                  environment: ["PGPASSWORD": "right-pw"])
        #expect(try PostgresStore(address: fromEnvironment).nodes.isEmpty)
    }

    /// Waits until a lock on `event_sources` in `database` satisfies `condition`.
    static func waitUntil(_ server: TestPostgres.Server, _ database: String, _ condition: String,
                          table: String = "event_sources") throws {
        for _ in 0..<600 {
            let found = try server.psql("""
                SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE d.datname = '\(database)' AND l.relation = '\(table)'::regclass AND \(condition)
                """, database: database)
            if found.trimmingCharacters(in: .whitespacesAndNewlines) != "0" { return }
            usleep(50_000)
        }
        throw TestPostgres.Unavailable(description: "the lock on \(table) never came to: \(condition)")
    }

    /// Another session holding `table` in `mode` until the returned process ends.
    static func holding(_ table: String, in mode: String, _ address: String) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["psql", "-X", "-q", address, "-c", "BEGIN; LOCK TABLE \(table) IN \(mode) MODE; SELECT pg_sleep(120);"]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        return holder
    }
}

private final class Failure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: StoreError?

    var error: StoreError? { lock.withLock { stored } }

    func record(_ error: any Error) {
        lock.withLock { stored = error as? StoreError ?? StoreError(Diagnostic(code: "other", message: "\(error)", hint: "")) }
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storedActions: [IngestResult.Action] = []
    private var storedErrors: [String] = []

    var actions: [IngestResult.Action] { lock.withLock { storedActions } }
    var errors: [String] { lock.withLock { storedErrors } }

    func append(_ action: IngestResult.Action) { lock.withLock { storedActions.append(action) } }
    func append(_ error: any Error) { lock.withLock { storedErrors.append("\(error)") } }
}

private final class Texts: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var all: [String] { lock.withLock { stored } }

    func add(_ text: String) { lock.withLock { stored.append(text) } }
}
