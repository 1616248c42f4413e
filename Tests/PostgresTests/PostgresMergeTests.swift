import DiplographCore
import DiplographPostgres
import DiplographSQLite
import Foundation
import Testing
import TestSupport

/// The merge rule across files on PostgreSQL: coded rows that repeat a stored event
/// join it, and the store answers as one load of all the files (the in-memory oracle),
/// in whatever order the files come and whichever connection writes them; a corrected
/// file takes out its parts of joined events.
@Suite("PostgreSQL store: the merge rule across files")
struct PostgresMergeTests {
    static let days = PostgresStoreTests.days(["2023-06-24", "2023-06-25", "2023-06-26", "2023-06-27"])

    @Test("GDELT in three files, ingested one by one, equals the rows loaded at once; again: no change")
    func filesOneByOne() throws {
        let (paths, whole) = try FilesThatMerge.consecutive()
        let store = try PostgresStoreTests.newStore()
        var results: [IngestResult] = []
        for path in paths { results += try store.ingest([path]) }
        #expect(results.map(\.action) == [.new, .new, .new])
        #expect(results.dropFirst().contains { $0.mergedIntoStored > 0 }, "no event merged across files: the test proves nothing")
        let oracle = try InMemoryStore(loading: whole)
        var suite = QuerySuite(oracle: oracle, candidate: try PostgresStore(address: store.address))
        suite.run(queries: [TimelineQuery(), TimelineQuery(actors: ["arm"]), TimelineQuery(pair: .init("arm", "aze"))],
                  days: Self.days, windows: [0, 1])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
        #expect(try store.ingest(paths).map(\.action) == [.unchanged, .unchanged, .unchanged])
        #expect(try PostgresStore(address: store.address).timeline(TimelineQuery()) == oracle.timeline(TimelineQuery()))
        #expect(store.check().isEmpty, "\(store.check())")
    }

    @Test("Files that join the same events again and again: in name order, reversed, and from two connections in turn, as one load",
          arguments: ["name order", "reversed", "two connections"])
    func joinsInAnyOrder(order: String) throws {
        let (paths, whole) = try FilesThatMerge.interleaved()
        let store = try PostgresStoreTests.newStore()
        let other = try PostgresStore(address: store.address)
        var merged = 0
        for (index, path) in (order == "reversed" ? paths.reversed() : paths).enumerated() {
            let writer = order == "two connections" && index % 2 == 1 ? other : store
            merged += try writer.ingest([path]).reduce(0) { $0 + $1.mergedIntoStored }
        }
        #expect(merged > 100, "few events joined across files: the test proves little (\(merged))")
        let oracle = try InMemoryStore(loading: whole)
        let reopened = try PostgresStore(address: store.address)
        let (stored, loaded) = (Array(reopened.timeline(TimelineQuery())), Array(oracle.timeline(TimelineQuery())))
        #expect(stored.count == loaded.count)
        let differing = zip(stored, loaded).first { $0 != $1 }
        #expect(differing == nil, "first event that differs: \(String(describing: differing))")
        var suite = QuerySuite(oracle: oracle, candidate: reopened)
        suite.run(queries: [TimelineQuery(actors: ["arm"]), TimelineQuery(pair: .init("usa", "rus"))],
                  days: Self.days, windows: [0, 1])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")
        #expect(reopened.check().isEmpty, "\(reopened.check())")
    }

    @Test("A corrected file takes out its parts of joined events; replaced twice, the store holds what a new one holds")
    func correctedFile() throws {
        let folder = TestPaths.temporaryFolder()
        let rows = FilesThatMerge.rows(seed: 9, count: 200)
        let first = folder.appendingPathComponent("a.export.CSV").path
        let second = folder.appendingPathComponent("b.export.CSV").path
        try FilesThatMerge.write(rows[0..<100], to: first)
        try FilesThatMerge.write(rows[100...], to: second)
        let store = try PostgresStoreTests.newStore()
        #expect(try store.ingest([first, second]).map(\.mergedIntoStored).last! > 0, "nothing joined: the test proves nothing")
        // The first file corrected: a third of its rows dropped; then the second file too.
        let corrected = Array(rows[0..<100]).enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        let second2 = Array(rows[100...]).enumerated().filter { $0.offset % 4 != 1 }.map(\.element)
        try FilesThatMerge.write(corrected[...], to: first)
        #expect(try store.ingest([first, second], dryRun: true).map(\.action) == [.replaced, .unchanged])
        #expect(try store.ingest([first, second]).map(\.action) == [.replaced, .unchanged])
        try FilesThatMerge.write(second2[...], to: second)
        #expect(try store.ingest([first, second]).map(\.action) == [.unchanged, .replaced])

        // An event both files have shows the first file's row (id, title, stance, sources
        // first), whichever file the store took in first.
        let whole = folder.appendingPathComponent("whole.export.CSV").path
        try FilesThatMerge.write((corrected + second2)[...], to: whole)
        let oracle = try InMemoryStore(loading: whole)
        let reopened = try PostgresStore(address: store.address)
        #expect(Array(reopened.timeline(TimelineQuery())) == Array(oracle.timeline(TimelineQuery())))
        var suite = QuerySuite(oracle: oracle, candidate: reopened)
        suite.run(queries: [TimelineQuery(), TimelineQuery(actors: ["aze"])], days: Self.days, windows: [0])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")

        // Nothing of the replaced rows is left behind.
        let fresh = try PostgresStoreTests.newStore()
        _ = try fresh.ingest([first, second])
        #expect(reopened.statistics.events == fresh.statistics.events)
        #expect(reopened.statistics.sources == fresh.statistics.sources)
        #expect(reopened.check().isEmpty, "\(reopened.check())")
    }
}
