import DiplographCore
import DiplographSQLite
import NIOCore
import PostgresNIO

/// Writes one file's events with COPY, inside its transaction: sources, events,
/// participants and event sources, each streamed from the file's columns in chunks (a
/// million rows are never held as text). Rows of months the store has go into the
/// partitioned tables; rows of new months into tables of their own made apart, which
/// are attached as partitions once filled (their indices built in one pass, not row by
/// row). Each distinct title, date, attribute set and node is written to text once per
/// file.
struct EventCopy {
    let columns: EventColumns
    let file: Int64
    let firstRowid: Int64
    /// Whether later files' rows may join these events (coded rows, same-day rule).
    let merge: Bool
    /// Whether the file is coded data (GDELT, ICEWS, PLOVER, CSV), not a native dataset.
    let coded: Bool
    let name: String

    /// Writes the events; how many of the file's rows joined stored events.
    func write(_ connection: PostgresConnection, _ sql: Statements, sources: inout SourceIDs) async throws -> Int {
        var longestSpan = 0
        var ids = Set<String>()
        ids.reserveCapacity(columns.count)
        for index in 0..<columns.count {
            longestSpan = max(longestSpan, columns.firstDay(index).distance(to: columns.lastDay(index)))
            guard ids.insert(columns.id(index)).inserted else {
                throw StoreError(Diagnostic(code: "duplicate-id", file: name,
                                            message: "two events of the file have the same id '\(columns.id(index))'",
                                            hint: "give each event its own id"))
            }
        }
        // A coded file's ids are its coder's own numbering (GDELT's GLOBALEVENTID), unique
        // across its files; looking a million of them up in every month's index took the
        // server's memory. A native file's ids, chosen by hand, are checked.
        if !coded, let held = try await sql.rows("""
            SELECT e.id, f.name FROM events e JOIN files f ON f.id = e.file_id WHERE e.id = ANY($1) LIMIT 1
            """, Array(ids)).first {
            let cells = held.makeRandomAccess()
            throw StoreError(Diagnostic(code: "duplicate-id", file: name,
                                        message: "the event id '\(try cells[0].decode(String.self))' is already in the store, from \(try cells[1].decode(String.self))",
                                        hint: "give the event another id, or replace that file"))
        }
        let joins = merge ? try await EventMerge.storedEvents(repeatedBy: columns, sql, connection) : [:]
        let sourceBase = sources.next
        sources.next += Int64(columns.sourceCount)
        try await copySources(from: sourceBase, sources.recordedFallback, connection)
        // The rows to write, by where they go: the partitioned tables (nil), or a new month's own.
        let present = Set(try await sql.rows(PostgresSchema.monthsPresent).map { try $0.decode(String.self) })
        var destinations: [Int?: [Int]] = [:]
        for index in 0..<columns.count where joins[index] == nil {
            let month = PostgresSchema.month(of: columns.firstDay(index))
            destinations[present.contains(PostgresSchema.partition("events", month: month)) ? nil : month, default: []]
                .append(index)
        }
        let newMonths = destinations.keys.compactMap { $0 }.sorted()
        for month in newMonths {
            for table in PostgresSchema.partitioned {
                for statement in PostgresSchema.detachedPartition(table, month: month) { try await sql.run(statement) }
            }
        }
        var texts = TextCache(columns: columns)
        for (month, rows) in destinations.sorted(by: { ($0.key ?? -1) < ($1.key ?? -1) }) {
            let table = { (name: String) in month.map { PostgresSchema.partition(name, month: $0) } ?? name }
            try await copyEvents(rows, into: table("events"), texts: &texts, connection)
            try await copyParticipants(rows, into: table("participants"), connection)
            try await copyEventSources(rows, from: sourceBase, into: table("event_sources"), connection)
        }
        for month in newMonths {
            for table in PostgresSchema.partitioned { try await sql.run(PostgresSchema.attach(table, month: month)) }
        }
        if !newMonths.isEmpty { try await sql.run(PostgresSchema.analyze(months: newMonths)) }
        if !joins.isEmpty {
            try await EventMerge.join(joins, columns: columns, file: file, sourceBase: sourceBase, sql, connection)
        }
        try await sql.run("""
            UPDATE meta SET value = $1 WHERE key = 'longest_span' AND value::int < $2
            """, String(longestSpan), Int32(longestSpan))
        return joins.count
    }

    private func copySources(from base: Int64, _ recordedFallback: String, _ connection: PostgresConnection) async throws {
        try await CopyRows.stream(into: "sources", ["id", "publisher", "title", "url", "date", "note", "recorded"],
                                  count: columns.sourceCount, connection) { number, rows in
            rows.source(base + Int64(number), columns.source(Int32(number)), recordedFallback: recordedFallback)
        }
    }

