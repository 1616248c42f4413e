internal import CGraphviz
import DiplographDOT
import DiplographCore
import Foundation
import Synchronization

/// The one owner of Graphviz state in the process.
///
/// libcgraph and libgvc are not thread-safe (even lookups rearrange cgraph's trees;
/// unsynchronized parallel renders crash), so every call goes through `graphviz`, a
/// `Mutex`. One `GVC_t` lives for the whole process: creating a context per render
/// leaks inside Graphviz.
struct GraphvizSession: ~Copyable {
    let context: OpaquePointer?

    init() {
        context = gvContext()
    }

    deinit {
        if let context { gvFreeContext(context) }
    }

    /// Parses `dot`, lays it out with `engine`, and hands the graph to `body`; the
    /// graph and its layout are freed when `body` returns.
    private func withLayout<Result>(_ dot: String, _ engine: LayoutEngine,
                                    _ body: (OpaquePointer, UnsafeMutablePointer<Agraph_t>) throws(GraphvizError) -> Result)
        throws(GraphvizError) -> Result {
        guard let context else { throw GraphvizError(code: .context, message: "gvContext() returned NULL") }
        let graph = try Self.parsed(dot)
        defer { agclose(graph) }
        guard gvLayout(context, graph, engine.rawValue) == 0 else {
            throw GraphvizError(code: .layout, message: Self.lastError(or: "layout engine '\(engine.rawValue)' failed"))
        }
        defer { gvFreeLayout(context, graph) }
        return try body(context, graph)
    }

    /// Renders the laid-out `graph` as `format` (Graphviz's renderer name).
    private static func renderData(_ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>,
                                   _ format: String) throws(GraphvizError) -> [UInt8] {
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard gvRenderData(context, graph, format, &buffer, &length) == 0, let buffer else {
            throw GraphvizError(code: .render, message: lastError(or: "format '\(format)' is not available"))
        }
        defer { gvFreeRenderData(buffer) }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    /// Parses DOT text into a graph the caller must `agclose`.
    private static func parsed(_ dot: String) throws(GraphvizError) -> UnsafeMutablePointer<Agraph_t> {
        // agerrors() stays set after an earlier failure unless reset first.
        agreseterrors()
        _ = agseterr(AGMAX)
        guard let graph = read(dot) else {
            throw GraphvizError(code: .parse, message: lastError(or: "the DOT text could not be parsed"))
        }
        return graph
    }

    /// Lays out and renders `dot` with `engine`, freeing every C object it created.
    func render(dot: String, engine: LayoutEngine, format: OutputFormat) throws(GraphvizError) -> [UInt8] {
        try withLayout(dot, engine) { (context, graph) throws(GraphvizError) in
            try Self.renderData(context, graph, format.graphvizName)
        }
    }

    /// Parses `dot` and lists its node and edge ids, to check DOT text we wrote.
    func parse(dot: String) throws(GraphvizError) -> (nodes: Int, edges: Int) {
        let graph = try Self.parsed(dot)
        defer { agclose(graph) }
        return (Int(agnnodes(graph)), Int(agnedges(graph)))
    }

    /// Parses DOT with the shim's deterministic ID discipline (see shim.h): with
    /// `agmemread`, cluster order in the output would depend on heap addresses.
    private static func read(_ dot: String) -> UnsafeMutablePointer<Agraph_t>? {
        var text = dot
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { diplograph_read_dot($0.baseAddress, $0.count) }
        }
    }

    /// Lays out `dot` and returns every node's position and the bounding box, in points.
    func positions(dot: String, engine: LayoutEngine) throws(GraphvizError) -> PinnedLayout {
        // Positions are attached as attributes only when rendered to DOT: render the
        // laid-out graph as DOT text, then read that back.
        let laidOut = try withLayout(dot, engine) { (context, graph) throws(GraphvizError) in
            try Self.renderData(context, graph, "dot")
        }
        let placed = try Self.parsed(String(decoding: laidOut, as: UTF8.self))
        defer { agclose(placed) }
        func attribute(_ object: UnsafeMutableRawPointer, _ name: String) -> String? {
            name.withCString { key in agget(object, UnsafeMutablePointer(mutating: key)).map { String(cString: $0) } }
        }
        func numbers(_ text: String?) -> [Double] {
            (text ?? "").split(separator: ",").compactMap { Double($0.trimmingCharacters(in: CharacterSet(charactersIn: "!"))) }
        }
        var positions: [String: PinnedLayout.Point] = [:]
        var node = agfstnode(placed)
        while let current = node {
            let point = numbers(attribute(UnsafeMutableRawPointer(current), "pos"))
            if point.count >= 2 {
                positions[String(cString: agnameof(UnsafeMutableRawPointer(current)))] = .init(x: point[0], y: point[1])
            }
            node = agnxtnode(placed, current)
        }
        let box = numbers(attribute(UnsafeMutableRawPointer(placed), "bb"))
        guard box.count == 4 else { throw GraphvizError(code: .layout, message: "the layout has no bounding box") }
        return PinnedLayout(positions: positions, lower: .init(x: box[0], y: box[1]), upper: .init(x: box[2], y: box[3]))
    }

