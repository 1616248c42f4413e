import DiplographCore

/// A timeline drawn as SVG: a time axis, one lane per actor or issue, events as
/// marks (a day as a dot, a month, year or range as a bar over the days it covers),
/// offices and issue phases as bars under the marks.
///
/// Written by hand rather than through Graphviz: a time axis is not a graph layout.
/// Output is deterministic; every text is escaped; ids are `lane-<node>` and
/// `event-<node>-<event>`.
public struct TimelineDiagram: Sendable {
    let store: any EventStore
    /// Nodes, one lane each, top to bottom.
    let lanes: [NodeID]
    /// The closed interval of days drawn.
    let range: DayInterval
    /// The title drawn above the lanes.
    public var title: String?

    static let width = 1100.0
    static let laneLabelWidth = 230.0
    static let laneHeight = 34.0
    static let top = 70.0

    /// A diagram of `lanes` (one row each, in the order given) from `first` to `last`, both included.
    public init(store: any EventStore, lanes: [NodeID], from first: Day, to last: Day, title: String? = nil) {
        self.store = store
        self.lanes = lanes
        range = DayInterval(first: first, last: max(first, last))
        self.title = title
    }

    /// The time axis over the plot, right of the lane labels.
    var axis: TimeAxis {
        TimeAxis(range: range, left: Self.laneLabelWidth, right: Self.width - 20)
    }

    /// Tick marks for the axis (see `TimeAxis.ticks`).
    var ticks: [(day: Day, label: String)] { axis.ticks }

    /// The x coordinate of the start of `day` (its end is `x(day + 1)`).
    func x(_ day: Day) -> Double { axis.x(day) }

    static let kindColors: [EventKind: String] = [
        .meeting: "#0072B2", .statement: "#E69F00", .agreement: "#009E73", .event: "#777777",
    ]
    static let statusColors = ["#F0E442", "#CC79A7", "#56B4E9", "#D55E00", "#009E73", "#999999"]

    /// The `count` nodes with the most events in `range` (an issue's events are those
    /// that concern it), ties by id: the lanes drawn when none are named.
    package static func busiestLanes(_ count: Int, of store: any EventStore, in range: DayInterval) -> [NodeID] {
        let counts = store.nodes.map { node -> (NodeID, Int) in
            let query = node.kind == .issue ? TimelineQuery(issues: [node.id], range: range)
                                            : TimelineQuery(actors: [node.id], range: range)
            return (node.id, store.timeline(query).count)
        }
        return counts.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }

