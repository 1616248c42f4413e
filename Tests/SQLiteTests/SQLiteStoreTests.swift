import DiplographCore
@testable import DiplographFormats
@testable import DiplographSQLite
import Dispatch
import Foundation
import Testing
import TestSupport

/// The SQLite store against the in-memory store as the oracle: the shared query suite
/// on the bundled data, random datasets and a hostile one; coded files ingested one by
/// one against the same rows loaded at once; the same file again, a corrected file, a
/// dry run.
@Suite("SQLite store: the shared query suite, file by file, idempotent")
struct SQLiteStoreTests {
    static func newStore() throws -> SQLiteStore {
        try SQLiteStore(path: TestPaths.temporaryFolder().appendingPathComponent("store.sqlite").path)
    }

    static func days(_ texts: [String]) -> [Day] {
        texts.map { try! EventDate(parsing: $0).lastDay }
    }

    @Test("Data/ ingested: every query as the in-memory store answers it, at the boundaries of offices and phases")
    func bundledData() throws {
        let store = try Self.newStore()
        let results = try store.ingest([TestPaths.bundledData])
        #expect(results.map(\.action) == [.new])
        let reopened = try SQLiteStore(path: store.path, create: false)
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
        var suite = QuerySuite(oracle: InMemoryStore(dataset), candidate: try SQLiteStore(path: store.path))
        suite.run(queries: queries, days: days.sorted())
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
    }

