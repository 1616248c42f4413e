/// Every relation of the store with running totals over its events, so that the
/// cumulative snapshot at any day is one binary search per relation instead of an
/// aggregation of every earlier event. Built on first use, then shared.
struct CumulativeIndex: Sendable {
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
    /// eventRelationStarts[e + 1]]`), so a diff reads only the events between its dates.
    let eventRelationStarts: [Int32]
    let eventRelations: [Int32]
    /// Per node position, the first day it appears in any relation (`Day(ordinal:
    /// .max)` when never).
    let nodeFirstDays: [Day]

    init(store: GraphStore) {
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
        var nodeDays = [Day](repeating: Day(ordinal: .max), count: store.nodes.count)
        for (index, relation) in relations.enumerated() {
            for event in relation.eventPositions {
                members[Int(fill[Int(event)])] = Int32(index)
                fill[Int(event)] += 1
            }
            store.forEachEndpoint(of: relation) { nodeDays[$0] = min(nodeDays[$0], relationFirstDays[index]) }
        }
        eventRelationStarts = starts
        eventRelations = members
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

    /// The relations that events at `positions` count in, ascending (key order), with
    /// how many of each relation's events are among them.
    func relationCounts(ofEvents positions: Range<Int>) -> [(relation: Int, events: Int)] {
        guard !positions.isEmpty else { return [] }
        let members = eventRelations[Int(eventRelationStarts[positions.lowerBound])..<Int(eventRelationStarts[positions.upperBound])]
        if members.count > relations.count / 8 {
            // Many: count them in place, then read the counts in order (no sort).
            var counts = [Int32](repeating: 0, count: relations.count)
            for member in members { counts[Int(member)] += 1 }
            return relations.indices.compactMap { counts[$0] > 0 ? ($0, Int(counts[$0])) : nil }
        }
        var counts: [Int32: Int] = [:]
        counts.reserveCapacity(members.count)
        for member in members { counts[member, default: 0] += 1 }
        return counts.map { (Int($0.key), $0.value) }.sorted { $0.relation < $1.relation }
    }
}

extension Relation {
    /// The relation counting only its events up to `end` (an index of its slice).
    func prefix(through end: Int, first: Day, last: Day, toneSum: Double, toneCount: Int) -> Relation {
        Relation(key: key, packedKey: packedKey ?? 0, events: events!, range: eventRange.lowerBound..<Int32(end + 1),
                 first: first, last: last, toneSum: toneSum, toneCount: toneCount)
    }
}
