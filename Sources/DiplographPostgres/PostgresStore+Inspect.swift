import DiplographCore
import DiplographSQLite
import PostgresNIO

extension PostgresStore {
    /// What the store holds; `bytes` is the database's size on the server.
    public var statistics: SQLiteStore.Statistics {
        read { () throws(StoreError) in
            let row = try session.rows("""
                SELECT (SELECT count(*) FROM files), (SELECT coalesce(sum(rows_read), 0)::bigint FROM files),
                       (SELECT count(*) FROM events), (SELECT count(*) FROM sources),
                       pg_database_size(current_database()), (SELECT value FROM meta WHERE key = 'schema')
                """)[0]
            return SQLiteStore.Statistics(
                files: Int(try Self.decode(row, 0, Int64.self)), rows: Int(try Self.decode(row, 1, Int64.self)),
                events: Int(try Self.decode(row, 2, Int64.self)), sources: Int(try Self.decode(row, 3, Int64.self)),
                bytes: Int(try Self.decode(row, 4, Int64.self)), schema: Int(try Self.decode(row, 5, String?.self) ?? "") ?? 0)
        }
    }

    /// Changes with every file an ingest writes (by any program): an answer kept with
    /// another revision may be out of date.
    public var revision: String {
        read { () throws(StoreError) in
            try session.rows("SELECT value FROM meta WHERE key = 'writes'").first
                .map { row throws(StoreError) in try Self.decode(row, 0, String.self) } ?? "0"
        }
    }

    /// The files ingested, in name order.
    public var files: [SQLiteStore.StoredFile] {
        read { () throws(StoreError) in
            try session.rows("SELECT name, format, checksum, rows_read, events, ingested_at FROM files ORDER BY name COLLATE \"C\"")
                .map { row throws(StoreError) in
                    SQLiteStore.StoredFile(name: try Self.decode(row, 0, String.self), format: try Self.decode(row, 1, String.self),
                                           checksum: try Self.decode(row, 2, String.self),
                                           rows: Int(try Self.decode(row, 3, Int64.self)),
                                           events: Int(try Self.decode(row, 4, Int64.self)),
                                           ingestedAt: try Self.decode(row, 5, String.self))
                }
        }
    }

    /// The events table's month partitions that hold events, in order, with their counts.
    ///
    /// - Complexity: reads every event.
    public var partitions: [(name: String, events: Int)] {
        read { () throws(StoreError) in
            try session.rows("SELECT tableoid::regclass::text, count(*) FROM events GROUP BY 1 ORDER BY 1").map { row throws(StoreError) in
                (try Self.decode(row, 0, String.self), Int(try Self.decode(row, 1, Int64.self)))
            }
        }
    }

    /// Faults found: Diplograph's invariants, as the SQLite store checks them (every
    /// event has an actor or a target and sane days; ids are unique; every participant
    /// names a node and an event, on its day; every event has its participants).
    /// Empty when the store is sound.
    ///
    /// - Complexity: reads the whole store.
    public func check() -> [String] {
        func parties(_ column: String) -> String {
            "CASE WHEN \(column) = '' THEN 0 ELSE length(\(column)) - length(replace(\(column), ',', '')) + 1 END"
        }
        let invariants: [(String, String)] = [
            ("events without an actor or a target", "SELECT count(*) FROM events WHERE actors = '' AND targets = ''"),
            ("events that end before they start", "SELECT count(*) FROM events WHERE last_day < first_day"),
            ("event ids held by more than one event", "SELECT count(*) FROM (SELECT id FROM events GROUP BY id HAVING count(*) > 1) d"),
            ("events one file brought outside that file's events", """
                SELECT count(*) FROM events e JOIN files f ON f.id = e.file_id
                WHERE NOT EXISTS (SELECT 1 FROM contributions c WHERE c.event = e.rowid)
                  AND NOT e.rowid BETWEEN coalesce(f.first_event, 0) AND coalesce(f.last_event, -1)
                """),
            ("events whose rows do not add up", """
                SELECT count(*) FROM events e JOIN (SELECT event, sum(rows) AS total FROM contributions GROUP BY event) c
                    ON c.event = e.rowid
                WHERE e.rows <> c.total
                """),
            // SQLite's foreign keys hold this; the partitioned tables here have none.
            ("parts of events that are not stored", """
                SELECT count(*) FROM contributions c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.rowid = c.event)
                """),
            ("participants naming no node", """
                SELECT count(*) FROM participants p WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = p.node_id)
                """),
            ("participants of no event, or out of step with their event's day", """
                SELECT count(*) FROM participants p
                WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.rowid = p.event AND e.first_day = p.first_day)
                """),
            ("events with no participant", """
                SELECT count(*) FROM events e
                WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.event = e.rowid AND p.first_day = e.first_day)
                """),
            // A node listed twice in one role is one participant: fewer is sound, more is not.
            ("participants beyond the parties events list", """
                SELECT greatest(0, (SELECT count(*) FROM participants)
                    - (SELECT coalesce(sum(\(parties("actors")) + \(parties("targets")) + \(parties("issues"))), 0)
                       FROM events))
                """),
            ("event sources citing no source", """
                SELECT count(*) FROM event_sources es WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = es.source)
                """),
        ]
        return read { () throws(StoreError) in
            var faults: [String] = []
            for (what, sql) in invariants {
                let count = try Self.decode(try session.rows("SELECT (\(sql))::bigint")[0], 0, Int64.self)
                if count > 0 { faults.append("\(count) \(what)") }
            }
            return faults
        }
    }
}

extension PostgresStore {
    /// How Citus spreads the store over machines: events by `rowid`, their
    /// participants, sources and contributions by `event`, co-located with them (a
    /// timeline's joins stay on one machine); the catalogue sources by `id`; the small
    /// tables copied whole to every machine (reference tables).
    public static let citusDistribution = [
        "SELECT create_distributed_table('events', 'rowid')",
        "SELECT create_distributed_table('participants', 'event', colocate_with => 'events')",
        "SELECT create_distributed_table('event_sources', 'event', colocate_with => 'events')",
        "SELECT create_distributed_table('contributions', 'event', colocate_with => 'events')",
        "SELECT create_distributed_table('sources', 'id')",
    ] + ["meta", "files", "notes", "nodes", "aliases", "phases", "offices", "office_sources", "downloads"]
        .map { "SELECT create_reference_table('\($0)')" }

    /// Distributes the store's tables with Citus (`citusDistribution`), in one
    /// transaction; false, changing nothing, when the `citus` extension is not
    /// installed in the database.
    public func distribute() throws(StoreError) -> Bool {
        let installed = try session.rows("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")[0]
        guard try Self.decode(installed, 0, Int64.self) > 0 else { return false }
        try session.waiting { connection in
            let sql = Statements(connection: connection)
            try await sql.run("BEGIN")
            do {
                try await sql.run("SELECT pg_advisory_xact_lock(\(PostgresStore.ingestLock))")
                for statement in PostgresStore.citusDistribution { try await sql.run(statement) }
                try await sql.run("COMMIT")
            } catch {
                _ = try? await sql.run("ROLLBACK")
                throw error
            }
        }
        return true
    }
}
