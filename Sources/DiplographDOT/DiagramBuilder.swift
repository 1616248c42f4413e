import DiplographCore

/// Turns snapshots and diffs into styled DOT text. Pure Swift, no C: the same text is
/// what `GraphvizRenderer` lays out and what a `.dot` output contains.
///
/// Output is deterministic: nodes, clusters and edges are written in id order and
/// carry stable ids (`node-<id>`, `edge-<relation id>`, `cluster-<id>`), which
/// Graphviz copies into the SVG.
public struct DiagramBuilder: Sendable {
    package let store: any EventStore
    /// Whether to draw office holders and states that take part in no relation.
    /// Off by default: a windowed snapshot would otherwise show every head of state.
    public var includeIsolated: Bool

    /// When set, every node is drawn where this layout put it (`pos="x,y!"` for
    /// neato), clusters are not drawn as boxes, and two invisible corner nodes fix the
    /// drawing's box: the frames of a series share positions and viewBox.
    public var pinned: PinnedLayout?
    /// Set when the engine is not `dot`: edge labels become external labels, dropped
    /// where they would overlap a node.
    public var forceDirected = false
    /// The title's first line when the store has no title of its own (a coded file:
    /// its name, as the command line gives it).
    public var untitledName = "Diplograph"

    /// A builder that names and styles nodes from `store`; with `pinned`, frames of a series.
    public init(store: any EventStore, includeIsolated: Bool = false, pinned: PinnedLayout? = nil) {
        self.store = store
        self.includeIsolated = includeIsolated
        self.pinned = pinned
        forceDirected = pinned != nil
    }

    /// `pos` for a pinned node, in points.
    private func position(_ id: String) -> (String, String)? {
        guard let point = pinned?.positions[id] else { return nil }
        return ("pos", "\(Self.format(point.x)),\(Self.format(point.y))!")
    }

    private static func format(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }

    /// The nodes to draw: every node when `includeIsolated`, else the ends of the
    /// relations, issues that have a status, and the states or organizations of
    /// drawn office holders (their clusters' anchors).
    private func drawn(_ nodeIDs: [NodeID], relations: [Relation], offices: [Office]) -> [NodeID] {
        guard !includeIsolated else { return nodeIDs }
        var keep = Set<NodeID>()
        for relation in relations {
            keep.insert(relation.key.source)
            keep.insert(relation.key.target)
        }
        for office in offices where keep.contains(office.person) { keep.insert(office.organization) }
        return nodeIDs.filter { keep.contains($0) || store.node($0)?.kind == .issue }
    }

    /// DOT for one snapshot: people inside the cluster of the state or organization
    /// they serve on that day, edges styled by kind, stance and tone, and a legend.
    ///
    /// - Complexity: O(n + r) plus sorting, for n nodes and r relations.
    public func snapshotDOT(_ snapshot: Snapshot, title: String? = nil) -> String {
        var dot = DOTText()
        dot.open("digraph \(DOTText.quoted("snapshot"))")
        let nodes = drawn(snapshot.nodeIDs, relations: snapshot.relations, offices: snapshot.offices)
            .map { NodeEntry(id: $0, change: nil) }
        writeDefaults(&dot, id: "snapshot", title: title ?? defaultTitle(for: snapshot), drawnNodes: nodes.count)
        let homes = writeNodes(nodes, offices: snapshot.offices, statuses: snapshot.issueStatuses, into: &dot)
        writePlaceholders(drawn: Set(nodes.map(\.id)), into: &dot)
        writeEdges(snapshot.relations.map { ($0, nil) }, homes: homes, previous: [:], into: &dot)
        writeLegend(&dot, forDiff: false)
        dot.close()
        return dot.text
    }

