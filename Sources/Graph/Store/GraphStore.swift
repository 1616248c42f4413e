/// The in-memory graph: nodes, offices and events with the indices queries need.
///
/// Events are kept sorted chronologically (first day, last day, then id: a total,
/// stable order). Each node has a posting list of the positions of the events it takes
/// part in, so a timeline for one actor reads only that actor's events.
///
/// `GraphStore` is an immutable value and `Sendable`: build it once, query it from
/// any task.
public struct GraphStore: Sendable {
    public let title: String?
    public let notes: [String]
    /// Nodes in id order.
    public let nodes: [Node]
    /// Events in chronological order (see the type's discussion).
    public let events: [Event]
    /// Offices ordered by start, then person, then id.
    public let offices: [Office]

    let nodePositions: [NodeID: Int]
    /// Per node (by position in `nodes`): ascending positions in `events` where the
    /// node is an actor, a target or an issue.
    let postings: [[Int32]]
    /// `events[i].date.firstDay`, contiguous for binary search.
    let eventFirstDays: [Day]
    /// The longest span of any event, in days: a range query must look back this far
    /// for events that began before the range and still overlap it.
    let longestEventSpan: Int
    let officesByPerson: [NodeID: [Int]]
    let eventPositions: [String: Int]

    /// Builds the store and its indices.
    ///
    /// - Precondition: every reference in `dataset` names one of its nodes
    ///   (loaders check this and report it as an input error).
    /// - Complexity: O(n log n) in the number of events.
    public init(_ dataset: Dataset) {
        title = dataset.title
        notes = dataset.notes
        nodes = dataset.nodes.sorted { $0.id < $1.id }
        var positions: [NodeID: Int] = [:]
        positions.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() { positions[node.id] = index }
        nodePositions = positions

        events = dataset.events.sorted { lhs, rhs in
            lhs.date != rhs.date ? lhs.date < rhs.date : lhs.id < rhs.id
        }
        var lists = [[Int32]](repeating: [], count: nodes.count)
        var longest = 0
        var byID: [String: Int] = [:]
        for (index, event) in events.enumerated() {
            byID[event.id] = index
            longest = max(longest, event.date.firstDay.distance(to: event.date.lastDay))
            var seen = Set<Int>()
            for node in event.actors + event.targets + event.issues {
                guard let position = positions[node], seen.insert(position).inserted else { continue }
                lists[position].append(Int32(index))
            }
        }
        postings = lists
        eventFirstDays = events.map(\.date.firstDay)
        longestEventSpan = longest
        eventPositions = byID

        offices = dataset.offices.sorted { lhs, rhs in
            if lhs.from != rhs.from { return lhs.from < rhs.from }
            if lhs.person != rhs.person { return lhs.person < rhs.person }
            return lhs.id < rhs.id
        }
        var byPerson: [NodeID: [Int]] = [:]
        for (index, office) in offices.enumerated() { byPerson[office.person, default: []].append(index) }
        officesByPerson = byPerson
    }

    /// The node with `id`.
    ///
    /// - Complexity: O(1) on average.
    public func node(_ id: NodeID) -> Node? {
        nodePositions[id].map { nodes[$0] }
    }

    /// The event with `id`.
    ///
    /// - Complexity: O(1) on average.
    public func event(_ id: String) -> Event? {
        eventPositions[id].map { events[$0] }
    }

    /// The display name of `id`, or the id itself when unknown.
    public func name(of id: NodeID) -> String {
        node(id)?.name ?? id
    }

    /// The number of events `id` takes part in (as actor, target or issue).
    ///
    /// - Complexity: O(1) on average.
    public func eventCount(of id: NodeID) -> Int {
        nodePositions[id].map { postings[$0].count } ?? 0
    }
}
