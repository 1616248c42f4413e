import DiplographCore
import DiplographFormats
import DiplographSQLite
import Foundation
import PostgresNIO
import Synchronization

/// A Diplograph store in a PostgreSQL database: the SQLite store's schema and rules on
/// a server that several people, the explorer and an ingest job share, and that grows
/// past one machine (events partitioned by month; see the README on Citus).
///
/// Filters are pushed down as in the SQLite store: a timeline reads the participants
/// of its node within its days, a snapshot the events of its window, and PostgreSQL
/// reads only the months those days fall in. Nodes and offices, which are few, are
/// read when the store is opened; a value opened before an ingest keeps them.
///
/// Readers never wait for an ingest (each statement sees the store before or after a
/// file, never between); ingests from several processes take turns on an advisory lock.
public final class PostgresStore: EventStore, LightProjection {
    /// The server and database, without the password.
    public let address: PostgresAddress
    /// The dataset title the last native file gave, if any.
    public let title: String?
    /// The notes of every ingested native file, in ingest order.
    public let notes: [String]
    /// Every node, in id order (read at open).
    public let nodes: [Node]
    /// Every office, in term order (read at open).
    public let offices: [Office]
    /// The last day the data mentions (from the store's metadata, offices and phases).
    public let lastDay: Day
    let session: Session
    let nodesByID: [NodeID: Node]
    /// Every node's count of events, with the revision it was read at.
    private let eventCounts = Mutex<(revision: String, byNode: [NodeID: Int])?>(nil)
    /// The longest event span in days: a range query looks back this far.
    package let longestSpan: Int

    /// Opens the store at `address` (`postgres://user@host:port/database`), making its
    /// tables in an empty database when `create`.
    ///
    /// - Throws: `StoreError` when no server answers, it refuses the user, the database
    ///   does not exist, holds other tables, or was written by a newer Diplograph.
    /// With `connections` above 1, reads take that many connections in turn, so that
    /// readers on several threads (a server's requests) are answered in parallel.
    public convenience init(address: String, create: Bool = true, connections: Int = 1) throws(StoreError) {
        try self.init(address: try PostgresAddress(address), create: create, connections: connections)
    }

    /// Opens the store at `address`; see `init(address:create:connections:)` with a text address.
    public init(address: PostgresAddress, create: Bool = true, connections: Int = 1) throws(StoreError) {
        self.address = address
        session = try Session(address, connections: connections)
        try Self.prepare(session, create: create)
        let model = try Self.loadModel(session)
        (title, notes, nodes, offices, longestSpan) = model
        nodesByID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        var last = Day(year: 1970, month: 1, day: 1)
        if let known = try session.rows("SELECT value FROM meta WHERE key = 'last_day'").first,
           let ordinal = Int32(try Self.decode(known, 0, String.self)) {
            last = max(last, Day(ordinal: ordinal))
        }
        for office in offices { last = max(last, office.to?.lastDay ?? office.from.firstDay) }
        for phase in nodes.flatMap(\.lifecycle) { last = max(last, phase.to?.lastDay ?? phase.from.firstDay) }
        lastDay = last
    }

