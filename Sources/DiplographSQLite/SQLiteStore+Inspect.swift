import DiplographCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Counts of what a store holds.
    public struct Statistics: Sendable, Hashable {
        /// Files ingested.
        public let files: Int
        /// Data rows those files held.
        public let rows: Int
        /// Events after merging.
        public let events: Int
        /// Distinct sources.
        public let sources: Int
        /// The store file's size.
        public let bytes: Int
        /// The schema version (`PRAGMA user_version`).
        public let schema: Int

        package init(files: Int, rows: Int, events: Int, sources: Int, bytes: Int, schema: Int) {
            (self.files, self.rows, self.events, self.sources, self.bytes, self.schema) = (files, rows, events, sources, bytes, schema)
        }
    }

    /// One ingested file.
    public struct StoredFile: Sendable, Hashable {
        /// Its path as given to `ingest`, standardized.
        public let name: String
        /// The format it was read as.
        public let format: String
        /// The SHA-256 of its bytes, in hex.
        public let checksum: String
        /// Data rows read.
        public let rows: Int
        /// Events it held after merging its own rows.
        public let events: Int
        /// When it was ingested (ISO 8601, UTC).
        public let ingestedAt: String

        package init(name: String, format: String, checksum: String, rows: Int, events: Int, ingestedAt: String) {
            (self.name, self.format, self.checksum, self.rows, self.events, self.ingestedAt) =
                (name, format, checksum, rows, events, ingestedAt)
        }
    }

    /// What the store holds.
    ///
    /// - Complexity: four counts.
    public var statistics: Statistics {
        read { db in
            let counts = try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM files), (SELECT coalesce(sum(rows_read), 0) FROM files),
                       (SELECT count(*) FROM events), (SELECT count(*) FROM sources), (SELECT * FROM pragma_user_version)
                """)!
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Statistics(files: counts[0], rows: counts[1], events: counts[2], sources: counts[3], bytes: bytes,
                              schema: counts[4])
        }
    }

    /// The files ingested, in name order.
    public var files: [StoredFile] {
        read { db in
            try Row.fetchAll(db, sql: "SELECT name, format, checksum, rows_read, events, ingested_at FROM files ORDER BY name")
                .map { StoredFile(name: $0[0], format: $0[1], checksum: $0[2], rows: $0[3], events: $0[4], ingestedAt: $0[5]) }
        }
    }

    /// Faults found: SQLite's integrity and foreign-key checks, then Diplograph's own
    /// invariants (every event has an actor or a target and sane days; an event one file
    /// brought lies among that file's events; rows add up over contributions; every
    /// participant names a node and an event, on its day; the party lists and
    /// participants agree). Empty when the store is sound.
    ///
    /// - Complexity: reads the whole store.
    public func check() -> [String] {
        read { db in
            var faults: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { faults += integrity.prefix(10).map { "integrity: \($0)" } }
            let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !keys.isEmpty { faults.append("\(keys.count) rows refer to rows that do not exist") }
            // A party list of n ids has n - 1 commas.
            func parties(_ column: String) -> String {
                "CASE WHEN \(column) = '' THEN 0 ELSE length(\(column)) - length(replace(\(column), ',', '')) + 1 END"
            }
            let invariants: [(String, String)] = [
                ("events without an actor or a target", "SELECT count(*) FROM events WHERE actors = '' AND targets = ''"),
                ("events one file brought outside that file's events", """
                    SELECT count(*) FROM events e JOIN files f ON f.id = e.file_id
                    WHERE NOT EXISTS (SELECT 1 FROM contributions c WHERE c.event = e.rowid)
                      AND NOT e.rowid BETWEEN coalesce(f.first_event, 0) AND coalesce(f.last_event, -1)
                    """),
                ("events that end before they start", "SELECT count(*) FROM events WHERE last_day < first_day"),
                ("events whose rows do not add up", """
                    SELECT count(*) FROM events e JOIN (SELECT event, sum(rows) AS total FROM contributions GROUP BY event) c
                        ON c.event = e.rowid
                    WHERE e.rows <> c.total
                    """),
                ("participants naming no node", """
                    SELECT count(*) FROM participants p WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = p.node_id)
                    """),
                ("participants of no event, or out of step with their event's day", """
                    SELECT count(*) FROM participants p LEFT JOIN events e ON e.rowid = p.event
                    WHERE e.rowid IS NULL OR p.first_day <> e.first_day
                    """),
                ("parties listed in events but not in participants (or the other way)", """
                    SELECT abs((SELECT count(*) FROM participants)
                        - (SELECT coalesce(sum(\(parties("actors")) + \(parties("targets")) + \(parties("issues"))), 0)
                           FROM events))
                    """),
            ]
            for (what, sql) in invariants {
                let count = try Int.fetchOne(db, sql: sql) ?? 0
                if count > 0 { faults.append("\(count) \(what)") }
            }
            return faults
        }
    }
}
