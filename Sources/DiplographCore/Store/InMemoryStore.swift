import Dispatch
import Synchronization

/// The in-memory graph: nodes, offices and events with the indices queries need.
///
/// Events are kept by column (`EventTable`), sorted chronologically: first day, last
/// day, then id (a total, stable order). Each node has posting lists of the positions
/// of the events it takes part in, so a timeline for one actor reads only that
/// actor's events.
///
/// `InMemoryStore` is an immutable value and `Sendable`: build it once, query it from
/// any task.
public struct InMemoryStore: EventStore {
    /// The dataset's title.
    public let title: String?
    /// The dataset's provenance notes.
    public let notes: [String]
    /// Nodes in id order.
    public let nodes: [Node]
    /// Offices ordered by start, then person, then id.
    public let offices: [Office]

    let table: EventTable
    let nodePositions: [NodeID: Int]
    /// The ids of `nodes`, shared with the relations the store makes.
    let nodeIDs: [NodeID]
    /// Per node (by position in `nodes`): ascending event positions where the node is
    /// an actor or a target.
    let partyPostings: [[Int32]]
    /// Per node: ascending event positions where the node is an issue.
    let issuePostings: [[Int32]]
    /// The longest span of any event, in days: a range query must look back this far
    /// for events that began before the range and still overlap it.
    let longestEventSpan: Int
    /// Event ids by hash, open addressing: 0 empty, else position + 1.
    let idSlots: [Int32]
    /// The event ids, shared by reference with the relations the store makes.
    let eventIDColumn: EventIDColumn
    /// Running relation totals for cumulative snapshots, built on first use.
    let cumulative = MadeOnce<CumulativeIndex>()

    /// Events in chronological order (see the type's discussion), made on access.
    package var events: EventList {
        EventList(table: table, positions: nil)
    }

    /// Builds the store from a dataset (the events are converted to columns).
    ///
    /// - Precondition: every reference in `dataset` names one of its nodes
    ///   (loaders check this and report it as an input error).
    /// - Complexity: O(n log n) in the number of events.
    public init(_ dataset: consuming Dataset) {
        var builder = EventTableBuilder()
        for node in dataset.nodes { builder.node(node.id) { node } }
        let events = dataset.events
        dataset.events = []
        for event in events { builder.append(event) }
        let (nodes, table) = builder.finish()
        self.init(title: dataset.title, notes: dataset.notes, nodes: nodes, offices: dataset.offices, table: table)
    }

