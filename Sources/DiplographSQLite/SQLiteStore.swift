import DiplographCore
import DiplographFormats
import Foundation
import GRDB

/// A Diplograph store in one SQLite file: ingested once, kept current file by file
/// (`ingest(_:options:dryRun:)`), and answering `EventStore`'s queries from a fresh
/// process without reading the raw files again.
///
/// Filters are pushed down: a timeline reads the participants index for its node and
/// days, a snapshot the events of its window; only the events found become `Event`
/// values, and relations are projected from them by the model's rules. Nodes and
/// offices, which are few, are read when the store is opened.
///
/// The database is in WAL mode: readers (other processes, the explorer) never wait for
/// an ingest, and see the store before or after a file, never between. A value opened
/// before an ingest keeps its nodes and offices; open the store again to see new ones.
public final class SQLiteStore: EventStore, LightTimelines, LightProjection {
    /// The store's file.
    public let path: String
    /// The dataset title the last native file gave, if any.
    public let title: String?
    /// The notes of every ingested native file, in ingest order.
    public let notes: [String]
    /// Every node, in id order (read at open).
    public let nodes: [Node]
    /// Every office, in term order (read at open).
    public let offices: [Office]
    /// The last day the data mentions (computed at open).
    public let lastDay: Day
    let database: DatabasePool
    /// What the sources of events this process's ingests joined hash to.
    let joinedSources = JoinedSources()
    let nodesByID: [NodeID: Node]
    /// The longest event span in days: a range query looks back this far.
    package let longestSpan: Int

    /// Opens the store at `path`, making a new one when there is no file (and `create`).
    ///
    /// - Throws: `StoreError` when the file is not a Diplograph store, was written by a
    ///   newer version, or cannot be opened.
    public convenience init(path: String, create: Bool = true) throws(StoreError) {
        try self.init(path: path, create: create, busySeconds: 10, maximumPages: nil)
    }

