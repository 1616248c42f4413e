/// What changed in the graph between two dates.
public struct GraphDiff: Sendable, Hashable {
    public let before: Snapshot
    public let after: Snapshot
    /// Nodes present at `after` and not at `before`, by id.
    public let nodesAdded: [NodeID]
    /// Nodes present at `before` and not at `after`, by id.
    public let nodesRemoved: [NodeID]
    /// Offices held at `after` and not at `before`, in term order.
    public let officesTaken: [Office]
    /// Offices held at `before` and not at `after`, in term order.
    public let officesLeft: [Office]
    public let relationsAdded: [Relation]
    public let relationsRemoved: [Relation]
    /// Relations present at both dates whose count or mean tone differs.
    public let relationsChanged: [RelationChange]
    public let issueStatusChanges: [IssueStatusChange]
    /// Events that started after `before.day` and on or before `after.day`
    /// (half-open: `(from, to]`), chronological.
    public let eventsBetween: EventList

    public struct RelationChange: Sendable, Hashable {
        public let before: Relation
        public let after: Relation
    }

    public struct IssueStatusChange: Sendable, Hashable {
        public let issue: NodeID
        public let before: String?
        public let after: String?

        public init(issue: NodeID, before: String?, after: String?) {
            self.issue = issue
            self.before = before
            self.after = after
        }
    }

    public var isEmpty: Bool {
        nodesAdded.isEmpty && nodesRemoved.isEmpty && officesTaken.isEmpty && officesLeft.isEmpty
            && relationsAdded.isEmpty && relationsRemoved.isEmpty && relationsChanged.isEmpty
            && issueStatusChanges.isEmpty && eventsBetween.isEmpty
    }
}

extension GraphStore {
    /// Compares the snapshots at `from` and `to` (same window for both).
    ///
    /// Every list is in a deterministic order: node ids, term order for offices, key
    /// order for relations, issue id for statuses, chronology for events.
    ///
    /// - Complexity: that of the two snapshots plus O(r log r) in their relations.
    public func diff(from: Day, to: Day, windowDays: Int? = nil) -> GraphDiff {
        let before = snapshot(at: from, windowDays: windowDays)
        let after = snapshot(at: to, windowDays: windowDays)
        let beforeNodes = Set(before.nodeIDs)
        let afterNodes = Set(after.nodeIDs)
        let beforeOffices = Set(before.offices.map(\.id))
        let afterOffices = Set(after.offices.map(\.id))

        // Both lists are sorted by key: walk them together (packed keys compare as
        // integers in the same order).
        var added: [Relation] = []
        var removed: [Relation] = []
        var changed: [GraphDiff.RelationChange] = []
        var old = before.relations[...]
        var new = after.relations[...]
        func ordered(_ lhs: Relation, _ rhs: Relation) -> Bool {
            if let left = lhs.packedKey, let right = rhs.packedKey { return left < right }
            return lhs.key < rhs.key
        }
        while let first = old.first, let second = new.first {
            if ordered(first, second) {
                removed.append(first)
                old = old.dropFirst()
            } else if ordered(second, first) {
                added.append(second)
                new = new.dropFirst()
            } else {
                if !first.sameStatistics(as: second) { changed.append(.init(before: first, after: second)) }
                old = old.dropFirst()
                new = new.dropFirst()
            }
        }
        removed += old
        added += new

        var statusBefore: [NodeID: String] = [:]
        for entry in before.issueStatuses { statusBefore[entry.issue] = entry.status }
        var statusAfter: [NodeID: String] = [:]
        for entry in after.issueStatuses { statusAfter[entry.issue] = entry.status }
        let issues = Set(statusBefore.keys).union(statusAfter.keys).sorted()
        let statusChanges = issues.compactMap { issue -> GraphDiff.IssueStatusChange? in
            statusBefore[issue] == statusAfter[issue]
                ? nil : .init(issue: issue, before: statusBefore[issue], after: statusAfter[issue])
        }

        let lower = partition(table.count) { eventFirstDays[$0] > from }
        let upper = partition(table.count) { eventFirstDays[$0] > to }
        let between = EventList(table: table, run: lower..<max(lower, upper))

        return GraphDiff(
            before: before, after: after,
            nodesAdded: after.nodeIDs.filter { !beforeNodes.contains($0) },
            nodesRemoved: before.nodeIDs.filter { !afterNodes.contains($0) },
            officesTaken: after.offices.filter { !beforeOffices.contains($0.id) },
            officesLeft: before.offices.filter { !afterOffices.contains($0.id) },
            relationsAdded: added, relationsRemoved: removed, relationsChanged: changed,
            issueStatusChanges: statusChanges, eventsBetween: between)
    }
}
