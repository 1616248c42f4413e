/// A store that answers the analyses' timelines with only what they read: days,
/// kind, stance, tone, attributes, parties and sources (titles and other texts left
/// out), as an in-memory store's columns, and makes whole events only for the few
/// an analysis shows. A persistent store answers a busy dyad's trend so without
/// making each of its events.
package protocol LightTimelines: EventStore {
    /// The events of `query`, chronological, with what the analyses read only; their
    /// sources only `withSources`.
    func lightTimeline(_ query: TimelineQuery, withSources: Bool) -> EventList
    /// The events with `ids`, whole, in the order given.
    func wholeEvents(ids: [String]) -> EventList
}

extension EventStore {
    /// The events of `query` for an analysis to read in bulk: light when the store
    /// can make them so.
    func analysisTimeline(_ query: TimelineQuery, withSources: Bool) -> EventList {
        (self as? any LightTimelines)?.lightTimeline(query, withSources: withSources) ?? timeline(query)
    }

    /// The events at `indices` of a list `analysisTimeline` gave, whole.
    func wholeEvents(_ list: EventList, at indices: [Int]) -> EventList {
        let kept = list.keeping(indices: indices)
        guard let light = self as? any LightTimelines else { return kept }
        return light.wholeEvents(ids: kept.ids)
    }
}
