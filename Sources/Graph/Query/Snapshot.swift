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

    public struct IssueStatus: Sendable, Hashable {
        public let issue: NodeID
        public let status: String

        public init(issue: NodeID, status: String) {
            self.issue = issue
            self.status = status
        }
    }
}

extension GraphStore {
    /// The graph as it stood on `day`.
    ///
    /// - Parameters:
    ///   - day: the snapshot date. An event counts if it *started* on or before `day`
    ///     (a month-precision event counts on any day of its month).
    ///   - windowDays: when given, only events whose span reaches into the closed
    ///     window `[day − windowDays, day]` count; nil counts every earlier event.
    /// - Complexity: O(log n + k + r log r) for k events in the window and r relations.
    public func snapshot(at day: Day, windowDays: Int? = nil) -> Snapshot {
        let window = windowDays.map { DayInterval(first: day.adding(days: -max(0, $0)), last: day) }
        let positions: ArraySlice<Int32>
        if let window {
            positions = timelinePositions(TimelineQuery(range: window))
        } else {
            let end = partition(table.count) { eventFirstDays[$0] > day }
            positions = ArraySlice(0..<Int32(end))
        }
        let inWindow = EventList(table: table, positions: positions)
        let relations = relations(at: positions)
        let held = offices(heldOn: day)
        let statuses = nodes.compactMap { node -> Snapshot.IssueStatus? in
            guard node.kind == .issue, let status = node.status(on: day) else { return nil }
            return Snapshot.IssueStatus(issue: node.id, status: status)
        }
        var present = Set<NodeID>()
        for office in held {
            present.insert(office.person)
            present.insert(office.organization)
        }
        for status in statuses { present.insert(status.issue) }
        for relation in relations {
            present.insert(relation.key.source)
            present.insert(relation.key.target)
        }
        return Snapshot(day: day, windowDays: windowDays, eventDays: window, offices: held,
                        issueStatuses: statuses, events: inWindow, relations: relations,
                        nodeIDs: present.sorted())
    }
}
