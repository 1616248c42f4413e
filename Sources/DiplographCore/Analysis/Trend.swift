/// What a trend follows: one dyad or one actor, period by period.
public struct TrendQuery: Sendable, Hashable {
    /// Whose events.
    public enum Subject: Sendable, Hashable {
        /// Events both nodes take part in (as actor or target, two different parties);
        /// directed: the first acts on the second (actor → target).
        case pair(NodeID, NodeID)
        /// Events the node takes part in; directed: as an actor.
        case actor(NodeID)
    }

    /// Whose events.
    public var subject: Subject
    /// The length of each period.
    public var step: TrendStep
    /// The first day (included); an event counts when its likeliest day (the middle
    /// of its span) is on or after it. Nil: the first such event's. The first period
    /// is cut to start on it.
    public var from: Day?
    /// The last day (included), as `from`; nil: the last such event's.
    public var to: Day?
    /// Only events in one direction (see `Subject`).
    public var directed: Bool
    /// Only events of these kinds; empty for all.
    public var kinds: Set<EventKind>

    /// A trend of `subject` by `step`; every other filter optional.
    public init(subject: Subject, step: TrendStep, from: Day? = nil, to: Day? = nil, directed: Bool = false,
                kinds: Set<EventKind> = [], officials: Bool = false) {
        self.officials = officials
        self.subject = subject
        self.step = step
        self.from = from
        self.to = to
        self.directed = directed
        self.kinds = kinds
    }

    /// Count the events of the people who hold an office in a node on the event's day
    /// as that node's (a state's trend then counts its foreign minister's meetings).
    public var officials: Bool

    /// Whether `day` lies between `from` and `to`.
    func covers(_ day: Day) -> Bool {
        range?.contains(day) ?? true
    }

    /// What decides whether the trend follows an event (range aside).
    func matcher(offices: [Office]) -> SubjectMatcher {
        switch subject {
        case let .pair(first, second): SubjectMatcher(first: first, second: second, directed: directed, offices: officials ? offices : nil)
        case let .actor(node): SubjectMatcher(first: node, second: nil, directed: directed, offices: officials ? offices : nil)
        }
    }

    /// The closed range of days asked about, nil when unbounded.
    var range: DayInterval? {
        DayInterval.between(from, to)
    }
}

/// What the events of one period add up to.
public struct TrendPeriod: Sendable, Hashable {
    /// The period's days (closed), cut to the trend's range.
    public var interval: DayInterval
    /// How many events.
    public var events = 0
    /// Events per kind.
    public var kinds: [EventKind: Int] = [:]
    /// The coded rows behind the events (`merged_rows`; one per event otherwise).
    public var rows = 0
    /// Events per class of cooperation and conflict.
    public var classes: [QuadClass: Int] = [:]
    /// Events with no class (a general event without a code).
    public var unclassified = 0
    /// Events that carry a tone, and the sum of their tones.
    public var tonedEvents = 0
    /// The sum of the events' tones (Goldstein scores for coded data).
    public var toneSum = 0.0
    /// Distinct sources: two reports are one source when they agree in publisher,
    /// title, address, date and note (a GDELT article recorded again at a later
    /// DATEADDED counts again).
    public var sources = 0
    /// Events whose date is approximate, or whose span reaches beyond this period:
    /// counted here as their likeliest period.
    public var uncertain = 0

    /// The whole period, before cutting to the trend's range.
    var whole: DayInterval

    /// The events' mean tone, or nil when none carries one.
    public var meanTone: Double? { tonedEvents == 0 ? nil : toneSum / Double(tonedEvents) }

    /// An empty period over `interval`.
    public init(interval: DayInterval) {
        self.interval = interval
        whole = interval
    }
}

/// A series, period by period, of what happened between two nodes or to one.
public struct Trend: Sendable, Hashable {
    /// The question.
    public var query: TrendQuery
    /// Every period from the first to the last, empty ones included, in time order.
    public var periods: [TrendPeriod]

    /// A trend of these periods.
    public init(query: TrendQuery, periods: [TrendPeriod]) {
        self.query = query
        self.periods = periods
    }

    /// Events over all periods.
    public var events: Int { periods.reduce(0) { $0 + $1.events } }
    /// Uncertain events over all periods.
    public var uncertain: Int { periods.reduce(0) { $0 + $1.uncertain } }
}

extension Event {
    /// The middle of the event's span: the day a series counts it on.
    public var likeliestDay: Day {
        date.firstDay.adding(days: date.firstDay.distance(to: date.lastDay) / 2)
    }

