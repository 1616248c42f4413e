/// Which dyads to rank, over which days, and against which earlier days.
public struct DyadQuery: Sendable, Hashable {
    /// How dyads are ordered.
    public enum Ranking: String, Sendable, Hashable, CaseIterable {
        /// Most events first.
        case count
        /// Lowest mean tone first: the most hostile relations.
        case tone
        /// Largest change in summed tone against the compared days first, warmed or
        /// cooled (needs `compare`).
        case change
    }

    /// The days asked about (closed); an event counts when its likeliest day lies in
    /// them. Nil ends: unbounded.
    public var from: Day?
    /// The last day asked about, included.
    public var to: Day?
    /// Earlier (or any other) days to compare with, closed.
    public var compare: DayInterval?
    /// How many dyads to keep; nil for all.
    public var top: Int?
    /// The order.
    public var ranking: Ranking
    /// Dyads with fewer events (in the days asked about, or in either when comparing)
    /// are left out.
    public var minimumEvents: Int
    /// Only events of these kinds; empty for all.
    public var kinds: Set<EventKind>
    /// How many of the events that weigh most to keep per dyad.
    public var weightiest: Int

    /// A ranking; every filter optional.
    public init(from: Day? = nil, to: Day? = nil, compare: DayInterval? = nil, top: Int? = nil,
                ranking: Ranking = .count, minimumEvents: Int = 1, kinds: Set<EventKind> = [], weightiest: Int = 3) {
        self.from = from
        self.to = to
        self.compare = compare
        self.top = top
        self.ranking = ranking
        self.minimumEvents = minimumEvents
        self.kinds = kinds
        self.weightiest = weightiest
    }
}

/// What the events of one dyad over some days add up to.
public struct DyadTally: Sendable, Hashable {
    /// How many events.
    public var events = 0
    /// Events that carry a tone.
    public var tonedEvents = 0
    /// The sum of their tones.
    public var toneSum = 0.0
    /// Events per class of cooperation and conflict.
    public var classes: [QuadClass: Int] = [:]

    /// The mean tone, or nil when no event carries one.
    public var meanTone: Double? { tonedEvents == 0 ? nil : toneSum / Double(tonedEvents) }

    /// A tally of no events.
    public init() {}
}

/// Two nodes that took part in events together, in either role, and what those events
/// add up to.
public struct Dyad: Sendable, Hashable {
    /// The node with the smaller id.
    public var first: NodeID
    /// The other node.
    public var second: NodeID
    /// Over the days asked about.
    public var now: DyadTally
    /// Over the compared days, when comparing.
    public var before: DyadTally?
    /// The events that weigh most: the largest counts of tone in the direction of the
    /// change (the most cooperative when it warmed, the most hostile when it cooled),
    /// else the strongest tones either way; from the days asked about.
    public var weightiest: [Event]

    /// The change in summed tone against the compared days: positive when it warmed.
    public var toneChange: Double? { before.map { now.toneSum - $0.toneSum } }
    /// The change in the number of events.
    public var countChange: Int? { before.map { now.events - $0.events } }
    /// The change in mean tone, when both have one.
    public var meanToneChange: Double? {
        guard let after = now.meanTone, let earlier = before?.meanTone else { return nil }
        return after - earlier
    }
}

