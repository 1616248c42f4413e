import Crypto
import DiplographCore
import DiplographFormats
import DiplographSQLite
import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    /// Ingests each of `paths` (see `SQLiteStore.files(at:)`) in its own transaction, as
    /// the SQLite store does: all of a file or none of it; the same file again (same
    /// name and checksum) changes nothing; the same name with other content replaces
    /// what that file brought. Coded rows that repeat a stored event (same actors,
    /// targets, kind and days) join it, as one load of all the files would merge them.
    /// Ingests from several processes take turns (an advisory lock held to the end of
    /// each file's transaction).
    ///
    /// - Throws: `StoreError` for the first file that cannot be ingested; the files
    ///   before it stay ingested.
    public func ingest(_ paths: [String], options: LoadOptions = LoadOptions(), dryRun: Bool = false,
                       progress: (IngestResult) -> Void = { _ in }) throws(StoreError) -> [IngestResult] {
        var results: [IngestResult] = []
        for file in paths.flatMap(SQLiteStore.files(at:)) {
            let (checksum, bytes) = try SQLiteStore.checksum(of: file)
            let result = try ingest(name: (file as NSString).standardizingPath, checksum: checksum, bytes: bytes,
                                    dryRun: dryRun) { () throws(StoreError) in try SQLiteStore.load(file, options: options) }
            progress(result)
            results.append(result)
        }
        return results
    }

    /// Ingests a dataset held in memory under `name`, as a native file of that name.
    public func ingest(_ dataset: Dataset, as name: String, dryRun: Bool = false) throws(StoreError) -> IngestResult {
        let text = Array(NativeDatasetWriter.json(dataset).utf8)
        return try ingest(name: name, checksum: SQLiteStore.hex(SHA256.hash(data: text)), bytes: text.count,
                          dryRun: dryRun) { () throws(StoreError) in (InMemoryStore(dataset), nil, false) }
    }

    private func ingest(name: String, checksum: String, bytes: Int, dryRun: Bool,
                        load: () throws(StoreError) -> (InMemoryStore, ImportReport?, Bool)) throws(StoreError) -> IngestResult {
        var binds = PostgresBindings()
        binds.append(name)
        let stored = try session.rows("SELECT checksum FROM files WHERE name = $1", binds).first
            .map { row throws(StoreError) in try Self.decode(row, 0, String.self) }
        let action: IngestResult.Action = stored == nil ? .new : (stored == checksum ? .unchanged : .replaced)
        if dryRun || action == .unchanged {
            return IngestResult(file: name, action: action, checksum: checksum, events: 0, mergedIntoStored: 0)
        }
        let (dataset, report, merge) = try load()
        let file = FileToWrite(name: name, checksum: checksum, bytes: bytes, format: report?.format ?? "native",
                               rowsRead: report?.rowsRead ?? (dataset.eventExtent?.count ?? 0), dataset: dataset,
                               coded: report != nil, merge: merge, now: ISO8601DateFormatter().string(from: Date()))
        let written = try session.waiting { connection in try await file.write(connection) }
        guard let written else {
            return IngestResult(file: name, action: .unchanged, checksum: checksum, events: 0, mergedIntoStored: 0)
        }
        return IngestResult(file: name, action: written.action, checksum: checksum, events: dataset.eventExtent?.count ?? 0,
                            mergedIntoStored: written.mergedIntoStored, report: report)
    }
}

/// One file's dataset and what the `files` table says of it, written in one
/// transaction: small tables by bound statements, events, participants, event sources
/// and sources by COPY.
struct FileToWrite: Sendable {
    let name: String
    let checksum: String
    let bytes: Int
    let format: String
    let rowsRead: Int
    let dataset: InMemoryStore
    let coded: Bool
    /// Coded rows under the same-day rule: later files' rows may join these events.
    let merge: Bool
    let now: String

    /// Writes the file; what happened to it and how many of its rows joined stored
    /// events (nil: another ingest had stored it with this checksum meanwhile).
    func write(_ connection: PostgresConnection) async throws -> (action: IngestResult.Action, mergedIntoStored: Int)? {
        let sql = Statements(connection: connection)
        try await sql.run("BEGIN")
        do {
            let action = try await writeLocked(sql, connection)
            try await sql.run(action == nil ? "ROLLBACK" : "COMMIT")
            return action
        } catch {
            _ = try? await sql.run("ROLLBACK")
            throw error
        }
    }

