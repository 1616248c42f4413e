import DiplographCore
import GRDB

/// The store's tables, readable with `sqlite3`, pandas or R. Tables keyed by several
/// columns are WITHOUT ROWID (one B-tree each, not two), their key columns first:
/// SQLite 3.40's integrity check reports NOT NULL columns declared before the key's
/// last column as NULL in such tables. Days are integers (days since 1970-01-01) for
/// the indices, beside the dates as written (`date`, `from_date`): `2023-06` stays a
/// month.
package enum Schema {
    /// `PRAGMA user_version` of a store this code writes.
    package static let version = 4

    static let statements = [
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """,
        // `first_event`…`last_event`: the rowids of the events the file added (others'
        // events it merged into are in `contributions`); `first_source`…`last_source`,
        // the ids of the sources it added.
        """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, checksum TEXT NOT NULL, format TEXT NOT NULL,
            bytes INTEGER NOT NULL, rows_read INTEGER NOT NULL, events INTEGER NOT NULL, ingested_at TEXT NOT NULL,
            first_event INTEGER, last_event INTEGER, first_source INTEGER, last_source INTEGER)
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
            id INTEGER PRIMARY KEY, publisher TEXT, title TEXT, url TEXT, date TEXT, note TEXT, recorded TEXT NOT NULL)
        """,
        // Parties as comma-separated node ids (see `PartyList`), in order: what reading an
        // event needs, and with the first day the key of a merge across files.
        // `merges`: 1 for a coded row that rows of later files may join. `file_id`: the
        // file whose row gives the event's fields.
        eventsTable("events"),
        "CREATE INDEX events_by_day ON events (first_day, actors)",
        // The index of who took part when: a timeline for a node reads its range.
        participantsTable("participants"),
        eventSourcesTable("event_sources"),
        // What each file's row said of an event that rows of several files make; an event
        // one file brought has none (its row is its own).
        contributionsTable("contributions"),
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
    ] + fromVersion2 + fromVersion3

    /// From schema 2: what a sync fetched, so that the next one can tell by name and MD5
    /// what it has (`files.checksum` is the SHA-256 of the unzipped, filtered rows); the
    /// targets in the day index, so that a row of a later file finds the stored event it
    /// repeats without reading every event of its actors that day (GDELT's busiest
    /// actors have thousands a day, and a day's 96 files each look them up).
    static let fromVersion2 = [
        "DROP INDEX events_by_day",
        "CREATE INDEX events_by_day ON events (first_day, actors, targets)",
        """
        CREATE TABLE downloads (
            file_id INTEGER PRIMARY KEY REFERENCES files(id), feed TEXT NOT NULL, url TEXT NOT NULL,
            md5 TEXT NOT NULL, bytes INTEGER NOT NULL)
        """,
        "CREATE INDEX downloads_by_feed ON downloads (feed)",
    ]

    /// From schema 3: a meeting or agreement of coded data has no direction. Such an
    /// event stored as one actor with one target becomes two actors, in the order of
    /// their ids, as a new ingest writes it, so that rows of later files coding either
    /// side join it. (Two stored events that now have the same parties and day stay
    /// two; ingesting their files into a new store makes them one.)
    static let fromVersion3 = [
        """
        CREATE TEMP TABLE undirected AS SELECT rowid AS event FROM events
        WHERE kind IN ('meeting', 'agreement') AND merges = 1 AND actors <> '' AND targets <> ''
          AND instr(actors, ',') = 0 AND instr(targets, ',') = 0 AND actors <> targets
        """,
        """
        UPDATE participants SET role = 'actor' WHERE role = 'target' AND event IN (SELECT event FROM undirected)
        """,
        """
        UPDATE events SET actors = CASE WHEN actors < targets THEN actors || ',' || targets ELSE targets || ',' || actors END,
                          targets = ''
        WHERE rowid IN (SELECT event FROM undirected)
        """,
        "DROP TABLE temp.undirected",
    ]

    /// From schema 1: parties and the owning file move onto the event row, participants
    /// become the node index itself, contributions are kept only for events several
    /// files make, and the per-row keys and indices that ingest no longer reads go.
    static let fromVersion1 = [
        "DROP INDEX events_by_day",
        "DROP INDEX participants_by_node",
        "DROP INDEX event_sources_by_file",
        "DROP INDEX sources_by_key",
        "ALTER TABLE sources DROP COLUMN key",
        "ALTER TABLE files ADD COLUMN first_event INTEGER",
        "ALTER TABLE files ADD COLUMN last_event INTEGER",
        "ALTER TABLE files ADD COLUMN first_source INTEGER",
        "ALTER TABLE files ADD COLUMN last_source INTEGER",
        eventsTable("events_2"),
        """
        INSERT INTO events_2 SELECT e.rowid, e.id, e.kind, e.date, e.first_day, e.last_day,
            \(partyList("actor")), \(partyList("target")), \(partyList("issue")),
            e.title, e.stance, e.location, e.summary, e.quote, e.tone, e.rows, e.attributes, e.merge_key IS NOT NULL,
            (SELECT c.file_id FROM contributions c JOIN files f ON f.id = c.file_id WHERE c.event = e.rowid
             ORDER BY f.name LIMIT 1)
        FROM events e
        """,
        participantsTable("participants_2"),
        "INSERT OR IGNORE INTO participants_2 SELECT node_id, first_day, event, role FROM participants",
        eventSourcesTable("event_sources_2"),
        "INSERT INTO event_sources_2 SELECT event, position, source FROM event_sources",
        // A lone contribution's fields were never written out: the event's row has them.
        """
        DELETE FROM contributions WHERE event IN (SELECT event FROM contributions GROUP BY event HAVING count(*) = 1)
        """,
        contributionsTable("contributions_2"),
        """
        INSERT INTO contributions_2 SELECT c.event, c.file_id, c.rows, c.tone, coalesce(c.event_id, e.id),
            coalesce(c.title, e.title), CASE WHEN c.event_id IS NULL THEN e.stance ELSE c.stance END,
            CASE WHEN c.event_id IS NULL THEN e.location ELSE c.location END,
            CASE WHEN c.event_id IS NULL THEN e.summary ELSE c.summary END,
            CASE WHEN c.event_id IS NULL THEN e.quote ELSE c.quote END,
            coalesce(c.attributes, e.attributes), c.sources
        FROM contributions c JOIN events e ON e.rowid = c.event
        """,
        "DROP TABLE contributions",
        "DROP TABLE event_sources",
        "DROP TABLE participants",
        "DROP TABLE events",
        "ALTER TABLE events_2 RENAME TO events",
        "ALTER TABLE participants_2 RENAME TO participants",
        "ALTER TABLE event_sources_2 RENAME TO event_sources",
        "ALTER TABLE contributions_2 RENAME TO contributions",
        "CREATE INDEX events_by_day ON events (first_day, actors)",
        "CREATE INDEX contributions_by_file ON contributions (file_id)",
        """
        UPDATE files SET first_event = (SELECT min(e.rowid) FROM events e WHERE e.file_id = files.id),
                         last_event = (SELECT max(e.rowid) FROM events e WHERE e.file_id = files.id)
        """,
    ]

    // The tables schema 1 stores rebuild, by name: made new, and made beside the old
    // ones by the migration.

    private static func eventsTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, date TEXT NOT NULL,
            first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, actors TEXT NOT NULL, targets TEXT NOT NULL,
            issues TEXT NOT NULL, title TEXT NOT NULL, stance TEXT, location TEXT, summary TEXT, quote TEXT, tone REAL,
            rows INTEGER NOT NULL, attributes TEXT NOT NULL, merges INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES files(id))
        """
    }

    private static func participantsTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            node_id TEXT NOT NULL, first_day INTEGER NOT NULL, event INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('actor', 'target', 'issue')),
            PRIMARY KEY (node_id, first_day, event, role)) WITHOUT ROWID
        """
    }

    private static func eventSourcesTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            event INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE, position INTEGER NOT NULL,
            source INTEGER NOT NULL REFERENCES sources(id), PRIMARY KEY (event, position)) WITHOUT ROWID
        """
    }

    private static func contributionsTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            event INTEGER NOT NULL REFERENCES events(rowid) ON DELETE CASCADE,
            file_id INTEGER NOT NULL REFERENCES files(id), rows INTEGER NOT NULL, tone REAL,
            event_id TEXT NOT NULL, title TEXT NOT NULL, stance TEXT, location TEXT, summary TEXT, quote TEXT,
            attributes TEXT NOT NULL, sources TEXT NOT NULL,
            PRIMARY KEY (event, file_id)) WITHOUT ROWID
        """
    }

    /// A schema 1 event's parties of `role` as `PartyList` writes them.
    private static func partyList(_ role: String) -> String {
        """
        coalesce((SELECT group_concat(replace(replace(p.node_id, '%', '%25'), ',', '%2C'), ',')
                  FROM (SELECT node_id FROM participants WHERE event = e.rowid AND role = '\(role)' ORDER BY position) p), '')
        """
    }

    /// Creates the tables in an empty database, migrates a store of an older schema, or
    /// refuses one of a newer schema. Creating and migrating run in one immediate
    /// transaction (two programs opening a new store at once: one makes it); references
    /// are checked before a migration commits (the store's connections do not enforce
    /// them: see `SQLiteStore.init`).
    static func prepare(_ db: Database, path: String) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version != Self.version else { return }
        guard version < Self.version else { throw newer(version, path: path) }
        try db.inTransaction(.immediate) {
            switch try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 {
            case 0:
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                guard tables == 0 else { throw StoreError.notAStore(path) }
                for statement in statements { try db.execute(sql: statement) }
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('longest_span', '0')")
            case 1:
                for statement in fromVersion1 + fromVersion2 + fromVersion3 { try db.execute(sql: statement) }
                if try !Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty {
                    throw StoreError(Diagnostic(code: "store-damaged", file: path,
                                                message: "the store's rows do not refer to each other as they should",
                                                hint: "ingest the files again into a new store"))
                }
            case 2:
                for statement in fromVersion2 + fromVersion3 { try db.execute(sql: statement) }
            case 3:
                for statement in fromVersion3 { try db.execute(sql: statement) }
            case Self.version:
                return .commit
            case let other:
                throw newer(other, path: path)
            }
            try db.execute(sql: "PRAGMA user_version = \(Self.version)")
            return .commit
        }
    }

    private static func newer(_ version: Int, path: String) -> StoreError {
        StoreError(.init(code: "newer-store", file: path,
                         message: "the store was written by a newer Diplograph (schema \(version); this one reads \(Self.version))",
                         hint: "use the newer Diplograph, or ingest into a new store"))
    }
}