extension EventStore {
    /// The dyads `query` asks for, ranked.
    ///
    /// Each event counts once for every pair of its parties (actors and targets, not
    /// issues); an event with one party belongs to no dyad.
    ///
    /// - Complexity: timelines of the days asked about (and compared), plus
    ///   O(k p² + d log d) for k events of p parties and d dyads.
    public func dyads(_ query: DyadQuery) -> [Dyad] {
        // The compared days on another core: the two counts share nothing. (Halving one
        // count across the two cores gained nothing measurable: `make bench`.)
        var now = DyadCounter(self, from: query.from, to: query.to, kinds: query.kinds)
        let (_, before) = onAnotherCore((), { [self] _ -> DyadCounter? in
            guard let compare = query.compare else { return nil }
            var counter = DyadCounter(self, from: compare.first, to: compare.last, kinds: query.kinds)
            counter.count()
            return counter
        }, overlapping: { now.count(keeping: query.weightiest) })
        var keys = Set(now.tallies.keys)
        if let before { keys.formUnion(before.tallies.keys) }
        var dyads: [Dyad] = []
        for key in keys {
            let tally = now.tallies[key]?.tally ?? DyadTally()
            let earlier = before.map { $0.tallies[key]?.tally ?? DyadTally() }
            guard max(tally.events, earlier?.events ?? 0) >= query.minimumEvents else { continue }
            dyads.append(Dyad(first: key.first, second: key.second, now: tally, before: earlier, weightiest: []))
        }
        dyads.sort(by: query.ranking.order)
        if let top = query.top { dyads = Array(dyads.prefix(top)) }
        let weightiest = now.weightiest(of: dyads, keeping: query.weightiest)
        let shown = weightiest.values.flatMap { $0 }
        let whole = Dictionary(wholeEvents(now.list, at: Array(Set(shown)).sorted()).map { ($0.id, $0) }) { first, _ in first }
        for index in dyads.indices {
            dyads[index].weightiest = (weightiest[DyadKey(dyads[index].first, dyads[index].second)] ?? []).compactMap { whole[now.list.id(at: $0)] }
        }
        return dyads
    }
}

/// Counts the events of each dyad over some days, from the store's columns when it
/// can (a year of a ten-million-row file holds millions of events).
struct DyadCounter {
    /// An event with its tone, by index in the list.
    struct Strong: Equatable {
        let tone: Double
        let index: Int32
    }

    struct Accumulator {
        var events = 0
        var toned = 0
        var toneSum = 0.0
        var classes = (0, 0, 0, 0)
        /// The events of highest tone, highest first (earlier first among equals).
        var highest: [Strong] = []
        /// The events of lowest tone, lowest first (earlier first among equals).
        var lowest: [Strong] = []

        var tally: DyadTally {
            var tally = DyadTally()
            tally.events = events
            tally.tonedEvents = toned
            tally.toneSum = toneSum
            for (quad, count) in zip(QuadClass.allCases, [classes.0, classes.1, classes.2, classes.3]) where count > 0 {
                tally.classes[quad] = count
            }
            return tally
        }
    }

    let list: EventList
    private var reader: FactsReader
    /// The days asked about: an event counts when its likeliest day lies in them.
    private let range: DayInterval?
    private(set) var tallies: [DyadKey: Accumulator] = [:]

    init(_ store: some EventStore, from: Day?, to: Day?, kinds: Set<EventKind>) {
        range = DayInterval.between(from, to)
        list = store.analysisTimeline(TimelineQuery(kinds: kinds, range: range), withSources: false)
        reader = FactsReader(list)
    }

