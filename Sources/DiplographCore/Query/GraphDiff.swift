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
    public let relationsAdded: DiffRelations
    public let relationsRemoved: DiffRelations
    /// Relations present at both dates whose count or mean tone differs.
    public let relationsChanged: DiffRelationChanges
    public let issueStatusChanges: [IssueStatusChange]
    /// Events that started after `from` and on or before `to` (half-open:
    /// `(from, to]`), chronological.
    public let eventsBetween: EventList
    let store: GraphStore
    /// Made once when first asked for; copies of the diff share them.
    let snapshots: MadeOnce<DiffSnapshots>

    /// The snapshot at `from` (made on first access, with `after`: a cumulative diff
    /// does not need them whole).
    public var before: Snapshot { pair.before }
    /// The snapshot at `to` (made on first access, with `before`).
    public var after: Snapshot { pair.after }

    private var pair: DiffSnapshots {
        snapshots.get {
            DiffSnapshots(before: store.snapshot(at: from, windowDays: windowDays),
                          after: store.snapshot(at: to, windowDays: windowDays))
        }
    }

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

/// A diff's two snapshots.
struct DiffSnapshots: Sendable {
    let before: Snapshot
    let after: Snapshot
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
        let nodeChanges: (added: [NodeID], removed: [NodeID])
        if let snapshots = relations.snapshots {
            let (before, after) = (Set(snapshots.before.nodeIDs), Set(snapshots.after.nodeIDs))
            nodeChanges = (snapshots.after.nodeIDs.filter { !before.contains($0) },
                           snapshots.before.nodeIDs.filter { !after.contains($0) })
        } else {
            // Cumulative: a node is an end of some relation from the first day of its
            // earliest relation on.
            let index = cumulative.get { CumulativeIndex(store: self) }
            func present(on day: Day, _ offices: [Office], _ statuses: [Snapshot.IssueStatus]) -> [Bool] {
                presence(offices: offices, statuses: statuses) { present in
                    for position in nodes.indices where index.nodeFirstDays[position] <= day { present[position] = true }
                }
            }
            let before = present(on: from, offices.before, statuses.before)
            let after = present(on: to, offices.after, statuses.after)
            nodeChanges = (nodes.indices.filter { after[$0] && !before[$0] }.map { nodes[$0].id },
                           nodes.indices.filter { before[$0] && !after[$0] }.map { nodes[$0].id })
        }
        let beforeOffices = Set(offices.before.map(\.id))
        let afterOffices = Set(offices.after.map(\.id))
        let statusBefore = Dictionary(uniqueKeysWithValues: statuses.before.map { ($0.issue, $0.status) })
        let statusAfter = Dictionary(uniqueKeysWithValues: statuses.after.map { ($0.issue, $0.status) })
        let issues = Set(statusBefore.keys).union(statusAfter.keys).sorted()
        let statusChanges = issues.compactMap { issue -> GraphDiff.IssueStatusChange? in
            statusBefore[issue] == statusAfter[issue]
                ? nil : .init(issue: issue, before: statusBefore[issue], after: statusAfter[issue])
        }
        return GraphDiff(
            from: from, to: to, windowDays: windowDays,
            nodesAdded: nodeChanges.added, nodesRemoved: nodeChanges.removed,
            officesTaken: offices.after.filter { !beforeOffices.contains($0.id) },
            officesLeft: offices.before.filter { !afterOffices.contains($0.id) },
            relationsAdded: relations.added, relationsRemoved: relations.removed, relationsChanged: relations.changed,
            issueStatusChanges: statusChanges, eventsBetween: between, store: self,
            snapshots: MadeOnce(relations.snapshots))
    }

    private struct RelationChanges {
        var added: DiffRelations
        var removed: DiffRelations
        var changed: DiffRelationChanges
        /// Windowed diffs: the two snapshots they compared (kept for the diff); nil
        /// for cumulative diffs, which do not make them.
        var snapshots: DiffSnapshots?
    }

    /// Cumulative totals only grow: a relation changes exactly when an event in
    /// `(from, to]` counts in it (its count grows), so only those relations are read;
    /// it is new when none of its events started on or before `from`.
    private func cumulativeRelationChanges(from: Day, to: Day, events: Range<Int>) -> RelationChanges {
        let index = cumulative.get { CumulativeIndex(store: self) }
        let spans = index.relationSpans(ofEvents: events)
        return RelationChanges(added: DiffRelations(index: index, spans: spans.filter { $0.before == 0 }),
                               removed: DiffRelations([]),
                               changed: DiffRelationChanges(index: index, spans: spans.filter { $0.before > 0 }))
    }

    /// Both windowed snapshots' relations, walked together in key order.
    private func windowedRelationChanges(from: Day, to: Day, windowDays: Int) -> RelationChanges {
        let snapshots = DiffSnapshots(before: snapshot(at: from, windowDays: windowDays),
                                      after: snapshot(at: to, windowDays: windowDays))
        let (old, new) = (snapshots.before.relations, snapshots.after.relations)
        var added: [Relation] = []
        var removed: [Relation] = []
        var changed: [GraphDiff.RelationChange] = []
        var oldRest = old[...]
        var newRest = new[...]
        func ordered(_ lhs: Relation, _ rhs: Relation) -> Bool {
            if let left = lhs.packedKey, let right = rhs.packedKey { return left < right }
            return lhs.key < rhs.key
        }
        while let first = oldRest.first, let second = newRest.first {
            if ordered(first, second) {
                removed.append(first)
                oldRest = oldRest.dropFirst()
            } else if ordered(second, first) {
                added.append(second)
                newRest = newRest.dropFirst()
            } else {
                if !first.sameStatistics(as: second) { changed.append(.init(before: first, after: second)) }
                oldRest = oldRest.dropFirst()
                newRest = newRest.dropFirst()
            }
        }
        return RelationChanges(added: DiffRelations(added + newRest), removed: DiffRelations(removed + oldRest),
                               changed: DiffRelationChanges(changed), snapshots: snapshots)
    }
}
