import DiplographCore
import DiplographSQLite

/// The SQLite store's tables, in PostgreSQL: the same names, columns and meanings
/// (`bigint` for SQLite's integers, `int` for days, `double precision` for tones), so
/// that a query or a notebook written for one reads the other. Events, their
/// participants and their sources are partitioned by month of the first day
/// (declarative range partitions, made as data arrives): a query over a month reads
/// that month's partitions only. The partitioned tables have indices but no unique
/// keys: PostgreSQL admits no foreign partition (`postgres_fdw`, another server's
/// month) under a unique index, and Citus none without its distribution column. The
/// ingest keeps them unique: it checks a file's event ids before it writes, and writes
/// each participant and source of an event once.
enum PostgresSchema {
    /// The tables partitioned by month, each with its days in `first_day`.
    static let partitioned = ["events", "participants", "event_sources"]

    static let statements = [
        "CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)",
        """
        CREATE TABLE files (
            id bigint PRIMARY KEY, name text NOT NULL UNIQUE, checksum text NOT NULL, format text NOT NULL,
            bytes bigint NOT NULL, rows_read bigint NOT NULL, events bigint NOT NULL, ingested_at text NOT NULL,
            first_event bigint, last_event bigint, first_source bigint, last_source bigint)
        """,
        "CREATE TABLE notes (id bigserial PRIMARY KEY, file_id bigint NOT NULL, text text NOT NULL)",
        """
        CREATE TABLE nodes (
            id text PRIMARY KEY, kind text NOT NULL, name text NOT NULL, attributes text NOT NULL, file_id bigint)
        """,
        """
        CREATE TABLE aliases (node_id text NOT NULL, position int NOT NULL, alias text NOT NULL,
                              PRIMARY KEY (node_id, position))
        """,
        """
        CREATE TABLE phases (
            node_id text NOT NULL, position int NOT NULL, status text NOT NULL, from_date text NOT NULL, to_date text,
            PRIMARY KEY (node_id, position))
        """,
        """
        CREATE TABLE sources (
            id bigint PRIMARY KEY, publisher text, title text, url text, date text, note text, recorded text NOT NULL)
        """,
        """
        CREATE TABLE events (
            rowid bigint NOT NULL, id text NOT NULL, kind text NOT NULL, date text NOT NULL,
            first_day int NOT NULL, last_day int NOT NULL, actors text NOT NULL, targets text NOT NULL,
            issues text NOT NULL, title text NOT NULL, stance text, location text, summary text, quote text,
            tone double precision, rows bigint NOT NULL, attributes text NOT NULL, merges smallint NOT NULL,
            file_id bigint NOT NULL) PARTITION BY RANGE (first_day)
        """,
        "CREATE INDEX events_by_rowid ON events (rowid)",
        "CREATE INDEX events_by_day ON events (first_day, actors, targets)",
        "CREATE INDEX events_by_id ON events (id)",
        "CREATE INDEX events_by_file ON events (file_id)",
        """
        CREATE TABLE participants (
            node_id text NOT NULL, first_day int NOT NULL, event bigint NOT NULL,
            role text NOT NULL CHECK (role IN ('actor', 'target', 'issue'))) PARTITION BY RANGE (first_day)
        """,
        "CREATE INDEX participants_by_node ON participants (node_id, first_day, event)",
        """
        CREATE TABLE event_sources (
            event bigint NOT NULL, first_day int NOT NULL, position int NOT NULL, source bigint NOT NULL)
        PARTITION BY RANGE (first_day)
        """,
        "CREATE INDEX event_sources_by_event ON event_sources (event, position)",
        """
        CREATE TABLE contributions (
            event bigint NOT NULL, file_id bigint NOT NULL, rows bigint NOT NULL, tone double precision,
            event_id text NOT NULL, title text NOT NULL, stance text, location text, summary text, quote text,
            attributes text NOT NULL, sources text NOT NULL, PRIMARY KEY (event, file_id))
        """,
        "CREATE INDEX contributions_by_file ON contributions (file_id)",
        """
        CREATE TABLE offices (
            id text PRIMARY KEY, person text NOT NULL, post text NOT NULL, organization text NOT NULL,
            from_date text NOT NULL, to_date text, file_id bigint NOT NULL)
        """,
        """
        CREATE TABLE office_sources (
            office_id text NOT NULL, position int NOT NULL, source bigint NOT NULL, PRIMARY KEY (office_id, position))
        """,
        """
        CREATE TABLE downloads (
            file_id bigint PRIMARY KEY, feed text NOT NULL, url text NOT NULL, md5 text NOT NULL, bytes bigint NOT NULL)
        """,
        "INSERT INTO meta (key, value) VALUES ('longest_span', '0'), ('schema', '\(Schema.version)')",
    ]

    /// A month as a number (months since year 0), and back.
    static func month(of day: Day) -> Int {
        let parts = day.components
        return parts.year * 12 + parts.month - 1
    }

    static func firstDay(ofMonth month: Int) -> Day {
        Day(year: month / 12, month: month % 12 + 1, day: 1)
    }

    /// The name of a table's partition for `month`: `events_p202306`.
    static func partition(_ table: String, month: Int) -> String {
        let year = month / 12
        let number = month % 12 + 1
        return "\(table)_p\(year)\(number < 10 ? "0" : "")\(number)"
    }

    /// The statements that make `table`'s table for `month` apart from it, with no
    /// index and the month's days as a check (attaching it then needs no scan): a
    /// file's new months are filled so and attached after (`attach(_:month:)`), which
    /// builds their indices in one pass each, and which, unlike making a partition,
    /// does not stop readers of the table for the rest of the transaction.
    static func detachedPartition(_ table: String, month: Int) -> [String] {
        let name = partition(table, month: month)
        return [
            "CREATE TABLE \(name) (LIKE \(table) INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
            """
            ALTER TABLE \(name) ADD CONSTRAINT \(name)_days
            CHECK (first_day >= \(firstDay(ofMonth: month).ordinal) AND first_day < \(firstDay(ofMonth: month + 1).ordinal))
            """,
        ]
    }

    static func attach(_ table: String, month: Int) -> String {
        """
        ALTER TABLE \(table) ATTACH PARTITION \(partition(table, month: month))
        FOR VALUES FROM (\(firstDay(ofMonth: month).ordinal)) TO (\(firstDay(ofMonth: month + 1).ordinal))
        """
    }

    /// The statement that gives new months' partitions the statistics their joins are
    /// planned by, on the columns they join and filter on only (a fifth of a second for
    /// a hundred and twenty months, where every column took ten). Without them, until
    /// the server's autovacuum came by, the planner looked each event of a timeline up
    /// by its day and filtered hundreds of rows for its rowid: a year of the busiest
    /// actor took ten seconds instead of one and a half.
    static func analyze(months: [Int]) -> String {
        let columns = ["events": "rowid, first_day, last_day", "participants": "node_id, first_day, event",
                       "event_sources": "event, first_day"]
        return "ANALYZE " + months.flatMap { month in
            partitioned.map { "\(partition($0, month: month)) (\(columns[$0]!))" }
        }.joined(separator: ", ")
    }

    /// The statement that lists the months `events` has partitions for, by name.
    static let monthsPresent = """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass
        """
}
