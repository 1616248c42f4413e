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

    public init() {}

    mutating func add(_ event: Event) {
        events += 1
        if let tone = event.tone {
            tonedEvents += 1
            toneSum += tone
        }
        if let quad = QuadClass(of: event) { classes[quad, default: 0] += 1 }
    }
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
        let now = dyadEvents(from: query.from, to: query.to, kinds: query.kinds)
        var tallies: [DyadKey: (now: DyadTally, events: [Int])] = [:]
        for (index, event) in now.enumerated() {
            for key in DyadKey.all(of: event) {
                tallies[key, default: (DyadTally(), [])].now.add(event)
                tallies[key]!.events.append(index)
            }
        }
        var before: [DyadKey: DyadTally] = [:]
        if let compare = query.compare {
            for event in dyadEvents(from: compare.first, to: compare.last, kinds: query.kinds) {
                for key in DyadKey.all(of: event) { before[key, default: DyadTally()].add(event) }
            }
            for key in before.keys where tallies[key] == nil { tallies[key] = (DyadTally(), []) }
        }
        var dyads: [Dyad] = []
        for (key, tally) in tallies {
            let earlier = query.compare == nil ? nil : before[key, default: DyadTally()]
            guard max(tally.now.events, earlier?.events ?? 0) >= query.minimumEvents else { continue }
            dyads.append(Dyad(first: key.first, second: key.second, now: tally.now, before: earlier, weightiest: []))
        }
        dyads.sort(by: query.ranking.order)
        if let top = query.top { dyads = Array(dyads.prefix(top)) }
        for index in dyads.indices {
            let key = DyadKey(dyads[index].first, dyads[index].second)
            let change = dyads[index].toneChange ?? 0
            let weighed = tallies[key]!.events.map { now[$0] }.filter { $0.tone != nil }.sorted { lhs, rhs in
                let (left, right) = (lhs.tone!, rhs.tone!)
                let (leftWeight, rightWeight) = change > 0 ? (left, right) : change < 0 ? (-left, -right) : (abs(left), abs(right))
                return leftWeight != rightWeight ? leftWeight > rightWeight : lhs.date != rhs.date ? lhs.date < rhs.date : lhs.id < rhs.id
            }
            dyads[index].weightiest = Array(weighed.prefix(query.weightiest))
        }
        return dyads
    }

    private func dyadEvents(from: Day?, to: Day?, kinds: Set<EventKind>) -> [Event] {
        let range = from == nil && to == nil ? nil : DayInterval(first: from ?? Day(ordinal: .min), last: to)
        return timeline(TimelineQuery(kinds: kinds, range: range)).filter { event in
            let day = event.likeliestDay
            return event.actors.count + event.targets.count > 1 && from.map { day >= $0 } ?? true && to.map { day <= $0 } ?? true
        }.map { $0 }
    }
}

/// Two node ids in order.
struct DyadKey: Hashable {
    let first: NodeID
    let second: NodeID

    init(_ one: NodeID, _ other: NodeID) {
        (first, second) = one < other ? (one, other) : (other, one)
    }

    /// Every pair of distinct parties of `event`, once each.
    static func all(of event: Event) -> [DyadKey] {
        let parties = event.parties
        guard parties.count > 1 else { return [] }
        var keys: [DyadKey] = []
        for (index, one) in parties.enumerated() {
            for other in parties[(index + 1)...] { keys.append(DyadKey(one, other)) }
        }
        return keys
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
