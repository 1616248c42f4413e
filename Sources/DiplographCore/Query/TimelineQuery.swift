/// What a timeline asks for. Empty filters match everything; filters combine with AND.
public struct TimelineQuery: Sendable, Hashable {
    /// How the `actors` filter combines its members.
    public enum ActorMatch: String, Sendable, Hashable, CaseIterable {
        /// An event matches if any listed node takes part.
        case any
        /// An event matches only if every listed node takes part.
        case all
    }

    /// Nodes that take part (as actor or target). See `actorMatch`.
    public var actors: [NodeID]
    /// Whether any or all of `actors` must take part.
    public var actorMatch: ActorMatch
    /// Both nodes of the pair take part in the event.
    public var pair: Pair?
    /// The event concerns at least one of these issues.
    public var issues: [NodeID]
    /// The event is of one of these kinds; empty for all kinds.
    public var kinds: Set<EventKind>
    /// Closed interval: an event matches when its span shares at least one day with it,
    /// so a month-precision event matches a range that covers any day of that month.
    public var range: DayInterval?

    /// Two nodes that must both take part, in either role and direction.
    public struct Pair: Sendable, Hashable {
        /// One node of the pair.
        public var first: NodeID
        /// The other node of the pair.
        public var second: NodeID

        /// The pair of `first` and `second`.
        public init(_ first: NodeID, _ second: NodeID) {
            self.first = first
            self.second = second
        }
    }

    /// A query; every filter is optional and they combine with AND.
    public init(actors: [NodeID] = [], actorMatch: ActorMatch = .any, pair: Pair? = nil,
                issues: [NodeID] = [], kinds: Set<EventKind> = [], range: DayInterval? = nil) {
        self.actors = actors
        self.actorMatch = actorMatch
        self.pair = pair
        self.issues = issues
        self.kinds = kinds
        self.range = range
    }

    /// Whether `event` passes every filter.
    public func matches(_ event: Event) -> Bool {
        if !kinds.isEmpty, !kinds.contains(event.kind) { return false }
        if let range, !range.overlaps(event.date.days) { return false }
        let parties = event.actors + event.targets
        if !actors.isEmpty {
            switch actorMatch {
            case .any: if !actors.contains(where: parties.contains) { return false }
            case .all: if !actors.allSatisfy(parties.contains) { return false }
            }
        }
        if let pair, !(parties.contains(pair.first) && parties.contains(pair.second)) { return false }
        if !issues.isEmpty, !issues.contains(where: event.issues.contains) { return false }
        return true
    }
}

extension TimelineQuery {
    /// The node lists that drive a store's read of candidates, each with whether its
    /// nodes are issues: a pair's two nodes (both must take part), every actor under
    /// `any`, the first under `all`, else the issues; none when no node filters.
    package var drivingNodes: [(nodes: [NodeID], issue: Bool)] {
        if let pair { return [([pair.first], false), ([pair.second], false)] }
        if !actors.isEmpty { return [(actorMatch == .all ? [actors[0]] : actors, false)] }
        if !issues.isEmpty { return [(issues, true)] }
        return []
    }
}
