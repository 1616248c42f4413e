import DiplographCore
import GRDB

/// Writes one file's events inside its transaction. A new event is one row in
/// `events` (its parties listed in it), one per party in `participants` and one per
/// source in `event_sources`, inserted through statements prepared once and bound
/// with SQLite's C API; each distinct title, date, attribute set, node and source is
/// converted once per file, not once per event. A coded row that repeats an event
/// stored by an earlier file (same kind, days, actors and targets) joins it instead.
struct EventWriter {
    let db: Database
    let columns: EventColumns
    let file: Int64
    let recordedFallback: String
    /// Whether rows join events with the same kind, days, actors and targets (coded
    /// rows under the same-day rule): this file's events may be joined by later files'.
    let merge: Bool
    private(set) var mergedIntoStored = 0
    private(set) var longestSpan = 0
    /// The rowids of the events added.
    private(set) var added: ClosedRange<Int64>?

    private let insertEvent: RawStatement
    private let insertParticipant: RawStatement
    private let insertEventSource: RawStatement
    private let insertSource: RawStatement
    /// Stored coded events with a given first day and actors; nil when no stored event
    /// starts within this file's days (a new store, a new period), so that rows are not
    /// looked up one by one for nothing.
    private let findStored: RawStatement?
    /// The rowid of the first event this file adds: rows never join events of their own
    /// file (its loader merged those already).
    private let firstNewRowid: Int64
    private var nextRowid: Int64

    /// By the columns' numbers: 0 for a source not written yet.
    private var sourceIDs: [Int64]
    private let nodeTexts: [String]
    private var titles: [Int32: String] = [:]
    private var attributeTexts: [Int32: (json: String, rows: Int64)] = [:]
    private var dateTexts: [UInt64: String] = [:]

    init(_ db: Database, columns: EventColumns, file: Int64, recordedFallback: String, merge: Bool) throws {
        self.db = db
        self.columns = columns
        self.file = file
        self.recordedFallback = recordedFallback
        self.merge = merge
        firstNewRowid = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM events") ?? 0) + 1
        nextRowid = firstNewRowid
        sourceIDs = [Int64](repeating: 0, count: columns.sourceCount)
        nodeTexts = (0..<columns.nodeCount).map { PartyList.escape(columns.nodeID(Int32($0))) }
        insertEvent = try RawStatement(db, """
            INSERT INTO events (rowid, id, kind, date, first_day, last_day, actors, targets, issues, title, stance, location,
                                summary, quote, tone, rows, attributes, merges, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertParticipant = try RawStatement(db, """
            INSERT OR IGNORE INTO participants (node_id, first_day, event, role) VALUES (?, ?, ?, ?)
            """)
        insertEventSource = try RawStatement(db, "INSERT INTO event_sources (event, position, source) VALUES (?, ?, ?)")
        insertSource = try RawStatement(db, """
            INSERT INTO sources (publisher, title, url, date, note, recorded) VALUES (?, ?, ?, ?, ?, ?)
            """)
        // Events are in chronological order: the first and last give the file's days.
        let overlaps = try merge && Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM events WHERE first_day BETWEEN ? AND ? AND merges = 1)
            """, arguments: [columns.firstDay(0).ordinal, columns.firstDay(columns.count - 1).ordinal]) == true
        findStored = overlaps ? try RawStatement(db, """
            SELECT rowid, last_day, kind, targets FROM events
            WHERE first_day = ? AND actors = ? AND merges = 1 AND rowid < ?
            """) : nil
    }

    mutating func write() throws {
        for index in 0..<columns.count { try write(index) }
        if nextRowid > firstNewRowid { added = firstNewRowid...(nextRowid - 1) }
    }

    private mutating func write(_ index: Int) throws {
        let first = columns.firstDay(index)
        let last = columns.lastDay(index)
        longestSpan = max(longestSpan, first.distance(to: last))
        let parties = columns.parties(index)
        let actors = partyText(parties.actors)
        let targets = partyText(parties.targets)
        let (attributes, rows) = attributeText(columns.attributesNumber(index))
        var sources: [Int64] = []
        for number in columns.sourceNumbers(index) { sources.append(try sourceID(number)) }
        if let stored = try storedEvent(first: first, last: last, kind: columns.kind(index), actors: actors, targets: targets) {
            try join(stored, index, rows: rows, sources: sources)
            return
        }
        let rowid = nextRowid
        nextRowid += 1
        let statement = insertEvent
        statement.bind(1, rowid)
        columns.withID(index) { statement.bind(2, bytes: $0) }
        statement.bind(3, columns.kind(index).rawValue)
        statement.bind(4, dateText(columns.dateKey(index)))
        statement.bind(5, Int64(first.ordinal))
        statement.bind(6, Int64(last.ordinal))
        statement.bind(7, actors)
        statement.bind(8, targets)
        statement.bind(9, partyText(parties.issues))
        statement.bind(10, title(columns.titleNumber(index)))
        statement.bind(11, columns.stance(index)?.rawValue)
        statement.bind(12, columns.text(columns.locationNumber(index)))
        statement.bind(13, columns.text(columns.summaryNumber(index)))
        statement.bind(14, columns.text(columns.quoteNumber(index)))
        statement.bind(15, columns.tone(index))
        statement.bind(16, rows)
        statement.bind(17, attributes)
        statement.bind(18, Int64(merge ? 1 : 0))
        statement.bind(19, file)
        do {
            try statement.run()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw try duplicate(columns.id(index))
        }
        for (role, list) in [("actor", parties.actors), ("target", parties.targets), ("issue", parties.issues)] {
            for node in list {
                insertParticipant.bind(1, nodeTexts[Int(node)])
                insertParticipant.bind(2, Int64(first.ordinal))
                insertParticipant.bind(3, rowid)
                insertParticipant.bind(4, role)
                try insertParticipant.run()
            }
        }
        for (position, source) in sources.enumerated() {
            insertEventSource.bind(1, rowid)
            insertEventSource.bind(2, Int64(position))
            insertEventSource.bind(3, source)
            try insertEventSource.run()
        }
    }

