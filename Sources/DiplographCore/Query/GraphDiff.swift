/// What changed in the graph between two dates: the comparison of the snapshot at
/// `from` with the snapshot at `to`, both with the same window.
///
/// A node, office, relation or issue status is compared by identity (node id, office
/// id, relation key, issue id). A relation *changed* when it is present at both dates
/// with another count or mean tone.
public struct GraphDiff: Sendable {
    /// The earlier date.
    public let from: Day
    /// The later date.
    public let to: Day
    /// The look-back window of both snapshots in days, or nil when cumulative.
    public let windowDays: Int?
    /// Nodes present at `to` and not at `from`, by id.
    public let nodesAdded: [NodeID]
    /// Nodes present at `from` and not at `to`, by id.
    public let nodesRemoved: [NodeID]
    /// Offices held at `to` and not at `from`, in term order.
    public let officesTaken: [Office]
    /// Offices held at `from` and not at `to`, in term order.
    public let officesLeft: [Office]
    /// Relations present at `to` and not at `from`, in key order, as they stand at
    /// `to`.
    public let relationsAdded: DiffRelations
    /// Relations present at `from` and not at `to`, in key order, as they stood at
    /// `from` (only windowed diffs have any: cumulative relations never go away).
    public let relationsRemoved: DiffRelations
    /// Relations present at both dates whose count or mean tone differs, in key order.
    public let relationsChanged: DiffRelationChanges
    /// Issues whose status differs between the dates, by issue id.
    public let issueStatusChanges: [IssueStatusChange]
    /// Events that started after `from` and on or before `to` (half-open:
    /// `(from, to]`), chronological.
    public private(set) var eventsBetween: EventList
    /// Made once when first asked for; copies of the diff share them.
    private(set) var snapshots: MadeOnce<DiffSnapshots>
    /// Makes the snapshots when a diff was computed without them.
    private(set) var makeSnapshots: @Sendable () -> DiffSnapshots

    /// The snapshot at `from` (made on first access, with `after`: a cumulative diff
    /// does not need them whole).
    public var before: Snapshot { pair.before }
    /// The snapshot at `to` (made on first access, with `before`).
    public var after: Snapshot { pair.after }

    private var pair: DiffSnapshots {
        snapshots.get(makeSnapshots)
    }

    /// One relation at both dates.
    public struct RelationChange: Sendable, Hashable {
        /// The relation as it stood at `from`.
        public let before: Relation
        /// The relation as it stands at `to`.
        public let after: Relation

        package init(before: Relation, after: Relation) {
            self.before = before
            self.after = after
        }
    }

    /// An issue's status at both dates.
    public struct IssueStatusChange: Sendable, Hashable {
        /// The issue node.
        public let issue: NodeID
        /// Its status at `from`, or nil when it had none.
        public let before: String?
        /// Its status at `to`, or nil when it has none.
        public let after: String?

        package init(issue: NodeID, before: String?, after: String?) {
            self.issue = issue
            self.before = before
            self.after = after
        }
    }

    /// Whether nothing at all changed, events included.
    public var isEmpty: Bool {
        nodesAdded.isEmpty && nodesRemoved.isEmpty && officesTaken.isEmpty && officesLeft.isEmpty
            && relationsAdded.isEmpty && relationsRemoved.isEmpty && relationsChanged.isEmpty
            && issueStatusChanges.isEmpty && eventsBetween.isEmpty
    }

    /// The diff of two snapshots of one store with the same window: what any store
    /// can compute from its snapshots. `eventsBetween` should hold the events that
    /// started in `(before.day, after.day]`.
    ///
    /// - Complexity: O(n + o + r) in the snapshots' nodes, offices and relations.
    public init(before: Snapshot, after: Snapshot, eventsBetween: EventList) {
        let pair = DiffSnapshots(before: before, after: after)
        let relations = Self.relationChanges(before.relations, after.relations)
        let (beforeNodes, afterNodes) = (Set(before.nodeIDs), Set(after.nodeIDs))
        self.init(from: before.day, to: after.day, windowDays: after.windowDays,
                  nodesAdded: after.nodeIDs.filter { !beforeNodes.contains($0) },
                  nodesRemoved: before.nodeIDs.filter { !afterNodes.contains($0) },
                  offices: (before.offices, after.offices),
                  statuses: (before.issueStatuses, after.issueStatuses),
                  relations: relations, eventsBetween: eventsBetween, snapshots: MadeOnce(pair)) { pair }
    }

