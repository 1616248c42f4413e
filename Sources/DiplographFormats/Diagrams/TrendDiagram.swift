import DiplographCore

/// A trend drawn as SVG: per period, cooperation stacked above a zero line and
/// conflict below it (verbal lighter, material darker), the mean tone as a line on its
/// own −10…+10 scale, issue phases as bands above the plot with their starts marked
/// across it, and the events themselves as a rug under the axis (up to 2,000 of them;
/// beyond, the bars alone count them).
///
/// Written by hand, as the timeline diagram is, and in its style: same fonts, colours
/// and time axis. Output is deterministic; every text is escaped. Events with
/// uncertain dates are hatched on their period's bar and dashed on the rug.
public struct TrendDiagram: Sendable {
    let store: any EventStore
    let trend: Trend
    /// The title drawn above the plot.
    public var title: String?

    static let width = 1100.0
    static let left = 110.0
    static let right = width - 60
    static let bandHeight = 16.0
    static let plotHeight = 300.0
    static let rugHeight = 34.0
    static let rugLimit = 2000

    /// A diagram of `trend`; `store` gives names, issue phases and the events.
    public init(store: any EventStore, trend: Trend, title: String? = nil) {
        self.store = store
        self.trend = trend
        self.title = title
    }

    static let classColors: [QuadClass: String] = [
        .verbalCooperation: "#56B4E9", .materialCooperation: "#0072B2",
        .verbalConflict: "#E69F00", .materialConflict: "#D55E00",
    ]

    /// The events the trend counted, chronological.
    private var events: [Event] {
        guard let first = trend.periods.first?.interval.first, let last = trend.periods.last?.interval.last else { return [] }
        var query = trend.query
        query.from = first
        query.to = last
        return Array(store.events(of: query))
    }

    /// The issues whose phases are drawn: those the events concern that have a
    /// lifecycle, else every issue with one; at most four, the busiest first.
    private func bandIssues(_ events: [Event]) -> [Node] {
        var counts: [NodeID: Int] = [:]
        for event in events { for issue in event.issues { counts[issue, default: 0] += 1 } }
        let withPhases = store.nodes.filter { $0.kind == .issue && !$0.lifecycle.isEmpty }
        let concerned = withPhases.filter { counts[$0.id] != nil }
        let chosen = concerned.isEmpty ? withPhases : concerned
        return Array(chosen.sorted { (counts[$0.id] ?? 0, $1.id) > (counts[$1.id] ?? 0, $0.id) }.prefix(4))
    }