    /// The diagram as a standalone SVG document; every text from the data is escaped.
    ///
    /// - Complexity: O(l · e) for l lanes of at most e events in the range.
    public func svg() -> String {
        let height = Self.top + Double(lanes.count) * Self.laneHeight + 70
        var out: [String] = []
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" width=\"\(Int(Self.width))\" height=\"\(Int(height))\" "
                   + "viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" font-family=\"DejaVu Sans,sans-serif\" font-size=\"11\">")
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        let heading = title ?? "\(store.title ?? "Diplograph"): \(range.first) to \(range.last ?? range.first)"
        out.append("<text x=\"\(Int(Self.width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">\(xmlEscaped(heading))</text>")
        // Axis and ticks.
        let axisY = Self.top - 12
        let bottom = Self.top + Double(lanes.count) * Self.laneHeight
        out.append("<g id=\"axis\" stroke=\"#BBBBBB\">")
        for tick in ticks {
            let position = svgNumber(x(tick.day))
            out.append("<line x1=\"\(position)\" y1=\"\(svgNumber(axisY))\" x2=\"\(position)\" y2=\"\(svgNumber(bottom))\"/>")
            out.append("<text x=\"\(position)\" y=\"\(svgNumber(axisY - 4))\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333333\">"
                       + "\(xmlEscaped(tick.label))</text>")
        }
        out.append("</g>")
        for (index, lane) in lanes.enumerated() {
            out.append(contentsOf: laneSVG(lane, y: Self.top + Double(index) * Self.laneHeight))
        }
        // Legend.
        var legendX = Self.laneLabelWidth
        let legendY = bottom + 30
        out.append("<g id=\"legend\">")
        for kind in EventKind.allCases {
            out.append("<circle cx=\"\(svgNumber(legendX))\" cy=\"\(svgNumber(legendY))\" r=\"5\" fill=\"\(Self.kindColors[kind]!)\"/>")
            out.append("<text x=\"\(svgNumber(legendX + 9))\" y=\"\(svgNumber(legendY + 4))\">\(kind.rawValue)</text>")
            legendX += 95
        }
        out.append("<rect x=\"\(svgNumber(legendX))\" y=\"\(svgNumber(legendY - 5))\" width=\"26\" height=\"10\" rx=\"3\" fill=\"#0072B2\" fill-opacity=\"0.55\"/>")
        out.append("<text x=\"\(svgNumber(legendX + 32))\" y=\"\(svgNumber(legendY + 4))\">month, year or range: the days it covers</text>")
        out.append("<text x=\"\(svgNumber(legendX + 300))\" y=\"\(svgNumber(legendY + 4))\">red outline: tone &lt; 0; dashed: date uncertain</text>")
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private func laneSVG(_ lane: NodeID, y: Double) -> [String] {
        var out: [String] = []
        let node = store.node(lane)
        let middle = y + Self.laneHeight / 2
        out.append("<g id=\"\(xmlEscaped("lane-" + lane))\">")
        out.append("<line x1=\"\(svgNumber(Self.laneLabelWidth))\" y1=\"\(svgNumber(middle))\" x2=\"\(svgNumber(Self.width - 20))\" "
                   + "y2=\"\(svgNumber(middle))\" stroke=\"#EEEEEE\"/>")
        let kind = node?.kind.rawValue ?? "node"
        // Long names are cut to fit the label column; the full name is the tooltip.
        let name = node?.name ?? lane
        let shown = name.count > 28 ? String(name.prefix(27)) + "…" : name
        out.append("<text x=\"\(svgNumber(Self.laneLabelWidth - 8))\" y=\"\(svgNumber(middle + 4))\" text-anchor=\"end\">"
                   + "<title>\(xmlEscaped(name))</title>\(xmlEscaped(shown)) <tspan fill=\"#888888\">(\(kind))</tspan></text>")
        // Offices and issue phases: bars behind the marks.
        var bars: [(DayInterval, String, String)] = []
        for office in store.offices(of: lane) {
            bars.append((office.term, "#DDDDDD", "\(office.post), \(store.name(of: office.organization))"))
        }
        for (index, phase) in (node?.statusIntervals ?? []).enumerated() {
            bars.append((phase.interval, Self.statusColors[index % Self.statusColors.count], phase.status))
        }
        for (interval, color, label) in bars where interval.overlaps(range) {
            let start = x(max(interval.first, range.first))
            let end = x((interval.last.map { min($0, range.last ?? $0) } ?? (range.last ?? range.first)).adding(days: 1))
            out.append("<rect x=\"\(svgNumber(start))\" y=\"\(svgNumber(y + 4))\" width=\"\(svgNumber(max(1, end - start)))\" "
                       + "height=\"\(svgNumber(Self.laneHeight - 8))\" rx=\"4\" fill=\"\(color)\" fill-opacity=\"0.35\">"
                       + "<title>\(xmlEscaped(label))</title></rect>")
            out.append("<text x=\"\(svgNumber(start + 4))\" y=\"\(svgNumber(y + 13))\" font-size=\"9\" fill=\"#555555\">\(xmlEscaped(label))</text>")
        }
        // Events.
        let query = store.node(lane)?.kind == .issue ? TimelineQuery(issues: [lane], range: range)
                                                    : TimelineQuery(actors: [lane], range: range)
        for event in store.timeline(query) {
            let color = Self.kindColors[event.kind] ?? "#777777"
            let uncertain = event.date.isApproximate
            var stroke = (event.tone ?? 0) < 0 ? " stroke=\"#D55E00\" stroke-width=\"1.5\"" : ""
            // Possibly: an uncertain date is a dashed outline over a paler mark.
            if uncertain {
                stroke = (stroke.isEmpty ? " stroke=\"\(color)\" stroke-width=\"1.5\"" : stroke) + " stroke-dasharray=\"3 2\" fill-opacity=\"0.25\""
            }
            let tooltip = "<title>\(xmlEscaped("\(event.date) \(event.kind.rawValue): \(event.title)\(uncertain ? " (date uncertain)" : "")"))</title>"
            let id = xmlEscaped("event-\(lane)-\(event.id)")
            if event.date.firstDay == event.date.lastDay {
                out.append("<circle id=\"\(id)\" cx=\"\(svgNumber(x(event.date.firstDay) + 0.5))\" cy=\"\(svgNumber(middle))\" r=\"5\" "
                           + "fill=\"\(color)\"\(stroke)>\(tooltip)</circle>")
            } else {
                let start = x(max(event.date.firstDay, range.first))
                let end = x(min(event.date.lastDay, range.last ?? event.date.lastDay).adding(days: 1))
                out.append("<rect id=\"\(id)\" x=\"\(svgNumber(start))\" y=\"\(svgNumber(middle - 5))\" width=\"\(svgNumber(max(2, end - start)))\" "
                           + "height=\"10\" rx=\"3\" fill=\"\(color)\"\(uncertain ? "" : " fill-opacity=\"0.55\"")\(stroke)>\(tooltip)</rect>")
            }
        }
        out.append("</g>")
        return out
    }
}
