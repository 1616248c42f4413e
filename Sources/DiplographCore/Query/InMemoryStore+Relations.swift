extension InMemoryStore {
    /// Aggregates the events at `positions` into relations, sorted by key: the same
    /// projection as `Event.relationKeys` and `aggregateRelations`, computed on node
    /// positions (integers) instead of id strings.
    ///
    /// - Complexity: O(e·p²) for e events of at most p parties, plus O(r log r) for r
    ///   relations.
    func relations(at positions: some Sequence<Int32>) -> [Relation] {
        // Columns as locals: read once, not retained and released per event.
        let tones = table.tones
        let firstDays = table.firstDays
        let lastDays = table.lastDays
        let kinds = table.kinds
        let stances = table.stances
        let parties = table.parties
        let partyStarts = table.partyStarts
        let actorCounts = table.actorCounts
        let targetCounts = table.targetCounts
        var slots = PackedKeyTable(capacity: 1024)
        var keys: [UInt64] = []
        var toneSums: [Double] = []
        var toneCounts: [Int] = []
        var firsts: [Day] = []
        var lasts: [Day] = []
        var memberSlots: [Int32] = []
        var memberPositions: [Int32] = []
        var eventKeys: [UInt64] = []
        for position in positions {
            let index = Int(position)
            let tone = tones[index]
            let firstDay = firstDays[index]
            let lastDay = lastDays[index]
            eventKeys.removeAll(keepingCapacity: true)
            let start = Int(partyStarts[index])
            let actorEnd = start + Int(actorCounts[index])
            let targetEnd = actorEnd + Int(targetCounts[index])
            project(parties[start..<Int(partyStarts[index + 1])], actorEnd: actorEnd, targetEnd: targetEnd,
                    kind: kinds[index], stance: stances[index], into: &eventKeys)
            for key in eventKeys {
                let (found, inserted) = slots.valueOrInsert(key, 0, 0, Int32(keys.count))
                let slot = Int(found)
                if inserted {
                    keys.append(key)
                    toneSums.append(0)
                    toneCounts.append(0)
                    firsts.append(firstDay)
                    lasts.append(lastDay)
                } else {
                    firsts[slot] = min(firsts[slot], firstDay)
                    lasts[slot] = max(lasts[slot], lastDay)
                }
                if !tone.isNaN {
                    toneSums[slot] += tone
                    toneCounts[slot] += 1
                }
                memberSlots.append(found)
                memberPositions.append(position)
            }
        }
        // Each relation's events as one slice of a shared array (counting sort by slot,
        // stable, so each slice stays chronological).
        var starts = [Int](repeating: 0, count: keys.count + 1)
        for slot in memberSlots { starts[Int(slot) + 1] += 1 }
        for slot in 0..<keys.count { starts[slot + 1] += starts[slot] }
        var next = starts
        var members = [Int32](repeating: 0, count: memberPositions.count)
        for (slot, position) in zip(memberSlots, memberPositions) {
            members[next[Int(slot)]] = position
            next[Int(slot)] += 1
        }
        // The packing orders keys as `RelationKey` does (see `pack`): sort integers.
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        let events = RelationEvents(positions: members, ids: eventIDColumn, nodeIDs: nodeIDs)
        return order.map { slot in
            Relation(packedKey: keys[slot], events: events,
                     range: Int32(starts[slot])..<Int32(starts[slot + 1]), first: firsts[slot], last: lasts[slot],
                     toneSum: toneSums[slot], toneCount: toneCounts[slot])
        }
    }

    private func pack(_ source: Int32, _ target: Int32, _ kind: RelationKind, _ stance: Stance?) -> UInt64 {
        RelationEvents.pack(source, target, kind, stance)
    }

    /// `Event.relationKeys`, on node positions: `parties` holds the event's actors
    /// (up to `actorEnd`), targets (up to `targetEnd`), then issues.
    private func project(_ parties: ArraySlice<Int32>, actorEnd: Int, targetEnd: Int, kind: EventKind, stance: Stance?,
                         into keys: inout [UInt64]) {
        let start = parties.startIndex
        let end = parties.endIndex
        func append(_ key: UInt64) {
            if !keys.contains(key) { keys.append(key) }
        }
        switch kind {
        case .meeting, .agreement:
            let relation: RelationKind = kind == .meeting ? .met : .agreed
            var unique: [Int32] = []
            for party in parties[start..<targetEnd] where !unique.contains(party) { unique.append(party) }
            for (offset, first) in unique.enumerated() {
                for second in unique[(offset + 1)...] {
                    append(pack(min(first, second), max(first, second), relation, nil))
                }
            }
        case .statement:
            let toward = targetEnd > actorEnd ? parties[actorEnd..<targetEnd] : parties[targetEnd..<end]
            for speaker in parties[start..<actorEnd] {
                for addressee in toward where addressee != speaker {
                    append(pack(speaker, addressee, .stated, stance))
                }
            }
        case .event:
            let actors = parties[start..<actorEnd]
            if targetEnd == actorEnd {
                for (offset, first) in actors.enumerated() {
                    for second in actors.dropFirst(offset + 1) where second != first {
                        append(pack(first, second, .acted, nil))
                    }
                }
            } else {
                for actor in actors {
                    for target in parties[actorEnd..<targetEnd] where target != actor {
                        append(pack(actor, target, .acted, nil))
                    }
                }
            }
        }
        if !(kind == .statement && targetEnd == actorEnd) {
            for actor in parties[start..<actorEnd] {
                for issue in parties[targetEnd..<end] {
                    append(pack(actor, issue, .concerns, nil))
                }
            }
        }
    }
}

extension InMemoryStore {
    /// Every event aggregated into relations: the whole relation graph.
    ///
    /// - Complexity: as `snapshot(at:windowDays:)` over all events.
    package func relationGraph() -> [Relation] {
        relations(at: 0..<Int32(table.count))
    }

    /// The events a relation aggregates.
    ///
    /// - Complexity: O(k) for its k events.
    public func events(of relation: Relation) -> EventList {
        if !relation.eventPositions.isEmpty {
            return EventList(table: table, positions: relation.eventPositions)
        }
        return EventList(table: table, positions: ArraySlice(relation.eventIDs.compactMap { eventPosition($0).map(Int32.init) }))
    }
}
