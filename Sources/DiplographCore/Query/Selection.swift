/// Which part of the graph a drawing or an export shows: the snapshot at a day with an
/// optional look-back window, then optionally only the ego network of a node and only
/// the strongest relations. Render and every export apply it the same way.
public struct Selection: Sendable, Hashable {
    /// The snapshot day, or nil for the last day the data mentions.
    public var day: Day?
    /// Look-back window in days, or nil for cumulative.
    public var windowDays: Int?
    public var focus: NodeID?
    public var depth: Int
    /// Keep only this many relations (see `Snapshot.strongest`).
    public var top: Int?
    /// Keep only relations with at least this many events.
    public var minEvents: Int?

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

extension GraphStore {
    /// The last day the data mentions: the end of the latest event, or the latest
    /// start of an office or lifecycle phase.
    ///
    /// - Complexity: O(n + k) over events' ends, offices and phases.
    public var lastDay: Day {
        var last = Day(year: 1970, month: 1, day: 1)
        for day in table.lastDays { last = max(last, day) }
        for office in offices { last = max(last, office.to?.lastDay ?? office.from.firstDay) }
        for node in nodes {
            for phase in node.lifecycle { last = max(last, phase.to?.lastDay ?? phase.from.firstDay) }
        }
        return last
    }

    /// The snapshot a selection describes.
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
