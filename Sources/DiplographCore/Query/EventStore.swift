/// What every Diplograph store answers: lookups, timelines, snapshots and diffs.
///
/// `InMemoryStore` is one implementation (columns and posting lists in memory); a
/// persistent store (SQLite, PostgreSQL) is another. Code that asks questions —
/// the reports, exporters, diagrams, the command-line tool — takes `any EventStore`
/// and works with either.
///
/// Results are values: `Event`, `Snapshot`, `Relation`, `GraphDiff`, and `EventList`,
/// a collection of events that an implementation may fill from its own storage or
/// from an array (`EventList(_:)`). Nothing in them refers to how a store keeps its
/// data.
///
/// ## Conforming
///
/// Implement the requirements without a default: `title`, `notes`, `nodes`,
/// `offices`, `node(_:)`, `event(_:)`, `lastDay`, `timeline(_:)` and
/// `snapshot(at:windowDays:)`. The others have defaults built on those (a diff from
/// two snapshots, lookups by scanning); a store replaces them where it can answer
/// faster. Answers must equal `InMemoryStore`'s for the same data, ordering included:
/// the shared query suite in the tests checks that.
public protocol EventStore: Sendable {
    /// The dataset's title, if it has one.
    var title: String? { get }
    /// Provenance notes of the dataset (how a year was inferred, what a file held).
    var notes: [String] { get }
    /// Every node, in id order.
    var nodes: [Node] { get }
    /// Every office, ordered by start date, then person, then id.
    var offices: [Office] { get }
    /// The last day the data mentions: the end of the latest event, or the latest
    /// start or end of an office or issue phase.
    ///
    /// - Complexity: `InMemoryStore`: O(n + o + p) over events, offices and phases.
    var lastDay: Day { get }

    /// How many events the store holds and the days they cover, or nil when it holds
    /// none.
    ///
    /// - Complexity: `InMemoryStore`: O(1).
    var eventExtent: EventExtent? { get }

    /// The node with `id`, or nil.
    ///
    /// - Complexity: `InMemoryStore`: O(1) on average.
    func node(_ id: NodeID) -> Node?

    /// The event with `id`, or nil.
    ///
    /// - Complexity: `InMemoryStore`: O(1) on average.
    func event(_ id: String) -> Event?

    /// The number of events `id` takes part in (as actor or target) plus the number
    /// it is an issue of.
    ///
    /// - Complexity: `InMemoryStore`: O(1) on average.
    func eventCount(of id: NodeID) -> Int

    /// Events matching `query`, chronological: by first day, then last day, then id.
    ///
    /// The query's date range is a closed interval: an event matches when its span
    /// shares at least one day with it.
    ///
    /// - Complexity: `InMemoryStore`: O(log n) for one actor or issue over a range,
    ///   else O(log n + k) for k candidate events (see `InMemoryStore.timeline(_:)`).
    func timeline(_ query: TimelineQuery) -> EventList

    /// The graph as it stood on `day`.
    ///
    /// An event counts if it *started* on or before `day`; with `windowDays`, only if
    /// its span also reaches into the closed window `[day − windowDays, day]`.
    /// Offices are those held on `day` (closed terms), issue statuses those in force
    /// on `day`.
    ///
    /// - Complexity: `InMemoryStore`: O(log n + k + r log r) for k events in the
    ///   window and r relations; cumulative, O(r log k) from running totals.
    func snapshot(at day: Day, windowDays: Int?) -> Snapshot

    /// The events a relation aggregates, chronological.
    ///
    /// - Complexity: `InMemoryStore`: O(k) for its k events.
    func events(of relation: Relation) -> EventList

    /// What changed between the snapshots at `from` and at `to` (same window for
    /// both), with the events that started in the half-open `(from, to]`.
    ///
    /// - Complexity: `InMemoryStore`, cumulative: O(k log k + n + o) for the k events
    ///   in `(from, to]`; windowed: two snapshots plus O(r).
    func diff(from: Day, to: Day, windowDays: Int?) -> GraphDiff
}

/// How many events a store holds, and the days from the first one's first day to
/// the latest last day.
public struct EventExtent: Sendable, Hashable {
    /// The number of events.
    public let count: Int
    /// The first day of the earliest event.
    public let first: Day
    /// The latest last day of any event.
    public let last: Day

    /// An extent of `count` events from `first` to `last`.
    public init(count: Int, first: Day, last: Day) {
        self.count = count
        self.first = first
        self.last = last
    }
}

