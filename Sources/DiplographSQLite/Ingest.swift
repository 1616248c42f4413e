import Crypto
import DiplographCore
import DiplographFormats
import Foundation
import GRDB

/// What an ingest did, or with `dryRun` would do, with one file.
public struct IngestResult: Sendable {
    /// What happens to the file.
    public enum Action: String, Sendable, Hashable {
        /// Not in the store yet: its events are added.
        case new
        /// In the store with the same checksum: nothing changes.
        case unchanged
        /// In the store with other content: its earlier rows are replaced.
        case replaced
    }

    /// The file (a native dataset folder counts as one).
    public let file: String
    /// What happens to it.
    public let action: Action
    /// The SHA-256 of its bytes, in hex.
    public let checksum: String
    /// Events the file holds after merging its own rows (0 when unchanged or planned).
    public let events: Int
    /// How many of them joined an event already in the store (the merge rule across
    /// files); the rest are new events.
    public let mergedIntoStored: Int
    /// For a coded file read: what its rows gave (read, merged, skipped, problems).
    public var report: ImportReport?
}

extension SQLiteStore {
    /// The files an ingest of `path` reads, in order: a file; a folder of native YAML or
    /// JSON files as one dataset; else a folder's data files in name order.
    public static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        let native = names.contains { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
        if native { return [path] }
        return names.filter { !$0.hasPrefix(".") }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
            .filter { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Ingests each of `paths` (see `files(at:)`) in its own transaction: all of a file
    /// or none of it. The same file again (same name and checksum) changes nothing; the
    /// same name with other content replaces what that file brought. Coded rows that
    /// repeat a stored event (same actors, targets, kind and days) add their sources
    /// to it, as the in-memory merge rule does within a file.
    ///
    /// - Parameters:
    ///   - paths: files and folders, in the order to ingest them.
    ///   - options: how to read them (format, strictness, merge rule).
    ///   - dryRun: only plan: say what would happen to each file, write nothing.
    ///   - progress: called with each file's result as it is done.
    /// - Throws: `StoreError` for the first file that cannot be ingested; the files
    ///   before it stay ingested.
    public func ingest(_ paths: [String], options: LoadOptions = LoadOptions(), dryRun: Bool = false,
                       progress: (IngestResult) -> Void = { _ in }) throws(StoreError) -> [IngestResult] {
        var results: [IngestResult] = []
        for file in paths.flatMap(Self.files(at:)) {
            let result = try ingest(file: file, options: options, dryRun: dryRun)
            progress(result)
            results.append(result)
        }
        return results
    }

    /// Ingests a dataset held in memory under `name`, as `ingest(_:options:dryRun:)`
    /// ingests a native file of that name: the same name again with the same content
    /// changes nothing, with other content replaces it.
    public func ingest(_ dataset: Dataset, as name: String, dryRun: Bool = false) throws(StoreError) -> IngestResult {
        let text = Array(NativeDatasetWriter.json(dataset).utf8)
        let checksum = Self.hex(SHA256.hash(data: text))
        return try ingest(name: name, checksum: checksum, bytes: text.count, dryRun: dryRun) { () throws(StoreError) in
            (InMemoryStore(dataset), nil, false)
        }
    }

    private func ingest(file: String, options: LoadOptions, dryRun: Bool) throws(StoreError) -> IngestResult {
        let (checksum, bytes) = try Self.checksum(of: file)
        return try ingest(name: (file as NSString).standardizingPath, checksum: checksum, bytes: bytes,
                          dryRun: dryRun) { () throws(StoreError) in
            let loaded: DatasetReader.Loaded
            do throws(FormatError) {
                loaded = try DatasetReader.load(path: file, options: options)
            } catch {
                throw StoreError(error)
            }
            let report = loaded.report
            return (loaded.makeStore(), report, report != nil && options.merge == .sameDay)
        }
    }

    private func ingest(name: String, checksum: String, bytes: Int, dryRun: Bool,
                        load: () throws(StoreError) -> (InMemoryStore, ImportReport?, Bool)) throws(StoreError) -> IngestResult {
        let stored: Row?
        do {
            stored = try database.read { db in
                try Row.fetchOne(db, sql: "SELECT id, checksum FROM files WHERE name = ?", arguments: [name])
            }
        } catch {
            throw StoreError.database(path, error)
        }
        let action: IngestResult.Action = stored == nil ? .new : (stored?[1] == checksum ? .unchanged : .replaced)
        if action == .unchanged || dryRun {
            return IngestResult(file: name, action: action, checksum: checksum, events: 0, mergedIntoStored: 0)
        }
        // The file as a store in memory: its events are made one at a time as they are
        // written, not held as values all at once.
        let (dataset, report, merge) = try load()
        let eventCount = dataset.eventExtent?.count ?? 0
        let now = ISO8601DateFormatter().string(from: Date())
        do {
            let merged = try database.write { db -> Int in
                if let stored { try Self.remove(file: stored[0], db) }
                try db.execute(sql: """
                    INSERT INTO files (name, checksum, format, bytes, rows_read, events, ingested_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [name, checksum, report?.format ?? "native", bytes, report?.rowsRead ?? eventCount,
                                     eventCount, now])
                let fileID = db.lastInsertedRowID
                var writer = Writer(db: db, file: fileID, recordedFallback: String(now.prefix(10)))
                try writer.write(dataset, coded: report != nil, merge: merge)
                return writer.mergedIntoStored
            }
            return IngestResult(file: name, action: action, checksum: checksum, events: eventCount,
                                mergedIntoStored: merged, report: report)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path, error)
        }
    }

    /// SHA-256 of a file, or of a folder's files in name order with their names.
    static func checksum(of path: String) throws(StoreError) -> (String, Int) {
        var hash = SHA256()
        var total = 0
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let files = isDirectory.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            : [path]
        for file in files {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw StoreError(Diagnostic(code: "unreadable-file", file: file, message: "cannot read the file",
                                            hint: "check the path and that the file is readable"))
            }
            defer { try? handle.close() }
            if isDirectory.boolValue { hash.update(data: Data((file as NSString).lastPathComponent.utf8)) }
            while let block = try? handle.read(upToCount: 1 << 22), !block.isEmpty {
                hash.update(data: block)
                total += block.count
            }
        }
        return (hex(hash.finalize()), total)
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Takes out what a file brought: its contributions to events (an event left with
    /// none goes), its sources on events, its offices, phases and notes. Its nodes stay
    /// (other files' events may name them), no longer attributed to a file.
    static func remove(file: Int64, _ db: Database) throws {
        let touched = try Int64.fetchAll(db, sql: "SELECT event FROM contributions WHERE file_id = ?", arguments: [file])
        try db.execute(sql: "DELETE FROM contributions WHERE file_id = ?", arguments: [file])
        for event in touched { try Writer.settle(event: event, db) }
        try Writer.setLastDay(try Int32.fetchOne(db, sql: "SELECT max(last_day) FROM events"), db)
        try db.execute(sql: "DELETE FROM offices WHERE file_id = ?", arguments: [file])
        try db.execute(sql: "DELETE FROM phases WHERE node_id IN (SELECT id FROM nodes WHERE file_id = ?)", arguments: [file])
        try db.execute(sql: "DELETE FROM notes WHERE file_id = ?", arguments: [file])
        try db.execute(sql: "UPDATE nodes SET file_id = NULL WHERE file_id = ?", arguments: [file])
        try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [file])
    }
}

/// Writes one file's dataset inside its transaction.
struct Writer {
    let db: Database
    let file: Int64
    /// The day of the ingest, for sources that do not say when they were published.
    let recordedFallback: String
    var mergedIntoStored = 0
    var longestSpan = 0
    /// Source ids by key, for this file's rows (many rows cite one article).
    var sourceIDs: [String: Int64] = [:]
    /// The merge keys of stored events on the days this file's events start.
    var storedKeys: [String: Int64] = [:]
    /// The rowid the next new event gets (this transaction is the only writer).
    var nextRowid: Int64 = 1
    /// The prepared inserts of new events' rows.
    var inserts: Inserts?

    init(db: Database, file: Int64, recordedFallback: String) {
        self.db = db
        self.file = file
        self.recordedFallback = recordedFallback
    }

    mutating func write(_ dataset: InMemoryStore, coded: Bool, merge: Bool) throws {
        if let title = dataset.title {
            try db.cachedStatement(sql: """
                INSERT INTO meta (key, value) VALUES ('title', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
                .execute(arguments: [title])
        }
        for note in dataset.notes {
            try db.cachedStatement(sql: "INSERT INTO notes (file_id, text) VALUES (?, ?)").execute(arguments: [file, note])
        }
        for node in dataset.nodes { try write(node, authoritative: !coded) }
        for office in dataset.offices { try write(office) }
        let events = dataset.timeline(TimelineQuery())
        if merge { try loadMergeKeys(days: Set(events.map(\.date.firstDay.ordinal))) }
        nextRowid = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM events") ?? 0) + 1
        inserts = try Inserts(db)
        for event in events { try write(event, merge: merge) }
        let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'longest_span'").flatMap(Int.init) ?? 0
        if longestSpan > stored {
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'longest_span'", arguments: [String(longestSpan)])
        }
        if let latest = events.lazy.map(\.date.lastDay.ordinal).max() {
            let known = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_day'").flatMap(Int32.init)
            if known.map({ latest > $0 }) ?? true { try Self.setLastDay(latest, db) }
        }
    }

    /// A native dataset's node replaces a stored one; a coded file's is added only when
    /// new (the first file that names an actor makes it).
    private func write(_ node: Node, authoritative: Bool) throws {
        let exists = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM nodes WHERE id = ?"), arguments: [node.id]) ?? false
        if exists, !authoritative { return }
        try db.cachedStatement(sql: """
            INSERT INTO nodes (id, kind, name, attributes, file_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, attributes = excluded.attributes,
                file_id = excluded.file_id
            """).execute(arguments: [node.id, node.kind.rawValue, node.name, SQLiteStore.json(node.attributes), file])
        try db.cachedStatement(sql: "DELETE FROM aliases WHERE node_id = ?").execute(arguments: [node.id])
        for (position, alias) in node.aliases.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO aliases (node_id, alias, position) VALUES (?, ?, ?)")
                .execute(arguments: [node.id, alias, position])
        }
        try db.cachedStatement(sql: "DELETE FROM phases WHERE node_id = ?").execute(arguments: [node.id])
        for (position, phase) in node.lifecycle.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO phases (node_id, position, status, from_date, to_date) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [node.id, position, phase.status, phase.from.description, phase.to?.description])
        }
    }

    private mutating func write(_ office: Office) throws {
        try db.cachedStatement(sql: """
            INSERT INTO offices (id, person, post, organization, from_date, to_date, file_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET person = excluded.person, post = excluded.post,
                organization = excluded.organization, from_date = excluded.from_date, to_date = excluded.to_date,
                file_id = excluded.file_id
            """).execute(arguments: [office.id, office.person, office.post, office.organization, office.from.description,
                             office.to?.description, file])
        try db.cachedStatement(sql: "DELETE FROM office_sources WHERE office_id = ?").execute(arguments: [office.id])
        for (position, source) in office.sources.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO office_sources (office_id, position, source) VALUES (?, ?, ?)")
                .execute(arguments: [office.id, position, try sourceID(source)])
        }
    }

    /// Keeps the latest last day of any event in `meta`, so that opening a store does
    /// not scan its events.
    static func setLastDay(_ day: Int32?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES ('last_day', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [day.map(String.init) ?? ""])
    }

    /// The merge key of a coded event: kind, days, actors and targets in order.
    static func mergeKey(_ event: Event) -> String {
        "\(event.kind.rawValue)|\(event.date.firstDay.ordinal)|\(event.date.lastDay.ordinal)|"
            + event.actors.joined(separator: ",") + "|" + event.targets.joined(separator: ",")
    }

    /// The merge keys of the stored events that start on `days`: one indexed read per
    /// few hundred days, instead of a lookup per event.
    private mutating func loadMergeKeys(days: Set<Int32>) throws {
        let sorted = days.sorted()
        for chunk in stride(from: 0, to: sorted.count, by: 500) {
            let part = Array(sorted[chunk..<min(sorted.count, chunk + 500)]).map(Int.init)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT merge_key, rowid FROM events WHERE first_day IN (\(placeholders(part.count))) AND merge_key IS NOT NULL
                """, arguments: StatementArguments(part))
            while let row = try rows.next() { storedKeys[row[0]] = row[1] }
        }
    }

    private mutating func write(_ event: Event, merge: Bool) throws {
        longestSpan = max(longestSpan, event.date.firstDay.distance(to: event.date.lastDay))
        let rows = event.attributes["merged_rows"].flatMap(Int.init) ?? 1
        let key = merge ? Self.mergeKey(event) : nil
        var sourceIDs: [Int64] = []
        for source in event.sources { sourceIDs.append(try sourceID(source)) }
        if let key, let stored = storedKeys[key] {
            mergedIntoStored += 1
            // The event's first contribution keeps its fields in the event's row until
            // a second arrives: write them out before the event is settled anew.
            try db.cachedStatement(sql: """
                UPDATE contributions SET (event_id, title, stance, location, summary, quote, attributes) =
                    (SELECT e.id, e.title, e.stance, e.location, e.summary, e.quote, e.attributes FROM events e
                     WHERE e.rowid = contributions.event)
                WHERE event = ? AND event_id IS NULL
                """).execute(arguments: [stored])
            try Fields(event, sources: sourceIDs).insert(event: stored, file: file, rows: rows, tone: event.tone, db)
            try Self.settle(event: stored, db)
            return
        }
        let rowid = nextRowid
        nextRowid += 1
        if let key { storedKeys[key] = rowid }
        try inserts!.add(event, rowid: rowid, rows: rows, key: key, sources: sourceIDs, file: file, db)
    }

    /// The id of a stored source equal to `source`, stored first when new.
    private mutating func sourceID(_ source: Source) throws -> Int64 {
        let fields = [source.publisher, source.title, source.url, source.date?.description, source.note]
        let canonical = fields.map { $0.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
        if let id = sourceIDs[canonical] { return id }
        let key = Self.hash(canonical)
        let candidates = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, publisher, title, url, date, note FROM sources WHERE key = ?
            """), arguments: [key])
        if let same = candidates.first(where: { row in (1...5).allSatisfy { (row[$0] as String?) == fields[$0 - 1] } }) {
            sourceIDs[canonical] = same[0]
            return same[0]
        }
        try db.cachedStatement(sql: """
            INSERT INTO sources (key, publisher, title, url, date, note, recorded) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [key, source.publisher, source.title, source.url, source.date?.description, source.note,
                                     source.date?.description ?? recordedFallback])
        sourceIDs[canonical] = db.lastInsertedRowID
        return db.lastInsertedRowID
    }

    /// FNV-1a, 64 bits: a stable hash (Swift's `Hasher` is seeded per process).
    static func hash(_ text: String) -> Int64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: value)
    }

    /// Recomputes an event from its contributions, taken in file-name order (the
    /// order in which one load of all the files would read their rows): the first
    /// file's row gives the id, title, stance and other fields; the sources are each
    /// file's in turn, each once; one contribution keeps its tone as given, several
    /// give the mean over their rows; `merged_rows` counts every row.
    static func settle(event: Int64, _ db: Database) throws {
        let parts = try Row.fetchAll(db, sql: """
            SELECT c.rows, c.tone, c.file_id, c.event_id, c.title, c.stance, c.location, c.summary, c.quote, c.attributes,
                c.sources
            FROM contributions c JOIN files f ON f.id = c.file_id WHERE c.event = ? ORDER BY f.name
            """, arguments: [event])
        guard let owner = parts.first else {
            // No file brings the event any more (its parties and sources go with it).
            try db.cachedStatement(sql: "DELETE FROM events WHERE rowid = ?").execute(arguments: [event])
            return
        }
        try db.cachedStatement(sql: "DELETE FROM event_sources WHERE event = ?").execute(arguments: [event])
        var listed = Set<Int64>()
        for part in parts {
            for source in Fields(part, from: 3).sources where listed.insert(source).inserted {
                try db.cachedStatement(sql: "INSERT INTO event_sources (event, position, source, file_id) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [event, listed.count - 1, source, part[2] as Int64])
            }
        }
        let rows = parts.reduce(0) { $0 + ($1[0] as Int) }
        let toned = parts.compactMap { part -> (Int, Double)? in (part[1] as Double?).map { (part[0] as Int, $0) } }
        let tone: Double? = toned.isEmpty ? nil
            : parts.count == 1 ? toned[0].1
            : toned.reduce(0) { $0 + Double($1.0) * $1.1 } / Double(toned.reduce(0) { $0 + $1.0 })
        // A lone contribution whose fields were never written out has the event's own.
        guard owner[3] as String? != nil else {
            try db.cachedStatement(sql: "UPDATE events SET tone = ?, rows = ? WHERE rowid = ?").execute(arguments: [tone, rows, event])
            return
        }
        let fields = Fields(owner, from: 3)
        var attributes = fields.attributes
        attributes["merged_rows"] = rows > 1 ? String(rows) : nil
        try db.cachedStatement(sql: """
            UPDATE events SET id = ?, title = ?, stance = ?, location = ?, summary = ?, quote = ?, tone = ?, rows = ?,
                attributes = ? WHERE rowid = ?
            """).execute(arguments: [fields.id, fields.title, fields.stance, fields.location, fields.summary, fields.quote,
                                     tone, rows, SQLiteStore.json(attributes), event])
    }
}

/// What one file's row says of an event beyond its merge key: kept with each
/// contribution, so that the event shows the first file's row whichever file came
/// first into the store.
struct Fields {
    let id: String
    let title: String
    let stance: String?
    let location: String?
    let summary: String?
    let quote: String?
    let attributes: [String: String]
    /// The row's sources, as ids in `sources`.
    let sources: [Int64]

    init(_ event: Event, sources: [Int64]) {
        self.sources = sources
        id = event.id
        title = event.title
        stance = event.stance?.rawValue
        location = event.location
        summary = event.summary
        quote = event.quote
        var attributes = event.attributes
        attributes["merged_rows"] = nil
        self.attributes = attributes
    }

    /// From the contribution columns `event_id` … `sources`, starting at `start`.
    init(_ row: Row, from start: Int) {
        id = row[start] ?? ""
        title = row[start + 1] ?? ""
        stance = row[start + 2]
        location = row[start + 3]
        summary = row[start + 4]
        quote = row[start + 5]
        attributes = SQLiteStore.attributes(row[start + 6] ?? "{}")
        sources = (row[start + 7] as String).split(separator: ",").compactMap { Int64($0) }
    }

    func insert(event: Int64, file: Int64, rows: Int, tone: Double?, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO contributions (event, file_id, rows, tone, event_id, title, stance, location, summary, quote,
                                       attributes, sources)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [event, file, rows, tone, id, title, stance, location, summary, quote,
                                     SQLiteStore.json(attributes), sources.map(String.init).joined(separator: ",")])
    }
}

/// The four inserts of a new event, prepared once per file.
struct Inserts {
    let events: RawStatement
    let contributions: RawStatement
    let participants: RawStatement
    let sources: RawStatement

    init(_ db: Database) throws {
        events = try RawStatement(db, """
            INSERT INTO events (rowid, id, kind, date, first_day, last_day, title, stance, location, summary, quote, tone,
                                rows, attributes, merge_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        contributions = try RawStatement(db, "INSERT INTO contributions (event, file_id, rows, tone, sources) VALUES (?, ?, ?, ?, ?)")
        participants = try RawStatement(db, "INSERT INTO participants (event, role, position, node_id, first_day) VALUES (?, ?, ?, ?, ?)")
        sources = try RawStatement(db, "INSERT INTO event_sources (event, position, source, file_id) VALUES (?, ?, ?, ?)")
    }

    /// A new event's rows: the event, its contribution (whose fields are the event's own
    /// while it is the only one), its parties and its sources.
    func add(_ event: Event, rowid: Int64, rows: Int, key: String?, sources ids: [Int64], file: Int64, _ db: Database) throws {
        let first = Int64(event.date.firstDay.ordinal)
        events.bind(1, rowid)
        events.bind(2, event.id)
        events.bind(3, event.kind.rawValue)
        events.bind(4, event.date.description)
        events.bind(5, first)
        events.bind(6, Int64(event.date.lastDay.ordinal))
        events.bind(7, event.title)
        events.bind(8, event.stance?.rawValue)
        events.bind(9, event.location)
        events.bind(10, event.summary)
        events.bind(11, event.quote)
        events.bind(12, event.tone)
        events.bind(13, Int64(rows))
        events.bind(14, SQLiteStore.json(event.attributes))
        events.bind(15, key)
        do {
            try events.run()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            let holder = try String.fetchOne(db, sql: """
                SELECT f.name FROM events e JOIN contributions c ON c.event = e.rowid JOIN files f ON f.id = c.file_id
                WHERE e.id = ? ORDER BY f.name LIMIT 1
                """, arguments: [event.id]) ?? "another file"
            throw StoreError(Diagnostic(code: "duplicate-id", message: "the event id '\(event.id)' is already in the store, from \(holder)",
                                        hint: "give the event another id, or replace that file"))
        }
        contributions.bind(1, rowid)
        contributions.bind(2, file)
        contributions.bind(3, Int64(rows))
        contributions.bind(4, event.tone)
        contributions.bind(5, ids.map(String.init).joined(separator: ","))
        try contributions.run()
        for (role, nodes) in [("actor", event.actors), ("target", event.targets), ("issue", event.issues)] {
            for (position, node) in nodes.enumerated() {
                participants.bind(1, rowid)
                participants.bind(2, role)
                participants.bind(3, Int64(position))
                participants.bind(4, node)
                participants.bind(5, first)
                try participants.run()
            }
        }
        for (position, source) in ids.enumerated() {
            sources.bind(1, rowid)
            sources.bind(2, Int64(position))
            sources.bind(3, source)
            sources.bind(4, file)
            try sources.run()
        }
    }
}