    /// DOT for a diff: the union of both snapshots, added elements green, removed
    /// red and dashed, changed amber, the rest grey; with a legend.
    public func diffDOT(_ diff: GraphDiff, title: String? = nil) -> String {
        var dot = DOTText()
        dot.open("digraph \(DOTText.quoted("diff"))")
        writeDefaults(&dot, id: "diff", title: title ?? defaultTitle(for: diff))
        let added = Set(diff.nodesAdded)
        let removed = Set(diff.nodesRemoved)
        let statusChanged = Set(diff.issueStatusChanges.map(\.issue))
        let (before, after) = (diff.before, diff.after)
        let union = drawn(Set(before.nodeIDs).union(after.nodeIDs).sorted(),
                          relations: before.relations + after.relations,
                          offices: before.offices + after.offices)
        let nodes = union.map { id -> NodeEntry in
            let change: DiagramStyle.Change =
                added.contains(id) ? .added
                : removed.contains(id) ? .removed
                : statusChanged.contains(id) ? .changed : .unchanged
            return NodeEntry(id: id, change: change)
        }
        // People are grouped by the offices they hold at the later date, or at the
        // earlier one if they have left office.
        let officeIDs = Set(after.offices.map(\.id))
        let offices = after.offices + before.offices.filter { !officeIDs.contains($0.id) }
        var statuses = after.issueStatuses
        let withStatus = Set(statuses.map(\.issue))
        statuses += before.issueStatuses.filter { !withStatus.contains($0.issue) }
        let homes = writeNodes(nodes, offices: offices, statuses: statuses, into: &dot,
                               statusChanges: diff.issueStatusChanges)

        var edges: [(Relation, DiagramStyle.Change?)] = []
        let addedKeys = Set(diff.relationsAdded.map(\.key))
        let changedKeys = Set(diff.relationsChanged.map(\.after.key))
        for relation in after.relations {
            let change: DiagramStyle.Change =
                addedKeys.contains(relation.key) ? .added
                : changedKeys.contains(relation.key) ? .changed : .unchanged
            edges.append((relation, change))
        }
        edges += diff.relationsRemoved.map { ($0, .removed) }
        let previous = Dictionary(diff.relationsChanged.map { ($0.after.key, $0.before) }) { first, _ in first }
        writeEdges(edges, homes: homes, previous: previous, into: &dot)
        writeLegend(&dot, forDiff: true)
        dot.close()
        return dot.text
    }

    // MARK: - Pieces

    /// In a pinned frame, every node of the series that this frame does not draw is
    /// still placed, invisibly: Graphviz then computes the same box and origin for
    /// every frame, so shared nodes have the same coordinates in each SVG.
    private func writePlaceholders(drawn: Set<NodeID>, into dot: inout DOTText) {
        guard let pinned else { return }
        for id in pinned.positions.keys.sorted() where !drawn.contains(id) && !id.hasPrefix("__") {
            guard let position = position(id) else { continue }
            dot.line("\(DOTText.quoted(id)) [style=\"invis\", label=\"\", \(position.0)=\(DOTText.quoted(position.1))];")
        }
    }

    private struct NodeEntry {
        let id: NodeID
        let change: DiagramStyle.Change?
    }

    private func defaultTitle(for snapshot: Snapshot) -> String {
        let base = store.title ?? untitledName
        let window = snapshot.windowDays.map { "events of the \($0) days before" } ?? "all events so far"
        return "\(base)\nSnapshot at \(snapshot.day) (\(window))"
    }

    private func defaultTitle(for diff: GraphDiff) -> String {
        let base = store.title ?? untitledName
        return "\(base)\nChanges from \(diff.from) to \(diff.to)"
    }

    private func writeDefaults(_ dot: inout DOTText, id: String, title: String, drawnNodes: Int = 0) {
        dot.line("graph [" + DOTText.attributes([
            "id": id, "label": title, "labelloc": "t", "fontname": DiagramStyle.font, "fontsize": "16",
            "rankdir": "LR", "nodesep": "0.35", "ranksep": "0.9", "newrank": "true",
            "nslimit": "8", "nslimit1": "8", "pad": "0.3", "bgcolor": "white", "charset": "UTF-8",
            "outputorder": "edgesfirst", "compound": "true", "overlap": "prism", "sep": "+8",
            "forcelabels": "false",
        ]) + "];")
        if forceDirected, pinned == nil {
            // Spline routing around nodes is worth its cost up to a few hundred nodes.
            dot.line("graph [splines=\"\(drawnNodes <= 300 ? "true" : "line")\"];")
        }
        if let pinned {
            // Positions are points; keep them as given; route edges around the nodes.
            // Curved routing around pinned nodes is costly; past a few dozen edges,
            // straight lines keep a frame well under a second.
            let splines = pinned.positions.count <= 40 ? "true" : "line"
            dot.line("graph [inputscale=\"72\", notranslate=\"true\", overlap=\"true\", splines=\"\(splines)\"];")
            // Corners a margin outside the union's box, so that no label or edge of any
            // frame reaches past them: every frame then has the same box and origin.
            let margin = 60.0
            let corners = [("__corner_lower", PinnedLayout.Point(x: pinned.lower.x - margin, y: pinned.lower.y - margin)),
                           ("__corner_upper", PinnedLayout.Point(x: pinned.upper.x + margin, y: pinned.upper.y + margin))]
            for (name, point) in corners {
                dot.line("\"\(name)\" [style=\"invis\", label=\"\", width=\"0.01\", height=\"0.01\", "
                         + "pos=\"\(Self.format(point.x)),\(Self.format(point.y))!\"];")
            }
        }
        dot.line("node [" + DOTText.attributes([
            "fontname": DiagramStyle.font, "fontsize": "11", "penwidth": "1.3",
        ]) + "];")
        dot.line("edge [" + DOTText.attributes([
            "fontname": DiagramStyle.font, "fontsize": "9", "arrowsize": "0.7",
        ]) + "];")
    }