    /// Builds the store from an event table and the nodes its parties refer to (in
    /// the table's node order), as coded-data importers produce them.
    ///
    /// - Complexity: O(n log n) in the number of events; O(n) when they arrive in
    ///   chronological and id order.
    package init(title: String? = nil, notes: [String] = [], nodes unsorted: [Node], offices: [Office],
                table unsortedTable: consuming EventTable) {
        self.title = title
        self.notes = notes
        var table = unsortedTable
        // Nodes in id order, and the table renumbered to match.
        let nodeOrder = unsorted.indices.sorted { unsorted[$0].id < unsorted[$1].id }
        var mapping = [Int32](repeating: 0, count: unsorted.count)
        for (new, old) in nodeOrder.enumerated() { mapping[old] = Int32(new) }
        nodes = nodeOrder.map { unsorted[$0] }
        nodeIDs = nodes.map(\.id)
        table.renumberNodes(mapping, ids: nodeIDs)
        var positions: [NodeID: Int] = [:]
        positions.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() { positions[node.id] = index }
        nodePositions = positions

        // Events: by first day, last day, id.
        let count = table.count
        let ids = table.ids
        let order = ChronologicalOrder.positions(firstDays: table.firstDays, lastDays: table.lastDays, idLess: { ids.less($0, $1) })
        if !order.elementsEqual(0..<count) { table.reorder(order) }

        // Posting lists and the id lookup are independent: one core each.
        let indexed = Mutex<(postings: Postings?, idSlots: [Int32]?)>((nil, nil))
        let finished = table
        let nodeCount = nodes.count
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                let postings = Postings(finished, nodeCount: nodeCount)
                indexed.withLock { $0.postings = postings }
            } else {
                let slots = Self.idSlots(finished)
                indexed.withLock { $0.idSlots = slots }
            }
        }
        let (postings, slots) = indexed.withLock { ($0.postings!, $0.idSlots!) }
        partyPostings = postings.parties
        issuePostings = postings.issues
        longestEventSpan = postings.longestSpan
        idSlots = slots
        eventIDColumn = EventIDColumn(table.ids)
        self.table = table

        self.offices = offices.sorted { lhs, rhs in
            if lhs.from != rhs.from { return lhs.from < rhs.from }
            if lhs.person != rhs.person { return lhs.person < rhs.person }
            return lhs.id < rhs.id
        }
    }

    /// Per node, the ascending positions of the events it is a party to and of those
    /// it is an issue of, and the longest event span in days.
    private struct Postings: Sendable {
        var parties: [[Int32]]
        var issues: [[Int32]]
        var longestSpan = 0

        init(_ table: EventTable, nodeCount: Int) {
            parties = [[Int32]](repeating: [], count: nodeCount)
            issues = [[Int32]](repeating: [], count: nodeCount)
            for event in 0..<table.count {
                longestSpan = max(longestSpan, table.firstDays[event].distance(to: table.lastDays[event]))
                let start = Int(table.partyStarts[event])
                let issueStart = start + Int(table.actorCounts[event]) + Int(table.targetCounts[event])
                for index in start..<Int(table.partyStarts[event + 1]) {
                    let node = Int(table.parties[index])
                    // Post once per event even when a node is both actor and target.
                    if index < issueStart {
                        if parties[node].last != Int32(event) { parties[node].append(Int32(event)) }
                    } else if issues[node].last != Int32(event) {
                        issues[node].append(Int32(event))
                    }
                }
            }
        }
    }

    /// Event ids by hash, open addressing (see `idSlots`).
    private static func idSlots(_ table: EventTable) -> [Int32] {
        var slots = [Int32](repeating: 0, onHugePagesCount: max(16, (table.count * 2).nextPowerOfTwo))
        let mask = slots.count - 1
        for event in 0..<table.count {
            var slot = Int(truncatingIfNeeded: table.ids.hashValue(of: event)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(event + 1)
        }
        return slots
    }

    /// The node with `id`.
    ///
    /// - Complexity: O(1) on average.
    public func node(_ id: NodeID) -> Node? {
        nodePositions[id].map { nodes[$0] }
    }

    /// The position of the event with `id`.
    ///
    /// - Complexity: O(1) on average.
    func eventPosition(_ id: String) -> Int? {
        var text = id
        return text.withUTF8 { buffer in table.ids.lookup(buffer, in: idSlots).index }
    }

    /// The event with `id`.
    ///
    /// - Complexity: O(1) on average.
    public func event(_ id: String) -> Event? {
        eventPosition(id).map { table[$0] }
    }

    /// The number of events `id` takes part in (as actor or target) plus the number
    /// it is an issue of.
    ///
    /// - Complexity: O(1) on average.
    public func eventCount(of id: NodeID) -> Int {
        nodePositions[id].map { partyPostings[$0].count + issuePostings[$0].count } ?? 0
    }
}

extension InMemoryStore {
    /// - Complexity: O(n) for the latest last day.
    public var eventExtent: EventExtent? {
        guard let first = table.firstDays.first else { return nil }
        return EventExtent(count: table.count, first: first, last: table.lastDays.max() ?? first)
    }

    /// The last day the data mentions: the end of the latest event, or the latest
    /// start or end of an office or lifecycle phase.
    ///
    /// - Complexity: O(n + k) over events' ends, offices and phases.
    public var lastDay: Day {
        var last = Day(year: 1970, month: 1, day: 1)
        for day in table.lastDays { last = max(last, day) }
        for office in offices { last = max(last, office.to?.lastDay ?? office.from.firstDay) }
        for node in nodes {
            for phase in node.lifecycle { last = max(last, phase.to?.lastDay ?? phase.from.firstDay) }
        }
        return last
    }
}

extension Int {
    var nextPowerOfTwo: Int {
        var value = 1
        while value < self { value <<= 1 }
        return value
    }
}
