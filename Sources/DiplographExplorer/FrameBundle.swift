import DiplographCore
import DiplographDOT
import DiplographFormats
import DiplographGraphviz

/// What the explorer's viewer draws from, as one JSON document: the nodes of a period
/// with positions laid out once, the relations among them, and each relation's events
/// with their days and tones. From these the page computes, for any day and window,
/// what the store's `snapshot(at:windowDays:)` would show (an event counts when it
/// started on or before the day and its span reaches into the closed window), so that
/// sliding through dates needs no request and no layout, and nothing jumps.
///
/// Days are ordinals (days since 1970-01-01), so the page compares numbers.
package struct FrameBundle: Sendable {
    /// The first day the slider reaches.
    package var first: Day
    /// The last day it reaches (the period is closed at both ends).
    package var last: Day
    /// Keep only the `top` strongest relations of the period (and their nodes).
    package var top: Int?
    /// Refuse a period whose drawing would have more nodes than this (0: no limit).
    package var maxNodes: Int
    /// Add each event's sources (the exported page has no server to ask).
    package var withSources = false
    /// The view the page opens on when its address names none.
    package var view = View()

    /// A date, window and focus to open on.
    package struct View: Sendable, Hashable {
        package var at: Day?
        package var windowDays: Int?
        package var focus: NodeID?
        package var depth = 1

        package init(at: Day? = nil, windowDays: Int? = nil, focus: NodeID? = nil, depth: Int = 1) {
            self.at = at
            self.windowDays = windowDays
            self.focus = focus
            self.depth = depth
        }
    }

    package init(first: Day, last: Day, top: Int? = nil, maxNodes: Int = 400) {
        self.first = first
        self.last = last
        self.top = top
        self.maxNodes = maxNodes
    }

    /// The union the page can show: every relation of an event started by the period's
    /// end, the offices held and the issue phases in force at any day of the period.
    package func union(of store: any EventStore) -> Snapshot {
        let period = DayInterval(first: first, last: last)
        var snapshot = store.snapshot(at: last, windowDays: nil)
        if let top { snapshot = snapshot.strongest(top) }
        let offices = store.offices.filter { $0.term.overlaps(period) }
        let issues = store.nodes.filter { node in node.kind == .issue && node.lifecycle.contains { $0.interval.overlaps(period) } }
        var present = Set(snapshot.nodeIDs)
        for office in offices { present.formUnion([office.person, office.organization]) }
        present.formUnion(issues.map(\.id))
        let statuses = issues.compactMap { issue in
            (issue.status(on: last) ?? issue.lifecycle.last?.status).map { Snapshot.IssueStatus(issue: issue.id, status: $0) }
        }
        return Snapshot(day: last, windowDays: nil, offices: offices, issueStatuses: statuses, events: snapshot.events,
                        relations: snapshot.relations, nodeIDs: present.sorted())
    }

    /// The bundle as JSON; lays the union out with `drawing`.
    ///
    /// - Throws: `ExplorerError` when the union has more than `maxNodes` nodes, or
    ///   Graphviz cannot lay it out.
    package func json(store: any EventStore, drawing: any DrawingBackend = InProcessDrawing()) throws(ExplorerError) -> [UInt8] {
        let union = union(of: store)
        if maxNodes > 0, union.nodeIDs.count > maxNodes {
            throw ExplorerError(parameter: "top", "the period has \(union.nodeIDs.count) nodes, over the limit of \(maxNodes); "
                                + "keep the strongest relations with top=N, or shorten the period with from and to")
        }
        let dot = DiagramBuilder(store: store).explorerDOT(union)
        let layout = Self.screenShaped(try drawing.positions(dot: dot, engine: union.nodeIDs.count > 300 ? .sfdp : .neato))
        return Array(document(store: store, union: union, layout: layout).compact().utf8)
    }

    private func document(store: any EventStore, union: Snapshot, layout: PinnedLayout) -> JSONValue {
        let placed = union.nodeIDs.filter { layout.positions[$0] != nil }
        let index = Dictionary(uniqueKeysWithValues: placed.enumerated().map { ($1, $0) })
        let nodes: [JSONValue] = placed.map { id in
            let node = store.node(id)
            let point = layout.positions[id]!
            return .object([
                ("id", .string(id)), ("name", .string(node?.name ?? id)), ("kind", .string((node?.kind ?? .organization).rawValue)),
                ("aliases", .array((node?.aliases ?? []).map(JSONValue.string))),
                ("x", .number(rounded(point.x))), ("y", .number(rounded(point.y))),
                ("phases", .array((node?.lifecycle ?? []).map { phase in
                    .array([ordinal(phase.from.firstDay), phase.to.map { ordinal($0.lastDay) } ?? .null, .string(phase.status)])
                })),
            ])
        }
        let offices: [JSONValue] = union.offices.compactMap { office in
            guard let person = index[office.person], let organization = index[office.organization] else { return nil }
            return .array([.number(Double(person)), .string(office.post), .number(Double(organization)),
                           ordinal(office.from.firstDay), office.to.map { ordinal($0.lastDay) } ?? .null])
        }
        var eventIndex: [String: Int] = [:]
        var events: [JSONValue] = []
        var relations: [JSONValue] = []
        for relation in union.relations {
            let key = relation.key
            guard let source = index[key.source], let target = index[key.target] else { continue }
            var members: [JSONValue] = []
            for event in store.events(of: relation) {
                if let known = eventIndex[event.id] {
                    members.append(.number(Double(known)))
                    continue
                }
                eventIndex[event.id] = events.count
                members.append(.number(Double(events.count)))
                events.append(eventJSON(event))
            }
            var look: (style: String, arrowhead: String)
            switch key.kind {
            case .met: look = ("solid", "none")
            case .agreed: look = ("bold", "none")
            case .stated: look = DiagramStyle.statementLook(for: key.stance)
            case .acted: look = ("solid", "normal")
            case .concerns: look = ("dotted", "none")
            }
            relations.append(.object([
                ("id", .string(key.id)), ("source", .number(Double(source))), ("target", .number(Double(target))),
                ("kind", .string(key.kind.rawValue)), ("stance", .text(key.stance?.rawValue)),
                ("style", .string(look.style)), ("head", .string(look.arrowhead)),
                ("events", .array(members)),
            ]))
        }
        return .object([
            ("version", .number(1)), ("title", .text(store.title)),
            ("from", ordinal(first)), ("to", ordinal(last)),
            ("box", .array([layout.lower.x, layout.lower.y, layout.upper.x, layout.upper.y].map { .number(rounded($0)) })),
            ("view", .object([
                ("at", view.at.map(ordinal) ?? .null), ("window", view.windowDays.map { .number(Double($0)) } ?? .null),
                ("focus", .text(view.focus)), ("depth", .number(Double(view.depth))),
            ])),
            ("palette", palette), ("nodes", .array(nodes)), ("offices", .array(offices)),
            ("relations", .array(relations)), ("events", .array(events)),
        ])
    }

    /// The layout stretched along one axis to a screen's proportions (16:10), so that
    /// the page shows it at a readable scale; stretching never makes nodes overlap.
    static func screenShaped(_ layout: PinnedLayout) -> PinnedLayout {
        let xs = layout.positions.values.map(\.x), ys = layout.positions.values.map(\.y)
        guard let left = xs.min(), let right = xs.max(), let bottom = ys.min(), let top = ys.max() else { return layout }
        let width = max(right - left, 1), height = max(top - bottom, 1)
        let (sx, sy) = width < 1.6 * height ? (1.6 * height / width, 1.0) : (1.0, width / (1.6 * height))
        let positions = layout.positions.mapValues { point in
            PinnedLayout.Point(x: (point.x - left) * sx, y: (point.y - bottom) * sy)
        }
        return PinnedLayout(positions: positions, lower: .init(x: 0, y: 0), upper: .init(x: width * sx, y: height * sy))
    }

    /// An event as the page needs it: `[first, last, tone, approximate, kind, id, date, title]`,
    /// then its sources as `[label, address]` pairs when `withSources`.
    private func eventJSON(_ event: Event) -> JSONValue {
        var fields: [JSONValue] = [
            ordinal(event.date.firstDay), ordinal(event.date.lastDay), event.tone.map(JSONValue.number) ?? .null,
            .bool(event.date.isApproximate), .string(event.kind.rawValue), .string(event.id),
            .string(event.date.description), .string(event.title),
        ]
        if withSources {
            fields.append(.array(event.sources.map { source in
                let label = [source.publisher, source.title].compactMap { $0 }.joined(separator: " — ")
                return .array([.string(label.isEmpty ? source.url ?? "source" : label), .text(source.url)])
            }))
        }
        return .array(fields)
    }

    /// The CLI's colours, so that the page draws as `render` and `diff` do.
    private var palette: JSONValue {
        .object([
            ("tone", .array(DiagramStyle.toneBands.map { band in
                .array([band.below.map(JSONValue.number) ?? .null, .string(band.color)])
            })),
            ("unknownTone", .string(DiagramStyle.unknownToneColor)),
            ("concerns", .string(DiagramStyle.concernsColor)),
            ("change", .object(DiagramStyle.Change.allCases.map { ("\($0)", .string($0.color)) })),
            ("nodes", .object(NodeKind.allCases.map { kind in
                let look = DiagramStyle.look(for: kind)
                return (kind.rawValue, .object([("fill", .string(look.fill)), ("border", .string(look.border))]))
            })),
        ])
    }

    private func ordinal(_ day: Day) -> JSONValue { .number(Double(day.ordinal)) }
    private func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
