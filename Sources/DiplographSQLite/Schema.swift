import GRDB

/// The store's tables, readable with `sqlite3`, pandas or R. Tables keyed by several
/// columns are WITHOUT ROWID (one B-tree each, not two), their key columns first:
/// SQLite 3.40's integrity check reports NOT NULL columns declared before the key's
/// last column as NULL in such tables. Days are integers (days since 1970-01-01) for
/// the indices, beside the dates as written (`date`, `from_date`): `2023-06` stays a
/// month.
enum Schema {
    /// `PRAGMA user_version` of a store this code writes.
    static let version = 1

    static let statements = [
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """,
        """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, checksum TEXT NOT NULL, format TEXT NOT NULL,
            bytes INTEGER NOT NULL, rows_read INTEGER NOT NULL, events INTEGER NOT NULL, ingested_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id), text TEXT NOT NULL)
        """,
        """
        CREATE TABLE nodes (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, attributes TEXT NOT NULL,
            file_id INTEGER REFERENCES files(id))
        """,
        """
        CREATE TABLE aliases (node_id TEXT NOT NULL REFERENCES nodes(id), position INTEGER NOT NULL, alias TEXT NOT NULL,
                              PRIMARY KEY (node_id, position)) WITHOUT ROWID
        """,
        """
        CREATE TABLE phases (
            node_id TEXT NOT NULL REFERENCES nodes(id), position INTEGER NOT NULL, status TEXT NOT NULL,
            from_date TEXT NOT NULL, to_date TEXT, PRIMARY KEY (node_id, position)) WITHOUT ROWID
        """,
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY, key INTEGER NOT NULL, publisher TEXT, title TEXT, url TEXT, date TEXT, note TEXT,
            recorded TEXT NOT NULL)
        """,
        // A hash of the source's fields: equal sources are found by it, then compared.
        "CREATE INDEX sources_by_key ON sources (key)",
        """
        CREATE TABLE events (
            rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, date TEXT NOT NULL,
            first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, title TEXT NOT NULL, stance TEXT, location TEXT,
            summary TEXT, quote TEXT, tone REAL, rows INTEGER NOT NULL, attributes TEXT NOT NULL, merge_key TEXT)
        """,
        "CREATE INDEX events_by_day ON events (first_day, last_day, id)",
        """
        CREATE TABLE participants (
            event INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE, role TEXT NOT NULL
                CHECK (role IN ('actor', 'target', 'issue')),
            position INTEGER NOT NULL, node_id TEXT NOT NULL, first_day INTEGER NOT NULL,
            PRIMARY KEY (event, role, position)) WITHOUT ROWID
        """,
        "CREATE INDEX participants_by_node ON participants (node_id, first_day)",
        """
        CREATE TABLE event_sources (
            event INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE, position INTEGER NOT NULL,
            source INTEGER NOT NULL REFERENCES sources(id), file_id INTEGER NOT NULL REFERENCES files(id),
            PRIMARY KEY (event, position)) WITHOUT ROWID
        """,
        "CREATE INDEX event_sources_by_file ON event_sources (file_id)",
        """
        CREATE TABLE contributions (
            event INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE,
            file_id INTEGER NOT NULL REFERENCES files(id), rows INTEGER NOT NULL, tone REAL,
            event_id TEXT, title TEXT, stance TEXT, location TEXT, summary TEXT, quote TEXT, attributes TEXT,
            sources TEXT NOT NULL,
            PRIMARY KEY (event, file_id)) WITHOUT ROWID
        """,
        "CREATE INDEX contributions_by_file ON contributions (file_id)",
        """
        CREATE TABLE offices (
            id TEXT PRIMARY KEY, person TEXT NOT NULL, post TEXT NOT NULL, organization TEXT NOT NULL,
            from_date TEXT NOT NULL, to_date TEXT, file_id INTEGER NOT NULL REFERENCES files(id))
        """,
        """
        CREATE TABLE office_sources (
            office_id TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE, position INTEGER NOT NULL,
            source INTEGER NOT NULL REFERENCES sources(id), PRIMARY KEY (office_id, position)) WITHOUT ROWID
        """,
    ]

    /// Creates the tables in an empty database, or checks the version of an existing
    /// store.
    static func prepare(_ db: Database, path: String) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version == 0 {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
            guard tables == 0 else { throw StoreError.notAStore(path) }
            for statement in statements { try db.execute(sql: statement) }
            try db.execute(sql: "PRAGMA user_version = \(Self.version)")
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('longest_span', '0')")
        } else if version > Self.version {
            throw StoreError(.init(code: "newer-store", file: path,
                                   message: "the store was written by a newer Diplograph (schema \(version); "
                                       + "this one reads \(Self.version))",
                                   hint: "use the newer Diplograph, or ingest into a new store"))
        }
    }
}