    /// Calls `body` with each counted event's index and facts, and its dyads as packed
    /// node-number pairs.
    private mutating func forEachEvent(_ body: (Int, EventFacts, ArraySlice<UInt64>) -> Void) {
        var parties: [Int32] = []
        var pairs: [UInt64] = []
        for index in list.indices {
            let facts = reader.facts(index)
            guard facts.actors.count + facts.targets.count > 1, range?.contains(facts.likeliestDay) ?? true else { continue }
            parties.removeAll(keepingCapacity: true)
            for party in facts.actors where !parties.contains(party) { parties.append(party) }
            for party in facts.targets where !parties.contains(party) { parties.append(party) }
            guard parties.count > 1 else { continue }
            pairs.removeAll(keepingCapacity: true)
            for (position, one) in parties.enumerated() {
                for other in parties[(position + 1)...] {
                    let (low, high) = one < other ? (one, other) : (other, one)
                    pairs.append(UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high)))
                }
            }
            body(index, facts, pairs[...])
        }
    }

    /// Counts every dyad's events; with `keeping` above 0, also keeps each dyad's
    /// most cooperative and most hostile events, so that the ones that weigh most need
    /// no second pass (a third of a 10 M-row file's ranking went to one).
    mutating func count(keeping: Int = 0) {
        var packed: [UInt64: Accumulator] = [:]
        forEachEvent { index, facts, pairs in
            for pair in pairs {
                packed[pair, default: Accumulator()].add(facts, index: index, keeping: keeping)
            }
        }
        tallies = Dictionary(uniqueKeysWithValues: packed.map { (key($0.key), $0.value) })
    }

    /// For each of `dyads`, the indices in `list` of the `count` events that weigh most
    /// in the direction of its change (see `Dyad.weightiest`), from what `count(keeping:)`
    /// kept.
    func weightiest(of dyads: [Dyad], keeping count: Int) -> [DyadKey: [Int]] {
        var result: [DyadKey: [Int]] = [:]
        for dyad in dyads {
            let key = DyadKey(dyad.first, dyad.second)
            guard let accumulator = tallies[key] else { continue }
            let change = dyad.toneChange ?? 0
            let ranked: [Strong] = switch change {
            case let change where change > 0: accumulator.highest
            case let change where change < 0: accumulator.lowest
            default: (accumulator.highest + accumulator.lowest.filter { !accumulator.highest.contains($0) })
                .sorted { abs($0.tone) != abs($1.tone) ? abs($0.tone) > abs($1.tone) : $0.index < $1.index }
            }
            result[key] = ranked.prefix(count).map { Int($0.index) }
        }
        return result
    }

    private func key(_ pair: UInt64) -> DyadKey {
        DyadKey(reader.id(of: Int32(bitPattern: UInt32(pair >> 32))), reader.id(of: Int32(bitPattern: UInt32(pair & 0xFFFF_FFFF))))
    }
}

extension DyadCounter.Accumulator {
    mutating func add(_ facts: EventFacts, index: Int, keeping: Int) {
        events += 1
        if !facts.tone.isNaN {
            toned += 1
            toneSum += facts.tone
            if keeping > 0 {
                let strong = DyadCounter.Strong(tone: facts.tone, index: Int32(index))
                // Events come in list order: an equal tone never displaces an earlier one.
                if highest.count < keeping || facts.tone > highest[highest.count - 1].tone {
                    highest.insert(strong, at: highest.firstIndex { $0.tone < facts.tone } ?? highest.endIndex)
                    if highest.count > keeping { highest.removeLast() }
                }
                if lowest.count < keeping || facts.tone < lowest[lowest.count - 1].tone {
                    lowest.insert(strong, at: lowest.firstIndex { $0.tone > facts.tone } ?? lowest.endIndex)
                    if lowest.count > keeping { lowest.removeLast() }
                }
            }
        }
        switch facts.quad {
        case .verbalCooperation: classes.0 += 1
        case .materialCooperation: classes.1 += 1
        case .verbalConflict: classes.2 += 1
        case .materialConflict: classes.3 += 1
        case nil: break
        }
    }
}

/// Two node ids in order.
struct DyadKey: Hashable {
    let first: NodeID
    let second: NodeID

    init(_ one: NodeID, _ other: NodeID) {
        (first, second) = one < other ? (one, other) : (other, one)
    }
}

extension DyadQuery.Ranking {
    /// Whether `lhs` ranks before `rhs`; ties fall back to more events, then ids.
    func order(_ lhs: Dyad, _ rhs: Dyad) -> Bool {
        switch self {
        case .count:
            if lhs.now.events != rhs.now.events { return lhs.now.events > rhs.now.events }
        case .tone:
            let (left, right) = (lhs.now.meanTone ?? .infinity, rhs.now.meanTone ?? .infinity)
            if left != right { return left < right }
        case .change:
            let (left, right) = (abs(lhs.toneChange ?? 0), abs(rhs.toneChange ?? 0))
            if left != right { return left > right }
        }
        if lhs.now.events != rhs.now.events { return lhs.now.events > rhs.now.events }
        return lhs.first != rhs.first ? lhs.first < rhs.first : lhs.second < rhs.second
    }
}
