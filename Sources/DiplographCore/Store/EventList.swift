import Synchronization

/// A chronological collection of events: what timelines, snapshots and diffs return.
///
/// The in-memory store answers with a view of its columns, made on access, so that a
/// query answers without copying events; another store answers with the events it
/// read (`init(_:)`). Either way it is a random-access collection of `Event` values.
///
/// - Complexity: O(1) to make from a store; reading an element makes one `Event`.
public struct EventList: RandomAccessCollection, Sendable {
    // Plain fields, not an enum with the table as a payload: matching such an enum
    // copies the payload out, retaining every column of the table, on each access
    // (a one-actor timeline's `count` took twice as long).
    /// The store's columns (empty when `values` holds the events).
    let table: EventTable
    /// Ascending positions in `table`, or nil for the positions `run`.
    let positions: ArraySlice<Int32>?
    let run: Range<Int>
    /// Events already made, when the list was made from values.
    let values: [Event]?
    /// Events a store makes when they are read, when the list was made so.
    let fetcher: EventFetcher?

    /// Events already made, in the order given (chronological for query results).
    public init(_ events: [Event]) {
        table = EventTable.empty
        positions = nil
        run = 0..<0
        values = events
        fetcher = nil
    }

    /// Events a store makes only when they are read: their ids (in order) are known,
    /// and `fetch` makes the events with some of those ids, in the order given, a page
    /// at a time. For stores whose events are costly to make, in answers that are
    /// often not read whole (a snapshot's events, when only its relations are drawn).
    public init(ids: [String], fetch: @escaping @Sendable (ArraySlice<String>) -> [Event]) {
        table = EventTable.empty
        positions = nil
        run = 0..<0
        values = nil
        fetcher = EventFetcher(ids: ids, fetch: fetch)
    }

    init(table: EventTable, positions: ArraySlice<Int32>?) {
        self.table = table
        self.positions = positions
        run = 0..<table.count
        values = nil
        fetcher = nil
    }

    /// The events at positions `run`, without listing them.
    init(table: EventTable, run: Range<Int>) {
        self.table = table
        positions = nil
        self.run = run
        values = nil
        fetcher = nil
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        values?.count ?? positions?.count ?? fetcher?.ids.count ?? run.count
    }

    /// The store position of the element at `index` (column-backed lists only).
    func position(_ index: Int) -> Int {
        guard let positions else { return run.lowerBound + index }
        return Int(positions[positions.startIndex + index])
    }

    /// - Complexity: O(p + s) for the event's parties and sources.
    public subscript(index: Int) -> Event {
        if let values { return values[index] }
        if let fetcher { return fetcher.event(index) }
        return table[position(index)]
    }

    /// The events that satisfy `isIncluded`, in order.
    ///
    /// - Complexity: O(n), making each event once.
    public func filter(_ isIncluded: (Event) throws -> Bool) rethrows -> EventList {
        if let values { return EventList(try values.filter(isIncluded)) }
        if fetcher != nil { return EventList(try Array(self).filter(isIncluded)) }
        var kept: [Int32] = []
        for index in indices where try isIncluded(self[index]) { kept.append(Int32(position(index))) }
        return EventList(table: table, positions: kept[...])
    }

    /// The events whose ids are in `kept`, in order, without making any event.
    ///
    /// - Complexity: O(n).
    package func keeping(ids kept: Set<String>) -> EventList {
        if let values { return EventList(values.filter { kept.contains($0.id) }) }
        if let fetcher { return EventList(fetcher: fetcher.keeping(kept)) }
        var positions: [Int32] = []
        for index in indices where kept.contains(table.ids[position(index)]) { positions.append(Int32(position(index))) }
        return EventList(table: table, positions: positions[...])
    }

    /// The events at `indices` (ascending), in order, without making any event of a
    /// column-backed list.
    ///
    /// - Complexity: O(k) for the k indices.
    func keeping(indices: [Int]) -> EventList {
        if let values { return EventList(indices.map { values[$0] }) }
        if fetcher != nil { return EventList(indices.map { self[$0] }) }
        return EventList(table: table, positions: indices.map { Int32(position($0)) }[...])
    }

    /// The events from position `offset` on, at most `limit` of them (all of the rest
    /// when nil), in order: one page of a long answer. An offset past the end gives none.
    ///
    /// - Complexity: O(k) for the k events kept, without making any of a column-backed list.
    public func page(offset: Int, limit: Int?) -> EventList {
        let start = Swift.min(Swift.max(offset, 0), count)
        let end = limit.map { Swift.min(count, start + Swift.max($0, 0)) } ?? count
        guard start > 0 || end < count else { return self }
        return keeping(indices: Array(start..<end))
    }

    private init(fetcher: EventFetcher) {
        table = EventTable.empty
        positions = nil
        run = 0..<0
        values = nil
        self.fetcher = fetcher
    }

    /// The id of the event at `index`, without making it when the list is column-backed.
    func id(at index: Int) -> String {
        if let values { return values[index].id }
        if let fetcher { return fetcher.ids[index] }
        return table.ids[position(index)]
    }

    /// The events' ids, in order (for column-backed lists, without making events).
    ///
    /// - Complexity: O(n).
    public var ids: [String] {
        if let values { return values.map(\.id) }
        if let fetcher { return fetcher.ids }
        return indices.map { table.ids[position($0)] }
    }
}

extension EventList: Equatable {
    /// Lists are equal when they hold the same event ids in the same order.
    public static func == (lhs: EventList, rhs: EventList) -> Bool {
        lhs.count == rhs.count && lhs.ids == rhs.ids
    }
}

extension EventList: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ids)
    }
}

/// The events of a fetched list, made a page at a time when first read and kept.
final class EventFetcher: Sendable {
    let ids: [String]
    private let fetch: @Sendable (ArraySlice<String>) -> [Event]
    private let pages = Mutex<[Int: [Event]]>([:])
    private static let pageSize = 512

    init(ids: [String], fetch: @escaping @Sendable (ArraySlice<String>) -> [Event]) {
        self.ids = ids
        self.fetch = fetch
    }

    func event(_ index: Int) -> Event {
        let page = index / Self.pageSize
        if let events = pages.withLock({ $0[page] }) { return events[index % Self.pageSize] }
        let start = page * Self.pageSize
        let events = fetch(ids[start..<min(ids.count, start + Self.pageSize)])
        pages.withLock { $0[page] = events }
        return events[index % Self.pageSize]
    }

    /// A fetcher of the events whose ids are in `kept`, fetching them the same way.
    func keeping(_ kept: Set<String>) -> EventFetcher {
        EventFetcher(ids: ids.filter(kept.contains), fetch: fetch)
    }
}
