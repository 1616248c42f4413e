/// How an event's span stands to a reference interval (an issue phase, a period),
/// after Allen's interval relations, on closed intervals of days.
///
/// Both are closed: an event dated `2023-06` spans 2023-06-01 through 2023-06-30, a
/// phase `from: 2022-12-12 to: 2023-09` spans 2022-12-12 through 2023-09-30. A
/// reference interval may be open-ended (a phase still in force): it then has no last
/// day, so nothing is `after` it and nothing `meets` its end.
public enum IntervalRelation: String, Sendable, Hashable, CaseIterable {
    /// Inside the interval: starts on or after its first day, ends on or before its last
    /// (Allen's during, starts, finishes and equals together).
    case during
    /// Shares at least one day with the interval (every Allen relation but before,
    /// after, meets and met-by). The default, as `--from`/`--to` match.
    case overlaps
    /// Ends before the interval's first day, with at least one day between.
    case before
    /// Starts after the interval's last day, with at least one day between.
    case after
    /// Ends the day before the interval begins.
    case meets
    /// Begins the day after the interval ends.
    case metBy = "met-by"

    /// Whether `span` stands in this relation to `interval`.
    ///
    /// - Complexity: O(1).
    public func holds(for span: DayInterval, to interval: DayInterval) -> Bool {
        // In 64 bits: a day after the last representable one must not wrap.
        let (first, last) = (Int64(span.first.ordinal), Int64(span.last?.ordinal ?? .max))
        let (start, end) = (Int64(interval.first.ordinal), interval.last.map { Int64($0.ordinal) })
        switch self {
        case .during: return first >= start && end.map { last <= $0 } ?? true
        case .overlaps: return interval.overlaps(span)
        case .before: return last + 1 < start
        case .after: return end.map { first > $0 + 1 } ?? false
        case .meets: return last + 1 == start
        case .metBy: return end.map { first == $0 + 1 } ?? false
        }
    }

    /// Days every event in this relation to `interval` shares at least one of: a
    /// timeline over them finds every candidate. Nil when no event can be in it (after
    /// or met by an interval with no end).
    package func candidateRange(for interval: DayInterval) -> DayInterval? {
        switch self {
        case .during, .overlaps: interval
        case .before: DayInterval(first: Day(ordinal: .min), last: interval.first.adding(days: -2))
        case .meets: DayInterval(first: interval.first.adding(days: -1), last: interval.first.adding(days: -1))
        case .after: interval.last.map { DayInterval(first: $0.adding(days: 2), last: nil) }
        case .metBy: interval.last.map { DayInterval(first: $0.adding(days: 1), last: $0.adding(days: 1)) }
        }
    }
}

extension TimelineQuery {
    /// A query whose answer holds every event that matches this one and shares a day
    /// with `days`, narrowed to as few days as that allows; callers keep the events of
    /// the answer that share a day with both (`matchesRange(_:)`, `days.overlaps`).
    ///
    /// Where the two ranges meet, their intersection: an event sharing a day with both
    /// shares one with it (intervals on a line that meet pairwise share a point).
    /// Where they do not, an event spanning the space between shares a day with each,
    /// so the range becomes the span of both.
    package func widened(toInclude days: DayInterval) -> TimelineQuery {
        var result = self
        guard let range else {
            result.range = days
            return result
        }
        let lasts = (range.last, days.last)
        if range.overlaps(days) {
            let last: Day? = switch lasts {
            case let (one?, other?): min(one, other)
            case let (one, other): one ?? other
            }
            result.range = DayInterval(first: max(range.first, days.first), last: last)
        } else {
            let last: Day? = switch lasts {
            case let (one?, other?): max(one, other)
            default: nil
            }
            result.range = DayInterval(first: min(range.first, days.first), last: last)
        }
        return result
    }

    /// Whether `span` shares a day with the query's range (or there is none).
    package func matchesRange(_ span: DayInterval) -> Bool {
        range?.overlaps(span) ?? true
    }
}

extension EventStore {
    /// Events matching `query` whose spans stand in `relation` to `interval`,
    /// chronological. The query's own range, if any, applies too (overlap, closed).
    ///
    /// - Complexity: that of a timeline over the candidate days, plus O(k) for the k
    ///   events it returns.
    public func timeline(_ query: TimelineQuery, _ relation: IntervalRelation, to interval: DayInterval) -> EventList {
        guard let candidates = relation.candidateRange(for: interval) else { return EventList([]) }
        return timeline(query.widened(toInclude: candidates)).filter { event in
            query.matchesRange(event.date.days) && relation.holds(for: event.date.days, to: interval)
        }
    }
}
