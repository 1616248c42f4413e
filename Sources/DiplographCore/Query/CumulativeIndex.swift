/// Every relation of the store with running totals over its events, so that the
/// cumulative snapshot at any day is one binary search per relation instead of an
/// aggregation of every earlier event. Built on first use, then shared (a class: a
/// diff's relation lists hold it by one reference).
final class CumulativeIndex: Sendable {
    /// All relations, in key order; each one's `eventPositions` is a chronological
    /// slice of one shared array, to which the arrays below are aligned.
    let relations: [Relation]
    /// First day of each member event (ascending within a relation's slice).
    let memberFirstDays: [Day]
    /// Running sums within each relation's slice: tone, tone count, latest last day.
    let runningToneSums: [Double]
    let runningToneCounts: [Int32]
    let runningLastDays: [Day]
    /// Per relation, the first days of its first and last events: read in order, so
    /// most relations are settled without touching their event arrays.
    let firstStarts: [Day]
    let lastStarts: [Day]
    /// Per relation, its slice of the member arrays.
    let memberRanges: [Range<Int32>]
    /// Per event position, the relations it counts in (compressed rows: the
    /// relation indices of event `e` are `eventRelations[eventRelationStarts[e] ..<
    /// eventRelationStarts[e + 1]]`), with the event's place among each relation's
    /// events, so a diff reads only the events between its dates.
    let eventRelationStarts: [Int32]
    let eventRelations: [Int32]
    let eventMemberIndices: [Int32]
    /// Per node position, the first day it appears in any relation (`Day(ordinal:
    /// .max)` when never).
    let nodeFirstDays: [Day]

    init(store: InMemoryStore) {
        relations = store.relationGraph()
        let total = relations.reduce(0) { $0 + $1.count }
        var firstDays = [Day](repeating: Day(ordinal: 0), count: total)
        var toneSums = [Double](repeating: 0, count: total)
        var toneCounts = [Int32](repeating: 0, count: total)
        var lastDays = [Day](repeating: Day(ordinal: 0), count: total)
        let table = store.table
        for relation in relations {
            var sum = 0.0
            var count: Int32 = 0
            var latest = Day(ordinal: Int32.min)
            let positions = relation.eventPositions
            for index in positions.indices {
                let event = Int(positions[index])
                if let tone = table.tone(event) {
                    sum += tone
                    count += 1
                }
                latest = max(latest, table.lastDays[event])
                firstDays[index] = table.firstDays[event]
                toneSums[index] = sum
                toneCounts[index] = count
                lastDays[index] = latest
            }
        }
        memberFirstDays = firstDays
        let relationFirstDays = relations.map { firstDays[Int($0.eventRange.lowerBound)] }
        firstStarts = relationFirstDays
        lastStarts = relations.map { firstDays[Int($0.eventRange.upperBound) - 1] }
        memberRanges = relations.map(\.eventRange)

        var starts = [Int32](repeating: 0, count: table.count + 1)
        for relation in relations {
            for event in relation.eventPositions { starts[Int(event) + 1] += 1 }
        }
        for index in 0..<table.count { starts[index + 1] += starts[index] }
        var fill = starts
        var members = [Int32](repeating: 0, count: total)
        var memberIndices = [Int32](repeating: 0, count: total)
        var nodeDays = [Day](repeating: Day(ordinal: .max), count: store.nodes.count)
        for (index, relation) in relations.enumerated() {
            for (place, event) in relation.eventPositions.enumerated() {
                members[Int(fill[Int(event)])] = Int32(index)
                memberIndices[Int(fill[Int(event)])] = Int32(place)
                fill[Int(event)] += 1
            }
            store.forEachEndpoint(of: relation) { nodeDays[$0] = min(nodeDays[$0], relationFirstDays[index]) }
        }
        eventRelationStarts = starts
        eventRelations = members
        eventMemberIndices = memberIndices
        nodeFirstDays = nodeDays
        runningToneSums = toneSums
        runningToneCounts = toneCounts
        runningLastDays = lastDays
    }