    /// The diagram as a standalone SVG document.
    ///
    /// - Complexity: O(p + k) for p periods and k events, plus the events' timeline.
    public func svg() -> String {
        guard let firstDay = trend.periods.first?.interval.first, let lastDay = trend.periods.last?.interval.last else {
            return Self.empty(title ?? "No events to draw")
        }
        // Marks one by one only while they stay apart and the file stays small; beyond,
        // the bars say how many.
        let events = trend.events <= Self.rugLimit ? self.events : []
        let issues = bandIssues(events)
        let axis = TimeAxis(range: DayInterval(first: firstDay, last: lastDay), left: Self.left, right: Self.right)
        let bandsTop = 48.0
        let plotTop = bandsTop + Double(issues.count) * Self.bandHeight + 14
        let zero = plotTop + Self.plotHeight / 2
        let plotBottom = plotTop + Self.plotHeight
        let rugTop = plotBottom + 22
        let named = Self.named(events)
        let height = rugTop + Self.rugHeight + Double((named.count + 1) / 2) * 14 + 40
        var out: [String] = []
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"trend\" width=\"\(Int(Self.width))\" height=\"\(Int(height))\" "
                   + "viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" font-family=\"DejaVu Sans,sans-serif\" font-size=\"11\">")
        out.append("<defs><pattern id=\"uncertain\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                   + "<rect width=\"6\" height=\"6\" fill=\"white\" fill-opacity=\"0.4\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#333333\" stroke-width=\"1.5\"/></pattern></defs>")
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        out.append("<text x=\"\(Int(Self.width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">\(xmlEscaped(title ?? defaultTitle))</text>")

        // Issue phases: one band each, and a dashed line where a phase begins.
        out.append("<g id=\"phases\">")
        for (row, issue) in issues.enumerated() {
            let y = bandsTop + Double(row) * Self.bandHeight
            out.append("<text x=\"\(svgNumber(Self.left - 6))\" y=\"\(svgNumber(y + 11))\" text-anchor=\"end\" font-size=\"9\" fill=\"#555555\">"
                       + "<title>\(xmlEscaped(issue.name))</title>\(xmlEscaped(Self.cut(issue.name, 20)))</text>")
            for (index, phase) in issue.statusIntervals.enumerated() where phase.interval.overlaps(axis.range) {
                let start = axis.x(max(phase.interval.first, firstDay))
                let end = axis.x((phase.interval.last.map { min($0, lastDay) } ?? lastDay).adding(days: 1))
                let color = TimelineDiagram.statusColors[index % TimelineDiagram.statusColors.count]
                out.append("<rect id=\"\(xmlEscaped("phase-\(issue.id)-\(index)"))\" x=\"\(svgNumber(start))\" y=\"\(svgNumber(y + 1))\" "
                           + "width=\"\(svgNumber(max(1, end - start)))\" height=\"\(svgNumber(Self.bandHeight - 2))\" rx=\"3\" fill=\"\(color)\" fill-opacity=\"0.45\">"
                           + "<title>\(xmlEscaped("\(issue.name): \(phase.status) from \(phase.interval.first)"))</title></rect>")
                out.append("<text x=\"\(svgNumber(start + 3))\" y=\"\(svgNumber(y + 11))\" font-size=\"9\" fill=\"#333333\">\(xmlEscaped(phase.status))</text>")
                if phase.interval.first >= firstDay {
                    out.append("<line x1=\"\(svgNumber(start))\" y1=\"\(svgNumber(y + Self.bandHeight))\" x2=\"\(svgNumber(start))\" y2=\"\(svgNumber(plotBottom))\" "
                               + "stroke=\"\(color)\" stroke-dasharray=\"4 3\"/>")
                }
            }
        }
        out.append("</g>")

        // Axes: time ticks, the zero line, counts on the left, tone on the right.
        let largest = max(1, trend.periods.map { max(Self.cooperation($0) + $0.unclassified, Self.conflict($0)) }.max() ?? 1)
        let scale = (Self.plotHeight / 2 - 6) / Double(largest)
        out.append("<g id=\"axis\" stroke=\"#BBBBBB\">")
        for tick in axis.ticks {
            let x = svgNumber(axis.x(tick.day))
            out.append("<line x1=\"\(x)\" y1=\"\(svgNumber(plotTop))\" x2=\"\(x)\" y2=\"\(svgNumber(plotBottom + 4))\" stroke=\"#EEEEEE\"/>")
            out.append("<text x=\"\(x)\" y=\"\(svgNumber(plotBottom + 15))\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333333\">\(xmlEscaped(tick.label))</text>")
        }
        out.append("<line x1=\"\(svgNumber(Self.left))\" y1=\"\(svgNumber(zero))\" x2=\"\(svgNumber(Self.right))\" y2=\"\(svgNumber(zero))\" stroke=\"#888888\"/>")
        for fraction in [-1.0, -0.5, 0.5, 1.0] {
            let y = zero - fraction * (Self.plotHeight / 2 - 6)
            let count = Int((abs(fraction) * Double(largest)).rounded())
            out.append("<text x=\"\(svgNumber(Self.left - 6))\" y=\"\(svgNumber(y + 4))\" text-anchor=\"end\" stroke=\"none\" fill=\"#555555\">\(count)</text>")
            out.append("<text x=\"\(svgNumber(Self.right + 6))\" y=\"\(svgNumber(y + 4))\" stroke=\"none\" fill=\"#555555\">\(svgNumber(fraction * 10))</text>")
        }
        out.append("<text x=\"\(svgNumber(Self.left - 6))\" y=\"\(svgNumber(plotTop - 4))\" text-anchor=\"end\" stroke=\"none\" fill=\"#333333\">events</text>")
        out.append("<text x=\"\(svgNumber(Self.right + 6))\" y=\"\(svgNumber(plotTop - 4))\" stroke=\"none\" fill=\"#333333\">tone</text>")
        out.append("</g>")

        // Bars: cooperation up, conflict down; the uncertain share hatched.
        out.append("<g id=\"bars\">")
        var tonePoints: [(Double, Double, TrendPeriod)] = []
        for period in trend.periods {
            let start = axis.x(period.interval.first)
            let end = axis.x((period.interval.last ?? period.interval.first).adding(days: 1))
            let barX = start + min(1, (end - start) * 0.1)
            let barWidth = max(1, (end - start) - 2 * min(1, (end - start) * 0.1))
            let label = TrendReport.label(period, step: trend.query.step)
            var up = zero, down = zero
            let stacks: [(QuadClass?, Int, Bool)] = [(.verbalCooperation, period.classes[.verbalCooperation] ?? 0, true),
                                                     (.materialCooperation, period.classes[.materialCooperation] ?? 0, true),
                                                     (nil, period.unclassified, true),
                                                     (.verbalConflict, period.classes[.verbalConflict] ?? 0, false),
                                                     (.materialConflict, period.classes[.materialConflict] ?? 0, false)]
            for (quad, count, upward) in stacks where count > 0 {
                let size = Double(count) * scale
                let y = upward ? up - size : down
                if upward { up -= size } else { down += size }
                let name = quad?.label ?? "unclassified"
                out.append("<rect class=\"\(name)\" x=\"\(svgNumber(barX))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(barWidth))\" height=\"\(svgNumber(size))\" "
                           + "fill=\"\(quad.flatMap { Self.classColors[$0] } ?? "#BBBBBB")\">"
                           + "<title>\(xmlEscaped("\(label): \(count) \(name)"))</title></rect>")
            }
            if period.uncertain > 0 {
                let size = Double(period.uncertain) * scale
                out.append("<rect class=\"uncertain\" x=\"\(svgNumber(barX))\" y=\"\(svgNumber(up))\" width=\"\(svgNumber(barWidth))\" height=\"\(svgNumber(size))\" "
                           + "fill=\"url(#uncertain)\"><title>\(xmlEscaped("\(label): \(period.uncertain) with uncertain dates"))</title></rect>")
            }
            if let tone = period.meanTone { tonePoints.append(((start + end) / 2, zero - tone / 10 * (Self.plotHeight / 2 - 6), period)) }
        }
        out.append("</g>")

        // Mean tone: a line through the periods that have one.
        out.append("<g id=\"tone\">")
        // A run of consecutive periods with a tone is one line; a period without one breaks it.
        var runs: [[(Double, Double)]] = []
        var previous: Int?
        for (x, y, period) in tonePoints {
            let index = trend.query.step.index(of: period.interval.first)
            if let previous, previous + 1 == index { runs[runs.count - 1].append((x, y)) } else { runs.append([(x, y)]) }
            previous = index
        }
        for run in runs where run.count > 1 {
            out.append("<polyline fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\" points=\"\(run.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " "))\"/>")
        }
        for (x, y, period) in tonePoints {
            let label = TrendReport.label(period, step: trend.query.step)
            out.append("<circle cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"2.5\" fill=\"#333333\">"
                       + "<title>\(xmlEscaped("\(label): mean tone \(String(format2: period.meanTone ?? 0)) over \(period.tonedEvents) events"))</title></circle>")
        }
        out.append("</g>")

        // The events: a rug under the axis; the strongest few named.
        out.append("<g id=\"events\">")
        let middle = rugTop + Self.rugHeight / 2
        if events.isEmpty, trend.events > 0 {
            out.append("<text x=\"\(svgNumber(Self.left))\" y=\"\(svgNumber(middle + 4))\" fill=\"#555555\">"
                       + "\(trend.events) events: too many to mark one by one; the bars count them</text>")
        }
        for event in events {
            let color = TimelineDiagram.kindColors[event.kind] ?? "#777777"
            let start = axis.x(event.date.firstDay)
            let end = axis.x(event.date.lastDay.adding(days: 1))
            let uncertain = event.date.isApproximate
            let dash = uncertain ? " stroke-dasharray=\"2 2\" fill-opacity=\"0.2\" stroke=\"\(color)\"" : ""
            let tooltip = "<title>\(xmlEscaped("\(event.date) \(event.kind.rawValue): \(event.title)\(uncertain ? " (date uncertain)" : "")"))</title>"
            out.append("<rect id=\"\(xmlEscaped("event-\(event.id)"))\" x=\"\(svgNumber(start))\" y=\"\(svgNumber(middle - 7))\" width=\"\(svgNumber(max(2, end - start)))\" "
                       + "height=\"14\" fill=\"\(color)\" fill-opacity=\"0.6\"\(dash)>\(tooltip)</rect>")
        }
        // Numbers over the strongest events' marks, and what each number is under the rug.
        var lastNumberX = -Double.infinity
        var raise = 0.0
        for (index, event) in named.enumerated() {
            let x = axis.x(event.likeliestDay)
            raise = x - lastNumberX < 12 ? raise + 10 : 0
            lastNumberX = x
            out.append("<text x=\"\(svgNumber(x))\" y=\"\(svgNumber(middle - 10 - raise))\" text-anchor=\"middle\" font-size=\"9\" font-weight=\"bold\">\(index + 1)</text>")
            let column = Double(index % 2) * (Self.right - Self.left) / 2
            let y = rugTop + Self.rugHeight + 14 + Double(index / 2) * 14
            out.append("<text x=\"\(svgNumber(Self.left + column))\" y=\"\(svgNumber(y))\" font-size=\"10\" fill=\"#333333\">"
                       + "<tspan font-weight=\"bold\">\(index + 1)</tspan> \(xmlEscaped(Self.cut("\(event.date)  \(event.title)", 78)))</text>")
        }
        out.append("</g>")

        // Legend.
        var legendX = Self.left
        let legendY = height - 12
        out.append("<g id=\"legend\">")
        for quad in QuadClass.allCases {
            out.append("<rect x=\"\(svgNumber(legendX))\" y=\"\(svgNumber(legendY - 9))\" width=\"10\" height=\"10\" fill=\"\(Self.classColors[quad]!)\"/>")
            out.append("<text x=\"\(svgNumber(legendX + 14))\" y=\"\(svgNumber(legendY))\">\(quad.label)</text>")
            legendX += 120
        }
        out.append("<rect x=\"\(svgNumber(legendX))\" y=\"\(svgNumber(legendY - 9))\" width=\"10\" height=\"10\" fill=\"url(#uncertain)\" stroke=\"#333333\"/>")
        out.append("<text x=\"\(svgNumber(legendX + 14))\" y=\"\(svgNumber(legendY))\">uncertain date</text>")
        out.append("<line x1=\"\(svgNumber(legendX + 120))\" y1=\"\(svgNumber(legendY - 4))\" x2=\"\(svgNumber(legendX + 140))\" y2=\"\(svgNumber(legendY - 4))\" stroke=\"#333333\" stroke-width=\"1.5\"/>")
        out.append("<text x=\"\(svgNumber(legendX + 144))\" y=\"\(svgNumber(legendY))\">mean tone (right scale)</text>")
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The events named under the rug: the six strongest tones (earlier first among
    /// equals), in time order.
    private static func named(_ events: [Event]) -> [Event] {
        events.filter { $0.tone != nil }.sorted { lhs, rhs in
            abs(lhs.tone!) != abs(rhs.tone!) ? abs(lhs.tone!) > abs(rhs.tone!) : lhs.date < rhs.date
        }.prefix(6).sorted { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }
    }

    private var defaultTitle: String {
        let subject = switch trend.query.subject {
        case let .pair(first, second): "\(store.name(of: first)) \(trend.query.directed ? "→" : "–") \(store.name(of: second))"
        case let .actor(node): store.name(of: node)
        }
        let step = trend.query.step
        let unit = switch step.description {
        case "1d": "day"
        case "1w": "week"
        case "1mo": "month"
        case "1q": "quarter"
        case "1y": "year"
        default: step.description
        }
        return "\(subject): events per \(unit), cooperation above, conflict below"
    }

    private static func cooperation(_ period: TrendPeriod) -> Int {
        (period.classes[.verbalCooperation] ?? 0) + (period.classes[.materialCooperation] ?? 0)
    }

    private static func conflict(_ period: TrendPeriod) -> Int {
        (period.classes[.verbalConflict] ?? 0) + (period.classes[.materialConflict] ?? 0)
    }

    private static func cut(_ text: String, _ length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }

    private static func empty(_ title: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"trend\" width=\"600\" height=\"80\" "
            + "viewBox=\"0 0 600 80\" font-family=\"DejaVu Sans,sans-serif\" font-size=\"13\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
            + "<text x=\"300\" y=\"44\" text-anchor=\"middle\">\(xmlEscaped(title))</text></svg>\n"
    }
}