    /// Opens the store, waiting at most `busySeconds` for another writer; with
    /// `maximumPages`, the file may not grow past that many pages (a full disk, for tests).
    package init(path: String, create: Bool, busySeconds: Double, maximumPages: Int?) throws(StoreError) {
        self.path = path
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw StoreError(Diagnostic(code: "no-store", file: path, message: "there is no store here",
                                        hint: "make the store by ingesting files into it first"))
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busySeconds)
        // The declared references document the schema and `store check` verifies them;
        // enforcing them costs a lookup per referring row on every insert (three for an
        // event with one source), so the writer keeps them itself, deleting what
        // refers to a row it deletes.
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            // WAL with NORMAL: a crash of the program loses nothing committed (only a power
            // loss can lose the last transactions); a large page cache keeps a big file's
            // ingest from spilling pages to the WAL before it commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // A checkpoint every 64 MB of WAL rather than every 4 MB: files ingested one
            // after another rewrite the same index pages, which the WAL then holds once.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
            if let maximumPages { try db.execute(sql: "PRAGMA max_page_count = \(maximumPages)") }
        }
        do {
            database = try Self.open(path, configuration, waiting: busySeconds)
            try database.writeWithoutTransaction { db in try Schema.prepare(db, path: path) }
            let loaded = try database.read { db in try Self.loadModel(db) }
            (title, notes, nodes, offices, longestSpan) = loaded
            nodesByID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
            let eventsEnd = try database.read { db -> Int32? in
                // Kept by every ingest; a store without it is scanned once.
                if let known = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_day'") {
                    return Int32(known)
                }
                return try Int32.fetchOne(db, sql: "SELECT max(last_day) FROM events")
            }
            var last = Day(year: 1970, month: 1, day: 1)
            if let eventsEnd { last = max(last, Day(ordinal: eventsEnd)) }
            for office in offices { last = max(last, office.to?.lastDay ?? office.from.firstDay) }
            for phase in nodes.flatMap(\.lifecycle) { last = max(last, phase.to?.lastDay ?? phase.from.firstDay) }
            lastDay = last
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError
                    where error.resultCode == .SQLITE_NOTADB && !FileManager.default.fileExists(atPath: path + "-wal") {
            throw StoreError.notAStore(path)
        } catch {
            throw StoreError.database(path, error)
        }
    }

    /// Opens the pool, waiting up to `seconds` while another program holds the store:
    /// switching a new store to WAL does not wait on SQLite's busy handler, and fails
    /// at once while another ingest is making the same new store (the racing-ingest
    /// test).
    private static func open(_ path: String, _ configuration: Configuration, waiting seconds: Double) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                usleep(20_000)
            }
        }
    }

    // MARK: - Lookups

    /// - Complexity: a count and two index reads.
    public var eventExtent: EventExtent? {
        read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT count(*), min(first_day), max(last_day) FROM events"),
                  let first = row[1] as Int32?, let last = row[2] as Int32? else { return nil }
            return EventExtent(count: row[0], first: Day(ordinal: first), last: Day(ordinal: last))
        }
    }

    /// - Complexity: O(1) on average (nodes are read at open).
    public func node(_ id: NodeID) -> Node? {
        nodesByID[id]
    }

    /// - Complexity: one indexed lookup.
    public func event(_ id: String) -> Event? {
        read { db in try self.events(db, where: "id = ?", [id]).first }
    }

    /// - Complexity: two counts on the participants index.
    public func eventCount(of id: NodeID) -> Int {
        read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(DISTINCT event) FROM participants WHERE node_id = ?1 AND role <> 'issue')
                     + (SELECT count(DISTINCT event) FROM participants WHERE node_id = ?1 AND role = 'issue')
                """, arguments: [id]) ?? 0
        }
    }

    // MARK: - Queries

    /// The events of `query`: the candidates come from the participants index (the
    /// node filter's node and days) or the events' day index, then every filter is
    /// applied to them as `TimelineQuery.matches` says.
    ///
    /// - Complexity: an index range read of the candidates, plus making each one.
    public func timeline(_ query: TimelineQuery) -> EventList {
        let (condition, arguments) = candidates(query)
        let found = read { db in
            try self.events(db, where: condition, StatementArguments(arguments.map(\.databaseValue)))
        }
        return EventList(found.filter(query.matches))
    }

    /// An SQL condition on `events` that holds for every event of `query` (and maybe
    /// others): the node filter's node (both of a pair's) and days from the
    /// participants index, or the days from the events' day index; kinds.
    func candidates(_ query: TimelineQuery) -> (String, [RawStatement.Value]) {
        var clauses: [String] = []
        var arguments: [RawStatement.Value] = []
        var days: [(String, RawStatement.Value)] = []
        if let range = query.range {
            days.append(("first_day >= ?", .integer(Int64(range.first.adding(days: -longestSpan).ordinal))))
            if let last = range.last { days.append(("first_day <= ?", .integer(Int64(last.ordinal)))) }
        }
        let driving = query.drivingNodes
        if !driving.isEmpty {
            let selects = driving.map { nodes, issue in
                arguments += nodes.map { .text($0) } + days.map(\.1)
                return "SELECT event FROM participants WHERE node_id IN (\(placeholders(nodes.count))) AND role "
                    + (issue ? "= 'issue'" : "<> 'issue'") + days.map { " AND " + $0.0 }.joined()
            }
            clauses.append("rowid IN (\(selects.joined(separator: " INTERSECT ")))")
        }
        clauses += days.map(\.0)
        arguments += days.map(\.1)
        if !query.kinds.isEmpty {
            clauses.append("kind IN (\(placeholders(query.kinds.count)))")
            arguments += query.kinds.map(\.rawValue).sorted().map { .text($0) }
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// The relations come from the events that count, read with what relations need
    /// only into an in-memory store, which projects them; the snapshot's `events` are
    /// made in full, a page at a time, only when read (`LightProjection`).
    ///
    /// - Complexity: an index range read of the window's events (a scan of all earlier
    ///   ones when cumulative), then their projection to relations.
    public func snapshot(at day: Day, windowDays: Int?) -> Snapshot {
        projectedSnapshot(at: day, windowDays: windowDays)
    }

    /// Compares the two dates as the in-memory store does, over the events that count
    /// for either, read once with what relations need only; the events between the
    /// dates are the store's own, and the diff's snapshots are made in full only if
    /// `before` or `after` is read (`LightProjection`).
    ///
    /// - Complexity: one index range read of the two windows' events (a scan of the
    ///   events up to `to` when cumulative), then their projection to relations.
    public func diff(from: Day, to: Day, windowDays: Int?) -> GraphDiff {
        projectedDiff(from: from, to: to, windowDays: windowDays)
    }

    // MARK: - Reading

    /// The analyses' timelines: the candidates read light into an in-memory store,
    /// which then answers the query exactly (see `LightTimelines`).
    package func lightTimeline(_ query: TimelineQuery, withSources: Bool) -> EventList {
        guard let rowids = candidateRowids(query) else {
            let (condition, arguments) = candidates(query)
            return lightStore(batches: [(condition, arguments)], reserving: false, forAnalyses: true, withSources: withSources)
                .timeline(query)
        }
        // The candidates by rowid, in batches: the participants index read once per
        // node here, not again inside each statement (a pair's INTERSECT, read for the
        // events and again for their sources, was most of a 10 M-row store's trend).
        let batches = stride(from: 0, to: rowids.count, by: 900).map { start in
            let batch = rowids[start..<min(rowids.count, start + 900)]
            return ("rowid IN (\(placeholders(batch.count)))", batch.map { RawStatement.Value.integer($0) })
        }
        return lightStore(batches: batches, reserving: false, forAnalyses: true, withSources: withSources).timeline(query)
    }

    /// The rowids of the events a node-driven query may match, ascending, read from the
    /// participants index (a pair's two lists intersected); nil for a query no node
    /// drives.
    func candidateRowids(_ query: TimelineQuery) -> [Int64]? {
        var lists: [[NodeID]] = []
        if let pair = query.pair {
            lists = [[pair.first], [pair.second]]
        } else if !query.actors.isEmpty {
            lists = [query.actorMatch == .all ? [query.actors[0]] : query.actors]
        } else {
            return nil
        }
        return read { db in
            var days = ""
            var bounds: [Int64] = []
            if let range = query.range {
                days += " AND first_day >= ?"
                bounds.append(Int64(range.first.adding(days: -longestSpan).ordinal))
                if let last = range.last {
                    days += " AND first_day <= ?"
                    bounds.append(Int64(last.ordinal))
                }
            }
            let statement = try RawStatement(db, "SELECT event FROM participants WHERE node_id = ? AND role <> 'issue'" + days)
            var result: Set<Int64>?
            for nodes in lists {
                var found = Set<Int64>()
                for node in nodes {
                    statement.bind(1, node)
                    for (index, bound) in bounds.enumerated() { statement.bind(Int32(index + 2), bound) }
                    try statement.query { row in
                        let event = row.int64(0)
                        if result?.contains(event) ?? true { found.insert(event) }
                    }
                }
                result = found
            }
            return (result ?? []).sorted()
        }
    }

    /// Whole events by id, made a page at a time when read.
    package func wholeEvents(ids: [String]) -> EventList {
        EventList(ids: ids) { [self] page in
            let found = read { db in try self.events(db, where: "id IN (\(placeholders(page.count)))", StatementArguments(Array(page))) }
            // In the page's order, whatever order SQLite's collation gives ids of one day.
            let byID = Dictionary(found.map { ($0.id, $0) }) { first, _ in first }
            return page.compactMap { byID[$0] }
        }
    }

    /// The events that started on or before `day` (and from `earliest`, and that end on
    /// or after `endingOnOrAfter`, when given) with what relations need (ids, kinds,
    /// stances, days, tones, parties), as an in-memory store over every node and
    /// office, whose columns, windows and running totals then answer snapshots and
    /// diffs as in memory. (Made as `Event` values, a million-event store's one-month
    /// cumulative diff took 8 s and 940 MB; `make bench`.)
    ///
    /// - Complexity: an index range read from `earliest` (a scan of the table without
    ///   it), then O(n log n) to order the events.
    package func relationStore(from earliest: Day? = nil, through day: Day, endingOnOrAfter end: Day? = nil) -> InMemoryStore {
        // Conditions written out only when given, so that a window reads the day index.
        let bounds = [("first_day <= ?", day), earliest.map { ("first_day >= ?", $0) }, end.map { ("last_day >= ?", $0) }]
            .compactMap { $0 }
        let condition = (bounds.map(\.0).joined(separator: " AND "), bounds.map { RawStatement.Value.integer(Int64($0.1.ordinal)) })
        return lightStore(batches: [condition], reserving: earliest == nil, forAnalyses: false, withSources: false)
    }

    /// The events matching SQL conditions on `events` (one statement per batch), read with what relations need
    /// (ids, kinds, stances, days, tones, parties) and, `forAnalyses`, what the analyses
    /// read besides (approximate dates, attributes; sources `withSources`), as an in-memory store
    /// over every node and office. With `reserving`, room for every event is made at
    /// once (nearly every event counts: growing by doubling copied and touched fresh
    /// pages for a third of a 10 M-row store's cumulative diff).
    func lightStore(batches: [(condition: String, arguments: [RawStatement.Value])], reserving: Bool, forAnalyses: Bool,
                    withSources: Bool) -> InMemoryStore {
        read { db in
            var builder = EventTableBuilder()
            if reserving {
                builder.reserve(events: try Int.fetchOne(db, sql: "SELECT coalesce(max(rowid), 0) FROM events") ?? 0)
            }
            var parties = PartyNumbers(nodes, into: &builder)
            let noTitle = builder.text("")
            var attributeSets: [String: Int32] = ["{}": builder.attributeSet([:])]
            for (condition, arguments) in batches {
                let sources = withSources ? try lightSources(db, where: condition, arguments, into: &builder) : [:]
                let statement = try RawStatement(db, """
                    SELECT id, kind, first_day, last_day, stance, tone, actors, targets, issues\(forAnalyses ? ", date, attributes, rowid" : "")
                    FROM events WHERE \(condition)
                    """)
                statement.bind(arguments)
                try statement.query { row in
                    var date: DateSpan
                    if forAnalyses, let written = try? row.withText(9, { try DateSpan(utf8: $0) }) {
                        date = written
                    } else {
                        date = DateSpan(days: Day(ordinal: Int32(truncatingIfNeeded: row.int64(2))),
                                        through: Day(ordinal: Int32(truncatingIfNeeded: row.int64(3))))
                    }
                    let stance = row.withText(4) { $0.isEmpty ? nil : Stance(rawValue: String(decoding: $0, as: UTF8.self)) }
                    let (actors, targets, issues) = (parties[row.string(6)], parties[row.string(7)], parties[row.string(8)])
                    var attributeSet = attributeSets["{}"]!
                    if forAnalyses {
                        let text = row.string(10)
                        attributeSet = attributeSets[text] ?? {
                            let made = builder.attributeSet(Self.attributes(text))
                            attributeSets[text] = made
                            return made
                        }()
                    }
                    let eventSources = withSources ? sources[row.int64(11)] ?? [] : []
                    row.withText(0) { id in
                        builder.appendInterned(id: id, kind: EventKind(rawValue: row.string(1)) ?? .event, date: date,
                                               title: noTitle, actors: actors, targets: targets, issues: issues, stance: stance,
                                               location: -1, summary: -1, quote: -1, tone: row.double(5), sources: eventSources,
                                               attributeSet: attributeSet)
                    }
                }
            }
            let (stored, table) = builder.finish()
            return InMemoryStore(nodes: stored, offices: offices, table: table)
        }
    }

    /// The sources of the events matching `condition`, interned into `builder`, by
    /// event rowid in their order.
    private func lightSources(_ db: Database, where condition: String, _ arguments: [RawStatement.Value],
                              into builder: inout EventTableBuilder) throws -> [Int64: [Int32]] {
        var sources: [Int64: [Int32]] = [:]
        let statement = try RawStatement(db, """
            SELECT es.event, s.publisher, s.title, s.url, s.date, s.note FROM event_sources es JOIN sources s ON s.id = es.source
            WHERE es.event IN (SELECT rowid FROM events WHERE \(condition)) ORDER BY es.event, es.position
            """)
        statement.bind(arguments)
        try statement.query { row in
            func text(_ column: Int32) -> Int32 {
                row.withText(column) { $0.isEmpty && row.isNull(column) ? -1 : builder.sourceText($0) }
            }
            let publisher = row.isNull(1) ? -1 : row.withText(1) { builder.sourcePublisher($0) }
            let date = row.isNull(4) ? nil : try? row.withText(4) { try EventDate(utf8: $0) }
            let index = builder.source(publisher: publisher, title: text(2), url: text(3), date: date, note: text(5))
            sources[row.int64(0), default: []].append(index)
        }
        return sources
    }

    /// Runs a read; a store that fails under a query cannot answer at all.
    func read<T>(_ body: (Database) throws -> T) -> T {
        do {
            return try database.read(body)
        } catch {
            fatalError(StoreError.database(path, error).description)
        }
    }

    /// The events matching an SQL condition on `events`, chronological, with their
    /// parties and sources.
    func events(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Event] {
        var rowids: [Int64] = []
        var partial: [Event] = []
        var parties = PartyCache()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT rowid, id, kind, date, title, stance, location, summary, quote, tone, attributes, actors, targets, issues
            FROM events WHERE \(condition) ORDER BY first_day, last_day, id
            """, arguments: arguments)
        while let row = try rows.next() {
            rowids.append(row[0])
            let kind = EventKind(rawValue: row[2]) ?? .event
            let date = (try? DateSpan(parsing: row[3] as String)) ?? DateSpan(EventDate(year: 1970))
            partial.append(Event(id: row[1], kind: kind, date: date, title: row[4], actors: parties[row[11]],
                                 targets: parties[row[12]], issues: parties[row[13]],
                                 stance: (row[5] as String?).flatMap(Stance.init(rawValue:)), location: row[6],
                                 summary: row[7], quote: row[8], tone: row[9], attributes: Self.attributes(row[10])))
        }
        guard !rowids.isEmpty else { return [] }
        var place: [Int64: Int] = [:]
        for (index, rowid) in rowids.enumerated() { place[rowid] = index }
        for chunk in stride(from: 0, to: rowids.count, by: 900) {
            let ids = Array(rowids[chunk..<min(rowids.count, chunk + 900)])
            let list = placeholders(ids.count)
            let sources = try Row.fetchCursor(db, sql: """
                SELECT es.event, s.publisher, s.title, s.url, s.date, s.note
                FROM event_sources es JOIN sources s ON s.id = es.source
                WHERE es.event IN (\(list)) ORDER BY es.event, es.position
                """, arguments: StatementArguments(ids))
            while let row = try sources.next() {
                guard let index = place[row[0]] else { continue }
                partial[index].sources.append(Self.source(row, from: 1))
            }
        }
        return partial
    }

    static func source(_ row: Row, from start: Int) -> Source {
        Source(publisher: row[start], title: row[start + 1], url: row[start + 2],
               date: (row[start + 3] as String?).flatMap { try? EventDate(parsing: $0) }, note: row[start + 4])
    }

    package static func attributes(_ text: String) -> [String: String] {
        FlatJSON.decode(text) ?? (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    package static func json(_ attributes: [String: String]) -> String {
        FlatJSON.encode(attributes)
    }

    /// Title, notes, nodes (with aliases and phases), offices (with sources), and the
    /// longest event span.
    static func loadModel(_ db: Database) throws
        -> (title: String?, notes: [String], nodes: [Node], offices: [Office], longestSpan: Int) {
        let title = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'title'")
        let notes = try String.fetchAll(db, sql: "SELECT text FROM notes ORDER BY id")
        let span = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'longest_span'").flatMap(Int.init) ?? 0
        var aliases: [NodeID: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT node_id, alias FROM aliases ORDER BY node_id, position") {
            aliases[row[0], default: []].append(row[1])
        }
        var phases: [NodeID: [LifecyclePhase]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT node_id, status, from_date, to_date FROM phases ORDER BY node_id, position") {
            guard let from = try? EventDate(parsing: row[2] as String) else { continue }
            phases[row[0], default: []].append(LifecyclePhase(status: row[1], from: from,
                                                              to: (row[3] as String?).flatMap { try? EventDate(parsing: $0) }))
        }
        let nodes = try Row.fetchAll(db, sql: "SELECT id, kind, name, attributes FROM nodes ORDER BY id").map { row in
            let id: String = row[0]
            return Node(id: id, kind: NodeKind(rawValue: row[1]) ?? .organization, name: row[2], aliases: aliases[id] ?? [],
                        attributes: attributes(row[3]), lifecycle: phases[id] ?? [])
        }
        var officeSources: [String: [Source]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT os.office_id, s.publisher, s.title, s.url, s.date, s.note
            FROM office_sources os JOIN sources s ON s.id = os.source ORDER BY os.office_id, os.position
            """) {
            officeSources[row[0], default: []].append(source(row, from: 1))
        }
        let offices = try Row.fetchAll(db, sql: "SELECT id, person, post, organization, from_date, to_date FROM offices")
            .compactMap { row -> Office? in
                guard let from = try? EventDate(parsing: row[4] as String) else { return nil }
                let id: String = row[0]
                return Office(id: id, person: row[1], post: row[2], organization: row[3], from: from,
                              to: (row[5] as String?).flatMap { try? EventDate(parsing: $0) }, sources: officeSources[id] ?? [])
            }
            .sorted { ($0.from, $0.person, $0.id) < ($1.from, $1.person, $1.id) }
        return (title, notes, nodes, offices, span)
    }
}

/// Party lists as read from events, decoded once each (coded data repeats a few
/// thousand actors over millions of events).
package struct PartyCache {
    private var decoded: [String: [NodeID]] = [:]

    package init() {}

    package subscript(text: String) -> [NodeID] {
        mutating get {
            if let known = decoded[text] { return known }
            let list = PartyList.decode(text)
            decoded[text] = list
            return list
        }
    }
}

/// Party lists as read from events, as the positions of their nodes in an
/// `EventTableBuilder`, each list decoded once.
package struct PartyNumbers {
    private var positions: [NodeID: Int32] = [:]
    private var decoded: [String: [Int32]] = [:]

    /// Adds every node of `nodes` to `builder`.
    package init(_ nodes: [Node], into builder: inout EventTableBuilder) {
        for node in nodes { positions[node.id] = builder.node(node.id) { node } }
    }

    package subscript(text: String) -> [Int32] {
        mutating get {
            if let known = decoded[text] { return known }
            let made = PartyList.decode(text).compactMap { positions[$0] }
            decoded[text] = made
            return made
        }
    }
}

/// `?, ?, …` for `count` values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
