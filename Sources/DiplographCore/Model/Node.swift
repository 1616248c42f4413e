/// A stable node identifier: a lowercase slug such as `ararat-mirzoyan`.
public typealias NodeID = String

/// What a node stands for.
public enum NodeKind: String, Sendable, Hashable, CaseIterable, Codable {
    case person
    case state
    case organization
    case issue
}

/// A person, state, organization or issue: the nodes of the relationship graph.
public struct Node: Sendable, Hashable, Identifiable {
    /// The node's stable id.
    public let id: NodeID
    /// Whether it is a person, a state, an organization or an issue.
    public var kind: NodeKind
    /// The display name.
    public var name: String
    /// Other names the node is known by (for search and import matching).
    public var aliases: [String]
    /// Free-form attributes; writers emit them sorted by key.
    public var attributes: [String: String]
    /// For issues: how the issue's status changed over time. Empty for other kinds.
    public var lifecycle: [LifecyclePhase]

    /// A node; `lifecycle` is for issues only.
    public init(id: NodeID, kind: NodeKind, name: String, aliases: [String] = [],
                attributes: [String: String] = [:], lifecycle: [LifecyclePhase] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.attributes = attributes
        self.lifecycle = lifecycle
    }

    /// The issue's status on `day`: the phase whose closed interval contains the day.
    /// Where month-precision phases overlap, the phase that starts later wins, then
    /// the one listed later.
    ///
    /// - Complexity: O(p) in the number of phases.
    public func status(on day: Day) -> String? {
        var best: LifecyclePhase?
        for phase in lifecycle where phase.interval.contains(day) {
            if let current = best, phase.from.firstDay < current.from.firstDay { continue }
            best = phase
        }
        return best?.status
    }
}

/// One status of an issue over an interval, e.g. `active` from 2022-12-12 to 2023-09.
public struct LifecyclePhase: Sendable, Hashable {
    /// The status during the phase (`active`, `negotiating`, …).
    public var status: String
    /// The first date of the phase (its first day counts).
    public var from: EventDate
    /// The last date of the phase, or nil while it lasts.
    public var to: EventDate?

    /// A phase from `from` to `to` (nil: still in force).
    public init(status: String, from: EventDate, to: EventDate? = nil) {
        self.status = status
        self.from = from
        self.to = to
    }

    /// Closed interval from the first day of `from` to the last day of `to`.
    public var interval: DayInterval {
        DayInterval(first: from.firstDay, last: to?.lastDay)
    }
}