    @Test("Every value is bound: a hostile dataset round-trips unchanged", arguments: [
        "'); DROP TABLE events; --", "\" OR 1=1 --", "x\u{1}\u{7F}y", "Ω ✓ \u{202E}evil", "%s %n {}", "\\\\'\\''",
    ])
    func hostile(text: String) throws {
        let dataset = HostileData.dataset(text: text)
        let store = try Self.newStore()
        _ = try store.ingest(dataset, as: text)
        var suite = QuerySuite(oracle: InMemoryStore(dataset), candidate: try SQLiteStore(path: store.path))
        suite.run(queries: [TimelineQuery()], days: [HostileData.lastDay])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(3).joined(separator: "\n"))")
        #expect(try SQLiteStore(path: store.path).title == text)
    }

    @Test("GDELT in three files, ingested one by one, equals the rows loaded at once; again: no change")
    func filesOneByOne() throws {
        let (paths, whole) = try FilesThatMerge.consecutive()
        let store = try Self.newStore()
        var results: [IngestResult] = []
        for path in paths { results += try store.ingest([path]) }
        #expect(results.map(\.action) == [.new, .new, .new])
        #expect(results.dropFirst().contains { $0.mergedIntoStored > 0 }, "no event merged across files: the test proves nothing")
        let oracle = try InMemoryStore(loading: whole)
        var suite = QuerySuite(oracle: oracle, candidate: try SQLiteStore(path: store.path))
        suite.run(queries: [TimelineQuery(), TimelineQuery(actors: ["arm"]), TimelineQuery(pair: .init("arm", "aze"))],
                  days: Self.days(["2023-06-24", "2023-06-25", "2023-06-26", "2023-06-27"]), windows: [0, 1])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")

        // The same files again: unchanged, nothing written.
        let again = try store.ingest(paths)
        #expect(again.map(\.action) == [.unchanged, .unchanged, .unchanged])
        #expect(try SQLiteStore(path: store.path).timeline(TimelineQuery()) == oracle.timeline(TimelineQuery()))
    }

    /// Files in name order join stored events by adding their own part only (with the
    /// sources each event cites kept in memory between files); any other order settles
    /// each joined event anew from all its parts. Both must give one load's answers,
    /// also when another program's store (here, another instance) writes in between.
    @Test("Files that join the same events again and again: in name order, reversed, and from two writers in turn, as one load",
          arguments: ["name order", "reversed", "two writers"])
    func joinsInAnyOrder(order: String) throws {
        let (paths, whole) = try FilesThatMerge.interleaved()
        let store = try Self.newStore()
        let other = try SQLiteStore(path: store.path)
        var merged = 0
        for (index, path) in (order == "reversed" ? paths.reversed() : paths).enumerated() {
            let writer = order == "two writers" && index % 2 == 1 ? other : store
            merged += try writer.ingest([path]).reduce(0) { $0 + $1.mergedIntoStored }
        }
        #expect(merged > 100, "few events joined across files: the test proves little (\(merged))")
        let oracle = try InMemoryStore(loading: whole)
        let reopened = try SQLiteStore(path: store.path)
        let (stored, loaded) = (Array(reopened.timeline(TimelineQuery())), Array(oracle.timeline(TimelineQuery())))
        #expect(stored.count == loaded.count)
        let differing = zip(stored, loaded).first { $0 != $1 }
        #expect(differing == nil, "first event that differs: \(String(describing: differing))")
        var suite = QuerySuite(oracle: oracle, candidate: reopened)
        suite.run(queries: [TimelineQuery(actors: ["arm"]), TimelineQuery(pair: .init("usa", "rus"))],
                  days: Self.days(["2023-06-25", "2023-06-26", "2023-06-27"]), windows: [0, 1])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
        #expect(reopened.check().isEmpty)
    }

    @Test("A corrected file replaces what it brought; a dry run plans and writes nothing")
    func correctedFile() throws {
        let folder = TestPaths.temporaryFolder()
        let rows = FilesThatMerge.rows(seed: 9, count: 200)
        let first = folder.appendingPathComponent("a.export.CSV").path
        let second = folder.appendingPathComponent("b.export.CSV").path
        try FilesThatMerge.write(rows[0..<100], to: first)
        try FilesThatMerge.write(rows[100...], to: second)
        let store = try Self.newStore()
        _ = try store.ingest([first, second])
        // The first file corrected: a third of its rows dropped.
        let corrected = Array(rows[0..<100]).enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        try FilesThatMerge.write(corrected[...], to: first)
        let before = try SQLiteStore(path: store.path).timeline(TimelineQuery()).ids
        let plan = try store.ingest([first, second], dryRun: true)
        #expect(plan.map(\.action) == [.replaced, .unchanged])
        #expect(try SQLiteStore(path: store.path).timeline(TimelineQuery()).ids == before)
        #expect(try store.ingest([first, second]).map(\.action) == [.replaced, .unchanged])

        // The oracle: the corrected rows then the second file's, loaded at once. An event
        // both files have shows the first file's row (id, title, stance, sources first),
        // whichever file the store took in first.
        let whole = folder.appendingPathComponent("whole.export.CSV").path
        try FilesThatMerge.write((corrected + rows[100...])[...], to: whole)
        var suite = QuerySuite(oracle: try InMemoryStore(loading: whole), candidate: try SQLiteStore(path: store.path))
        suite.run(queries: [TimelineQuery(), TimelineQuery(actors: ["aze"])],
                  days: Self.days(["2023-06-25", "2023-06-26", "2023-06-27"]), windows: [0])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")

        // Nothing of the replaced rows is left behind: the store holds what a new store
        // of the two files holds, sources included.
        let fresh = try Self.newStore()
        _ = try fresh.ingest([first, second])
        #expect(store.statistics.events == fresh.statistics.events)
        #expect(store.statistics.sources == fresh.statistics.sources)
        #expect(store.check().isEmpty, "\(store.check())")
    }

    @Test("The store's only file replaced by other content: the store answers as the new content alone")
    func onlyFileReplaced() throws {
        let store = try Self.newStore()
        #expect(try store.ingest(HostileData.dataset(text: "first"), as: "only").action == .new)
        let second = HostileData.dataset(text: "second")
        #expect(try store.ingest(second, as: "only").action == .replaced)
        let reopened = try SQLiteStore(path: store.path)
        var suite = QuerySuite(oracle: InMemoryStore(second), candidate: reopened)
        suite.run(queries: [TimelineQuery()], days: [HostileData.lastDay])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(3).joined(separator: "\n"))")
        #expect(reopened.check().isEmpty && reopened.files.count == 1)
        let fresh = try Self.newStore()
        _ = try fresh.ingest(second, as: "only")
        #expect(reopened.statistics.sources == fresh.statistics.sources, "the first content's sources are left behind")
    }

    @Test("An event id another file already stored: the file is refused with the id and that file named, the store unchanged")
    func duplicateID() throws {
        let store = try Self.newStore()
        _ = try store.ingest(HostileData.dataset(text: "first"), as: "first.json")
        var second = HostileData.dataset(text: "second")
        // Earlier events enough that the clash falls in a later batch of inserts.
        second.events = (0..<300).map { index in
            Event(id: "new-\(index)", kind: .statement, date: DateSpan(EventDate(year: 2023, month: 1, day: 1)), title: "t",
                  actors: ["person"], targets: ["state"])
        } + second.events
        do {
            _ = try store.ingest(second, as: "second.json")
            Issue.record("a file with a stored event id went in")
        } catch {
            #expect(error.diagnostics.map(\.code.rawValue) == ["duplicate-id"], "\(error.description)")
            #expect(error.description.contains("'meeting'") && error.description.contains("first.json"), "\(error.description)")
        }
        let reopened = try SQLiteStore(path: store.path)
        #expect(reopened.files.map(\.name) == ["first.json"] && reopened.eventExtent?.count == 2)
        #expect(reopened.check().isEmpty)
    }

    @Test("A file that is not a store, a store from a newer version, a missing store: one clear error each")
    func badStores() throws {
        let folder = TestPaths.temporaryFolder()
        let text = folder.appendingPathComponent("notes.txt").path
        try Data(String(repeating: "not a database\n", count: 400).utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: StoreError.self) { try SQLiteStore(path: text) }
        do {
            _ = try SQLiteStore(path: text)
        } catch {
            #expect(error.description.contains("notes.txt") && error.description.contains("not a Diplograph store"),
                    "\(error.description)")
        }
        let newer = try Self.newStore()
        try newer.database.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        do {
            _ = try SQLiteStore(path: newer.path)
            Issue.record("a store of schema 99 opened")
        } catch {
            #expect(error.description.contains("newer Diplograph"), "\(error.description)")
        }
        let missing = folder.appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.self) { try SQLiteStore(path: missing, create: false) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}

