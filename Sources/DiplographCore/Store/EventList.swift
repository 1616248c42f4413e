/// Events of a store picked by position, made on access: what timelines, snapshots
/// and diffs return, so that a query answers without copying events.
///
/// - Complexity: O(1) to make; reading an element makes one `Event`.
public struct EventList: RandomAccessCollection, Sendable {
    let table: EventTable
    /// Ascending positions in `table`, or nil for the run `run`.
    let positions: ArraySlice<Int32>?
    let run: Range<Int>

    init(table: EventTable, positions: ArraySlice<Int32>?) {
        self.table = table
        self.positions = positions
        run = 0..<table.count
    }

    /// The events at positions `run`, without listing them.
    init(table: EventTable, run: Range<Int>) {
        self.table = table
        positions = nil
        self.run = run
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions?.count ?? run.count }

    /// The store position of the element at `index`.
    func position(_ index: Int) -> Int {
        guard let positions else { return run.lowerBound + index }
        return Int(positions[positions.startIndex + index])
    }

    public subscript(index: Int) -> Event {
        table[position(index)]
    }

    /// The events that satisfy `isIncluded`, still as a view.
    public func filter(_ isIncluded: (Event) throws -> Bool) rethrows -> EventList {
        var kept: [Int32] = []
        for index in indices where try isIncluded(self[index]) { kept.append(Int32(position(index))) }
        return EventList(table: table, positions: kept[...])
    }

    /// The ids, without making whole events.
    public var ids: [String] {
        indices.map { table.ids[position($0)] }
    }
}

extension EventList: Equatable {
    public static func == (lhs: EventList, rhs: EventList) -> Bool {
        lhs.count == rhs.count && lhs.ids == rhs.ids
    }
}

extension EventList: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ids)
    }
}
