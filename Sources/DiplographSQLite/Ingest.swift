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

    package init(file: String, action: Action, checksum: String, events: Int, mergedIntoStored: Int,
                 report: ImportReport? = nil) {
        (self.file, self.action, self.checksum, self.events, self.mergedIntoStored, self.report) =
            (file, action, checksum, events, mergedIntoStored, report)
    }
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
        try ingest(file: file, as: (file as NSString).standardizingPath, options: options, dryRun: dryRun, download: nil)
    }

    /// Ingests `file` under `name`, as `ingest(_:options:dryRun:)` does, and records in
    /// the same transaction where it was downloaded from: a sync killed at any point has
    /// either the file and its download, or neither.
    package func ingest(file: String, as name: String, options: LoadOptions, download: Download) throws(StoreError) -> IngestResult {
        try ingest(file: file, as: name, options: options, dryRun: false, download: download)
    }

    private func ingest(file: String, as name: String, options: LoadOptions, dryRun: Bool,
                        download: Download?) throws(StoreError) -> IngestResult {
        let (checksum, bytes) = try Self.checksum(of: file)
        return try ingest(name: name, checksum: checksum, bytes: bytes, dryRun: dryRun,
                          download: download) { () throws(StoreError) in try Self.load(file, options: options) }
    }

    /// A file read for an ingest: its dataset as a store in memory, what an import of
    /// coded rows reported, and whether its rows merge with stored events (coded rows
    /// under the same-day rule).
    package static func load(_ file: String, options: LoadOptions) throws(StoreError)
        -> (dataset: InMemoryStore, report: ImportReport?, merges: Bool) {
        let loaded: DatasetReader.Loaded
        do throws(FormatError) {
            loaded = try DatasetReader.load(path: file, options: options)
        } catch {
            throw StoreError(error)
        }
        let report = loaded.report
        return (loaded.makeStore(), report, report != nil && options.merge == .sameDay)
    }

    private func ingest(name: String, checksum: String, bytes: Int, dryRun: Bool, download: Download? = nil,
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
        if dryRun || (action == .unchanged && download == nil) {
            return IngestResult(file: name, action: action, checksum: checksum, events: 0, mergedIntoStored: 0)
        }
        // The file as a store in memory: its events are made one at a time as they are
        // written, not held as values all at once.
        let (dataset, report, merge) = try load()
        let eventCount = dataset.eventExtent?.count ?? 0
        let now = ISO8601DateFormatter().string(from: Date())
        do {
            // The file is looked up again inside the transaction (another ingest of it
            // may have committed since), which is immediate: the write lock is taken,
            // waiting for another ingest, before anything is read. A deferred one that
            // read first could not wait when another ingest committed meanwhile, only
            // fail (SQLITE_BUSY_SNAPSHOT; the racing-ingest test).
            var written: (IngestResult.Action, Int) = (.unchanged, 0)
            var committedWrites: Int64?
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let current = try Row.fetchOne(db, sql: "SELECT id, checksum FROM files WHERE name = ?", arguments: [name])
                    let writes = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'writes'") ?? 0
                    joinedSources.begin(writes: writes)
                    try db.execute(sql: """
                        INSERT INTO meta (key, value) VALUES ('writes', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                        """, arguments: [writes + 1])
                    committedWrites = writes + 1
                    if let current {
                        if current[1] == checksum {
                            // The same rows from another zip (recompressed): its MD5 is the one to know.
                            try download?.record(file: current[0], db)
                            return .commit
                        }
                        joinedSources.clear()
                        try Self.remove(file: current[0], db)
                    }
                    try db.execute(sql: """
                        INSERT INTO files (name, checksum, format, bytes, rows_read, events, ingested_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [name, checksum, report?.format ?? "native", bytes, report?.rowsRead ?? eventCount,
                                         eventCount, now])
                    var writer = Writer(db: db, file: db.lastInsertedRowID, recordedFallback: String(now.prefix(10)),
                                        joined: joinedSources)
                    try writer.write(dataset, coded: report != nil, merge: merge)
                    try download?.record(file: writer.file, db)
                    written = (current == nil ? .new : .replaced, writer.mergedIntoStored)
                    return .commit
                }
            }
            if let committedWrites { joinedSources.committed(writes: committedWrites) }
            guard written.0 != .unchanged else {
                return IngestResult(file: name, action: .unchanged, checksum: checksum, events: 0, mergedIntoStored: 0)
            }
            return IngestResult(file: name, action: written.0, checksum: checksum, events: eventCount,
                                mergedIntoStored: written.1, report: report)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path, error)
        }
    }

    /// SHA-256 of a file, or of a folder's files in name order with their names.
    package static func checksum(of path: String) throws(StoreError) -> (String, Int) {
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

    package static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Takes out what a file brought: its contributions to events several files make
    /// (an event left with none goes), the events it alone brought, its offices, phases
    /// and notes. Its nodes stay (other files' events may name them), no longer
    /// attributed to a file.
    static func remove(file: Int64, _ db: Database) throws {
        let touched = try Int64.fetchAll(db, sql: "SELECT event FROM contributions WHERE file_id = ?", arguments: [file])
        try db.execute(sql: "DELETE FROM contributions WHERE file_id = ?", arguments: [file])
        for event in touched { try Writer.settle(event: event, db) }
        let lone = try Row.fetchAll(db, sql: """
            SELECT e.rowid, e.first_day, e.actors, e.targets, e.issues FROM events e JOIN files f ON f.id = e.file_id
            WHERE f.id = ? AND e.rowid BETWEEN f.first_event AND f.last_event
              AND NOT EXISTS (SELECT 1 FROM contributions c WHERE c.event = e.rowid)
            """, arguments: [file])
        for row in lone { try Writer.delete(event: row[0], firstDay: row[1], parties: [row[2], row[3], row[4]], db) }
        // No event or office cites the file's sources any more: merged events list their
        // other files' own.
        try db.execute(sql: """
            DELETE FROM sources WHERE id BETWEEN (SELECT first_source FROM files WHERE id = ?1)
                                             AND (SELECT last_source FROM files WHERE id = ?1)
            """, arguments: [file])
        try Writer.setLastDay(try Int32.fetchOne(db, sql: "SELECT max(last_day) FROM events"), db)
        try db.execute(sql: "DELETE FROM office_sources WHERE office_id IN (SELECT id FROM offices WHERE file_id = ?)",
                       arguments: [file])
        try db.execute(sql: "DELETE FROM offices WHERE file_id = ?", arguments: [file])
        try db.execute(sql: "DELETE FROM phases WHERE node_id IN (SELECT id FROM nodes WHERE file_id = ?)", arguments: [file])
        try db.execute(sql: "DELETE FROM notes WHERE file_id = ?", arguments: [file])
        try db.execute(sql: "DELETE FROM downloads WHERE file_id = ?", arguments: [file])
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
    /// The rowids of the events this file adds.
    var addedEvents: ClosedRange<Int64>?
    /// Office sources already written by this file.
    var officeSourceIDs: [Source: Int64] = [:]

    let joined: JoinedSources

    init(db: Database, file: Int64, recordedFallback: String, joined: JoinedSources) {
        self.db = db
        self.file = file
        self.recordedFallback = recordedFallback
        self.joined = joined
    }

    mutating func write(_ dataset: InMemoryStore, coded: Bool, merge: Bool) throws {
        let sourcesBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM sources") ?? 0
        try writeRows(dataset, coded: coded, merge: merge)
        let sourcesAfter = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM sources") ?? 0
        if sourcesAfter > sourcesBefore {
            try db.execute(sql: "UPDATE files SET first_source = ?, last_source = ? WHERE id = ?",
                           arguments: [sourcesBefore + 1, sourcesAfter, file])
        }
    }

    private mutating func writeRows(_ dataset: InMemoryStore, coded: Bool, merge: Bool) throws {
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
        let columns = dataset.eventColumns
        guard columns.count > 0 else { return }
        var events = try EventWriter(db, columns: columns, file: file, recordedFallback: recordedFallback, merge: merge,
                                     joined: joined)
        try events.write()
        mergedIntoStored = events.mergedIntoStored
        longestSpan = events.longestSpan
        addedEvents = events.added
        let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'longest_span'").flatMap(Int.init) ?? 0
        if longestSpan > stored {
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'longest_span'", arguments: [String(longestSpan)])
        }
        let latest = (0..<columns.count).lazy.map { columns.lastDay($0).ordinal }.max()!
        let known = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_day'").flatMap(Int32.init)
        if known.map({ latest > $0 }) ?? true { try Self.setLastDay(latest, db) }
        if let added = addedEvents {
            try db.execute(sql: "UPDATE files SET first_event = ?, last_event = ? WHERE id = ?",
                           arguments: [added.lowerBound, added.upperBound, file])
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
            let id: Int64
            if let known = officeSourceIDs[source] {
                id = known
            } else {
                id = try Self.insert(source, recordedFallback: recordedFallback, db)
                officeSourceIDs[source] = id
            }
            try db.cachedStatement(sql: "INSERT INTO office_sources (office_id, position, source) VALUES (?, ?, ?)")
                .execute(arguments: [office.id, position, id])
        }
    }

    /// Stores a source; its id.
    static func insert(_ source: Source, recordedFallback: String, _ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO sources (publisher, title, url, date, note, recorded) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [source.publisher, source.title, source.url, source.date?.description, source.note,
                                     source.date?.description ?? recordedFallback])
        return db.lastInsertedRowID
    }

    /// Keeps the latest last day of any event in `meta`, so that opening a store does
    /// not scan its events.
    static func setLastDay(_ day: Int32?, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES ('last_day', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [day.map(String.init) ?? ""])
    }

    /// Deletes an event with its participants, sources and contributions.
    static func delete(event: Int64, firstDay: Int32, parties: [String], _ db: Database) throws {
        for (role, list) in zip(["actor", "target", "issue"], parties) {
            for node in PartyList.decode(list) {
                try db.cachedStatement(sql: "DELETE FROM participants WHERE node_id = ? AND first_day = ? AND event = ? AND role = ?")
                    .execute(arguments: [node, firstDay, event, role])
            }
        }
        try db.cachedStatement(sql: "DELETE FROM event_sources WHERE event = ?").execute(arguments: [event])
        try db.cachedStatement(sql: "DELETE FROM contributions WHERE event = ?").execute(arguments: [event])
        try db.cachedStatement(sql: "DELETE FROM events WHERE rowid = ?").execute(arguments: [event])
    }

    /// Settles `event` after `file` added its part, when `file` sorts after the event's
    /// other files (as a feed's files named by time do): then the first file's row still
    /// gives the fields, the file's sources are appended (those equal to one listed left
    /// out), and only the rows and tones of the parts are read for the count and the
    /// mean tone. `settle` reads every part and rewrites every citation: a day of GDELT
    /// files joins the same events again and again, and that cost grew with each file.
    /// Returns false, having changed nothing, when `file` does not sort last.
    static func settleAppended(event: Int64, file: Int64, sources: [(id: Int64, key: Int)], joined: JoinedSources,
                               _ db: Database) throws -> Bool {
        let parts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.rows, c.tone, c.file_id FROM contributions c JOIN files f ON f.id = c.file_id WHERE c.event = ?
            ORDER BY f.name
            """), arguments: [event])
        guard parts.last?[2] == file else { return false }
        let stored = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT attributes, (SELECT coalesce(max(position), -1) + 1 FROM event_sources WHERE event = ?1)
            FROM events WHERE rowid = ?1
            """), arguments: [event])
        guard let stored else { return false }
        var position: Int = stored[1]
        for source in sources {
            // Equal by value to a source listed already (`settle` lists equal ones once).
            if try joined.mayCite(event, key: source.key, db), try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM event_sources e JOIN sources s ON s.id = e.source, sources n
                               WHERE e.event = ? AND n.id = ? AND s.publisher IS n.publisher AND s.title IS n.title
                                 AND s.url IS n.url AND s.date IS n.date AND s.note IS n.note)
                """), arguments: [event, source.id]) == true {
                continue
            }
            try db.cachedStatement(sql: "INSERT INTO event_sources (event, position, source) VALUES (?, ?, ?)")
                .execute(arguments: [event, position, source.id])
            position += 1
        }
        let (rows, tone) = Self.total(parts)
        var attributes = SQLiteStore.attributes(stored[0])
        attributes["merged_rows"] = rows > 1 ? String(rows) : nil
        try db.cachedStatement(sql: "UPDATE events SET tone = ?, rows = ?, attributes = ? WHERE rowid = ?")
            .execute(arguments: [tone, rows, SQLiteStore.json(attributes), event])
        return true
    }

    private static func total(_ parts: [Row]) -> (rows: Int, tone: Double?) {
        Contributions.total(parts.map { (rows: $0[0], tone: $0[1]) })
    }

    /// Recomputes an event from its contributions, taken in file-name order (the
    /// order in which one load of all the files would read their rows): the first
    /// file's row gives the id, title, stance and other fields; the sources are each
    /// file's in turn, each equal source once; one contribution keeps its tone as
    /// given, several give the mean over their rows; `merged_rows` counts every row.
    static func settle(event: Int64, _ db: Database) throws {
        // Cached statements: a file of a hundred thousand rows may join tens of
        // thousands of stored events, each settled here.
        let parts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.rows, c.tone, c.file_id, c.event_id, c.title, c.stance, c.location, c.summary, c.quote, c.attributes,
                c.sources
            FROM contributions c JOIN files f ON f.id = c.file_id WHERE c.event = ? ORDER BY f.name
            """), arguments: [event])
        guard let owner = parts.first else {
            // No file brings the event any more.
            if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT first_day, actors, targets, issues FROM events WHERE rowid = ?"),
                                          arguments: [event]) {
                try delete(event: event, firstDay: row[0], parties: [row[1], row[2], row[3]], db)
            }
            return
        }
        try db.cachedStatement(sql: "DELETE FROM event_sources WHERE event = ?").execute(arguments: [event])
        // Files store equal sources apart: equal ones are listed once, as one load would.
        var listed = Set<Source>()
        var position = 0
        for part in parts {
            for id in Fields(part, from: 3).sources {
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT publisher, title, url, date, note FROM sources WHERE id = ?
                    """), arguments: [id]),
                    listed.insert(SQLiteStore.source(row, from: 0)).inserted else { continue }
                try db.cachedStatement(sql: "INSERT INTO event_sources (event, position, source) VALUES (?, ?, ?)")
                    .execute(arguments: [event, position, id])
                position += 1
            }
        }
        let (rows, tone) = Self.total(parts)
        let fields = Fields(owner, from: 3)
        var attributes = fields.attributes
        attributes["merged_rows"] = rows > 1 ? String(rows) : nil
        try db.cachedStatement(sql: """
            UPDATE events SET id = ?, title = ?, stance = ?, location = ?, summary = ?, quote = ?, tone = ?, rows = ?,
                attributes = ?, file_id = ? WHERE rowid = ?
            """).execute(arguments: [fields.id, fields.title, fields.stance, fields.location, fields.summary, fields.quote,
                                     tone, rows, SQLiteStore.json(attributes), owner[2] as Int64, event])
    }
}

