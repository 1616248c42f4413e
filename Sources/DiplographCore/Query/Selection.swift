/// Which part of the graph a drawing or an export shows: the snapshot at a day with an
/// optional look-back window, then optionally only the ego network of a node and only
/// the strongest relations. Render and every export apply it the same way.
public struct Selection: Sendable, Hashable {
    /// The snapshot day, or nil for the last day the data mentions.
    public var day: Day?
    /// Look-back window in days, or nil for cumulative.
    public var windowDays: Int?
    /// Keep only the ego network of this node.
    public var focus: NodeID?
    /// With `focus`: how many relation hops to keep (either direction).
    public var depth: Int
    /// Keep only this many relations (see `Snapshot.strongest`).
    public var top: Int?
    /// Keep only relations with at least this many events.
    public var minEvents: Int?

    /// A selection; every part is optional (`depth` 1 by default).
    public init(day: Day? = nil, windowDays: Int? = nil, focus: NodeID? = nil, depth: Int = 1, top: Int? = nil) {
        self.day = day
        self.windowDays = windowDays
        self.focus = focus
        self.depth = depth
        self.top = top
    }

    /// The selection covering `[from, to]`: the snapshot at the last day of `to` with a
    /// window reaching back to the first day of `from`. Either end may be missing.
    public static func range(from: EventDate?, to: EventDate?) -> Selection {
        var selection = Selection(day: to?.lastDay)
        if let from {
            let end = to?.lastDay
            selection.windowDays = end.map { from.firstDay.distance(to: $0) }
            if end == nil { selection.windowFrom = from.firstDay }
        }
        return selection
    }

    /// With `range(from:to:)` and no `to`: the first day of the window, resolved
    /// against the data's last day.
    var windowFrom: Day?
}
