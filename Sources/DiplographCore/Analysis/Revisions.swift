/// What the record learned between two dates about the events of one period: events
/// it had not known, and reports added to events it knew.
public struct RevisionPeriod: Sendable, Hashable {
    /// The period of the events concerned (closed), by their likeliest day.
    public var interval: DayInterval
    /// Events first recorded in the half-open `(from, to]`.
    public var newEvents = 0
    /// Events known by `from` that gained sources recorded in `(from, to]`.
    public var revisedEvents = 0
    /// Sources recorded in `(from, to]`, over both.
    public var newSources = 0
    /// The ids of the new events, chronological.
    public var newEventIDs: [String] = []
}

extension EventStore {
    /// What the record learned after `from` and up to `to` (the half-open `(from, to]`,
    /// by the days sources were recorded, see `Event.recordedDay(of:)`), grouped by
    /// the period of `step` the events concern. Only periods with something learned.
    ///
    /// - Complexity: O(n) over every event: any event may gain a report at any time.
    public func revisions(from: Day, to: Day, step: TrendStep) -> [RevisionPeriod] {
        guard from < to else { return [] }
        var periods: [Int: RevisionPeriod] = [:]
        for event in timeline(TimelineQuery()) {
            let days = event.recordedDays
            let learned = days.filter { $0 > from && $0 <= to }.count
            guard learned > 0 else { continue }
            let index = step.index(of: event.likeliestDay)
            var period = periods[index] ?? RevisionPeriod(interval: step.interval(ofIndex: index))
            period.newSources += event.sources.isEmpty ? 0 : learned
            if days.min()! > from {
                period.newEvents += 1
                period.newEventIDs.append(event.id)
            } else {
                period.revisedEvents += 1
            }
            periods[index] = period
        }
        return periods.sorted { $0.key < $1.key }.map(\.value)
    }
}