    /// The relations as they stood on `day`: each relation's events that started on or
    /// before it.
    ///
    /// - Complexity: O(r log k) for r relations of at most k events.
    func relations(on day: Day) -> [Relation] {
        var result: [Relation] = []
        result.reserveCapacity(relations.count)
        for index in relations.indices {
            if let relation = relation(index, on: day) { result.append(relation) }
        }
        return result
    }

    /// Relation `index` counting its events that started on or before `day`; nil
    /// when none had.
    ///
    /// - Complexity: O(log k) for its k events.
    func relation(_ index: Int, on day: Day) -> Relation? {
        relation(index, members: memberCount(index, on: day))
    }

    /// How many events of relation `index` started on or before `day`.
    ///
    /// - Complexity: O(log k) for its k events; O(1) when all or none did.
    @inline(__always)
    func memberCount(_ index: Int, on day: Day) -> Int {
        let range = memberRanges[index]
        guard firstStarts[index] <= day else { return 0 }
        if lastStarts[index] <= day { return range.count }
        // The search reads the index's own arrays, not the relation's.
        var low = Int(range.lowerBound)
        var high = Int(range.upperBound)
        while low < high {
            let middle = (low + high) / 2
            if memberFirstDays[middle] <= day { low = middle + 1 } else { high = middle }
        }
        return low - Int(range.lowerBound)
    }

    /// Relation `index` counting its first `count` events (chronological); nil for 0.
    @inline(__always)
    func relation(_ index: Int, members count: Int) -> Relation? {
        let range = memberRanges[index]
        if count == 0 { return nil }
        if count == range.count { return relations[index] }
        let start = Int(range.lowerBound)
        let last = start + count - 1
        return relations[index].prefix(through: last, first: memberFirstDays[start], last: runningLastDays[last],
                                        toneSum: runningToneSums[last], toneCount: Int(runningToneCounts[last]))
    }

    /// The relations that events at `positions` count in, ascending (key order), each
    /// with how many of its events started before those (`before`) and up to the last
    /// of them (`after`). A relation's events are chronological, and events at
    /// `positions` are all those that started in a span of days, so they form one
    /// block of each relation's events: its first and last places give both counts,
    /// with no search.
    ///
    /// - Complexity: O(m) for the m (event, relation) pairs of `positions`, plus
    ///   O(t log t) for the t relations touched when they are few.
    func relationSpans(ofEvents positions: Range<Int>) -> [RelationSpan] {
        guard !positions.isEmpty else { return [] }
        let pairs = Int(eventRelationStarts[positions.lowerBound])..<Int(eventRelationStarts[positions.upperBound])
        if pairs.count > relations.count / 8 {
            // Many: one slot per relation, read in order (no sort).
            var spans = [RelationSpan](repeating: RelationSpan(relation: -1, before: 0, after: 0), count: relations.count)
            for pair in pairs {
                let relation = Int(eventRelations[pair])
                let place = eventMemberIndices[pair]
                if spans[relation].relation < 0 {
                    spans[relation] = RelationSpan(relation: Int32(relation), before: place, after: place + 1)
                } else {
                    spans[relation].after = place + 1
                }
            }
            return spans.filter { $0.relation >= 0 }
        }
        var spans: [Int32: RelationSpan] = [:]
        spans.reserveCapacity(pairs.count)
        for pair in pairs {
            let relation = eventRelations[pair]
            let place = eventMemberIndices[pair]
            spans[relation, default: RelationSpan(relation: relation, before: place, after: place)].after = place + 1
        }
        return spans.values.sorted { $0.relation < $1.relation }
    }
}

/// A relation of the cumulative index and two counts of its first events (see
/// `CumulativeIndex.relationSpans`).
struct RelationSpan: Sendable {
    var relation: Int32
    var before: Int32
    var after: Int32
}

extension Relation {
    /// The relation counting only its events up to `end` (an index of its slice).
    func prefix(through end: Int, first: Day, last: Day, toneSum: Double, toneCount: Int) -> Relation {
        Relation(packedKey: packedKey ?? 0, events: events!, range: eventRange.lowerBound..<Int32(end + 1),
                 first: first, last: last, toneSum: toneSum, toneCount: toneCount)
    }
}
