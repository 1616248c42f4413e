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
    /// node is an actor or a target.
    let partyPostings: [[Int32]]
    /// Per node: ascending positions in `events` where the node is an issue.
    let issuePostings: [[Int32]]
    /// `events[i].date.firstDay`, contiguous for binary search.
    let eventFirstDays: [Day]
    /// The longest span of any event, in days: a range query must look back this far
    /// for events that began before the range and still overlap it.
    let longestEventSpan: Int
    let officesByPerson: [NodeID: [Int]]
    let eventPositions: [String: Int]
    /// Each event's actors, targets and issues as node positions, so relation
    /// aggregation works on integers: event `i` has `parties[partyStarts[i]..<partyStarts[i + 1]]`,
    /// actors first (`actorCounts[i]` of them), then targets (`targetCounts[i]`), then issues.
    let partyStarts: [Int32]
    let parties: [Int32]
    let actorCounts: [Int32]
    let targetCounts: [Int32]

    /// Builds the store and its indices.
    ///
    /// Events are ordered by first day, then last day, then id. (Coded files arrive in
    /// id order already; the id sort runs only when they do not.)
    ///
    /// - Precondition: every reference in `dataset` names one of its nodes
    ///   (loaders check this and report it as an input error).
    /// - Complexity: O(n log n) in the number of events.
    public init(_ dataset: consuming Dataset) {
        title = dataset.title
        notes = dataset.notes
        nodes = dataset.nodes.sorted { $0.id < $1.id }
        var positions: [NodeID: Int] = [:]
        positions.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() { positions[node.id] = index }
        nodePositions = positions

        // Take the events out of the dataset, so that when the caller hands the dataset
        // over, they are reordered in place instead of copied (millions of events).
        var input = dataset.events
        dataset.events = []
        if !zip(input, input.dropFirst()).allSatisfy({ $0.id <= $1.id }) {
            input.sort { $0.id < $1.id }
        }
        // Sort positions on integers (equal days keep id order), then permute in place.
        var order = Array(0..<input.count)
        let firsts = input.map(\.date.firstDay.ordinal)
        let lasts = input.map(\.date.lastDay.ordinal)
        order.sort { lhs, rhs in
            if firsts[lhs] != firsts[rhs] { return firsts[lhs] < firsts[rhs] }
            if lasts[lhs] != lasts[rhs] { return lasts[lhs] < lasts[rhs] }
            return lhs < rhs
        }
        Self.permute(&input, by: order)
        events = input

        var partyLists = [[Int32]](repeating: [], count: nodes.count)
        var issueLists = [[Int32]](repeating: [], count: nodes.count)
        var longest = 0
        var byID: [String: Int] = [:]
        byID.reserveCapacity(events.count)
        var starts: [Int32] = [0]
        starts.reserveCapacity(events.count + 1)
        var flat: [Int32] = []
        flat.reserveCapacity(events.count * 2)
        var actorCounts: [Int32] = []
        actorCounts.reserveCapacity(events.count)
        var targetCounts: [Int32] = []
        targetCounts.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            byID[event.id] = index
            longest = max(longest, event.date.firstDay.distance(to: event.date.lastDay))
            func add(_ group: [NodeID], to lists: inout [[Int32]]) -> Int {
                var added = 0
                for node in group {
                    guard let position = positions[node] else { continue }
                    flat.append(Int32(position))
                    added += 1
                    // Post once per event even when a node is both actor and target.
                    if lists[position].last != Int32(index) { lists[position].append(Int32(index)) }
                }
                return added
            }
            actorCounts.append(Int32(add(event.actors, to: &partyLists)))
            targetCounts.append(Int32(add(event.targets, to: &partyLists)))
            _ = add(event.issues, to: &issueLists)
            starts.append(Int32(flat.count))
        }
        partyPostings = partyLists
        issuePostings = issueLists
        eventFirstDays = events.map(\.date.firstDay)
        longestEventSpan = longest
        eventPositions = byID
        partyStarts = starts
        parties = flat
        self.actorCounts = actorCounts
        self.targetCounts = targetCounts

        offices = dataset.offices.sorted { lhs, rhs in
            if lhs.from != rhs.from { return lhs.from < rhs.from }
            if lhs.person != rhs.person { return lhs.person < rhs.person }
            return lhs.id < rhs.id
        }
        var byPerson: [NodeID: [Int]] = [:]
        for (index, office) in offices.enumerated() { byPerson[office.person, default: []].append(index) }
        officesByPerson = byPerson
    }

    /// Reorders `values` so that `values[i]` becomes the old `values[order[i]]`,
    /// following cycles with swaps: no element is copied.
    static func permute<Element>(_ values: inout [Element], by order: [Int]) {
        var done = [Bool](repeating: false, count: order.count)
        for start in order.indices where !done[start] {
            var current = start
            while true {
                done[current] = true
                let next = order[current]
                if next == start { break }
                values.swapAt(current, next)
                current = next
            }
        }
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
        nodePositions[id].map { partyPostings[$0].count + issuePostings[$0].count } ?? 0
    }
}