    /// Writes the nodes, people and their states grouped in clusters, issues in a
    /// cluster of their own; returns each clustered node's group (state or organization).
    @discardableResult
    private func writeNodes(_ entries: [NodeEntry], offices: [Office], statuses: [Snapshot.IssueStatus],
                            into dot: inout DOTText, statusChanges: [GraphDiff.IssueStatusChange] = []) -> [NodeID: NodeID] {
        let present = Set(entries.map(\.id))
        // Each person's home: the first state (else organization) they serve, by id.
        var posts: [NodeID: [String]] = [:]
        var home: [NodeID: NodeID] = [:]
        for office in offices.sorted(by: { ($0.organization, $0.id) < ($1.organization, $1.id) }) {
            guard present.contains(office.person), present.contains(office.organization) else { continue }
            posts[office.person, default: []].append(office.post)
            let kind = store.node(office.organization)?.kind
            if let current = home[office.person], store.node(current)?.kind == .state || kind != .state { continue }
            home[office.person] = office.organization
        }
        var members: [NodeID: [NodeEntry]] = [:]
        var loose: [NodeEntry] = []
        var issues: [NodeEntry] = []
        let homes = Set(home.values)
        for entry in entries {
            if let group = home[entry.id] {
                members[group, default: []].append(entry)
            } else if homes.contains(entry.id) {
                members[entry.id, default: []].insert(entry, at: 0)
                home[entry.id] = entry.id
            } else if store.node(entry.id)?.kind == .issue {
                issues.append(entry)
            } else {
                loose.append(entry)
            }
        }
        var statusOf: [NodeID: String] = [:]
        for status in statuses { statusOf[status.issue] = status.status }
        for change in statusChanges {
            statusOf[change.issue] = "\(change.before ?? "none") → \(change.after ?? "none")"
        }
        for group in members.keys.sorted() {
            let kind = store.node(group)?.kind ?? .state
            let colors = DiagramStyle.clusterColors(for: kind)
            if pinned == nil {
                dot.open("subgraph \(DOTText.quoted("cluster_" + group))")
                dot.line("graph [" + DOTText.attributes([
                    "id": "cluster-\(group)", "label": store.name(of: group), "style": "rounded,filled",
                    "fillcolor": colors.fill, "color": colors.border, "fontsize": "12",
                ]) + "];")
            }
            for entry in members[group] ?? [] {
                writeNode(entry, posts: posts[entry.id] ?? [], status: statusOf[entry.id], into: &dot)
            }
            if pinned == nil { dot.close() }
        }
        if !issues.isEmpty {
            if pinned == nil {
                dot.open("subgraph \(DOTText.quoted("cluster_issues"))")
                dot.line("graph [" + DOTText.attributes([
                    "id": "cluster-issues", "label": "Issues", "style": "rounded,dashed", "color": "#B0A800", "fontsize": "12",
                ]) + "];")
            }
            for entry in issues {
                writeNode(entry, posts: [], status: statusOf[entry.id], into: &dot)
            }
            if pinned == nil { dot.close() }
        }
        for entry in loose {
            writeNode(entry, posts: posts[entry.id] ?? [], status: statusOf[entry.id], into: &dot)
        }
        return home
    }

