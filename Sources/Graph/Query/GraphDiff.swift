/// What changed in the graph between two dates.
public struct GraphDiff: Sendable {
    /// The earlier and later dates, and the look-back window of both snapshots (nil:
    /// cumulative).
    public let from: Day
    public let to: Day
    public let windowDays: Int?
    /// Nodes present at `to` and not at `from`, by id.
    public let nodesAdded: [NodeID]
    /// Nodes present at `from` and not at `to`, by id.
    public let nodesRemoved: [NodeID]
    /// Offices held at `to` and not at `from`, in term order.
    public let officesTaken: [Office]
    /// Offices held at `from` and not at `to`, in term order.
    public let officesLeft: [Office]
    public let relationsAdded: [Relation]
    public let relationsRemoved: [Relation]
    /// Relations present at both dates whose count or mean tone differs.
    public let relationsChanged: [RelationChange]
    public let issueStatusChanges: [IssueStatusChange]
    /// Events that started after `from` and on or before `to` (half-open:
    /// `(from, to]`), chronological.
    public let eventsBetween: EventList
    let store: GraphStore

    /// The snapshot at `from` (made on access: a diff does not need it whole).
    public var before: Snapshot { store.snapshot(at: from, windowDays: windowDays) }
    /// The snapshot at `to` (made on access).
    public var after: Snapshot { store.snapshot(at: to, windowDays: windowDays) }

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
    /// Compares the graph at `from` and at `to` (same window for both).
    ///
    /// Every list is in a deterministic order: node ids, term order for offices, key
    /// order for relations, issue id for statuses, chronology for events.
    ///
    /// - Complexity: cumulative (no window): O(k log k + n + o) for the k events in
    ///   `(from, to]`, n nodes and o offices, from the running totals; windowed: that of
    ///   the two snapshots plus O(r) in their relations.
    public func diff(from: Day, to: Day, windowDays: Int? = nil) -> GraphDiff {
        let lower = partition(table.count) { eventFirstDays[$0] > from }
        let upper = max(lower, partition(table.count) { eventFirstDays[$0] > to })
        let between = EventList(table: table, run: lower..<upper)
        let relations = windowDays == nil
            ? cumulativeRelationChanges(from: from, to: to, events: lower..<upper)
            : windowedRelationChanges(from: from, to: to, windowDays: windowDays!)
        let offices = (before: offices(heldOn: from), after: offices(heldOn: to))
        let statuses = (before: issueStatuses(on: from), after: issueStatuses(on: to))
        let present = (before: presentNodes(on: from, windowDays: windowDays, offices: offices.before, statuses: statuses.before,
                                            relations: relations.before),
                       after: presentNodes(on: to, windowDays: windowDays, offices: offices.after, statuses: statuses.after,
                                           relations: relations.after))
        let beforeOffices = Set(offices.before.map(\.id))
        let afterOffices = Set(offices.after.map(\.id))
        let issues = Set(statuses.before.keys).union(statuses.after.keys).sorted()
        let statusChanges = issues.compactMap { issue -> GraphDiff.IssueStatusChange? in
            statuses.before[issue] == statuses.after[issue]
                ? nil : .init(issue: issue, before: statuses.before[issue], after: statuses.after[issue])
        }
        return GraphDiff(
            from: from, to: to, windowDays: windowDays,
            nodesAdded: nodes.indices.filter { present.after[$0] && !present.before[$0] }.map { nodes[$0].id },
            nodesRemoved: nodes.indices.filter { present.before[$0] && !present.after[$0] }.map { nodes[$0].id },
            officesTaken: offices.after.filter { !beforeOffices.contains($0.id) },
            officesLeft: offices.before.filter { !afterOffices.contains($0.id) },
            relationsAdded: relations.added, relationsRemoved: relations.removed, relationsChanged: relations.changed,
            issueStatusChanges: statusChanges, eventsBetween: between, store: self)
    }

    private struct RelationChanges {
        var added: [Relation] = []
        var removed: [Relation] = []
        var changed: [GraphDiff.RelationChange] = []
        /// Windowed diffs: every relation of each snapshot; nil for cumulative diffs,
        /// whose node presence comes from `CumulativeIndex.nodeFirstDays`.
        var before: [Relation]?
        var after: [Relation]?
    }

    /// Cumulative totals only grow: a relation changes exactly when an event in
    /// `(from, to]` counts in it, so only those relations are read.
    private func cumulativeRelationChanges(from: Day, to: Day, events: Range<Int>) -> RelationChanges {
        let index = cumulative.get { CumulativeIndex(store: self) }
        var changes = RelationChanges()
        let touched = index.relationCounts(ofEvents: events)
        changes.changed.reserveCapacity(touched.count)
        for (relation, between) in touched {
            // Events are in first-day order, so those in (from, to] directly follow
            // the ones up to `from`: one search per relation, not two.
            let before = index.memberCount(relation, on: from)
            guard let after = index.relation(relation, members: before + between) else { continue }
            if let earlier = index.relation(relation, members: before) {
                if !earlier.sameStatistics(as: after) { changes.changed.append(.init(before: earlier, after: after)) }
            } else {
                changes.added.append(after)
            }
        }
        return changes
    }

    /// Both windowed snapshots' relations, walked together in key order.
    private func windowedRelationChanges(from: Day, to: Day, windowDays: Int) -> RelationChanges {
        let old = snapshot(at: from, windowDays: windowDays).relations
        let new = snapshot(at: to, windowDays: windowDays).relations
        var changes = RelationChanges(before: old, after: new)
        var oldRest = old[...]
        var newRest = new[...]
        func ordered(_ lhs: Relation, _ rhs: Relation) -> Bool {
            if let left = lhs.packedKey, let right = rhs.packedKey { return left < right }
            return lhs.key < rhs.key
        }
        while let first = oldRest.first, let second = newRest.first {
            if ordered(first, second) {
                changes.removed.append(first)
                oldRest = oldRest.dropFirst()
            } else if ordered(second, first) {
                changes.added.append(second)
                newRest = newRest.dropFirst()
            } else {
                if !first.sameStatistics(as: second) { changes.changed.append(.init(before: first, after: second)) }
                oldRest = oldRest.dropFirst()
                newRest = newRest.dropFirst()
            }
        }
        changes.removed += oldRest
        changes.added += newRest
        return changes
    }

    /// Each issue's status on `day`, for issues that have one.
    private func issueStatuses(on day: Day) -> [NodeID: String] {
        var result: [NodeID: String] = [:]
        for node in nodes where node.kind == .issue {
            if let status = node.status(on: day) { result[node.id] = status }
        }
        return result
    }

    /// Per node position, whether the snapshot on `day` holds the node (the same rule
    /// as `snapshot(at:windowDays:)`: an office, a status, or a relation).
    private func presentNodes(on day: Day, windowDays: Int?, offices: [Office], statuses: [NodeID: String],
                              relations: [Relation]?) -> [Bool] {
        var present = [Bool](repeating: false, count: nodes.count)
        for office in offices {
            if let position = nodePositions[office.person] { present[position] = true }
            if let position = nodePositions[office.organization] { present[position] = true }
        }
        for issue in statuses.keys {
            if let position = nodePositions[issue] { present[position] = true }
        }
        if let relations {
            for relation in relations { forEachEndpoint(of: relation) { present[$0] = true } }
        } else {
            let index = cumulative.get { CumulativeIndex(store: self) }
            for position in nodes.indices where index.nodeFirstDays[position] <= day { present[position] = true }
        }
        return present
    }
}
