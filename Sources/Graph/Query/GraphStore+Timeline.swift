extension GraphStore {
    /// Events matching `query`, in chronological order (first day, last day, then id).
    ///
    /// With node filters the query reads only the posting lists of those nodes (the
    /// shortest required list, or the union for `any`), and within a list jumps by
    /// binary search to the start of the date range. Without them it binary-searches
    /// the whole chronological array.
    ///
    /// - Complexity: O(log n + k), where k is the number of candidate events that the
    ///   chosen index yields within the range.
    public func timeline(_ query: TimelineQuery) -> [Event] {
        timelinePositions(query).map { events[Int($0)] }
    }

    func timelinePositions(_ query: TimelineQuery) -> [Int32] {
        var required: [[Int32]] = []
        var unions: [[[Int32]]] = []
        if let pair = query.pair {
            required.append(postingList(pair.first))
            required.append(postingList(pair.second))
        }
        if !query.actors.isEmpty {
            switch query.actorMatch {
            case .all: required.append(contentsOf: query.actors.map(postingList))
            case .any: unions.append(query.actors.map(postingList))
            }
        }
        if !query.issues.isEmpty { unions.append(query.issues.map(postingList)) }

        let candidates: [Int32]
        if let shortest = required.min(by: { $0.count < $1.count }) {
            candidates = clipped(shortest, to: query.range)
        } else if let union = unions.min(by: { total($0) < total($1) }) {
            candidates = mergeUnique(union.map { clipped($0, to: query.range) })
        } else {
            candidates = allPositions(in: query.range)
        }
        return candidates.filter { query.matches(events[Int($0)]) }
    }

    private func postingList(_ node: NodeID) -> [Int32] {
        nodePositions[node].map { postings[$0] } ?? []
    }

    private func total(_ lists: [[Int32]]) -> Int {
        lists.reduce(0) { $0 + $1.count }
    }

    /// The part of an ascending position list whose events may overlap `range`.
    private func clipped(_ list: [Int32], to range: DayInterval?) -> [Int32] {
        guard let range else { return list }
        let earliest = range.first.adding(days: -longestEventSpan)
        let lower = partition(list.count) { eventFirstDays[Int(list[$0])] >= earliest }
        var upper = list.count
        if let last = range.last {
            upper = partition(list.count) { eventFirstDays[Int(list[$0])] > last }
        }
        return lower < upper ? Array(list[lower..<upper]) : []
    }

    private func allPositions(in range: DayInterval?) -> [Int32] {
        guard let range else { return (0..<events.count).map { Int32($0) } }
        let earliest = range.first.adding(days: -longestEventSpan)
        let lower = partition(events.count) { eventFirstDays[$0] >= earliest }
        var upper = events.count
        if let last = range.last {
            upper = partition(events.count) { eventFirstDays[$0] > last }
        }
        return lower < upper ? (lower..<upper).map { Int32($0) } : []
    }

    /// The first index in `0..<count` for which the monotone predicate holds.
    func partition(_ count: Int, _ predicate: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private func mergeUnique(_ lists: [[Int32]]) -> [Int32] {
        if lists.count == 1 { return lists[0] }
        return Array(Set(lists.joined())).sorted()
    }
}
