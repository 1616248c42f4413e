extension Snapshot {
    /// The ego network of `center`: nodes within `depth` relation hops of it (either
    /// direction), the relations among them, and the offices and issue statuses of the
    /// nodes kept. A person's office keeps its state or organization in the picture.
    ///
    /// - Complexity: O(depth · r) for r relations.
    package func focused(on center: NodeID, depth: Int) -> Snapshot {
        var reached: Set<NodeID> = [center]
        var frontier: Set<NodeID> = [center]
        for _ in 0..<max(0, depth) {
            var next = Set<NodeID>()
            for relation in relations {
                let (source, target) = (relation.key.source, relation.key.target)
                if frontier.contains(source), !reached.contains(target) { next.insert(target) }
                if frontier.contains(target), !reached.contains(source) { next.insert(source) }
            }
            if next.isEmpty { break }
            reached.formUnion(next)
            frontier = next
        }
        let keptRelations = relations.filter { reached.contains($0.key.source) && reached.contains($0.key.target) }
        let keptOffices = offices.filter { reached.contains($0.person) }
        var present = reached.intersection(nodeIDs)
        for office in keptOffices { present.insert(office.organization) }
        let keptEvents = events.filter { event in event.parties.contains(where: reached.contains) }
        return Snapshot(day: day, windowDays: windowDays, eventDays: eventDays, offices: keptOffices,
                        issueStatuses: issueStatuses.filter { present.contains($0.issue) },
                        events: keptEvents, relations: keptRelations, nodeIDs: present.sorted())
    }
}
