import DiplographCore
import DiplographSQLite
import PostgresNIO

/// The merge rule across files, as the SQLite store keeps it: a coded row that repeats
/// an event an earlier file stored (same kind, days, actors and targets, both under the
/// same-day rule) joins that event instead of becoming a second one. Each file's part
/// is kept in `contributions`; the event shows the part of the file first by name, the
/// sources of all parts (equal ones once), their rows and their mean tone, as one load
/// of all the files would. Set-based: a file's rows are matched in one join, and the
/// events they join are settled together.
enum EventMerge {
    /// The stored events this file's rows repeat: row number → the event's rowid.
    static func storedEvents(repeatedBy columns: EventColumns, _ sql: Statements, _ connection: PostgresConnection) async throws
        -> [Int: Int64] {
        // Events are in chronological order: the first and last give the file's days.
        let days = (Int64(columns.firstDay(0).ordinal), Int64(columns.firstDay(columns.count - 1).ordinal))
        guard try await !sql.rows("""
            SELECT 1 FROM events WHERE first_day BETWEEN $1 AND $2 AND merges = 1 LIMIT 1
            """, days.0, days.1).isEmpty else { return [:] }
        try await sql.run("""
            CREATE TEMP TABLE incoming (number bigint, first_day int, last_day int, kind text, actors text, targets text)
            ON COMMIT DROP
            """)
        let texts = TextCache(columns: columns)
        try await CopyRows.stream(into: "incoming", ["number", "first_day", "last_day", "kind", "actors", "targets"],
                                  count: columns.count, connection) { index, rows in
            let parties = columns.parties(index)
            rows.row(Int64(index), Int64(columns.firstDay(index).ordinal), Int64(columns.lastDay(index).ordinal),
                     columns.kind(index).rawValue, texts.parties(parties.actors), texts.parties(parties.targets))
        }
        // Without statistics the planner takes the file's rows for a few and may scan
        // every month they span instead of looking each row up.
        try await sql.run("ANALYZE incoming")
        var found: [Int: Int64] = [:]
        for row in try await sql.rows("""
            SELECT DISTINCT ON (i.number) i.number, e.rowid FROM incoming i JOIN events e
                ON e.first_day = i.first_day AND e.actors = i.actors AND e.targets = i.targets AND e.kind = i.kind
               AND e.last_day = i.last_day
            WHERE e.merges = 1 AND e.first_day BETWEEN $1 AND $2
            ORDER BY i.number, e.rowid
            """, days.0, days.1) {
            let (number, event) = try row.decode((Int64, Int64).self)
            found[Int(number)] = event
        }
        return found
    }

    /// Adds the parts of this file's rows that repeat stored events (`joins`: row number
    /// → event): a joined event's own row becomes its first part when it had none, then
    /// each joined event is settled anew.
    static func join(_ joins: [Int: Int64], columns: EventColumns, file: Int64, sourceBase: Int64, _ sql: Statements,
                     _ connection: PostgresConnection) async throws {
        try await touched(joins.sorted { $0.key < $1.key }.map { (event: $0.value, firstDay: columns.firstDay($0.key)) },
                          sql, connection)
        try await sql.run("""
            INSERT INTO contributions (event, file_id, rows, tone, event_id, title, stance, location, summary, quote,
                                       attributes, sources)
            SELECT e.rowid, e.file_id, e.rows, e.tone, e.id, e.title, e.stance, e.location, e.summary, e.quote, e.attributes,
                coalesce((SELECT string_agg(s.source::text, ',' ORDER BY s.position) FROM event_sources s
                          WHERE s.event = e.rowid AND s.first_day = e.first_day), '')
            FROM events e JOIN touched t ON e.rowid = t.event AND e.first_day = t.first_day
            WHERE NOT EXISTS (SELECT 1 FROM contributions c WHERE c.event = e.rowid)
            """)
        let numbers = joins.keys.sorted()
        var texts = TextCache(columns: columns)
        try await CopyRows.stream(into: "contributions", [
            "event", "file_id", "rows", "tone", "event_id", "title", "stance", "location", "summary", "quote", "attributes",
            "sources",
        ], count: numbers.count, connection) { position, rows in
            let index = numbers[position]
            var attributes = columns.attributes(columns.attributesNumber(index))
            let merged = Int64(attributes["merged_rows"].flatMap(Int.init) ?? 1)
            attributes["merged_rows"] = nil
            rows.row(joins[index]!, file, merged, columns.tone(index), columns.id(index), texts.title(columns.titleNumber(index)),
                     columns.stance(index)?.rawValue, columns.text(columns.locationNumber(index)),
                     columns.text(columns.summaryNumber(index)), columns.text(columns.quoteNumber(index)),
                     SQLiteStore.json(attributes),
                     columns.sourceNumbers(index).map { String(sourceBase + Int64($0)) }.joined(separator: ","))
        }
        try await settleTouched(sql, connection)
    }

    /// Settles the events `file` has a part in after that part is taken out (the file is
    /// being removed): each shows what its other files give. An event no part is left
    /// of is left as it is, for the removal to delete with the file's own events: its
    /// owner is the file.
    static func withdraw(file: Int64, _ sql: Statements, _ connection: PostgresConnection) async throws {
        var events: [(event: Int64, firstDay: Day)] = []
        for row in try await sql.rows("""
            SELECT e.rowid, e.first_day FROM contributions c JOIN events e ON e.rowid = c.event WHERE c.file_id = $1
            """, file) {
            let (event, day) = try row.decode((Int64, Int32).self)
            events.append((event, Day(ordinal: day)))
        }
        guard !events.isEmpty else { return }
        try await sql.run("DELETE FROM contributions WHERE file_id = $1", file)
        try await touched(events, sql, connection)
        try await settleTouched(sql, connection)
    }