extension EventStore {
    /// The default diff: both snapshots compared (see `GraphDiff.init(before:after:eventsBetween:)`).
    ///
    /// - Complexity: that of the two snapshots and a timeline of `(from, to]`, plus
    ///   O(r) in their relations.
    public func diff(from: Day, to: Day, windowDays: Int?) -> GraphDiff {
        GraphDiff(before: snapshot(at: from, windowDays: windowDays), after: snapshot(at: to, windowDays: windowDays),
                  eventsBetween: eventsStarted(after: from, through: to))
    }

    /// The default: each of the relation's events looked up by id.
    ///
    /// - Complexity: k lookups for its k events.
    public func events(of relation: Relation) -> EventList {
        EventList(relation.eventIDs.compactMap(event))
    }

    /// The default count: two timelines.
    ///
    /// - Complexity: that of two timelines.
    public func eventCount(of id: NodeID) -> Int {
        timeline(TimelineQuery(actors: [id])).count + timeline(TimelineQuery(issues: [id])).count
    }

    /// The events that started after `from` and on or before `to`, chronological.
    ///
    /// - Complexity: that of a timeline over `(from, to]`.
    package func eventsStarted(after from: Day, through to: Day) -> EventList {
        guard from < to else { return EventList([]) }
        return timeline(TimelineQuery(range: DayInterval(first: from.adding(days: 1), last: to)))
            .filter { $0.date.firstDay > from }
    }

    /// The snapshot at `day` counting every event that started by then.
    ///
    /// - Complexity: that of `snapshot(at:windowDays:)`.
    public func snapshot(at day: Day) -> Snapshot {
        snapshot(at: day, windowDays: nil)
    }

    /// The cumulative diff from `from` to `to`.
    ///
    /// - Complexity: that of `diff(from:to:windowDays:)`.
    public func diff(from: Day, to: Day) -> GraphDiff {
        diff(from: from, to: to, windowDays: nil)
    }

    /// The display name of `id`, or the id itself when unknown.
    ///
    /// - Complexity: that of `node(_:)`.
    public func name(of id: NodeID) -> String {
        node(id)?.name ?? id
    }

    /// Offices held on `day` (closed terms: held on the first and the last day), in
    /// term order.
    ///
    /// - Complexity: O(o) in the number of offices.
    public func offices(heldOn day: Day) -> [Office] {
        offices.filter { $0.isHeld(on: day) }
    }

    /// Who holds `post` in `organization` on `day`, e.g. the US Secretary of State on
    /// 2025-02-01. Several people when terms overlap (acting holders), in term order.
    ///
    /// - Complexity: O(o) in the number of offices.
    public func holders(of post: String, in organization: NodeID, on day: Day) -> [Office] {
        offices.filter { $0.organization == organization && $0.post == post && $0.isHeld(on: day) }
    }

    /// The offices `person` held at any time, in term order.
    ///
    /// - Complexity: O(o) in the number of offices.
    public func offices(of person: NodeID) -> [Office] {
        offices.filter { $0.person == person }
    }

    /// The node a user means by `text`: an exact id, else the one node with that alias
    /// or name (ignoring case), else the one id that differs only in case (`ARM` finds
    /// the node `arm`, or a hand-made `armenia` with the alias `ARM`). Nil when none
    /// matches or several do.
    ///
    /// - Complexity: O(1) for an exact id when `node(_:)` is, O(n) otherwise.
    public func resolve(_ text: String) -> NodeID? {
        if node(text) != nil { return text }
        let lowered = text.lowercased()
        let byAlias = nodes.filter { $0.aliases.contains { $0.lowercased() == lowered } || $0.name.lowercased() == lowered }
        if byAlias.count == 1 { return byAlias[0].id }
        let byID = nodes.filter { $0.id.lowercased() == lowered }
        return byID.count == 1 ? byID[0].id : nil
    }

    /// The snapshot a selection describes: the snapshot at its day (the data's last
    /// day when it has none) with its window, then its focus, minimum and top applied.
    ///
    /// - Complexity: that of `snapshot(at:windowDays:)`, plus focus and ranking.
    public func snapshot(_ selection: Selection) -> Snapshot {
        let day = selection.day ?? lastDay
        var window = selection.windowDays
        if let from = selection.windowFrom { window = max(0, from.distance(to: day)) }
        var snapshot = snapshot(at: day, windowDays: window)
        if let focus = selection.focus { snapshot = snapshot.focused(on: focus, depth: selection.depth) }
        if let minimum = selection.minEvents { snapshot = snapshot.withAtLeast(minimum) }
        if let top = selection.top { snapshot = snapshot.strongest(top) }
        return snapshot
    }
}