    /// The stored event of an earlier file that this row repeats, if any.
    private func storedEvent(first: Day, last: Day, kind: EventKind, actors: String, targets: String) throws -> Int64? {
        guard let findStored else { return nil }
        findStored.bind(1, Int64(first.ordinal))
        findStored.bind(2, actors)
        findStored.bind(3, firstNewRowid)
        var found: Int64?
        try findStored.query { row in
            if found == nil, row.int64(1) == Int64(last.ordinal), row.text(2, equals: kind.rawValue),
               row.text(3, equals: targets) {
                found = row.int64(0)
            }
        }
        return found
    }

    /// Adds this file's row to a stored event: the event's own row becomes its first
    /// contribution when it had none, then the event is settled anew.
    private mutating func join(_ stored: Int64, _ index: Int, rows: Int64, sources: [Int64]) throws {
        mergedIntoStored += 1
        try db.cachedStatement(sql: """
            INSERT INTO contributions (event, file_id, rows, tone, event_id, title, stance, location, summary, quote,
                                       attributes, sources)
            SELECT rowid, file_id, rows, tone, id, title, stance, location, summary, quote, attributes,
                coalesce((SELECT group_concat(source, ',') FROM
                          (SELECT source FROM event_sources WHERE event = ?1 ORDER BY position)), '')
            FROM events WHERE rowid = ?1 AND NOT EXISTS (SELECT 1 FROM contributions WHERE event = ?1)
            """).execute(arguments: [stored])
        try Fields(columns, index, sources: sources)
            .insert(event: stored, file: file, rows: Int(rows), tone: columns.tone(index), db)
        try Writer.settle(event: stored, db)
    }

    private func duplicate(_ id: String) throws -> StoreError {
        let holder = try String.fetchOne(db, sql: """
            SELECT f.name FROM events e JOIN files f ON f.id = e.file_id WHERE e.id = ?
            """, arguments: [id]) ?? "another file"
        return StoreError(Diagnostic(code: "duplicate-id", message: "the event id '\(id)' is already in the store, from \(holder)",
                                     hint: "give the event another id, or replace that file"))
    }

    private func partyText(_ nodes: ArraySlice<Int32>) -> String {
        switch nodes.count {
        case 0: ""
        case 1: nodeTexts[Int(nodes.first!)]
        default: nodes.map { nodeTexts[Int($0)] }.joined(separator: ",")
        }
    }

    private mutating func title(_ number: Int32) -> String {
        if let known = titles[number] { return known }
        let text = columns.text(number) ?? ""
        titles[number] = text
        return text
    }

    /// The attribute set as stored JSON, and the rows it says were merged into the event.
    private mutating func attributeText(_ number: Int32) -> (String, Int64) {
        if let known = attributeTexts[number] { return known }
        let attributes = columns.attributes(number)
        let made = (SQLiteStore.json(attributes), Int64(attributes["merged_rows"].flatMap(Int.init) ?? 1))
        attributeTexts[number] = made
        return made
    }

    private mutating func dateText(_ key: UInt64) -> String {
        if let known = dateTexts[key] { return known }
        let text = columns.date(key: key).description
        dateTexts[key] = text
        return text
    }

    /// The id of source `number`, stored when first cited.
    private mutating func sourceID(_ number: Int32) throws -> Int64 {
        let known = sourceIDs[Int(number)]
        if known != 0 { return known }
        let source = columns.source(number)
        insertSource.bind(1, source.publisher)
        insertSource.bind(2, source.title)
        insertSource.bind(3, source.url)
        insertSource.bind(4, source.date?.description)
        insertSource.bind(5, source.note)
        insertSource.bind(6, source.date?.description ?? recordedFallback)
        try insertSource.run()
        let id = db.lastInsertedRowID
        sourceIDs[Int(number)] = id
        return id
    }
}