    private func writeLocked(_ sql: Statements, _ connection: PostgresConnection) async throws
        -> (action: IngestResult.Action, mergedIntoStored: Int)? {
        try await sql.run("SELECT pg_advisory_xact_lock(\(PostgresStore.ingestLock))")
        // Looked up again under the lock: another ingest of the file may have committed.
        let current = try await sql.rows("SELECT id, checksum FROM files WHERE name = $1", name).first
        if let current {
            if try current.makeRandomAccess()[1].decode(String.self) == checksum { return nil }
            try await Self.remove(file: try current.makeRandomAccess()[0].decode(Int64.self), sql, connection)
        }
        let fileID = try await sql.int("SELECT coalesce(max(id), 0) + 1 FROM files")
        let columns = dataset.eventColumns
        try await sql.run("""
            INSERT INTO files (id, name, checksum, format, bytes, rows_read, events, ingested_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, fileID, name, checksum, format, Int64(bytes), Int64(rowsRead), Int64(columns.count), now)
        if let title = dataset.title {
            try await sql.run("""
                INSERT INTO meta (key, value) VALUES ('title', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, title)
        }
        for note in dataset.notes { try await sql.run("INSERT INTO notes (file_id, text) VALUES ($1, $2)", fileID, note) }
        for node in dataset.nodes { try await write(node, file: fileID, sql) }
        var sourceIDs = SourceIDs(next: try await sql.int("SELECT coalesce(max(id), 0) + 1 FROM sources"),
                                  recordedFallback: String(now.prefix(10)))
        let firstSource = sourceIDs.next
        for office in dataset.offices { try await write(office, file: fileID, sources: &sourceIDs, sql) }
        var mergedIntoStored = 0
        if columns.count > 0 {
            let firstEvent = try await sql.int("SELECT coalesce(max(rowid), 0) + 1 FROM events")
            mergedIntoStored = try await EventCopy(columns: columns, file: fileID, firstRowid: firstEvent, merge: merge, coded: coded, name: name)
                .write(connection, sql, sources: &sourceIDs)
            try await sql.run("UPDATE files SET first_event = $1, last_event = $2 WHERE id = $3",
                              firstEvent, firstEvent + Int64(columns.count) - 1, fileID)
        }
        try await sourceIDs.copy(connection)
        if sourceIDs.next > firstSource {
            try await sql.run("UPDATE files SET first_source = $1, last_source = $2 WHERE id = $3",
                              firstSource, sourceIDs.next - 1, fileID)
        }
        try await Self.setLastDay(sql)
        // Readers that keep answers (the explorer) ask for this to know the store changed.
        try await sql.run("""
            INSERT INTO meta (key, value) VALUES ('writes', '1')
            ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text
            """)
        return (current == nil ? .new : .replaced, mergedIntoStored)
    }

    /// A native dataset's node replaces a stored one; a coded file's is added only when
    /// new (the first file that names an actor makes it).
    private func write(_ node: Node, file: Int64, _ sql: Statements) async throws {
        if coded, try await !sql.rows("SELECT 1 FROM nodes WHERE id = $1", node.id).isEmpty { return }
        try await sql.run("""
            INSERT INTO nodes (id, kind, name, attributes, file_id) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, attributes = excluded.attributes,
                file_id = excluded.file_id
            """, node.id, node.kind.rawValue, node.name, SQLiteStore.json(node.attributes), file)
        try await sql.run("DELETE FROM aliases WHERE node_id = $1", node.id)
        for (position, alias) in node.aliases.enumerated() {
            try await sql.run("INSERT INTO aliases (node_id, position, alias) VALUES ($1, $2, $3)", node.id, Int32(position), alias)
        }
        try await sql.run("DELETE FROM phases WHERE node_id = $1", node.id)
        for (position, phase) in node.lifecycle.enumerated() {
            try await sql.run("INSERT INTO phases (node_id, position, status, from_date, to_date) VALUES ($1, $2, $3, $4, $5)",
                              node.id, Int32(position), phase.status, phase.from.description, phase.to?.description)
        }
    }

    private func write(_ office: Office, file: Int64, sources: inout SourceIDs, _ sql: Statements) async throws {
        try await sql.run("""
            INSERT INTO offices (id, person, post, organization, from_date, to_date, file_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET person = excluded.person, post = excluded.post,
                organization = excluded.organization, from_date = excluded.from_date, to_date = excluded.to_date,
                file_id = excluded.file_id
            """, office.id, office.person, office.post, office.organization, office.from.description,
                             office.to?.description, file)
        try await sql.run("DELETE FROM office_sources WHERE office_id = $1", office.id)
        for (position, source) in office.sources.enumerated() {
            try await sql.run("INSERT INTO office_sources (office_id, position, source) VALUES ($1, $2, $3)",
                              office.id, Int32(position), sources.id(of: source))
        }
    }