/// What goes wrong around a store: a full disk, another writer, a damaged file. Each
/// gives one message naming the store, and nothing is half-written.
@Suite("SQLite store: faults lose nothing and double nothing")
struct SQLiteFaultTests {
    static func gdeltFile(rows: Int) throws -> String {
        let path = TestPaths.temporaryFolder().appendingPathComponent("20230625.export.CSV").path
        try FilesThatMerge.write(FilesThatMerge.rows(seed: 3, count: rows)[...], to: path)
        return path
    }

    @Test("A full disk (the store's page limit): the file is refused whole, the store stays as it was and sound")
    func fullDisk() throws {
        let path = TestPaths.temporaryFolder().appendingPathComponent("full.sqlite").path
        let small = try SQLiteStore(path: path, create: true, busySeconds: 1, maximumPages: 80)
        _ = try small.ingest([TestPaths.bundledData])
        let file = try Self.gdeltFile(rows: 3000)
        do {
            _ = try small.ingest([file])
            Issue.record("3,000 rows fitted in 80 pages")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["store-full"], "\(error.description)")
            #expect(error.description.contains("full.sqlite") && error.description.contains("nothing of this file was written"))
        }
        let reopened = try SQLiteStore(path: path, create: false)
        #expect(reopened.files.count == 1 && reopened.statistics.events == 18)
        #expect(reopened.check().isEmpty)
    }

    @Test("Another writer: an ingest stops with a clear message; readers see the store before the other's file")
    func anotherWriter() throws {
        let path = TestPaths.temporaryFolder().appendingPathComponent("busy.sqlite").path
        let first = try SQLiteStore(path: path)
        _ = try first.ingest([TestPaths.bundledData])
        let second = try SQLiteStore(path: path, create: false, busySeconds: 0.2, maximumPages: nil)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let writer = Thread {
            try? first.database.write { db in
                try db.execute(sql: "DELETE FROM participants")
                holding.signal()
                release.wait()
                throw CancellationError()  // rolls the deletion back
            }
        }
        writer.start()
        holding.wait()
        let file = try Self.gdeltFile(rows: 50)
        do {
            _ = try second.ingest([file])
            Issue.record("an ingest wrote while another transaction held the store")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["store-busy"], "\(error.description)")
            #expect(error.description.contains("another program is writing to the store"))
        }
        // A reader sees every participant: the other transaction has not committed.
        #expect(second.timeline(TimelineQuery(actors: ["ararat-mirzoyan"])).count > 0)
        release.signal()
        while !writer.isFinished { usleep(1000) }
        #expect(try SQLiteStore(path: path).check().isEmpty)
        #expect(try SQLiteStore(path: path).files.count == 1)
    }

    /// Makes `folder` unwritable: as root, whom permissions do not stop, with the
    /// immutable attribute; otherwise by its mode. Returns how to undo it.
    static func makeReadOnly(_ folder: String) throws -> () -> Void {
        if getuid() == 0 {
            let set = try ExternalTool.run(["chattr", "+i", folder])
            #expect(set.status == 0, "chattr +i failed, so a read-only folder cannot be made here: \(set.standardError)")
            return { _ = try? ExternalTool.run(["chattr", "-i", folder]) }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        return { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
    }

    @Test("A read-only folder: a new store or an ingest stops with one message naming the store, which stays as it was")
    func readOnlyFolder() throws {
        let folder = TestPaths.temporaryFolder().appendingPathComponent("shelf")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        _ = try SQLiteStore(path: path).ingest([TestPaths.bundledData])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try Self.gdeltFile(rows: 50)
        let undo = try Self.makeReadOnly(folder.path)
        defer { undo() }
        for attempt in [folder.appendingPathComponent("new.sqlite").path, path] {
            do {
                _ = try SQLiteStore(path: attempt).ingest([file])
                Issue.record("an ingest into \(attempt) in a read-only folder succeeded")
            } catch {
                #expect(error.diagnostics.count == 1 && error.diagnostics[0].code.rawValue == "store-unwritable",
                        "\(error.description)")
                #expect(error.description.contains((attempt as NSString).lastPathComponent), "\(error.description)")
            }
        }
        undo()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the store changed")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.sqlite").path))
        let reopened = try SQLiteStore(path: path)
        #expect(reopened.check().isEmpty && reopened.files.count == 1)
    }

    @Test("A damaged store or a file that is not one: one message naming it, exit code 1 from the CLI")
    func damaged() throws {
        let path = TestPaths.temporaryFolder().appendingPathComponent("damaged.sqlite").path
        _ = try SQLiteStore(path: path).ingest([try Self.gdeltFile(rows: 2000)])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var damaged = bytes
        damaged.replaceSubrange(4096..<min(bytes.count, 4096 * 6), with: Data(repeating: 0x5A, count: min(bytes.count, 4096 * 6) - 4096))
        try damaged.write(to: URL(fileURLWithPath: path))
        do {
            let store = try SQLiteStore(path: path, create: false)
            let faults = store.check()
            #expect(!faults.isEmpty, "a store with five pages overwritten passes its check")
        } catch {
            #expect(error.description.contains("damaged.sqlite"), "\(error.description)")
            #expect(["store-damaged", "not-a-store"].contains(error.diagnostics.first?.code.rawValue ?? ""))
        }
    }
}

@Suite("Attributes as flat JSON")
struct FlatJSONTests {
    @Test("Written and read back by hand, and read by Foundation's JSON parser the same", arguments: [
        [:], ["cameo": "040"], ["a\"b": "c\\d", "line": "1\n2\t3\r", "control": "\u{1}\u{1F}\u{7F}", "bom": "\u{FEFF}x",
                                 "ω": "Ω ✓ \u{2028}", "merged_rows": "12"],
    ] as [[String: String]])
    func roundTrip(attributes: [String: String]) throws {
        let text = FlatJSON.encode(attributes)
        #expect(FlatJSON.decode(text) == attributes)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(parsed == attributes)
        #expect(FlatJSON.decode("{\"a\":1}") == nil && FlatJSON.decode("[]") == nil && FlatJSON.decode("{\"a\":\"b\"") == nil)
    }
}