    private func copyEvents(_ indices: [Int], into table: String, texts: inout TextCache,
                            _ connection: PostgresConnection) async throws {
        try await CopyRows.stream(into: table, [
            "rowid", "id", "kind", "date", "first_day", "last_day", "actors", "targets", "issues", "title", "stance",
            "location", "summary", "quote", "tone", "rows", "attributes", "merges", "file_id",
        ], count: indices.count, connection) { position, rows in
            let index = indices[position]
            let parties = columns.parties(index)
            let (attributes, merged) = texts.attributes(columns.attributesNumber(index))
            rows.integer(firstRowid + Int64(index))
            rows.text(columns.id(index))
            rows.text(columns.kind(index).rawValue)
            rows.text(texts.date(columns.dateKey(index)))
            rows.integer(Int64(columns.firstDay(index).ordinal))
            rows.integer(Int64(columns.lastDay(index).ordinal))
            rows.text(texts.parties(parties.actors))
            rows.text(texts.parties(parties.targets))
            rows.text(texts.parties(parties.issues))
            rows.text(texts.title(columns.titleNumber(index)))
            rows.text(columns.stance(index)?.rawValue)
            rows.text(columns.text(columns.locationNumber(index)))
            rows.text(columns.text(columns.summaryNumber(index)))
            rows.text(columns.text(columns.quoteNumber(index)))
            rows.double(columns.tone(index))
            rows.integer(merged)
            rows.text(attributes)
            rows.integer(merge ? 1 : 0)
            rows.integer(file)
            rows.endRow()
        }
    }

    private func copyParticipants(_ indices: [Int], into table: String, _ connection: PostgresConnection) async throws {
        try await CopyRows.stream(into: table, ["node_id", "first_day", "event", "role"], count: indices.count,
                                  connection) { position, rows in
            let index = indices[position]
            let parties = columns.parties(index)
            let day = Int64(columns.firstDay(index).ordinal)
            let event = firstRowid + Int64(index)
            func write(_ nodes: ArraySlice<Int32>, as role: String) {
                // A node listed twice in one role is one participant, as the key wants.
                for (offset, node) in nodes.enumerated() where !nodes.prefix(offset).contains(node) {
                    rows.text(columns.nodeID(node))
                    rows.integer(day)
                    rows.integer(event)
                    rows.text(role)
                    rows.endRow()
                }
            }
            write(parties.actors, as: "actor")
            write(parties.targets, as: "target")
            write(parties.issues, as: "issue")
        }
    }

    private func copyEventSources(_ indices: [Int], from base: Int64, into table: String,
                                  _ connection: PostgresConnection) async throws {
        try await CopyRows.stream(into: table, ["event", "first_day", "position", "source"], count: indices.count,
                                  connection) { position, rows in
            let index = indices[position]
            let day = Int64(columns.firstDay(index).ordinal)
            for (position, number) in columns.sourceNumbers(index).enumerated() {
                rows.integer(firstRowid + Int64(index))
                rows.integer(day)
                rows.integer(Int64(position))
                rows.integer(base + Int64(number))
                rows.endRow()
            }
        }
    }
}

/// Texts that many events share, made once per file.
struct TextCache {
    let columns: EventColumns
    private var titles: [Int32: String] = [:]
    private var attributeTexts: [Int32: (String, Int64)] = [:]
    private var dates: [UInt64: String] = [:]
    private let nodeTexts: [String]

    init(columns: EventColumns) {
        self.columns = columns
        nodeTexts = (0..<columns.nodeCount).map { PartyList.escape(columns.nodeID(Int32($0))) }
    }

    mutating func title(_ number: Int32) -> String {
        if let known = titles[number] { return known }
        let text = columns.text(number) ?? ""
        titles[number] = text
        return text
    }

    /// The attribute set as stored JSON, and the rows it says were merged into the event.
    mutating func attributes(_ number: Int32) -> (String, Int64) {
        if let known = attributeTexts[number] { return known }
        let attributes = columns.attributes(number)
        let made = (SQLiteStore.json(attributes), Int64(attributes["merged_rows"].flatMap(Int.init) ?? 1))
        attributeTexts[number] = made
        return made
    }

    mutating func date(_ key: UInt64) -> String {
        if let known = dates[key] { return known }
        let text = columns.date(key: key).description
        dates[key] = text
        return text
    }

    func parties(_ nodes: ArraySlice<Int32>) -> String {
        switch nodes.count {
        case 0: ""
        case 1: nodeTexts[Int(nodes.first!)]
        default: nodes.map { nodeTexts[Int($0)] }.joined(separator: ",")
        }
    }
}
