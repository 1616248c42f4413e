extension Snapshot {
    /// Keeps the `count` strongest relations: most events first, then the larger
    /// absolute mean tone, then key order. Nodes left without a relation drop out,
    /// except issues that have a status and the states or organizations of kept
    /// office holders.
    ///
    /// - Complexity: O(r log r) for r relations.
    package func strongest(_ count: Int) -> Snapshot {
        guard count < relations.count else { return self }
        return keeping(ranked(Array(relations)).prefix(max(0, count)))
    }

    /// Keeps the relations with at least `minimum` events (same rules for nodes as
    /// `strongest`).
    ///
    /// - Complexity: O(r log r).
    package func withAtLeast(_ minimum: Int) -> Snapshot {
        keeping(relations.filter { $0.count >= minimum })
    }

    private func ranked(_ relations: [Relation]) -> [Relation] {
        relations.sorted { lhs, rhs in
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            let lhsTone = abs(lhs.meanTone ?? 0)
            let rhsTone = abs(rhs.meanTone ?? 0)
            if lhsTone != rhsTone { return lhsTone > rhsTone }
            return lhs.key < rhs.key
        }
    }

    private func keeping(_ chosen: some Sequence<Relation>) -> Snapshot {
        let kept = Array(chosen).sorted { $0.key < $1.key }
        var present = Set<NodeID>()
        for relation in kept {
            present.insert(relation.key.source)
            present.insert(relation.key.target)
        }
        let keptOffices = offices.filter { present.contains($0.person) }
        for office in keptOffices { present.insert(office.organization) }
        for status in issueStatuses { present.insert(status.issue) }
        let ids = Set(kept.flatMap(\.eventIDs))
        return Snapshot(day: day, windowDays: windowDays, eventDays: eventDays, offices: keptOffices,
                        issueStatuses: issueStatuses, events: events.keeping(ids: ids),
                        relations: kept, nodeIDs: present.sorted())
    }
}