    /// Parses `dot` and lists its nodes and its edges (tail, head, `id` attribute),
    /// to check DOT text against the graph it was made from.
    func structure(dot: String) throws(GraphvizError) -> DOTStructure {
        let graph = try Self.parsed(dot)
        defer { agclose(graph) }
        var structure = DOTStructure()
        var node = agfstnode(graph)
        while let current = node {
            structure.nodes.append(String(cString: agnameof(UnsafeMutableRawPointer(current))))
            var edge = agfstout(graph, current)
            while let out = edge {
                let id = "id".withCString { name in
                    agget(UnsafeMutableRawPointer(out), UnsafeMutablePointer(mutating: name)).map { String(cString: $0) } ?? ""
                }
                let head = String(cString: agnameof(UnsafeMutableRawPointer(diplograph_edge_head(out))))
                structure.edges.append(.init(tail: structure.nodes.last!, head: head, id: id))
                edge = agnxtout(graph, out)
            }
            node = agnxtnode(graph, current)
        }
        return structure
    }

    private static func lastError(or fallback: String) -> String {
        guard let text = aglasterr() else { return fallback }
        // aglasterr() returns a buffer the caller must free.
        defer { free(text) }
        let message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? fallback : message
    }
}

let graphviz = Mutex(GraphvizSession())

/// Renders DOT text in-process through libgvc. Calls are serialized; safe from any task.
public enum GraphvizRenderer {
    /// Lays out `dot` with `engine` and renders it as `format`. For `.dot` the text
    /// is returned as given, after checking that Graphviz parses it.
    public static func render(dot: String, engine: LayoutEngine = .dot,
                              format: OutputFormat = .svg) throws(GraphvizError) -> [UInt8] {
        if format == .dot {
            _ = try counts(dot: dot)
            return Array(dot.utf8)
        }
        return try graphviz.withLock { (session) throws(GraphvizError) -> [UInt8] in
            try session.render(dot: dot, engine: engine, format: format)
        }
    }

    /// Lays out `dot` with `engine` and returns node positions and the bounding box.
    public static func positions(dot: String, engine: LayoutEngine) throws(GraphvizError) -> PinnedLayout {
        try graphviz.withLock { (session) throws(GraphvizError) -> PinnedLayout in
            try session.positions(dot: dot, engine: engine)
        }
    }

    /// Parses `dot` with cgraph and lists its nodes and edges.
    package static func structure(dot: String) throws(GraphvizError) -> DOTStructure {
        try graphviz.withLock { (session) throws(GraphvizError) -> DOTStructure in
            try session.structure(dot: dot)
        }
    }

    /// Parses `dot` with cgraph and returns how many nodes and edges it has.
    package static func counts(dot: String) throws(GraphvizError) -> (nodes: Int, edges: Int) {
        try graphviz.withLock { (session) throws(GraphvizError) -> (nodes: Int, edges: Int) in
            try session.parse(dot: dot)
        }
    }
}

/// A drawing as rendered: its bytes, the engine that laid it out and why, and how
/// long the layout and rendering took.
public struct Rendering: Sendable {
    /// The file's bytes in the format asked for.
    public let bytes: [UInt8]
    /// The engine used, and why it was chosen.
    public let choice: EngineChoice
    /// Wall-clock time of layout and rendering.
    public let seconds: Double
}

extension GraphvizRenderer {
    /// Draws a graph with the engine that suits it: `dot` makes the DOT text for an
    /// engine (edge labels differ between layered and force-directed layouts); the
    /// engine is `engine`, or chosen from the graph's size when nil, and kept within
    /// `budgetSeconds` (see `LayoutEngine.choose`).
    ///
    /// - Complexity: one or two DOT builds, a parse to count, and the layout.
    public static func render(format: OutputFormat, engine: LayoutEngine?, budgetSeconds: Double = .infinity,
                              dot: (LayoutEngine) -> String) throws(GraphvizError) -> Rendering {
        let draft = dot(.dot)
        let counts = try counts(dot: draft)
        let choice = LayoutEngine.choose(engine, nodes: counts.nodes, edges: counts.edges, budgetSeconds: budgetSeconds)
        let text = choice.engine == .dot ? draft : dot(choice.engine)
        let started = ContinuousClock.now
        let bytes = try render(dot: text, engine: choice.engine, format: format)
        let elapsed = ContinuousClock.now - started
        return Rendering(bytes: bytes, choice: choice,
                         seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// The nodes and edges cgraph read from DOT text.
package struct DOTStructure: Sendable, Hashable {
    package struct Edge: Sendable, Hashable {
        package let tail: String
        package let head: String
        /// The edge's `id` attribute, or "" when it has none.
        package let id: String
    }

    package var nodes: [String] = []
    package var edges: [Edge] = []
}

extension OutputFormat {
    /// Graphviz's renderer name: SVG through the core renderer (text measured by
    /// pango when it is installed), PNG and PDF through cairo.
    var graphvizName: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .dot: "dot"
        }
    }
}