    /// Writes edges in key order. Actor–issue (`concerns`) relations are merged per
    /// cluster: one dotted line from the state's or organization's box to the issue,
    /// so a topic list does not draw a line from every delegate.
    private func writeEdges(_ edges: [(Relation, DiagramStyle.Change?)], homes: [NodeID: NodeID],
                            previous: [RelationKey: Relation], into dot: inout DOTText) {
        var concerns: [RelationKey: (count: Int, changes: [DiagramStyle.Change?])] = [:]
        var lines: [EdgeLine] = []
        for (relation, change) in edges.sorted(by: { $0.0.key < $1.0.key }) {
            guard relation.key.kind == .concerns else {
                if let line = edgeLine(relation, change: change, previous: previous[relation.key]) { lines.append(line) }
                continue
            }
            let source = homes[relation.key.source] ?? relation.key.source
            let key = RelationKey(source: source, target: relation.key.target, kind: .concerns)
            concerns[key, default: (0, [])].count += relation.count
            concerns[key, default: (0, [])].changes.append(change)
        }
        write(lines, into: &dot)
        for key in concerns.keys.sorted() {
            let (count, changes) = concerns[key]!
            let merged: DiagramStyle.Change? = changes.allSatisfy { $0 == changes[0] } ? changes[0] : .changed
            var attributes: [(String, String)] = [
                ("id", "edge-\(key.id)"), ("arrowhead", "none"), ("style", merged == .removed ? "dashed" : "dotted"),
                ("color", merged.map(\.color) ?? DiagramStyle.concernsColor),
                ("penwidth", DiagramStyle.penWidth(count: count)),
            ]
            if pinned == nil, homes[key.source] == key.source { attributes.append(("ltail", "cluster_" + key.source)) }
            dot.line("\(DOTText.quoted(key.source)) -> \(DOTText.quoted(key.target)) [" + DOTText.attributes(attributes) + "];")
        }
    }

    private func writeNode(_ entry: NodeEntry, posts: [String], status: String?, into dot: inout DOTText) {
        let node = store.node(entry.id)
        let kind = node?.kind ?? .organization
        let look = DiagramStyle.look(for: kind)
        var label = node?.name ?? entry.id
        if !posts.isEmpty { label += "\n" + posts.joined(separator: ", ") }
        if let status { label += "\n[\(status)]" }
        var attributes: [(String, String)] = [
            ("id", "node-\(entry.id)"), ("label", label), ("shape", look.shape),
            ("style", look.style), ("fillcolor", look.fill), ("color", look.border),
        ]
        if let position = position(entry.id) { attributes.append(position) }
        if let change = entry.change {
            attributes.append(("color", change.color))
            attributes.append(("penwidth", change == .unchanged ? "1.0" : "2.6"))
            if change == .removed { attributes.append(("style", look.style + ",dashed")) }
            if change == .unchanged { attributes.append(("fontcolor", "#555555")) }
        }
        dot.line(DOTText.quoted(entry.id) + " [" + DOTText.attributes(attributes) + "];")
    }

    /// An edge of the drawing: its attributes but the label, which `writeEdges` places.
    private struct EdgeLine {
        let source: NodeID
        let target: NodeID
        var attributes: [(String, String)]
        let label: String
        let labelColor: String
    }

    /// Writes edges; the labels of several relations from one node to another go
    /// on the first of them, one line each. Graphviz draws such edges along one path
    /// when it can (force-directed engines always, dot often), and their labels would
    /// print over each other at its middle (three statements of one day in the README's
    /// diff).
    private func write(_ lines: [EdgeLine], into dot: inout DOTText) {
        var groups: [String: [Int]] = [:]
        for (index, line) in lines.enumerated() where !line.label.isEmpty {
            groups[line.source + "\u{0}" + line.target, default: []].append(index)
        }
        var shared: [Int: (label: String, color: String)] = [:]
        for members in groups.values {
            let colors = Set(members.map { lines[$0].labelColor })
            shared[members[0]] = (members.map { lines[$0].label }.joined(separator: "\n"),
                                  colors.count == 1 ? colors.first! : "#333333")
            for member in members.dropFirst() { shared[member] = ("", "") }
        }
        for (index, line) in lines.enumerated() {
            var attributes = line.attributes
            let (label, color) = shared[index] ?? (line.label, line.labelColor)
            if !label.isEmpty {
                // dot makes room for edge labels in its ranks; force-directed engines put
                // a `label` at the edge's middle, over whatever is there. For them labels
                // are external (`xlabel`), which Graphviz places only where they overlap
                // no node.
                attributes.append((forceDirected ? "xlabel" : "label", label))
                attributes.append(("fontcolor", color))
            }
            dot.line("\(DOTText.quoted(line.source)) -> \(DOTText.quoted(line.target)) [" + DOTText.attributes(attributes) + "];")
        }
    }

