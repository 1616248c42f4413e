import DiplographCore
import DiplographSQLite
import NIOCore
import PostgresNIO

/// Writes one file's events with COPY, inside its transaction: the months' partitions
/// first (those missing), then sources, events, participants and event sources, each
/// streamed from the file's columns in chunks (a million rows are never held as text).
/// Each distinct title, date, attribute set and node is written to text once per file.
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
        var months = Set<Int>()
        var longestSpan = 0
        var ids = Set<String>()
        ids.reserveCapacity(columns.count)
        for index in 0..<columns.count {
            months.insert(PostgresSchema.month(of: columns.firstDay(index)))
            longestSpan = max(longestSpan, columns.firstDay(index).distance(to: columns.lastDay(index)))
            guard ids.insert(columns.id(index)).inserted else {
                throw StoreError(Diagnostic(code: "duplicate-id", file: name,
                                            message: "two events of the file have the same id '\(columns.id(index))'",
                                            hint: "give each event its own id"))
            }
        }
        for statement in PostgresSchema.partitions(for: months.sorted()) { try await sql.run(statement) }
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
        try await copyEvents(skipping: joins, connection)
        try await copyParticipants(skipping: joins, connection)
        try await copyEventSources(from: sourceBase, skipping: joins, connection)
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
            let source = columns.source(Int32(number))
            rows.row(base + Int64(number), source.publisher, source.title, source.url, source.date?.description, source.note,
                     source.date?.description ?? recordedFallback)
        }
    }

    private func copyEvents(skipping joins: [Int: Int64], _ connection: PostgresConnection) async throws {
        var texts = TextCache(columns: columns)
        try await CopyRows.stream(into: "events", [
            "rowid", "id", "kind", "date", "first_day", "last_day", "actors", "targets", "issues", "title", "stance",
            "location", "summary", "quote", "tone", "rows", "attributes", "merges", "file_id",
        ], count: columns.count, connection) { index, rows in
            guard joins[index] == nil else { return }
            let parties = columns.parties(index)
            let (attributes, merged) = texts.attributes(columns.attributesNumber(index))
            rows.row(firstRowid + Int64(index), columns.id(index), columns.kind(index).rawValue, texts.date(columns.dateKey(index)),
                     Int64(columns.firstDay(index).ordinal), Int64(columns.lastDay(index).ordinal),
                     texts.parties(parties.actors), texts.parties(parties.targets), texts.parties(parties.issues),
                     texts.title(columns.titleNumber(index)), columns.stance(index)?.rawValue,
                     columns.text(columns.locationNumber(index)), columns.text(columns.summaryNumber(index)),
                     columns.text(columns.quoteNumber(index)), columns.tone(index), merged, attributes,
                     Int64(merge ? 1 : 0), file)
        }
    }

    private func copyParticipants(skipping joins: [Int: Int64], _ connection: PostgresConnection) async throws {
        let nodeTexts = (0..<columns.nodeCount).map { columns.nodeID(Int32($0)) }
        try await CopyRows.stream(into: "participants", ["node_id", "first_day", "event", "role"], count: columns.count,
                                  connection) { index, rows in
            guard joins[index] == nil else { return }
            let parties = columns.parties(index)
            let day = Int64(columns.firstDay(index).ordinal)
            let event = firstRowid + Int64(index)
            // A node listed twice in one role is one participant, as the key wants.
            var listed = Set<Int32>()
            for (role, nodes) in [("actor", parties.actors), ("target", parties.targets), ("issue", parties.issues)] {
                listed.removeAll(keepingCapacity: true)
                for node in nodes where listed.insert(node).inserted {
                    rows.row(nodeTexts[Int(node)], day, event, role)
                }
            }
        }
    }

    private func copyEventSources(from base: Int64, skipping joins: [Int: Int64], _ connection: PostgresConnection) async throws {
        try await CopyRows.stream(into: "event_sources", ["event", "first_day", "position", "source"], count: columns.count,
                                  connection) { index, rows in
            guard joins[index] == nil else { return }
            let day = Int64(columns.firstDay(index).ordinal)
            for (position, number) in columns.sourceNumbers(index).enumerated() {
                rows.row(firstRowid + Int64(index), day, Int64(position), base + Int64(number))
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
        nodes.map { nodeTexts[Int($0)] }.joined(separator: ",")
    }
}

/// Rows in COPY's text format: tab between values, `\N` for null, backslash escapes
/// for backslash, tab, newline and carriage return; every other byte as it is.
struct CopyRows {
    /// What one write to the server carries.
    static let chunkBytes = 1 << 20

    private(set) var buffer = ByteBufferAllocator().buffer(capacity: 0)

    mutating func row(_ values: (any CopyValue)?...) {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            if let value { value.write(to: &buffer) } else { buffer.writeStaticString("\\N") }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    mutating func clear() {
        buffer.clear()
    }

    /// COPYs what the rows hold into `table`.
    func copy(into table: String, _ columnNames: [String], _ connection: PostgresConnection) async throws {
        guard buffer.readableBytes > 0 else { return }
        try await connection.copyFrom(table: table, columns: columnNames, logger: Session.logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// COPYs the rows `make` writes for items 0..<count into `table`, a chunk at a time.
    static func stream(into table: String, _ columnNames: [String], count: Int, _ connection: PostgresConnection,
                       _ make: (Int, inout CopyRows) -> Void) async throws {
        guard count > 0 else { return }
        try await connection.copyFrom(table: table, columns: columnNames, logger: Session.logger) { writer in
            var rows = CopyRows()
            rows.buffer.reserveCapacity(chunkBytes + 4096)
            for index in 0..<count {
                make(index, &rows)
                if rows.buffer.readableBytes >= chunkBytes {
                    try await writer.write(rows.buffer)
                    rows.clear()
                }
            }
            if rows.buffer.readableBytes > 0 { try await writer.write(rows.buffer) }
        }
    }
}

/// A value COPY's text format can carry.
protocol CopyValue {
    func write(to buffer: inout ByteBuffer)
}

extension String: CopyValue {
    func write(to buffer: inout ByteBuffer) {
        let needsEscape = utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsEscape else {
            buffer.writeString(self)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}

extension Int64: CopyValue {
    func write(to buffer: inout ByteBuffer) {
        buffer.writeString(String(self))
    }
}

extension Double: CopyValue {
    /// The shortest text that reads back as the same number.
    func write(to buffer: inout ByteBuffer) {
        buffer.writeString(description)
    }
}
