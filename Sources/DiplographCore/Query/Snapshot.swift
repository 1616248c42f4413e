/// The graph in force at a date: offices held, issue statuses, and the relations of
/// the events in a look-back window (or of every event so far).
public struct Snapshot: Sendable, Hashable {
    /// The day the snapshot describes.
    public let day: Day
    /// Look-back window in days, or nil for cumulative.
    public let windowDays: Int?
    /// The closed interval of days whose events count: `[day − windowDays, day]`, or
    /// everything up to and including `day` when cumulative.
    public let eventDays: DayInterval?
    /// Offices held on `day`, in term order.
    public let offices: [Office]
    /// Each issue node that has a status on `day`, sorted by issue id.
    public let issueStatuses: [IssueStatus]
    /// The events that count, chronological.
    public let events: EventList
    /// Their pairwise relations, sorted by key.
    public let relations: [Relation]
    /// Every node present: office holders and their organizations, issues with a
    /// status, and the ends of every relation. Sorted by id.
    public let nodeIDs: [NodeID]

    /// An issue's status on the snapshot's day.
    public struct IssueStatus: Sendable, Hashable {
        /// The issue node.
        public let issue: NodeID
        /// The status of the phase in force (`active`, `ended`, …).
        public let status: String

        /// An issue's status.
        public init(issue: NodeID, status: String) {
            self.issue = issue
            self.status = status
        }
    }
}

extension Snapshot {
    /// A snapshot as a store computed it; `eventDays` follows from `day` and
    /// `windowDays`. The lists must be in the documented orders.
    public init(day: Day, windowDays: Int?, offices: [Office], issueStatuses: [IssueStatus], events: EventList,
                relations: [Relation], nodeIDs: [NodeID]) {
        self.init(day: day, windowDays: windowDays,
                  eventDays: windowDays.map { DayInterval(first: day.adding(days: -max(0, $0)), last: day) },
                  offices: offices, issueStatuses: issueStatuses, events: events, relations: relations, nodeIDs: nodeIDs)
    }
}

extension Snapshot {
    /// The snapshot on `day` of a store that has found the events that count (see
    /// `EventStore.snapshot(at:windowDays:)`): their relations, the offices held on
    /// `day`, the issues' statuses and the nodes present, by the same rules as
    /// `InMemoryStore`. For stores that select events in their own way and leave the
    /// projection to the model.
    ///
    /// - Parameters:
    ///   - day: the snapshot's day.
    ///   - windowDays: its look-back window, or nil when cumulative.
    ///   - events: the counted events, chronological.
    ///   - nodes: every node, in id order.
    ///   - offices: every office, in term order.
    /// - Complexity: O(e·p² + r log r + n + o).
    public init(day: Day, windowDays: Int?, counting events: [Event], nodes: [Node], offices: [Office]) {
        let relations = aggregateRelations(events)
        let held = offices.filter { $0.isHeld(on: day) }
        let statuses = nodes.compactMap { node in
            node.kind == .issue ? node.status(on: day).map { IssueStatus(issue: node.id, status: $0) } : nil
        }
        var present = Set(statuses.map(\.issue))
        for office in held { present.formUnion([office.person, office.organization]) }
        for relation in relations { present.formUnion([relation.key.source, relation.key.target]) }
        self.init(day: day, windowDays: windowDays, offices: held, issueStatuses: statuses, events: EventList(events),
                  relations: relations, nodeIDs: nodes.map(\.id).filter(present.contains))
    }
}

extension InMemoryStore {
    /// The graph as it stood on `day`.
    ///
    /// - Parameters:
    ///   - day: the snapshot date. An event counts if it *started* on or before `day`
    ///     (a month-precision event counts on any day of its month).
    ///   - windowDays: when given, only events whose span reaches into the closed
    ///     window `[day − windowDays, day]` count; nil counts every earlier event.
    /// - Complexity: O(log n + k + r log r) for k events in the window and r relations.
    public func snapshot(at day: Day, windowDays: Int?) -> Snapshot {
        let window = windowDays.map { DayInterval(first: day.adding(days: -max(0, $0)), last: day) }
        let inWindow: EventList
        let relations: [Relation]
        if let window {
            let positions = timelinePositions(TimelineQuery(range: window))
            inWindow = EventList(table: table, positions: positions)
            relations = self.relations(at: positions)
        } else {
            inWindow = EventList(table: table, run: 0..<partition(table.count) { eventFirstDays[$0] > day })
            relations = cumulative.get { CumulativeIndex(store: self) }.relations(on: day)
        }
        let held = offices(heldOn: day)
        let statuses = issueStatuses(on: day)
        let present = presence(offices: held, statuses: statuses) { present in
            for relation in relations { forEachEndpoint(of: relation) { present[$0] = true } }
        }
        return Snapshot(day: day, windowDays: windowDays, eventDays: window, offices: held,
                        issueStatuses: statuses, events: inWindow, relations: relations,
                        nodeIDs: nodes.indices.filter { present[$0] }.map { nodes[$0].id })
    }
}

extension InMemoryStore {
    /// Each issue's status on `day`, for the issues that have one, in id order.
    func issueStatuses(on day: Day) -> [Snapshot.IssueStatus] {
        nodes.compactMap { node in
            guard node.kind == .issue, let status = node.status(on: day) else { return nil }
            return Snapshot.IssueStatus(issue: node.id, status: status)
        }
    }

    /// Per node position, whether a snapshot holds the node: it holds an office or
    /// has the office's organization, is an issue with a status, or is an end of a
    /// relation (flagged by `relationEnds`). Positions follow id order, so the flags
    /// read out sorted.
    func presence(offices: [Office], statuses: [Snapshot.IssueStatus], relationEnds: (inout [Bool]) -> Void) -> [Bool] {
        var present = [Bool](repeating: false, count: nodes.count)
        func mark(_ id: NodeID) {
            if let position = nodePositions[id] { present[position] = true }
        }
        for office in offices {
            mark(office.person)
            mark(office.organization)
        }
        for status in statuses { mark(status.issue) }
        relationEnds(&present)
        return present
    }

    /// Calls `body` with the node position at each end of `relation`.
    @inline(__always)
    func forEachEndpoint(of relation: Relation, _ body: (Int) -> Void) {
        if let packed = relation.packedKey {
            body(Int(packed >> 37))
            body(Int((packed >> 11) & 0x3FF_FFFF))
        } else {
            if let source = nodePositions[relation.key.source] { body(source) }
            if let target = nodePositions[relation.key.target] { body(target) }
        }
    }
}
