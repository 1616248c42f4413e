import DiplographCore
@testable import DiplographSQLite
import Foundation
import GRDB
import Testing
import TestSupport

/// A store written by schema 1 (`Tests/Fixtures/store-v1/v1.sql`: `Data/` and three
/// generated GDELT files, the third repeating rows of the first two, dumped with
/// `sqlite3 .dump` from the version that wrote it) opens, migrates, and answers as a
/// new store of the same files does; then keeps working file by file.
@Suite("SQLite store: a store of an older schema migrates")
struct MigrationTests {
    static let fixtures = TestPaths.repository.appendingPathComponent("Tests/Fixtures/store-v1")
    static let gdeltFiles = ["a.export.CSV", "b.export.CSV", "c.export.CSV"].map { fixtures.appendingPathComponent($0).path }

    /// The schema 1 store, its files renamed to where they are on this machine.
    static func versionOneStore() throws -> String {
        let path = TestPaths.temporaryFolder().appendingPathComponent("v1.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: String(contentsOf: fixtures.appendingPathComponent("v1.sql"), encoding: .utf8))
            try db.execute(sql: "UPDATE files SET name = ? WHERE name = 'Data'", arguments: [TestPaths.bundledData])
            for file in gdeltFiles {
                try db.execute(sql: "UPDATE files SET name = ? WHERE name = ?", arguments: [file, (file as NSString).lastPathComponent])
            }
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 1)
        try queue.close()
        return path
    }

    @Test("Schema 1 migrates: sound, and every query as a new store of the same files answers it")
    func migrates() throws {
        let migrated = try SQLiteStore(path: Self.versionOneStore())
        #expect(migrated.statistics.schema == Schema.version)
        #expect(migrated.check().isEmpty, "\(migrated.check())")
        let empty = try SQLiteStore(path: TestPaths.temporaryFolder().appendingPathComponent("v2.sqlite").path)
        let results = try empty.ingest([TestPaths.bundledData] + Self.gdeltFiles)
        #expect(results.last!.mergedIntoStored > 0, "no event of the third file merged: the fixture proves nothing")
        let fresh = try SQLiteStore(path: empty.path)
        #expect(migrated.files.map(\.name) == fresh.files.map(\.name))

        var suite = QuerySuite(oracle: fresh, candidate: migrated)
        let days = (fresh.eventExtent.map { [$0.first, $0.last] } ?? []) + [Day(year: 2023, month: 6, day: 27)]
        suite.run(queries: [TimelineQuery(), TimelineQuery(actors: ["armenia"])], days: days, windows: [0, 30])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).map { $0.prefix(500) }.joined(separator: "\n"))")
        #expect(migrated.timeline(TimelineQuery()) == fresh.timeline(TimelineQuery()))
    }

    @Test("A migrated store keeps working: a file merged into by another is replaced, as in a new store")
    func keepsWorking() throws {
        let folder = TestPaths.temporaryFolder()
        let migrated = try SQLiteStore(path: Self.versionOneStore())
        let fresh = try SQLiteStore(path: folder.appendingPathComponent("v2.sqlite").path)
        _ = try fresh.ingest([TestPaths.bundledData] + Self.gdeltFiles)
        // The first file replaced by its first ten rows, under the same name in both
        // stores (the migrated one knows it by the fixture's path).
        let original = try String(contentsOfFile: Self.gdeltFiles[0], encoding: .utf8)
        let shortened = original.split(separator: "\n").prefix(10).joined(separator: "\n") + "\n"
        let copy = folder.appendingPathComponent("a.export.CSV").path
        try shortened.write(toFile: copy, atomically: true, encoding: .utf8)
        for store in [migrated, fresh] {
            try store.database.write { db in
                try db.execute(sql: "UPDATE files SET name = ? WHERE name = ?", arguments: [copy, Self.gdeltFiles[0]])
            }
            #expect(try store.ingest([copy]).map(\.action) == [.replaced])
            #expect(store.check().isEmpty, "\(store.check())")
        }
        let reopened = (try SQLiteStore(path: migrated.path), try SQLiteStore(path: fresh.path))
        #expect(reopened.0.timeline(TimelineQuery()) == reopened.1.timeline(TimelineQuery()))
        #expect(reopened.0.statistics.events == reopened.1.statistics.events)
    }
}
