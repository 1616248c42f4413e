/// Another store's record as it stood on a date, or without its uncertain dates:
/// every event passes through one rule that keeps it, trims it, or leaves it out, and
/// every query (timelines, snapshots, diffs, and the analyses built on them) answers
/// from what passed.
///
/// Timelines filter the other store's answer; snapshots aggregate the events that
/// passed into an in-memory store of the other's nodes and offices first, so they cost
/// a timeline of the snapshot's days plus building that store.
public struct FilteredStore: EventStore {
    /// What a rule does with an event: keeps it as it is or changed, or leaves it out (nil).
    public typealias Rule = @Sendable (Event) -> Event?

    /// The store filtered.
    public let base: any EventStore
    private let rule: Rule
    /// Days every event the rule keeps shares one of, when known: timelines ask the
    /// other store only about them.
    private let within: DayInterval?

    /// The events of `base` that `rule` keeps, as it changes them; when every event it
    /// keeps shares a day with `within`, saying so narrows each question to those days.
    public init(_ base: any EventStore, within: DayInterval? = nil, rule: @escaping Rule) {
        self.base = base
        self.within = within
        self.rule = rule
    }

    /// The events that stand in `relation` to `interval` (closed, see
    /// `IntervalRelation`).
    public static func events(_ relation: IntervalRelation, to interval: DayInterval, in base: any EventStore) -> FilteredStore {
        FilteredStore(base, within: relation.candidateRange(for: interval)) {
            relation.holds(for: $0.date.days, to: interval) ? $0 : nil
        }
    }

    /// The record as it stood at the end of `day`: each event keeps the sources
    /// recorded by then, and an event with none left out.
    ///
    /// A source counts as recorded on its date (GDELT's DATEADDED, a native source's
    /// date), on the last day of that date when it is a month or a year, and on the
    /// event's last day when it has no date; an event without sources, on its last
    /// day. An event keeps its tone: a merged coded event's tone is its rows' mean,
    /// and which row said what is not kept.
    public static func known(at day: Day, in base: any EventStore) -> FilteredStore {
        FilteredStore(base) { event in
            guard !event.sources.isEmpty else { return event.date.lastDay <= day ? event : nil }
            // Most events of a record read later are known whole: no copy for them.
            if event.sources.allSatisfy({ event.recordedDay(of: $0) <= day }) { return event }
            let known = event.sources.filter { event.recordedDay(of: $0) <= day }
            guard !known.isEmpty else { return nil }
            var trimmed = event
            trimmed.sources = known
            return trimmed
        }
    }

    /// The events whose dates are certain: neither end marked approximate (`~`).
    public static func certainOnly(_ base: any EventStore) -> FilteredStore {
        FilteredStore(base) { event in
            event.date.isApproximate ? nil : event
        }
    }

    /// The other store's title.
    public var title: String? { base.title }
    /// The other store's notes.
    public var notes: [String] { base.notes }
    /// Every node of the other store, whether or not an event that passed names it.
    public var nodes: [Node] { base.nodes }
    /// The other store's offices (the rule applies to events only).
    public var offices: [Office] { base.offices }
    /// The other store's last day.
    public var lastDay: Day { base.lastDay }

    /// - Complexity: O(n): every event of the other store passes through the rule.
    public var eventExtent: EventExtent? {
        let events = timeline(TimelineQuery())
        guard let first = events.first, let last = events.lazy.map(\.date.lastDay).max() else { return nil }
        return EventExtent(count: events.count, first: first.date.firstDay, last: last)
    }

    /// The other store's node.
    public func node(_ id: NodeID) -> Node? { base.node(id) }

    /// The event as the rule keeps it, or nil.
    public func event(_ id: String) -> Event? { base.event(id).flatMap(rule) }

    /// The other store's timeline, each event through the rule.
    ///
    /// - Complexity: that of the other store's timeline, plus making each of its events.
    public func timeline(_ query: TimelineQuery) -> EventList {
        guard let within else { return EventList(base.timeline(query).compactMap(rule)) }
        return EventList(base.timeline(query.widened(toInclude: within)).compactMap { event in
            query.matchesRange(event.date.days) ? rule(event) : nil
        })
    }

    /// The snapshot of the events that passed.
    ///
    /// - Complexity: a timeline of the snapshot's days, plus building an in-memory
    ///   store of the events that passed, plus its snapshot.
    public func snapshot(at day: Day, windowDays: Int?) -> Snapshot {
        let range = DayInterval(first: windowDays.map { day.adding(days: -$0) } ?? Day(ordinal: .min), last: day)
        let events = timeline(TimelineQuery(range: range)).filter { $0.date.firstDay <= day }
        let store = InMemoryStore(Dataset(title: title, notes: notes, nodes: nodes, offices: offices, events: Array(events)))
        return store.snapshot(at: day, windowDays: windowDays)
    }
}

extension Event {
    /// The day the record learned of `source`: the last day of the source's date (GDELT's
    /// DATEADDED, a native source's date), else the event's last day.
    public func recordedDay(of source: Source) -> Day {
        source.date?.lastDay ?? date.lastDay
    }

    /// The days the record learned of the event: one per source, or its last day when
    /// it has none.
    public var recordedDays: [Day] {
        sources.isEmpty ? [date.lastDay] : sources.map(recordedDay(of:))
    }
}
