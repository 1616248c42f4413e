extension InMemoryStore {
    /// Events matching `query`, in chronological order (first day, last day, then
    /// id), as a view of the store's columns: an `Event` is made when an element is
    /// read.
    ///
    /// With node filters the query reads only the posting lists of those nodes (the
    /// shortest required list, or the union for `any`), and within a list jumps by
    /// binary search to the date range. Without them it binary-searches the whole
    /// chronological array.
    ///
    /// - Complexity: O(log n) for one actor or one issue with a date range (two binary
    ///   searches in its posting list, when no event spans more than the range's
    ///   start); otherwise O(log n + k) for k candidate events.
    public func timeline(_ query: TimelineQuery) -> EventList {
        EventList(table: table, positions: timelinePositions(query))
    }

    func timelinePositions(_ query: TimelineQuery) -> ArraySlice<Int32> {
        // One node and nothing else: its clipped posting list is the answer.
        if query.pair == nil, query.kinds.isEmpty, query.actors.count + query.issues.count == 1 {
            let list = query.actors.first.map(partyList) ?? issueList(query.issues[0])
            return overlapping(list, query.range)
        }
        var required: [ArraySlice<Int32>] = []
        var unions: [[ArraySlice<Int32>]] = []
        if let pair = query.pair {
            required.append(partyList(pair.first))
            required.append(partyList(pair.second))
        }
        if !query.actors.isEmpty {
            switch query.actorMatch {
            case .all: required.append(contentsOf: query.actors.map(partyList))
            case .any: unions.append(query.actors.map(partyList))
            }
        }
        if !query.issues.isEmpty { unions.append(query.issues.map(issueList)) }

        let candidates: ArraySlice<Int32>
        if !required.isEmpty {
            // Every required list at once: a pair's events are in both nodes' lists
            // (checking each event of the shorter list against the other node read
            // its columns at random, a busy dyad's timeline in a 10 M-row file spent
            // 0.1 s so).
            let lists = required.map { clipped($0, to: query.range) }.sorted { $0.count < $1.count }
            candidates = lists.dropFirst().reduce(lists[0]) { Self.intersection($0, $1) }
        } else if let union = unions.min(by: { total($0) < total($1) }) {
            candidates = mergeUnique(union.map { clipped($0, to: query.range) })
        } else {
            candidates = allPositions(in: query.range)
            if query.kinds.isEmpty { return overlapping(candidates, query.range) }
        }
        let matcher = ColumnMatcher(query: query, store: self)
        return ArraySlice(candidates.filter { matcher.matches(Int($0)) })
    }

    /// `TimelineQuery.matches` on the columns: no `Event` is made per candidate.
    private struct ColumnMatcher {
        let table: EventTable
        let kinds: Set<EventKind>
        let range: DayInterval?
        let actors: [Int32]
        let matchAll: Bool
        let pair: (Int32, Int32)?
        let issues: [Int32]
        let impossible: Bool

        init(query: TimelineQuery, store: InMemoryStore) {
            table = store.table
            kinds = query.kinds
            range = query.range
            func position(_ id: NodeID) -> Int32? { store.nodePositions[id].map(Int32.init) }
            let actorPositions = query.actors.map(position)
            // An unknown node matches nothing; under `any` it is simply left out.
            actors = actorPositions.compactMap { $0 }
            matchAll = query.actorMatch == .all
            let pairPositions = query.pair.map { (position($0.first), position($0.second)) }
            pair = pairPositions.flatMap { first, second in first.flatMap { a in second.map { (a, $0) } } }
            issues = query.issues.compactMap(position)
            impossible = (matchAll && actorPositions.contains(nil)) || (query.pair != nil && pair == nil)
                || (!query.actors.isEmpty && actors.isEmpty) || (!query.issues.isEmpty && issues.isEmpty)
        }

        func matches(_ index: Int) -> Bool {
            if impossible { return false }
            if !kinds.isEmpty, !kinds.contains(table.kinds[index]) { return false }
            if let range, !range.overlaps(first: table.firstDays[index], last: table.lastDays[index]) { return false }
            let start = Int(table.partyStarts[index])
            let issueStart = start + Int(table.actorCounts[index]) + Int(table.targetCounts[index])
            let parties = table.parties[start..<issueStart]
            if !actors.isEmpty {
                if matchAll {
                    if !actors.allSatisfy(parties.contains) { return false }
                } else if !actors.contains(where: parties.contains) {
                    return false
                }
            }
            if let pair, !(parties.contains(pair.0) && parties.contains(pair.1)) { return false }
            if !issues.isEmpty {
                let own = table.parties[issueStart..<Int(table.partyStarts[index + 1])]
                if !issues.contains(where: own.contains) { return false }
            }
            return true
        }
    }

    private func partyList(_ node: NodeID) -> ArraySlice<Int32> {
        nodePositions[node].map { partyPostings[$0][...] } ?? []
    }

    private func issueList(_ node: NodeID) -> ArraySlice<Int32> {
        nodePositions[node].map { issuePostings[$0][...] } ?? []
    }

    private func total(_ lists: [ArraySlice<Int32>]) -> Int {
        lists.reduce(0) { $0 + $1.count }
    }

    /// The events of an ascending position list that overlap `range`: the binary-
    /// searched slice, less those in the look-back margin that end before the range.
    private func overlapping(_ list: ArraySlice<Int32>, _ range: DayInterval?) -> ArraySlice<Int32> {
        guard let range else { return list }
        let candidates = clipped(list, to: range)
        let marginEnd = candidates.firstIndex { eventFirstDays[Int($0)] >= range.first } ?? candidates.endIndex
        if marginEnd == candidates.startIndex { return candidates }
        let margin = candidates[..<marginEnd].filter { table.lastDays[Int($0)] >= range.first }
        return ArraySlice(margin + candidates[marginEnd...])
    }

    /// The part of an ascending position list whose events may overlap `range`.
    private func clipped(_ list: ArraySlice<Int32>, to range: DayInterval?) -> ArraySlice<Int32> {
        guard let range else { return list }
        let earliest = range.first.adding(days: -longestEventSpan)
        let base = list.startIndex
        let lower = base + partition(list.count) { eventFirstDays[Int(list[base + $0])] >= earliest }
        var upper = list.endIndex
        if let last = range.last {
            upper = base + partition(list.count) { eventFirstDays[Int(list[base + $0])] > last }
        }
        return lower < upper ? list[lower..<upper] : []
    }

    private func allPositions(in range: DayInterval?) -> ArraySlice<Int32> {
        guard let range else { return ArraySlice(0..<Int32(table.count)) }
        let earliest = range.first.adding(days: -longestEventSpan)
        let lower = partition(table.count) { eventFirstDays[$0] >= earliest }
        var upper = table.count
        if let last = range.last {
            upper = partition(table.count) { eventFirstDays[$0] > last }
        }
        return lower < upper ? ArraySlice(Int32(lower)..<Int32(upper)) : []
    }

    var eventFirstDays: [Day] { table.firstDays }

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

    /// The positions in both ascending lists, ascending; `shorter` is the shorter.
    ///
    /// - Complexity: O(m log n) by binary search when the lists differ much in length,
    ///   else O(m + n) by merging.
    static func intersection(_ shorter: ArraySlice<Int32>, _ longer: ArraySlice<Int32>) -> ArraySlice<Int32> {
        var result: [Int32] = []
        if shorter.count * 16 < longer.count {
            var low = longer.startIndex
            for position in shorter {
                var high = longer.endIndex
                while low < high {
                    let middle = (low + high) / 2
                    if longer[middle] < position { low = middle + 1 } else { high = middle }
                }
                if low < longer.endIndex, longer[low] == position { result.append(position) }
            }
            return result[...]
        }
        var (one, other) = (shorter.startIndex, longer.startIndex)
        while one < shorter.endIndex, other < longer.endIndex {
            let (left, right) = (shorter[one], longer[other])
            if left == right { result.append(left) }
            if left <= right { one += 1 }
            if right <= left { other += 1 }
        }
        return result[...]
    }

    private func mergeUnique(_ lists: [ArraySlice<Int32>]) -> ArraySlice<Int32> {
        if lists.count == 1 { return lists[0] }
        return ArraySlice(Set(lists.joined()).sorted())
    }
}