    private func edgeLine(_ relation: Relation, change: DiagramStyle.Change?, previous: Relation? = nil) -> EdgeLine? {
        let key = relation.key
        var attributes: [(String, String)] = [("id", "edge-\(key.id)")]
        var color = DiagramStyle.color(forTone: relation.meanTone)
        var style = "solid"
        // Looked up once: the date label and "possibly" read the same event, which a
        // persistent store reads from disk.
        let single = relation.count == 1 ? store.event(relation.eventIDs[0]) : nil
        var label = dateLabel(relation, single: single)
        switch key.kind {
        case .met:
            attributes.append(("dir", "none"))
            label = "met " + label
        case .agreed:
            attributes.append(("dir", "none"))
            style = "bold"
            label = "agreement " + label
        case .stated:
            let look = DiagramStyle.statementLook(for: key.stance)
            style = look.style
            attributes.append(("arrowhead", look.arrowhead))
            label = (key.stance?.rawValue ?? "statement") + " " + label
        case .acted:
            attributes.append(("arrowhead", "normal"))
        case .concerns:
            // Merged per cluster in writeEdges.
            return nil
        }
        // Possibly: a relation of one event whose date is uncertain.
        if let single, single.date.isApproximate {
            label = "possibly " + label
            if style == "solid" || style == "bold" { style = "dashed" }
        }
        if let change {
            color = change.color
            if change == .removed { style = "dashed" }
            if change == .changed, let previous { label += "\n(was \(previous.count)×)" }
        }
        attributes.append(("style", style))
        attributes.append(("color", color))
        attributes.append(("penwidth", DiagramStyle.penWidth(count: relation.count)))
        return EdgeLine(source: key.source, target: key.target, attributes: attributes, label: label,
                        labelColor: change == nil ? "#333333" : color)
    }

    /// One event: its date as written (`2025-03`, `2023-06-27/2023-06-29`).
    /// Several: the count and the span of days.
    private func dateLabel(_ relation: Relation, single: Event?) -> String {
        if let single { return single.date.description }
        let span = relation.first == relation.last ? "\(relation.first)" : "\(relation.first) – \(relation.last)"
        return "\(relation.count)× \(span)"
    }

    private func writeLegend(_ dot: inout DOTText, forDiff: Bool) {
        // Static HTML-like label: no data reaches it.
        var rows = [
            row("&#9711;", "#0072B2", "person"), row("&#9634;", "#E69F00", "state"),
            row("&#9707;", "#009E73", "organization"), row("&#9636;", "#8C8400", "issue"),
            row("&#8212;", "#555555", "meeting (solid)"), row("- -&gt;", "#555555", "statement (dashed/dotted by stance)"),
        ]
        if forDiff {
            rows += [row("&#9632;", "#009E73", "added"), row("&#9632;", "#D55E00", "removed (dashed)"),
                     row("&#9632;", "#E69F00", "changed"), row("&#9632;", "#9A9A9A", "unchanged")]
        } else {
            rows += [row("&#9632;", "#D55E00", "tone &#8804; &#8722;5"), row("&#9632;", "#E69F00", "tone &#8722;5 to &#8722;1"),
                     row("&#9632;", "#555555", "neutral or no tone"), row("&#9632;", "#56B4E9", "tone 1 to 5"),
                     row("&#9632;", "#0072B2", "tone &#8805; 5")]
        }
        let table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">"
            + "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>" + rows.joined() + "</TABLE>"
        let pin = position("__legend").map { ", pos=\(DOTText.quoted($0.1))" } ?? ""
        if pinned == nil {
            dot.open("subgraph \(DOTText.quoted("cluster_legend"))")
            dot.line("graph [id=\"cluster-legend\", label=\"\", style=\"rounded\", color=\"#CCCCCC\"];")
        }
        dot.line("\"__legend\" [id=\"node-legend\", shape=plaintext, fontsize=\"9\", label=<\(table)>\(pin)];")
        if pinned == nil { dot.close() }
    }

    private func row(_ symbol: String, _ color: String, _ text: String) -> String {
        "<TR><TD ALIGN=\"CENTER\"><FONT COLOR=\"\(color)\">\(symbol)</FONT></TD><TD ALIGN=\"LEFT\">\(text)</TD></TR>"
    }
}