    /// Makes the tables in an empty database (under the ingest lock: two programs making
    /// a new store at once make it once), or checks the schema of an existing store.
    static func prepare(_ session: Session, create: Bool) throws(StoreError) {
        let place = session.address.description
        func schema() throws(StoreError) -> Int? {
            guard let row = try session.rows("""
                SELECT to_regclass('meta') IS NOT NULL,
                       (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())
                """).first else { return nil }
            guard try decode(row, 0, Bool.self) else {
                guard try decode(row, 1, Int64.self) == 0 else { throw StoreError.notAStore(place) }
                return nil
            }
            let version = try session.rows("SELECT value FROM meta WHERE key = 'schema'").first
            return try version.flatMap { row throws(StoreError) in Int(try decode(row, 0, String.self)) } ?? 0
        }
        if let version = try schema() {
            guard version <= Schema.version else {
                throw StoreError(Diagnostic(code: "newer-store", file: place,
                                            message: "the store was written by a newer Diplograph (schema \(version); this one reads \(Schema.version))",
                                            hint: "use the newer Diplograph, or ingest into a new database"))
            }
            return
        }
        guard create else {
            throw StoreError(Diagnostic(code: "no-store", file: place, message: "the database holds no store yet",
                                        hint: "make the store by ingesting files into it first"))
        }
        try session.waiting { connection in
            try await connection.query("BEGIN", logger: Session.logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(\(unescaped: String(PostgresStore.ingestLock)))",
                                           logger: Session.logger)
                let made = try await connection.query("SELECT to_regclass('meta') IS NOT NULL", logger: Session.logger)
                var exists = false
                for try await row in made { exists = try row.decode(Bool.self) }
                if !exists {
                    for statement in PostgresSchema.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Session.logger)
                    }
                }
                try await connection.query("COMMIT", logger: Session.logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Session.logger)
                throw error
            }
        }
    }

    /// The advisory lock ingests take, a number of our own ("dipl" in ASCII).
    static let ingestLock: Int64 = 0x6469_706C

    // MARK: - Lookups

    /// - Complexity: a count over the events' partitions.
    public var eventExtent: EventExtent? {
        read { () throws(StoreError) -> EventExtent? in
            let row = try session.rows("SELECT count(*), min(first_day), max(last_day) FROM events")[0]
            guard let first = try Self.decode(row, 1, Int32?.self), let last = try Self.decode(row, 2, Int32?.self) else {
                return nil
            }
            return EventExtent(count: Int(try Self.decode(row, 0, Int64.self)), first: Day(ordinal: first), last: Day(ordinal: last))
        }
    }

    /// - Complexity: O(1) on average (nodes are read at open).
    public func node(_ id: NodeID) -> Node? {
        nodesByID[id]
    }

    /// - Complexity: one index lookup per month partition.
    public func event(_ id: String) -> Event? {
        var binds = PostgresBindings()
        binds.append(id)
        return read { () throws(StoreError) in try events(where: "id = $1", binds).first }
    }

    /// - Complexity: O(1) on average while the store's revision stands; else one read
    ///   of the events grouped by party lists, for every node at once.
    public func eventCount(of id: NodeID) -> Int {
        let current = revision
        if let known = eventCounts.withLock({ $0 }), known.revision == current { return known.byNode[id] ?? 0 }
        let byNode = read { () throws(StoreError) in try countEvents() }
        eventCounts.withLock { $0 = (current, byNode) }
        return byNode[id] ?? 0
    }

    /// Every node's count of events, from the events grouped by their party lists: one
    /// read for all nodes, which the explorer's search asks for by the hundred (one
    /// count of distinct events per node took minutes for a 10 M-row store).
    private func countEvents() throws(StoreError) -> [NodeID: Int] {
        var byNode: [NodeID: Int] = [:]
        var parties = PartyCache()
        for row in try session.rows("SELECT actors, targets, issues, count(*) FROM events GROUP BY 1, 2, 3") {
            let (actors, targets, issues, count) = try Self.values(row, (String, String, String, Int64).self)
            // As the in-memory store counts: an event once as a party, once as an issue.
            for node in Set(parties[actors] + parties[targets]) { byNode[node, default: 0] += Int(count) }
            for node in Set(parties[issues]) { byNode[node, default: 0] += Int(count) }
        }
        return byNode
    }

    // MARK: - Queries

    /// The candidates come from the participants of the query's node within its days
    /// (both nodes of a pair), or from the events of its days, read with what the
    /// filters need (kinds, days, parties); every filter is applied as
    /// `TimelineQuery.matches` says. The events are read whole a page at a time, when
    /// read: the explorer's page of a hundred of a busy actor's month no longer reads
    /// the month's titles and sources (a second a request at sixteen connections).
    public func timeline(_ query: TimelineQuery) -> EventList {
        let (condition, binds) = candidates(query)
        let (ids, keys) = read { () throws(StoreError) in
            var ids: [String] = []
            var keys: [String: (firstDay: Int32, rowid: Int64)] = [:]
            var parties = PartyCache()
            for row in try session.rows("""
                SELECT id, kind, first_day, last_day, actors, targets, issues, rowid FROM events WHERE \(condition)
                ORDER BY first_day, last_day, id COLLATE "C"
                """, binds) {
                let (id, kind, firstDay, lastDay, actors, targets, issues, rowid) = try Self.values(
                    row, (String, String, Int32, Int32, String, String, String, Int64).self)
                let candidate = Event(id: id, kind: EventKind(rawValue: kind) ?? .event,
                                      date: DateSpan(days: Day(ordinal: firstDay), through: Day(ordinal: lastDay)), title: "",
                                      actors: parties[actors], targets: parties[targets], issues: parties[issues])
                guard query.matches(candidate) else { continue }
                ids.append(id)
                keys[id] = (firstDay, rowid)
            }
            return (ids, keys)
        }
        return EventList(ids: ids) { [self] page in
            let wanted = page.compactMap { keys[$0] }
            guard let first = wanted.map(\.firstDay).min(), let last = wanted.map(\.firstDay).max() else { return [] }
            var binds = PostgresBindings()
            binds.append(first)
            binds.append(last)
            binds.append(wanted.map(\.rowid))
            return events(page, where: "first_day BETWEEN $1 AND $2 AND rowid = ANY($3)", binds)
        }
    }

    /// The relations come from the events that count, read with what relations need
    /// only, which an in-memory store projects; the snapshot's `events` are read whole,
    /// a page at a time, only when read (`LightProjection`).
    public func snapshot(at day: Day, windowDays: Int?) -> Snapshot {
        projectedSnapshot(at: day, windowDays: windowDays)
    }

    /// Both dates compared as in memory, over the events that count for either, read
    /// once with what relations need only; the events between the dates are read whole,
    /// and the diff's snapshots are made only if `before` or `after` is read
    /// (`LightProjection`).
    public func diff(from: Day, to: Day, windowDays: Int?) -> GraphDiff {
        projectedDiff(from: from, to: to, windowDays: windowDays)
    }

    /// The events that started on or before `day` (and from `earliest`, and that end on
    /// or after `end`, when given) with what relations need (ids, kinds, stances, days,
    /// tones, parties), as an in-memory store over every node and office. (Read whole,
    /// with titles and sources, a one-month cumulative diff of a million events took
    /// twenty seconds and a gigabyte; `make bench-postgres`.)
    package func relationStore(from earliest: Day? = nil, through day: Day, endingOnOrAfter end: Day? = nil) -> InMemoryStore {
        var binds = PostgresBindings()
        var clauses: [String] = []
        for (clause, bound) in [("first_day <=", day), earliest.map { ("first_day >=", $0) }, end.map { ("last_day >=", $0) }]
            .compactMap({ $0 }) {
            binds.append(bound.ordinal)
            clauses.append("\(clause) $\(binds.count)")
        }
        return read { () throws(StoreError) in
            let rows = try session.rows("""
                SELECT id, kind, first_day, last_day, stance, tone, actors, targets, issues FROM events
                WHERE \(clauses.joined(separator: " AND "))
                """, binds)
            var builder = EventTableBuilder()
            builder.reserve(events: rows.count)
            var parties = PartyNumbers(nodes, into: &builder)
            let noTitle = builder.text("")
            let noAttributes = builder.attributeSet([:])
            for row in rows {
                let (id, kind, firstDay, lastDay, stance, tone, actors, targets, issues) = try Self.values(
                    row, (String, String, Int32, Int32, String?, Double?, String, String, String).self)
                let date = DateSpan(days: Day(ordinal: firstDay), through: Day(ordinal: lastDay))
                var idText = id
                idText.withUTF8 { bytes in
                    builder.appendInterned(id: bytes, kind: EventKind(rawValue: kind) ?? .event, date: date, title: noTitle,
                                           actors: parties[actors], targets: parties[targets], issues: parties[issues],
                                           stance: stance.flatMap(Stance.init(rawValue:)), location: -1, summary: -1, quote: -1,
                                           tone: tone, sources: [], attributeSet: noAttributes)
                }
            }
            let (stored, table) = builder.finish()
            return InMemoryStore(nodes: stored, offices: offices, table: table)
        }
    }

    /// Whole events by id, read a page at a time when read.
    package func wholeEvents(ids: [String]) -> EventList {
        EventList(ids: ids) { [self] page in
            var binds = PostgresBindings()
            binds.append(Array(page))
            return events(page, where: "id = ANY($1)", binds)
        }
    }

    /// The events of a page of ids, found by `condition`, in the page's order.
    private func events(_ page: ArraySlice<String>, where condition: String, _ binds: PostgresBindings) -> [Event] {
        let found = read { () throws(StoreError) in try events(where: condition, binds) }
        let byID = Dictionary(found.map { ($0.id, $0) }) { first, _ in first }
        return page.compactMap { byID[$0] }
    }

    /// An SQL condition on `events` that holds for every event of `query` (and maybe
    /// others), with its bound values: the days, the driving node's participants
    /// within them, the kinds.
    func candidates(_ query: TimelineQuery) -> (String, PostgresBindings) {
        var binds = PostgresBindings()
        var clauses: [String] = []
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        var days: [String] = []
        if let range = query.range {
            days.append("first_day >= \(bind(range.first.adding(days: -longestSpan).ordinal))")
            if let last = range.last { days.append("first_day <= \(bind(last.ordinal))") }
        }
        let driving = query.drivingNodes
        for (nodes, issue) in driving {
            // The days again inside, so that PostgreSQL prunes the participants' months too.
            clauses.append("(first_day, rowid) IN (SELECT first_day, event FROM participants WHERE node_id = ANY(\(bind(nodes)))"
                           + " AND role \(issue ? "=" : "<>") 'issue'" + days.map { " AND " + $0 }.joined() + ")")
        }
        clauses += days
        if !query.kinds.isEmpty { clauses.append("kind = ANY(\(bind(query.kinds.map(\.rawValue).sorted())))") }
        return (clauses.isEmpty ? "true" : clauses.joined(separator: " AND "), binds)
    }

    /// PostgreSQL's plan for the statement `timeline(_:)` runs for `query`: which
    /// partitions it reads.
    package func timelinePlan(_ query: TimelineQuery) throws(StoreError) -> String {
        let (condition, binds) = candidates(query)
        return try session.rows("EXPLAIN SELECT rowid FROM events WHERE \(condition)", binds)
            .map { row throws(StoreError) in try Self.decode(row, 0, String.self) }.joined(separator: "\n")
    }

    // MARK: - Reading

    /// Runs a read; a store that fails under a query cannot answer at all (as
    /// `EventStore`'s queries do not throw).
    func read<T>(_ body: () throws(StoreError) -> T) -> T {
        do {
            return try body()
        } catch {
            fatalError(error.description)
        }
    }

    /// A row's values, as `types` says.
    static func values<each T: PostgresDecodable>(_ row: PostgresRow, _ types: (repeat each T).Type) throws(StoreError)
        -> (repeat each T) {
        do {
            return try row.decode((repeat each T).self)
        } catch {
            throw damaged(error)
        }
    }

    static func damaged(_ error: any Error) -> StoreError {
        StoreError(Diagnostic(code: "store-damaged", message: "a value of the store could not be read: \(String(reflecting: error))",
                              hint: "check that the database is a Diplograph store"))
    }

    static func decode<T: PostgresDecodable>(_ row: PostgresRow, _ column: Int, _ type: T.Type) throws(StoreError) -> T {
        do {
            return try row.makeRandomAccess()[column].decode(T.self)
        } catch {
            throw damaged(error)
        }
    }

    /// The events matching an SQL condition on `events`, chronological (by first day,
    /// last day, then id in code-point order, as in memory), with their sources. For a
    /// few events (a page, an id): their sources are looked up by rowid.
    func events(where condition: String, _ binds: PostgresBindings) throws(StoreError) -> [Event] {
        let rows = try session.rows("""
            SELECT rowid, id, kind, date, title, stance, location, summary, quote, tone, attributes, actors, targets, issues,
                first_day
            FROM events WHERE \(condition) ORDER BY first_day, last_day, id COLLATE "C"
            """, binds)
        guard !rows.isEmpty else { return [] }
        var events: [Event] = []
        var place: [Int64: Int] = [:]
        var parties = PartyCache()
        events.reserveCapacity(rows.count)
        var days = (first: Int32.max, last: Int32.min)
        for row in rows {
            let columns = row.makeRandomAccess()
            do {
                place[try columns[0].decode(Int64.self)] = events.count
                let firstDay = try columns[14].decode(Int32.self)
                days = (min(days.first, firstDay), max(days.last, firstDay))
                let date = (try? DateSpan(parsing: try columns[3].decode(String.self))) ?? DateSpan(EventDate(year: 1970))
                events.append(Event(
                    id: try columns[1].decode(String.self), kind: EventKind(rawValue: try columns[2].decode(String.self)) ?? .event,
                    date: date, title: try columns[4].decode(String.self),
                    actors: parties[try columns[11].decode(String.self)], targets: parties[try columns[12].decode(String.self)],
                    issues: parties[try columns[13].decode(String.self)],
                    stance: try columns[5].decode(String?.self).flatMap(Stance.init(rawValue:)),
                    location: try columns[6].decode(String?.self), summary: try columns[7].decode(String?.self),
                    quote: try columns[8].decode(String?.self), tone: try columns[9].decode(Double?.self),
                    attributes: SQLiteStore.attributes(try columns[10].decode(String.self))))
            } catch {
                throw Self.damaged(error)
            }
        }
        // The sources of these events (a page: the statement is for a few hundred), by
        // rowid within their days, so that only their months' citations are read.
        var sourceBinds = PostgresBindings()
        sourceBinds.append(days.first)
        sourceBinds.append(days.last)
        sourceBinds.append(Array(place.keys))
        for row in try session.rows("""
            SELECT es.event, s.publisher, s.title, s.url, s.date, s.note
            FROM event_sources es JOIN sources s ON s.id = es.source
            WHERE es.first_day BETWEEN $1 AND $2 AND es.event = ANY($3)
            ORDER BY es.event, es.position
            """, sourceBinds) {
            guard let index = place[try Self.decode(row, 0, Int64.self)] else { continue }
            events[index].sources.append(try Self.source(row, from: 1))
        }
        return events
    }

    static func source(_ row: PostgresRow, from start: Int) throws(StoreError) -> Source {
        Source(publisher: try decode(row, start, String?.self), title: try decode(row, start + 1, String?.self),
               url: try decode(row, start + 2, String?.self),
               date: try decode(row, start + 3, String?.self).flatMap { try? EventDate(parsing: $0) },
               note: try decode(row, start + 4, String?.self))
    }

    /// Title, notes, nodes (with aliases and phases), offices (with sources), and the
    /// longest event span.
    static func loadModel(_ session: Session) throws(StoreError)
        -> (title: String?, notes: [String], nodes: [Node], offices: [Office], longestSpan: Int) {
        let title = try session.rows("SELECT value FROM meta WHERE key = 'title'").first
            .map { row throws(StoreError) in try decode(row, 0, String.self) }
        let notes = try session.rows("SELECT text FROM notes ORDER BY id").map { row throws(StoreError) in try decode(row, 0, String.self) }
        let span = try session.rows("SELECT value FROM meta WHERE key = 'longest_span'").first
            .flatMap { row throws(StoreError) in Int(try decode(row, 0, String.self)) } ?? 0
        var aliases: [NodeID: [String]] = [:]
        for row in try session.rows("SELECT node_id, alias FROM aliases ORDER BY node_id, position") {
            aliases[try decode(row, 0, String.self), default: []].append(try decode(row, 1, String.self))
        }
        var phases: [NodeID: [LifecyclePhase]] = [:]
        for row in try session.rows("SELECT node_id, status, from_date, to_date FROM phases ORDER BY node_id, position") {
            guard let from = try? EventDate(parsing: try decode(row, 2, String.self)) else { continue }
            phases[try decode(row, 0, String.self), default: []].append(LifecyclePhase(
                status: try decode(row, 1, String.self), from: from,
                to: try decode(row, 3, String?.self).flatMap { try? EventDate(parsing: $0) }))
        }
        var nodes: [Node] = []
        for row in try session.rows("SELECT id, kind, name, attributes FROM nodes ORDER BY id COLLATE \"C\"") {
            let id = try decode(row, 0, String.self)
            nodes.append(Node(id: id, kind: NodeKind(rawValue: try decode(row, 1, String.self)) ?? .organization,
                              name: try decode(row, 2, String.self), aliases: aliases[id] ?? [],
                              attributes: SQLiteStore.attributes(try decode(row, 3, String.self)), lifecycle: phases[id] ?? []))
        }
        var officeSources: [String: [Source]] = [:]
        for row in try session.rows("""
            SELECT os.office_id, s.publisher, s.title, s.url, s.date, s.note
            FROM office_sources os JOIN sources s ON s.id = os.source ORDER BY os.office_id, os.position
            """) {
            officeSources[try decode(row, 0, String.self), default: []].append(try source(row, from: 1))
        }
        var offices: [Office] = []
        for row in try session.rows("SELECT id, person, post, organization, from_date, to_date FROM offices") {
            guard let from = try? EventDate(parsing: try decode(row, 4, String.self)) else { continue }
            let id = try decode(row, 0, String.self)
            offices.append(Office(id: id, person: try decode(row, 1, String.self), post: try decode(row, 2, String.self),
                                  organization: try decode(row, 3, String.self), from: from,
                                  to: try decode(row, 5, String?.self).flatMap { try? EventDate(parsing: $0) },
                                  sources: officeSources[id] ?? []))
        }
        offices.sort { ($0.from, $0.person, $0.id) < ($1.from, $1.person, $1.id) }
        return (title, notes, nodes, offices, span)
    }
}
