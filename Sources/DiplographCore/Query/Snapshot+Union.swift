extension Snapshot {
    /// Every node, office, issue status and relation of several snapshots: what a
    /// series of diagrams lays out once, so that each frame keeps every node where
    /// the union put it. Where snapshots disagree, the later one wins. The day and
    /// window are the last snapshot's.
    ///
    /// - Complexity: O(s · (n + r) log r) for s snapshots.
    package static func union(_ snapshots: [Snapshot]) -> Snapshot? {
        guard let last = snapshots.last else { return nil }
        var relations: [RelationKey: Relation] = [:]
        var offices: [String: Office] = [:]
        var statuses: [NodeID: IssueStatus] = [:]
        var nodes = Set<NodeID>()
        for snapshot in snapshots {
            for relation in snapshot.relations { relations[relation.key] = relation }
            for office in snapshot.offices { offices[office.id] = office }
            for status in snapshot.issueStatuses { statuses[status.issue] = status }
            nodes.formUnion(snapshot.nodeIDs)
        }
        return Snapshot(day: last.day, windowDays: last.windowDays, eventDays: last.eventDays,
                        offices: offices.values.sorted { ($0.from, $0.id) < ($1.from, $1.id) },
                        issueStatuses: statuses.values.sorted { $0.issue < $1.issue }, events: last.events,
                        relations: relations.values.sorted { $0.key < $1.key }, nodeIDs: nodes.sorted())
    }
}
