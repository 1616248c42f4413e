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

    private let insertEvent: BatchedInsert
    private let insertParticipant: BatchedInsert
    private let insertEventSource: BatchedInsert
    private let insertSource: BatchedInsert
    /// The id the next new source gets (this transaction is the only writer).
    private var nextSourceID: Int64
    /// Stored coded events with a given first day and actors; nil when no stored event
    /// starts within this file's days (a new store, a new period), so that rows are not
    /// looked up one by one for nothing.
    private let findStored: RawStatement?
    private let joined: JoinedSources
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

    init(_ db: Database, columns: EventColumns, file: Int64, recordedFallback: String, merge: Bool,
         joined: JoinedSources) throws {
        self.db = db
        self.joined = joined
        self.columns = columns
        self.file = file
        self.recordedFallback = recordedFallback
        self.merge = merge
        firstNewRowid = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM events") ?? 0) + 1
        nextRowid = firstNewRowid
        sourceIDs = [Int64](repeating: 0, count: columns.sourceCount)
        nodeTexts = (0..<columns.nodeCount).map { PartyList.escape(columns.nodeID(Int32($0))) }
        insertEvent = try BatchedInsert(db, """
            INSERT INTO events (rowid, id, kind, date, first_day, last_day, actors, targets, issues, title, stance, location,
                                summary, quote, tone, rows, attributes, merges, file_id)
            """, width: 19, batch: 64)
        insertParticipant = try BatchedInsert(db, "INSERT OR IGNORE INTO participants (node_id, first_day, event, role)", width: 4)
        insertEventSource = try BatchedInsert(db, "INSERT INTO event_sources (event, position, source)", width: 3)
        insertSource = try BatchedInsert(db, "INSERT INTO sources (id, publisher, title, url, date, note, recorded)", width: 7)
        nextSourceID = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM sources") ?? 0) + 1
        // Events are in chronological order: the first and last give the file's days.
        let overlaps = try merge && Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM events WHERE first_day BETWEEN ? AND ? AND merges = 1)
            """, arguments: [columns.firstDay(0).ordinal, columns.firstDay(columns.count - 1).ordinal]) == true
        findStored = overlaps ? try RawStatement(db, """
            SELECT rowid FROM events
            WHERE first_day = ? AND actors = ? AND targets = ? AND kind = ? AND last_day = ? AND merges = 1 AND rowid < ?
            LIMIT 1
            """) : nil
    }

    mutating func write() throws {
        for index in 0..<columns.count { try write(index) }
        try flush(through: columns.count - 1)
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
        do {
            try insertEvent.add(
                .integer(rowid), .text(columns.id(index)), .text(columns.kind(index).rawValue), .text(dateText(columns.dateKey(index))),
                .integer(Int64(first.ordinal)), .integer(Int64(last.ordinal)), .text(actors), .text(targets),
                .text(partyText(parties.issues)), .text(title(columns.titleNumber(index))), .text(columns.stance(index)?.rawValue),
                .text(columns.text(columns.locationNumber(index))), .text(columns.text(columns.summaryNumber(index))),
                .text(columns.text(columns.quoteNumber(index))), .real(columns.tone(index)), .integer(rows), .text(attributes),
                .integer(merge ? 1 : 0), .integer(file))
        } catch is BatchConstraintError {
            throw try duplicate(upTo: index)
        }
        let day = BatchedInsert.Value.integer(Int64(first.ordinal))
        for node in parties.actors { try insertParticipant.add(.text(nodeTexts[Int(node)]), day, .integer(rowid), .text("actor")) }
        for node in parties.targets { try insertParticipant.add(.text(nodeTexts[Int(node)]), day, .integer(rowid), .text("target")) }
        for node in parties.issues { try insertParticipant.add(.text(nodeTexts[Int(node)]), day, .integer(rowid), .text("issue")) }
        for (position, source) in sources.enumerated() {
            try insertEventSource.add(.integer(rowid), .integer(Int64(position)), .integer(source))
        }
    }

    /// The stored event of an earlier file that this row repeats, if any.
    private func storedEvent(first: Day, last: Day, kind: EventKind, actors: String, targets: String) throws -> Int64? {
        guard let findStored else { return nil }
        findStored.bind(1, Int64(first.ordinal))
        findStored.bind(2, actors)
        findStored.bind(3, targets)
        findStored.bind(4, kind.rawValue)
        findStored.bind(5, Int64(last.ordinal))
        findStored.bind(6, firstNewRowid)
        var found: Int64?
        try findStored.query { row in found = row.int64(0) }
        return found
    }

    /// Adds this file's row to a stored event: the event's own row becomes its first
    /// contribution when it had none, then the event is settled anew.
    private mutating func join(_ stored: Int64, _ index: Int, rows: Int64, sources: [Int64]) throws {
        mergedIntoStored += 1
        // A join reads a stored event of an earlier file and the row's sources: only the
        // sources this file has yet to write need writing first. Flushing every batch
        // here cost a fifth of a day of GDELT files (small batches, one per join).
        try insertSource.flush()
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
        let keyed = zip(sources, columns.sourceNumbers(index)).map { ($0, JoinedSources.key(columns.source($1))) }
        if try !Writer.settleAppended(event: stored, file: file, sources: keyed, joined: joined, db) {
            joined.forget(stored)
            try Writer.settle(event: stored, db)
        }
    }

    /// Writes what the batches hold; `last` is the event being written.
    private func flush(through last: Int) throws {
        do {
            try insertEvent.flush()
        } catch is BatchConstraintError {
            throw try duplicate(upTo: last)
        }
        try insertSource.flush()
        try insertParticipant.flush()
        try insertEventSource.flush()
    }

    /// The error for a batch of events one of which has an id already stored by
    /// another file.
    private func duplicate(upTo last: Int) throws -> StoreError {
        for index in 0...last {
            let id = columns.id(index)
            guard let holder = try String.fetchOne(db, sql: """
                SELECT f.name FROM events e JOIN files f ON f.id = e.file_id WHERE e.id = ? AND e.rowid < ?
                """, arguments: [id, firstNewRowid]) else { continue }
            return StoreError(Diagnostic(code: "duplicate-id", message: "the event id '\(id)' is already in the store, from \(holder)",
                                         hint: "give the event another id, or replace that file"))
        }
        return StoreError(Diagnostic(code: "duplicate-id", message: "two events of the file have the same id",
                                     hint: "give each event its own id"))
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
        let id = nextSourceID
        nextSourceID += 1
        try insertSource.add(.integer(id), .text(source.publisher), .text(source.title), .text(source.url),
                             .text(source.date?.description), .text(source.note),
                             .text(source.date?.description ?? recordedFallback))
        sourceIDs[Int(number)] = id
        return id
    }
}
