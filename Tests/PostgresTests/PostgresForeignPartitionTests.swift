import DiplographCore
@testable import DiplographFormats
@testable import DiplographPostgres
import Foundation
import Testing
import TestSupport

/// Beyond one machine, with PostgreSQL's own mechanism: two months of the store moved
/// to a second server (a shard) and attached back as foreign partitions through
/// `postgres_fdw`, so that queries span both servers; the shared query suite still
/// answers as the in-memory store does.
@Suite("PostgreSQL store: two months on a second server through postgres_fdw")
struct PostgresForeignPartitionTests {
    @Test("The query suite passes with two monthly partitions on a shard; a month's timeline reads the shard only")
    func foreignPartitions() throws {
        let coordinator = try TestPostgres.shared()
        let address = try coordinator.newDatabase()
        let database = String(address.split(separator: "/").last!)
        let store = try PostgresStore(address: address)
        _ = try store.ingest([TestPaths.bundledData])
        let moved = store.partitions.sorted { ($0.events, $1.name) > ($1.events, $0.name) }.prefix(2)
            .map { String($0.name.dropFirst("events_".count)) }
        #expect(moved.count == 2)

        let shard = try TestPostgres.start()
        defer { shard.stop() }
        let shardAddress = try shard.newDatabase()
        // The shard's tables: the store's own, of which each moved month's partitions
        // become plain tables there.
        _ = try PostgresStore(address: shardAddress)
        let shardDatabase = String(shardAddress.split(separator: "/").last!)
        for month in moved {
            for table in PostgresSchema.partitioned {
                try shard.psql("CREATE TABLE \(table)_\(month) (LIKE \(table) INCLUDING ALL)", database: shardDatabase)
            }
        }
        try coordinator.psql("""
            CREATE EXTENSION postgres_fdw;
            CREATE SERVER shard FOREIGN DATA WRAPPER postgres_fdw
                OPTIONS (host '127.0.0.1', port '\(shard.port)', dbname '\(shardDatabase)');
            CREATE USER MAPPING FOR CURRENT_USER SERVER shard OPTIONS (user 'diplograph');
            """, database: database)
        for month in moved {
            for table in PostgresSchema.partitioned {
                let local = "\(table)_\(month)"
                let bounds = try coordinator.psql("""
                    SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = '\(local)'
                    """, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
                try coordinator.psql("""
                    BEGIN;
                    ALTER TABLE \(table) DETACH PARTITION \(local);
                    ALTER TABLE \(local) RENAME TO \(local)_leaving;
                    CREATE FOREIGN TABLE \(local) PARTITION OF \(table) \(bounds)
                        SERVER shard OPTIONS (table_name '\(local)');
                    INSERT INTO \(table) SELECT * FROM \(local)_leaving;
                    DROP TABLE \(local)_leaving;
                    COMMIT;
                    """, database: database)
            }
        }
        let onShard = try shard.psql("SELECT count(*) FROM events_\(moved[0])", database: shardDatabase)
        #expect(Int(onShard.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0, "the shard holds no events")

        let spanning = try PostgresStore(address: address, create: false)
        let oracle = try InMemoryStore(loading: TestPaths.bundledData)
        let days = PostgresStoreTests.days(["2022-12-11", "2023-06-26", "2023-06-27", "2023-10-01", "2025-08-08"])
        let queries = [TimelineQuery(), TimelineQuery(actors: ["ararat-mirzoyan"]),
                       TimelineQuery(pair: .init("ararat-mirzoyan", "antony-blinken")),
                       TimelineQuery(issues: ["lachin-corridor-blockade"]),
                       TimelineQuery(kinds: [.agreement], range: try EventDate(parsing: "2023").days)]
        var suite = QuerySuite(oracle: oracle, candidate: spanning)
        suite.run(queries: queries, days: days, windows: [0, 90, 365])
        #expect(suite.mismatches.isEmpty, "\(suite.mismatches.prefix(5).joined(separator: "\n"))")

        // A month that lives on the shard is read there.
        let month = moved[0].dropFirst()
        let range = try EventDate(parsing: "\(month.prefix(4))-\(month.suffix(2))").days
        let plan = try spanning.timelinePlan(TimelineQuery(range: range))
        #expect(plan.contains("Foreign Scan on events_\(moved[0])"), "\(plan)")
    }
}