    /// The events to settle, in a table of the transaction.
    private static func touched(_ events: [(event: Int64, firstDay: Day)], _ sql: Statements,
                                _ connection: PostgresConnection) async throws {
        try await sql.run("CREATE TEMP TABLE touched (event bigint, first_day int) ON COMMIT DROP")
        try await CopyRows.stream(into: "touched", ["event", "first_day"], count: events.count, connection) { index, rows in
            rows.row(events[index].event, Int64(events[index].firstDay.ordinal))
        }
        try await sql.run("ANALYZE touched")
    }

    /// Recomputes each event in `touched` from its parts, taken in file-name order (the
    /// order one load of all the files reads their rows): the first file's row gives the
    /// id, title, stance and other fields; the sources are each part's in turn, equal
    /// ones once; one part keeps its tone, several give the mean over their rows.
    private static func settleTouched(_ sql: Statements, _ connection: PostgresConnection) async throws {
        var cited: [Int64: Source] = [:]
        for row in try await sql.rows("""
            SELECT s.id, s.publisher, s.title, s.url, s.date, s.note FROM sources s
            WHERE s.id IN (SELECT unnest(string_to_array(c.sources, ','))::bigint
                           FROM contributions c JOIN touched t ON t.event = c.event)
            """) {
            cited[try row.makeRandomAccess()[0].decode(Int64.self)] = try PostgresStore.source(row, from: 1)
        }
        var settled = CopyRows()
        var citations = CopyRows()
        var parts: [Part] = []
        func settle() {
            guard let owner = parts.first else { return }
            let (rows, tone) = Contributions.total(parts.map { ($0.rows, $0.tone) })
            var attributes = SQLiteStore.attributes(owner.attributes)
            attributes["merged_rows"] = rows > 1 ? String(rows) : nil
            settled.row(owner.event, owner.id, owner.title, owner.stance, owner.location, owner.summary, owner.quote, tone,
                        Int64(rows), SQLiteStore.json(attributes), owner.file)
            var listed = Set<Source>()
            var position: Int64 = 0
            for part in parts {
                for id in part.sources.split(separator: ",").compactMap({ Int64($0) }) {
                    guard let source = cited[id], listed.insert(source).inserted else { continue }
                    citations.row(owner.event, position, id)
                    position += 1
                }
            }
            parts.removeAll(keepingCapacity: true)
        }
        for row in try await sql.rows("""
            SELECT c.event, c.rows, c.tone, c.file_id, c.event_id, c.title, c.stance, c.location, c.summary, c.quote,
                c.attributes, c.sources
            FROM contributions c JOIN files f ON f.id = c.file_id JOIN touched t ON t.event = c.event
            ORDER BY c.event, f.name COLLATE "C"
            """) {
            let part = try Part(row)
            if let current = parts.first, current.event != part.event { settle() }
            parts.append(part)
        }
        settle()
        try await sql.run("""
            CREATE TEMP TABLE settled (event bigint, id text, title text, stance text, location text, summary text, quote text,
                                       tone double precision, rows bigint, attributes text, file_id bigint) ON COMMIT DROP
            """)
        try await settled.copy(into: "settled", ["event", "id", "title", "stance", "location", "summary", "quote", "tone", "rows",
                                                 "attributes", "file_id"], connection)
        try await sql.run("""
            UPDATE events e SET id = s.id, title = s.title, stance = s.stance, location = s.location, summary = s.summary,
                quote = s.quote, tone = s.tone, rows = s.rows, attributes = s.attributes, file_id = s.file_id
            FROM settled s JOIN touched t ON t.event = s.event
            WHERE e.rowid = s.event AND e.first_day = t.first_day
            """)
        try await sql.run("""
            DELETE FROM event_sources es USING settled s JOIN touched t ON t.event = s.event
            WHERE es.event = s.event AND es.first_day = t.first_day
            """)
        try await sql.run("CREATE TEMP TABLE citations (event bigint, position int, source bigint) ON COMMIT DROP")
        try await citations.copy(into: "citations", ["event", "position", "source"], connection)
        try await sql.run("""
            INSERT INTO event_sources (event, first_day, position, source)
            SELECT c.event, t.first_day, c.position, c.source FROM citations c JOIN touched t ON t.event = c.event
            """)
        try await sql.run("DROP TABLE touched, settled, citations")
    }

    /// One file's part of an event, as `contributions` holds it.
    private struct Part {
        let event: Int64
        let rows: Int
        let tone: Double?
        let file: Int64
        let id: String
        let title: String
        let stance: String?
        let location: String?
        let summary: String?
        let quote: String?
        let attributes: String
        let sources: String

        init(_ row: PostgresRow) throws {
            let rows: Int64
            (event, rows, tone, file, id, title, stance, location, summary, quote, attributes, sources) = try row.decode(
                (Int64, Int64, Double?, Int64, String, String, String?, String?, String?, String?, String, String).self)
            self.rows = Int(rows)
        }
    }
}