    /// The rows of coded data behind the event (`merged_rows`), one when it has none.
    public var rowCount: Int {
        attributes["merged_rows"].flatMap(Int.init) ?? 1
    }

    /// What tells this event's sources apart: everything a source says (the in-memory
    /// store keeps each distinct source once, by the same fields).
    var sourceKeys: [String] {
        sources.map { source in
            [source.publisher, source.title, source.url, source.date?.description, source.note].map { $0 ?? "\u{0}" }
                .joined(separator: "\u{1F}")
        }
    }
}

extension EventStore {
    /// The events a trend counts, chronological.
    ///
    /// - Complexity: that of the timeline of candidates, plus O(k) in its k events.
    public func events(of query: TrendQuery) -> EventList {
        var (list, reader, matcher) = candidates(of: query)
        var indices: [Int] = []
        for index in list.indices {
            let facts = reader.facts(index)
            if query.covers(facts.likeliestDay), matcher.matches(facts) { indices.append(index) }
        }
        return wholeEvents(list, at: indices)
    }

    /// The events that may belong to the trend, their reader, and what decides.
    private func candidates(of query: TrendQuery) -> (EventList, FactsReader, NumberedMatcher) {
        let matcher = query.matcher(offices: query.officials ? offices : [])
        let list = analysisTimeline(matcher.candidates(kinds: query.kinds, range: query.range), withSources: true)
        var reader = FactsReader(list)
        // Numbered first: the reader returned must know the numbers the matcher uses.
        let numbered = matcher.numbered(&reader)
        return (list, reader, numbered)
    }

    /// The trend `query` asks for.
    ///
    /// - Complexity: that of the timeline of candidates, plus O(k) in its k events and
    ///   O(p) in the periods.
    public func trend(_ query: TrendQuery) -> Trend {
        let step = query.step
        var (list, reader, numbered) = candidates(of: query)
        // One pass over the candidates, into periods by number (the range is known only
        // at the end when the query leaves it open).
        var tallies: [Int: (period: TrendPeriod, sources: Set<Int64>)] = [:]
        var earliest = Day(ordinal: .max), latest = Day(ordinal: .min)
        for index in list.indices {
            let facts = reader.facts(index)
            let day = facts.likeliestDay
            guard query.covers(day), numbered.matches(facts) else { continue }
            earliest = min(earliest, day)
            latest = max(latest, day)
            let number = step.index(of: day)
            // Taken out and put back, so that its set of sources is uniquely held while
            // it grows (changed through the dictionary's default subscript instead, the
            // trend was slower: `make bench`).
            var entry = tallies.removeValue(forKey: number) ?? (TrendPeriod(interval: step.interval(ofIndex: number)), [])
            entry.period.add(facts)
            reader.forEachSourceKey(index) { entry.sources.insert($0) }
            tallies[number] = entry
        }
        guard let first = query.from ?? (tallies.isEmpty ? nil : earliest), let last = query.to ?? (tallies.isEmpty ? nil : latest),
              first <= last else {
            return Trend(query: query, periods: [])
        }
        var periods = Self.periods(step: step, first: first, last: last)
        let base = step.index(of: first)
        for (number, entry) in tallies {
            var period = entry.period
            period.interval = periods[number - base].interval
            period.sources = entry.sources.count
            periods[number - base] = period
        }
        return Trend(query: query, periods: periods)
    }

    /// Every period of `step` from the one holding `first` to the one holding `last`,
    /// the ends cut to those days.
    private static func periods(step: TrendStep, first: Day, last: Day) -> [TrendPeriod] {
        (step.index(of: first)...step.index(of: last)).map { index in
            let whole = step.interval(ofIndex: index)
            var period = TrendPeriod(interval: DayInterval(first: max(whole.first, first), last: whole.last.map { min($0, last) }))
            period.whole = whole
            return period
        }
    }
}

extension TrendPeriod {
    /// Counts an event whose likeliest day lies in this period.
    mutating func add(_ facts: EventFacts) {
        if facts.uncertain || !whole.contains(facts.first) || !whole.contains(facts.last) { uncertain += 1 }
        events += 1
        kinds[facts.kind, default: 0] += 1
        rows += facts.rows
        if let quad = facts.quad { classes[quad, default: 0] += 1 } else { unclassified += 1 }
        if !facts.tone.isNaN {
            tonedEvents += 1
            toneSum += facts.tone
        }
    }
}
