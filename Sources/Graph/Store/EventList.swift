/// Events of a store picked by position, without copying them: what timelines,
/// snapshots and diffs return. Reading an element reads the store's event.
///
/// - Complexity: O(1) to index; making one from positions is O(1) beyond the positions.
public struct EventList: RandomAccessCollection, Sendable, Hashable {
    let storage: [Event]
    /// Ascending positions in `storage`.
    let positions: ArraySlice<Int32>

    init(storage: [Event], positions: ArraySlice<Int32>) {
        self.storage = storage
        self.positions = positions
    }

    /// A list of standalone events (for tests and callers that build their own).
    public init(_ events: [Event]) {
        storage = events
        positions = ArraySlice((0..<events.count).map(Int32.init))
    }

    public var startIndex: Int { positions.startIndex }
    public var endIndex: Int { positions.endIndex }

    public subscript(index: Int) -> Event {
        storage[Int(positions[index])]
    }

    /// The events that satisfy `isIncluded`, still without copying events.
    public func filter(_ isIncluded: (Event) throws -> Bool) rethrows -> EventList {
        var kept: [Int32] = []
        for position in positions where try isIncluded(storage[Int(position)]) { kept.append(position) }
        return EventList(storage: storage, positions: kept[...])
    }

    public static func == (lhs: EventList, rhs: EventList) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.id == $1.id }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for event in self { hasher.combine(event.id) }
    }
}
