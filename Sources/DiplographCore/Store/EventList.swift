/// A chronological collection of events: what timelines, snapshots and diffs return.
///
/// The in-memory store answers with a view of its columns, made on access, so that a
/// query answers without copying events; another store answers with the events it
/// read (`init(_:)`). Either way it is a random-access collection of `Event` values.
///
/// - Complexity: O(1) to make from a store; reading an element makes one `Event`.
public struct EventList: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        /// Ascending positions in a table, or nil for the positions `run`.
        case columns(EventTable, positions: ArraySlice<Int32>?, run: Range<Int>)
        case values([Event])
    }

    private let storage: Storage

    /// Events already made, in the order given (chronological for query results).
    public init(_ events: [Event]) {
        storage = .values(events)
    }

    init(table: EventTable, positions: ArraySlice<Int32>?) {
        storage = .columns(table, positions: positions, run: 0..<table.count)
    }

    /// The events at positions `run`, without listing them.
    init(table: EventTable, run: Range<Int>) {
        storage = .columns(table, positions: nil, run: run)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .columns(_, let positions, let run): positions?.count ?? run.count
        case .values(let events): events.count
        }
    }

    /// The store position of the element at `index` (column-backed lists only).
    func position(_ index: Int) -> Int {
        guard case .columns(_, let positions, let run) = storage else { return index }
        guard let positions else { return run.lowerBound + index }
        return Int(positions[positions.startIndex + index])
    }

    /// - Complexity: O(p + s) for the event's parties and sources.
    public subscript(index: Int) -> Event {
        switch storage {
        case .columns(let table, _, _): table[position(index)]
        case .values(let events): events[index]
        }
    }

    /// The events that satisfy `isIncluded`, in order.
    ///
    /// - Complexity: O(n), making each event once.
    public func filter(_ isIncluded: (Event) throws -> Bool) rethrows -> EventList {
        switch storage {
        case .columns(let table, _, _):
            var kept: [Int32] = []
            for index in indices where try isIncluded(self[index]) { kept.append(Int32(position(index))) }
            return EventList(table: table, positions: kept[...])
        case .values(let events):
            return EventList(try events.filter(isIncluded))
        }
    }

    /// The events' ids, in order (for column-backed lists, without making events).
    ///
    /// - Complexity: O(n).
    public var ids: [String] {
        switch storage {
        case .columns(let table, _, _): indices.map { table.ids[position($0)] }
        case .values(let events): events.map(\.id)
        }
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