    /// Takes out what a file brought: its parts of events several files bring (those
    /// events settled from their other parts), the events it alone brought with their
    /// participants and sources, its offices, phases and notes. Its nodes stay (other
    /// files' events may name them), no longer attributed to a file.
    static func remove(file: Int64, _ sql: Statements, _ connection: PostgresConnection) async throws {
        try await EventMerge.withdraw(file: file, sql, connection)
        try await sql.run("""
            DELETE FROM event_sources es USING events e
            WHERE e.file_id = $1 AND es.event = e.rowid AND es.first_day = e.first_day
            """, file)
        try await sql.run("""
            DELETE FROM participants p USING events e
            WHERE e.file_id = $1 AND p.event = e.rowid AND p.first_day = e.first_day
            """, file)
        try await sql.run("DELETE FROM events WHERE file_id = $1", file)
        try await sql.run("""
            DELETE FROM sources WHERE id BETWEEN (SELECT first_source FROM files WHERE id = $1)
                                             AND (SELECT last_source FROM files WHERE id = $1)
            """, file)
        try await sql.run("DELETE FROM office_sources WHERE office_id IN (SELECT id FROM offices WHERE file_id = $1)", file)
        try await sql.run("DELETE FROM offices WHERE file_id = $1", file)
        try await sql.run("DELETE FROM phases WHERE node_id IN (SELECT id FROM nodes WHERE file_id = $1)", file)
        try await sql.run("DELETE FROM notes WHERE file_id = $1", file)
        try await sql.run("DELETE FROM downloads WHERE file_id = $1", file)
        try await sql.run("UPDATE nodes SET file_id = NULL WHERE file_id = $1", file)
        try await sql.run("DELETE FROM files WHERE id = $1", file)
    }

    /// Keeps the latest last day of any event in `meta`, so that opening a store does
    /// not scan its events.
    static func setLastDay(_ sql: Statements) async throws {
        try await sql.run("""
            INSERT INTO meta (key, value) SELECT 'last_day', coalesce(max(last_day)::text, '') FROM events
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
    }
}

/// Bound statements on the ingest's connection.
struct Statements: Sendable {
    let connection: PostgresConnection

    func rows(_ sql: String, _ values: (any PostgresThrowingDynamicTypeEncodable)?...) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await connection.query(try query(sql, values), logger: Session.logger) {
            rows.append(row)
        }
        return rows
    }

    func run(_ sql: String, _ values: (any PostgresThrowingDynamicTypeEncodable)?...) async throws {
        try await connection.query(try query(sql, values), logger: Session.logger)
    }

    /// `sql` with `values` bound in order, nil as NULL.
    private func query(_ sql: String, _ values: [(any PostgresThrowingDynamicTypeEncodable)?]) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try binds.append(value) } else { binds.appendNull() }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    func int(_ sql: String) async throws -> Int64 {
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Session.logger) {
            return try row.decode(Int64.self)
        }
        return 0
    }
}

/// The sources a file cites, numbered from the store's next id as first cited (equal
/// sources once), written by one COPY at the end of the file.
struct SourceIDs {
    var next: Int64
    let recordedFallback: String
    private var known: [Source: Int64] = [:]
    private var rows = CopyRows()

    init(next: Int64, recordedFallback: String) {
        self.next = next
        self.recordedFallback = recordedFallback
    }

    mutating func id(of source: Source) -> Int64 {
        if let id = known[source] { return id }
        let id = next
        next += 1
        known[source] = id
        rows.source(id, source, recordedFallback: recordedFallback)
        return id
    }

    func copy(_ connection: PostgresConnection) async throws {
        try await rows.copy(into: "sources", ["id", "publisher", "title", "url", "date", "note", "recorded"], connection)
    }
}

extension CopyRows {
    /// A row of `sources`: a source not saying when it was published is recorded on the
    /// ingest's day.
    mutating func source(_ id: Int64, _ source: Source, recordedFallback: String) {
        let date = source.date?.description
        integer(id)
        text(source.publisher)
        text(source.title)
        text(source.url)
        text(date)
        text(source.note)
        text(date ?? recordedFallback)
        endRow()
    }
}