    init(from: Day, to: Day, windowDays: Int?, nodesAdded: [NodeID], nodesRemoved: [NodeID],
         offices: (before: [Office], after: [Office]),
         statuses: (before: [Snapshot.IssueStatus], after: [Snapshot.IssueStatus]),
         relations: (added: DiffRelations, removed: DiffRelations, changed: DiffRelationChanges),
         eventsBetween: EventList, snapshots: MadeOnce<DiffSnapshots>,
         makeSnapshots: @escaping @Sendable () -> DiffSnapshots) {
        self.from = from
        self.to = to
        self.windowDays = windowDays
        self.nodesAdded = nodesAdded
        self.nodesRemoved = nodesRemoved
        let beforeOffices = Set(offices.before.map(\.id))
        let afterOffices = Set(offices.after.map(\.id))
        officesTaken = offices.after.filter { !beforeOffices.contains($0.id) }
        officesLeft = offices.before.filter { !afterOffices.contains($0.id) }
        let statusBefore = Dictionary(uniqueKeysWithValues: statuses.before.map { ($0.issue, $0.status) })
        let statusAfter = Dictionary(uniqueKeysWithValues: statuses.after.map { ($0.issue, $0.status) })
        issueStatusChanges = Set(statusBefore.keys).union(statusAfter.keys).sorted().compactMap { issue in
            statusBefore[issue] == statusAfter[issue]
                ? nil : IssueStatusChange(issue: issue, before: statusBefore[issue], after: statusAfter[issue])
        }
        relationsAdded = relations.added
        relationsRemoved = relations.removed
        relationsChanged = relations.changed
        self.eventsBetween = eventsBetween
        self.snapshots = snapshots
        self.makeSnapshots = makeSnapshots
    }

    /// The same comparison with its snapshots made by `make` when asked for: for a
    /// store that compared lighter snapshots (events without their sources, say) and
    /// makes the real ones only if someone reads `before` or `after`.
    package func withSnapshots(made make: @escaping @Sendable () -> (before: Snapshot, after: Snapshot)) -> GraphDiff {
        var diff = self
        diff.snapshots = MadeOnce()
        diff.makeSnapshots = {
            let made = make()
            return DiffSnapshots(before: made.before, after: made.after)
        }
        return diff
    }

    /// The same comparison with other events between the dates: for a store that
    /// compared lighter events (no titles or sources) and lists its own.
    package func with(eventsBetween events: EventList) -> GraphDiff {
        var diff = self
        diff.eventsBetween = events
        return diff
    }

    /// Two relation lists in key order, walked together.
    static func relationChanges(_ old: [Relation], _ new: [Relation])
        -> (added: DiffRelations, removed: DiffRelations, changed: DiffRelationChanges) {
        var added: [Relation] = []
        var removed: [Relation] = []
        var changed: [RelationChange] = []
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
        return (DiffRelations(added + newRest), DiffRelations(removed + oldRest), DiffRelationChanges(changed))
    }
}

/// A diff's two snapshots.
struct DiffSnapshots: Sendable {
    let before: Snapshot
    let after: Snapshot
}

extension InMemoryStore {
    /// Compares the graph at `from` and at `to` (same window for both).
    ///
    /// Every list is in a deterministic order: node ids, term order for offices, key
    /// order for relations, issue id for statuses, chronology for events.
    ///
    /// - Complexity: cumulative (no window): O(k log k + n + o) for the k events in
    ///   `(from, to]`, n nodes and o offices, from the running totals; windowed: that of
    ///   the two snapshots plus O(r) in their relations.
    public func diff(from: Day, to: Day, windowDays: Int?) -> GraphDiff {
        let lower = partition(table.count) { eventFirstDays[$0] > from }
        let upper = max(lower, partition(table.count) { eventFirstDays[$0] > to })
        let between = EventList(table: table, run: lower..<upper)
        if let windowDays {
            return GraphDiff(before: snapshot(at: from, windowDays: windowDays),
                             after: snapshot(at: to, windowDays: windowDays), eventsBetween: between)
        }
        // Cumulative totals only grow: a relation changes exactly when an event in
        // `(from, to]` counts in it (its count grows), so only those relations are
        // read; it is new when none of its events started on or before `from`.
        let index = cumulative.get { CumulativeIndex(store: self) }
        let spans = index.relationSpans(ofEvents: lower..<upper)
        let relations = (added: DiffRelations(index: index, spans: spans.filter { $0.before == 0 }),
                         removed: DiffRelations([]),
                         changed: DiffRelationChanges(index: index, spans: spans.filter { $0.before > 0 }))
        let offices = (before: offices(heldOn: from), after: offices(heldOn: to))
        let statuses = (before: issueStatuses(on: from), after: issueStatuses(on: to))
        // A node is an end of some relation from the first day of its earliest
        // relation on.
        func present(on day: Day, _ offices: [Office], _ statuses: [Snapshot.IssueStatus]) -> [Bool] {
            presence(offices: offices, statuses: statuses) { present in
                for position in nodes.indices where index.nodeFirstDays[position] <= day { present[position] = true }
            }
        }
        let before = present(on: from, offices.before, statuses.before)
        let after = present(on: to, offices.after, statuses.after)
        let store = self
        return GraphDiff(from: from, to: to, windowDays: nil,
                         nodesAdded: nodes.indices.filter { after[$0] && !before[$0] }.map { nodes[$0].id },
                         nodesRemoved: nodes.indices.filter { before[$0] && !after[$0] }.map { nodes[$0].id },
                         offices: offices, statuses: statuses, relations: relations, eventsBetween: between,
                         snapshots: MadeOnce()) {
            DiffSnapshots(before: store.snapshot(at: from, windowDays: nil), after: store.snapshot(at: to, windowDays: nil))
        }
    }
}
