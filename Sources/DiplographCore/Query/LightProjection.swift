/// A store on disk or on a server whose snapshots and diffs are projected by an
/// in-memory store of the events that count, read with what relations need only (ids,
/// kinds, stances, days, tones, parties); whole events are read by id, a page at a
/// time, only when someone reads them. The SQLite and PostgreSQL stores answer so.
package protocol LightProjection: EventStore {
    /// The longest event span in days: a window looks back this far for events that
    /// started before it and reach into it.
    var longestSpan: Int { get }

    /// The events that started on or before `day` (and from `earliest`, and that end on
    /// or after `end`, when given), read light, as an in-memory store over every node
    /// and office.
    func relationStore(from earliest: Day?, through day: Day, endingOnOrAfter end: Day?) -> InMemoryStore

    /// Whole events by id, made a page at a time when read.
    func wholeEvents(ids: [String]) -> EventList
}

extension LightProjection {
    /// The snapshot as the in-memory store projects it from the light events of its
    /// window (every earlier event when cumulative), with its `events` whole when read.
    ///
    /// - Complexity: a read of the window's events, then their projection to relations.
    package func projectedSnapshot(at day: Day, windowDays: Int?) -> Snapshot {
        let projected: Snapshot
        if let windowDays {
            let first = day.adding(days: -max(0, windowDays))
            projected = relationStore(from: first.adding(days: -longestSpan), through: day, endingOnOrAfter: first)
                .snapshot(at: day, windowDays: windowDays)
        } else {
            projected = relationStore(from: nil, through: day, endingOnOrAfter: nil).snapshot(at: day, windowDays: nil)
        }
        return Snapshot(day: day, windowDays: windowDays, offices: projected.offices, issueStatuses: projected.issueStatuses,
                        events: wholeEvents(ids: projected.events.ids), relations: projected.relations,
                        nodeIDs: projected.nodeIDs)
    }

    /// Both dates compared as in memory, over the light events that count for either
    /// (up to `to`; from the earlier window's start when windowed), read once; the events
    /// between the dates are the store's own timeline, and the diff's snapshots are made
    /// only if `before` or `after` is read.
    ///
    /// - Complexity: one read of the two windows' events (every event up to `to` when
    ///   cumulative), then their projection to relations.
    package func projectedDiff(from: Day, to: Day, windowDays: Int?) -> GraphDiff {
        let earliest = windowDays.map { from.adding(days: -max(0, $0)) }
        let light = relationStore(from: earliest?.adding(days: -longestSpan), through: to, endingOnOrAfter: earliest)
        return light.diff(from: from, to: to, windowDays: windowDays)
            .with(eventsBetween: eventsStarted(after: from, through: to))
            .withSnapshots { [self] in
                (projectedSnapshot(at: from, windowDays: windowDays), projectedSnapshot(at: to, windowDays: windowDays))
            }
    }
}