/// The parts several files give one event (the merge rule across files).
package enum Contributions {
    /// The rows of an event's parts and their mean tone, weighted by rows (parts
    /// without a tone left out), summed in the parts' order.
    package static func total(_ parts: [(rows: Int, tone: Double?)]) -> (rows: Int, tone: Double?) {
        let rows = parts.reduce(0) { $0 + $1.rows }
        let toned = parts.compactMap { part in part.tone.map { (part.rows, $0) } }
        let tone: Double? = toned.isEmpty ? nil
            : parts.count == 1 ? toned[0].1
            : toned.reduce(0) { $0 + Double($1.0) * $1.1 } / Double(toned.reduce(0) { $0 + $1.0 })
        return (rows, tone)
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

    init(_ columns: EventColumns, _ index: Int, sources: [Int64]) {
        self.sources = sources
        id = columns.id(index)
        title = columns.text(columns.titleNumber(index)) ?? ""
        stance = columns.stance(index)?.rawValue
        location = columns.text(columns.locationNumber(index))
        summary = columns.text(columns.summaryNumber(index))
        quote = columns.text(columns.quoteNumber(index))
        var attributes = columns.attributes(columns.attributesNumber(index))
        attributes["merged_rows"] = nil
        self.attributes = attributes
    }

    /// From the contribution columns `event_id` … `sources`, starting at `start`.
    init(_ row: Row, from start: Int) {
        id = row[start]
        title = row[start + 1]
        stance = row[start + 2]
        location = row[start + 3]
        summary = row[start + 4]
        quote = row[start + 5]
        attributes = SQLiteStore.attributes(row[start + 6])
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
