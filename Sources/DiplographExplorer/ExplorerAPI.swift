import DiplographCore
import DiplographDOT
import DiplographFormats
import DiplographGraphviz

/// One answer of the explorer's API: a status, a media type and the body.
package struct APIResponse: Sendable {
    package var status: Int
    package var contentType: String
    package var body: [UInt8]
    /// Extra headers (`X-Total-Count` on a page of a timeline).
    package var headers: [(String, String)] = []

    package init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    package static func json(_ text: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "application/json; charset=utf-8", body: Array(text.utf8))
    }

    package static func error(_ error: ExplorerError) -> APIResponse {
        json(JSONValue.object([("error", .string(error.message)), ("parameter", .text(error.parameter))]).compact() + "\n",
             status: error.status)
    }
}

/// The explorer's questions, answered from a store without any HTTP: each endpoint
/// reads its query parameters with the CLI's names and rules and returns the CLI's
/// JSON (`timeline --format json`, `export --format graph-json`, `diff --format json`)
/// or drawing. `serve` routes requests here; the tests call it directly too.
///
/// Drawings go through Graphviz, which is serialized process-wide: call `answer` off
/// any event loop.
package struct ExplorerAPI: Sendable {
    package let store: any EventStore
    /// The name a drawing without a dataset title is given.
    package var untitledName: String
    /// The most nodes a drawing (or the frames' union) may have, as `--max-nodes`.
    package var maxNodes = 5_000
    /// The most nodes the viewer's frames may lay out.
    package var maxFrameNodes = 400
    /// A layout forecast to take longer falls back to sfdp, as `--budget`.
    package var budgetSeconds = 10.0
    /// Where layouts and drawings are made.
    package var drawing: any DrawingBackend = InProcessDrawing()

    package init(store: any EventStore, untitledName: String) {
        self.store = store
        self.untitledName = untitledName
    }

    /// The endpoints this answers, by path.
    package static let paths: Set<String> = [
        "/healthz", "/api/timeline", "/api/snapshot", "/api/diff", "/api/nodes", "/api/frames",
        "/api/graph.svg", "/api/diff.svg", "/api/timeline.svg",
    ]

    /// Whether the answer to `path` costs a layout (worth caching, run apart from quick answers).
    package static func draws(_ path: String) -> Bool {
        path.hasSuffix(".svg") || path == "/api/frames"
    }

    /// The answer to `path` with `query`, or nil when no endpoint has that path.
    package func answer(path: String, query: [(String, String)]) -> APIResponse? {
        do {
            switch path {
            case "/healthz":
                _ = try QueryParameters(query, allowed: [])
                return .json("{\"status\":\"ok\"}\n")
            case "/api/timeline": return try timeline(query)
            case "/api/snapshot": return .json(GraphJSONExporter.export(store: store, snapshot: try snapshot(query)))
            case "/api/graph.svg":
                let snapshot = try snapshot(query)
                return try svg(nodes: snapshot.nodeIDs.count) { $0.snapshotDOT(snapshot) }
            case "/api/diff": return .json(DiffReport(store: store, diff: try diff(query)).render(.json))
            case "/api/diff.svg":
                let diff = try diff(query)
                return try svg(nodes: Set(diff.before.nodeIDs + diff.after.nodeIDs).count) { $0.diffDOT(diff) }
            case "/api/timeline.svg": return try timelineDrawing(query)
            case "/api/nodes": return try nodes(query)
            case "/api/frames": return try frames(query)
            default: return nil
            }
        } catch {
            return .error(error)
        }
    }

    private func timeline(_ pairs: [(String, String)]) throws(ExplorerError) -> APIResponse {
        let parameters = try QueryParameters(pairs, allowed: ["actor", "match", "pair", "issue", "kind", "from", "to", "limit", "offset"])
        var query = TimelineQuery()
        for actor in parameters.all("actor") { query.actors.append(try parameters.node(actor, parameter: "actor", in: store)) }
        for issue in parameters.all("issue") { query.issues.append(try parameters.node(issue, parameter: "issue", in: store)) }
        if let match = try parameters.text("match") {
            guard let known = TimelineQuery.ActorMatch(rawValue: match) else {
                throw ExplorerError(parameter: "match", "'\(match)' is not any or all")
            }
            query.actorMatch = known
        }
        if let pair = try parameters.text("pair") {
            let ends = pair.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard ends.count == 2 else { throw ExplorerError(parameter: "pair", "give two node ids, comma-separated") }
            query.pair = .init(try parameters.node(ends[0], parameter: "pair", in: store),
                               try parameters.node(ends[1], parameter: "pair", in: store))
        }
        for kind in parameters.all("kind") {
            guard let known = EventKind(rawValue: kind) else {
                let kinds = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ExplorerError(parameter: "kind", "'\(kind)' is not an event kind (\(kinds))")
            }
            query.kinds.insert(known)
        }
        let (first, last) = try parameters.range(in: store)
        if first != nil || last != nil {
            query.range = DayInterval(first: first ?? Day(ordinal: Int32.min), last: last)
        }
        let limit = try parameters.count("limit", in: 0...10_000) ?? 100
        let offset = try parameters.count("offset", in: 0...Int(Int32.max)) ?? 0
        let events = store.timeline(query)
        var response = APIResponse(status: 200, contentType: "application/json; charset=utf-8",
                                   body: TimelineReport(store: store, events: events.page(offset: offset, limit: limit)).compactJSON())
        response.headers.append(("X-Total-Count", String(events.count)))
        return response
    }

    private func snapshot(_ pairs: [(String, String)]) throws(ExplorerError) -> Snapshot {
        let parameters = try QueryParameters(pairs, allowed: ["at", "window", "focus", "depth", "top", "min-events"])
        var selection = Selection(day: try parameters.date("at")?.lastDay, windowDays: try parameters.window())
        selection.focus = try parameters.node("focus", in: store)
        selection.depth = try parameters.count("depth", in: 0...20) ?? 1
        selection.top = try parameters.count("top", in: 0...1_000_000)
        selection.minEvents = try parameters.count("min-events", in: 1...Int(Int32.max))
        return store.snapshot(selection)
    }

    private func diff(_ pairs: [(String, String)]) throws(ExplorerError) -> GraphDiff {
        let parameters = try QueryParameters(pairs, allowed: ["from", "to", "window"])
        guard let from = try parameters.date("from") else { throw ExplorerError(parameter: "from", "required: the earlier date") }
        guard let to = try parameters.date("to") else { throw ExplorerError(parameter: "to", "required: the later date") }
        return store.diff(from: from.lastDay, to: to.lastDay, windowDays: try parameters.window())
    }

    private func svg(nodes: Int, _ dot: (DiagramBuilder) -> String) throws(ExplorerError) -> APIResponse {
        if maxNodes > 0, nodes > maxNodes {
            throw ExplorerError(parameter: "top", "the drawing would have \(nodes) nodes, over the limit of \(maxNodes); "
                                + "narrow it with top, min-events, focus and depth, or window")
        }
        var builder = DiagramBuilder(store: store)
        builder.untitledName = untitledName
        // As GraphvizRenderer.render(format:engine:budgetSeconds:dot:): the engine is
        // chosen from the graph's size, and a force-directed one gets its own DOT text.
        let draft = dot(builder)
        let counts = try drawing.counts(dot: draft)
        let choice = LayoutEngine.choose(nil, nodes: counts.nodes, edges: counts.edges, budgetSeconds: budgetSeconds)
        builder.forceDirected = choice.engine != .dot
        let text = choice.engine == .dot ? draft : dot(builder)
        return APIResponse(status: 200, contentType: "image/svg+xml", body: try drawing.render(dot: text, engine: choice.engine, format: .svg))
    }

    private func timelineDrawing(_ pairs: [(String, String)]) throws(ExplorerError) -> APIResponse {
        let parameters = try QueryParameters(pairs, allowed: ["from", "to", "lane", "busiest"])
        let (first, last) = try parameters.range(in: store)
        var start = first ?? store.eventExtent?.first ?? store.lastDay
        var end = last ?? store.lastDay
        if end < start { swap(&start, &end) }
        var lanes: [NodeID] = []
        for lane in parameters.all("lane") { lanes.append(try parameters.node(lane, parameter: "lane", in: store)) }
        if lanes.isEmpty {
            let busiest = try parameters.count("busiest", in: 1...100) ?? 8
            lanes = TimelineDiagram.busiestLanes(busiest, of: store, in: DayInterval(first: start, last: end))
        }
        let svg = TimelineDiagram(store: store, lanes: lanes, from: start, to: end, title: nil).svg()
        return APIResponse(status: 200, contentType: "image/svg+xml", body: Array(svg.utf8))
    }

    private func nodes(_ pairs: [(String, String)]) throws(ExplorerError) -> APIResponse {
        let parameters = try QueryParameters(pairs, allowed: ["q", "limit"])
        let limit = try parameters.count("limit", in: 1...1_000) ?? 20
        let found = ExplorerSearch(store: store).nodes(matching: try parameters.text("q") ?? "", limit: limit)
        let items: [JSONValue] = found.map { node in
            .object([("id", .string(node.id)), ("name", .string(node.name)), ("kind", .string(node.kind.rawValue)),
                     ("aliases", .array(node.aliases.map(JSONValue.string))),
                     ("events", .number(Double(store.eventCount(of: node.id))))])
        }
        return .json(JSONValue.array(items).compact() + "\n")
    }

    private func frames(_ pairs: [(String, String)]) throws(ExplorerError) -> APIResponse {
        let parameters = try QueryParameters(pairs, allowed: ["from", "to", "top"])
        var bundle = try Self.bundle(store: store, range: try parameters.range(in: store))
        bundle.top = try parameters.count("top", in: 1...100_000)
        bundle.maxNodes = maxFrameNodes
        return APIResponse(status: 200, contentType: "application/json; charset=utf-8", body: try bundle.json(store: store, drawing: drawing))
    }

    /// The frames of `range`, by default from the first event to the data's last day
    /// (its ends in either order).
    package static func bundle(store: any EventStore, range: (first: Day?, last: Day?)) throws(ExplorerError) -> FrameBundle {
        var last = range.last ?? store.lastDay
        var first = range.first ?? store.eventExtent?.first ?? last
        if last < first { swap(&first, &last) }
        return FrameBundle(first: first, last: last)
    }
}
