/// When two nodes were in contact: first and last, how often, and the silences between.
///
/// A contact is an event both take part in (as actor or target). Gaps run between
/// contacts in time order: from the last day of one (or of the latest contact so far,
/// when spans overlap) to the first day of the next, counting the days strictly
/// between, so contacts on consecutive days leave a gap of 0.
public struct Contacts: Sendable, Hashable {
    /// A silence between two contacts, or since the last one.
    public struct Gap: Sendable, Hashable {
        /// The last day of contact before the silence.
        public var after: Day
        /// The first day of contact that ends it, or for the current gap the day asked
        /// about.
        public var until: Day
        /// The days strictly between.
        public var days: Int { max(0, after.distance(to: until) - 1) }
    }

    /// The contacts, chronological.
    public var events: EventList
    /// The longest silence between two contacts (the earliest of equal ones), or nil
    /// when no contact begins after the ones before it have ended.
    public var longestGap: Gap?
    /// The silence from the last contact to `asOf`, or nil with none, or when the
    /// last contact reaches `asOf`.
    public var currentGap: Gap?
    /// The day the current gap is measured to.
    public var asOf: Day
    /// Contacts per calendar year of their first day.
    public var perYear: [(year: Int, count: Int)]

    /// The first contact.
    public var first: Event? { events.first }
    /// The contact that began last (the latest by first day).
    public var last: Event? { events.last }

    public static func == (lhs: Contacts, rhs: Contacts) -> Bool {
        lhs.events == rhs.events && lhs.longestGap == rhs.longestGap && lhs.currentGap == rhs.currentGap
            && lhs.asOf == rhs.asOf && lhs.perYear.elementsEqual(rhs.perYear, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(events)
        hasher.combine(asOf)
    }
}

extension EventStore {
    /// The contacts between `first` and `second`, of `kinds` (all when empty), with
    /// the current gap measured to `asOf` (the data's last day when nil). With
    /// `officials`, the people holding an office in either on an event's likeliest
    /// day count as it (see `TrendQuery.officials`).
    ///
    /// - Complexity: that of the pair's timeline (the first side's, with officials),
    ///   plus O(k) in its k events.
    public func contacts(between first: NodeID, and second: NodeID, kinds: Set<EventKind> = [], asOf: Day? = nil,
                         officials: Bool = false) -> Contacts {
        let end = asOf ?? lastDay
        let matcher = SubjectMatcher(first: first, second: second, directed: false, offices: officials ? offices : nil)
        let list = analysisTimeline(matcher.candidates(kinds: kinds, range: DayInterval(first: Day(ordinal: .min), last: end)),
                                    withSources: false)
        var reader = FactsReader(list)
        let numbered = matcher.numbered(&reader)
        var indices: [Int] = []
        var longest: Contacts.Gap?
        var reached: Day?
        var years: [(year: Int, count: Int)] = []
        for index in list.indices {
            let facts = reader.facts(index)
            guard facts.first <= end, numbered.matches(facts) else { continue }
            indices.append(index)
            if let reached, facts.first > reached {
                let gap = Contacts.Gap(after: reached, until: facts.first)
                if gap.days > longest?.days ?? -1 { longest = gap }
            }
            reached = max(reached ?? facts.last, facts.last)
            let year = facts.first.components.year
            if years.last?.year == year { years[years.count - 1].count += 1 } else { years.append((year, 1)) }
        }
        let current = reached.flatMap { $0 < end ? Contacts.Gap(after: $0, until: end) : nil }
        return Contacts(events: wholeEvents(list, at: indices), longestGap: longest, currentGap: current, asOf: end, perYear: years)
    }
}
