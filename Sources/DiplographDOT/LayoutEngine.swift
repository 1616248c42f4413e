/// The Graphviz layout engines Diplograph can ask for.
public enum LayoutEngine: String, Sendable, Hashable, CaseIterable {
    /// Layered: ranks, clusters as boxes; best for small graphs, slow past a few
    /// hundred edges.
    case dot
    /// Spring model (stress majorization); keeps pinned positions.
    case neato
    /// Force-directed with cluster boxes.
    case fdp
    /// Multilevel force-directed: thousands of nodes in about a second.
    case sfdp
    /// Circular.
    case circo
    /// Radial.
    case twopi
}

/// The output formats Graphviz renders (plus `dot`, our DOT source as text).
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    /// Scalable vector graphics, with stable ids on nodes, edges and clusters.
    case svg
    /// A raster image, through cairo.
    case png
    /// A vector document, through cairo.
    case pdf
    /// The DOT text itself, as `DiagramBuilder` writes it.
    case dot

    /// The format named by a file's extension (`.gv` is DOT), or nil.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "dot", "gv": self = .dot
        default: return nil
        }
    }
}

extension LayoutEngine {
    /// The engine `--engine auto` picks for a graph of this size, and why.
    ///
    /// Measured with Graphviz 2.42 here: `dot` lays out small graphs best (clusters,
    /// ranks) but its network simplex grows steeply (a 200-node, 400-edge graph took
    /// 21 s at default settings); `fdp` keeps cluster boxes but took 4 s on that same
    /// graph; `sfdp` (multilevel force-directed) lays it out in about 0.05 s and
    /// thousands of nodes in under a second, without cluster boxes.
    package static func automatic(nodes: Int, edges: Int) -> (engine: LayoutEngine, reason: String) {
        if nodes <= 60, edges <= 150 {
            return (.dot, "\(nodes) nodes and \(edges) edges: small enough for dot's layered layout with clusters")
        }
        if nodes <= 100, edges <= 250 {
            return (.fdp, "\(nodes) nodes and \(edges) edges: fdp keeps cluster boxes and stays fast at this size")
        }
        return (.sfdp, "\(nodes) nodes and \(edges) edges: sfdp, the multilevel layout, fast for large graphs "
                + "(clusters are drawn by position, not boxes)")
    }
}

extension LayoutEngine {
    /// A rough forecast of layout time, fitted to measurements on this 2-core machine
    /// (Graphviz 2.42): dot grows with the square of the edges (400 edges: about
    /// 21 s at default settings), fdp with the square of the nodes (200: about 4 s),
    /// neato and sfdp far more slowly. Only used to keep within a time budget.
    package func estimatedSeconds(nodes: Int, edges: Int) -> Double {
        let n = Double(nodes)
        let e = Double(edges)
        switch self {
        case .dot: return 1.3 * (e / 100) * (e / 100)
        case .fdp: return 4 * (n / 200) * (n / 200)
        case .neato, .circo, .twopi: return 2 * (n / 1000) * (n / 1000)
        case .sfdp: return n / 3000 + e / 20000
        }
    }

    /// `self`, or sfdp when `self` is forecast to take longer than `budget` seconds,
    /// with a sentence saying so. (Graphviz cannot stop a layout once started, so the
    /// budget is kept by forecast, not by interruption.)
    package func withinBudget(_ budget: Double, nodes: Int, edges: Int) -> (engine: LayoutEngine, note: String?) {
        let forecast = estimatedSeconds(nodes: nodes, edges: edges)
        guard self != .sfdp, forecast > budget else { return (self, nil) }
        let rounded = (forecast * 10).rounded() / 10
        return (.sfdp, "\(rawValue) on \(nodes) nodes and \(edges) edges would take about \(rounded) s, over the "
                + "\(budget) s budget: using sfdp instead")
    }
}

/// The engine a graph is laid out with, and why.
public struct EngineChoice: Sendable, Hashable {
    /// The engine to use.
    public let engine: LayoutEngine
    /// Why: the graph's size for an automatic choice, the forecast for a named engine
    /// replaced by sfdp, or empty for a named engine kept.
    public let reason: String
    /// Whether a named engine was replaced by sfdp, forecast to take longer than the
    /// budget.
    public let fellBack: Bool
}

extension LayoutEngine {
    /// The engine for a graph of `nodes` and `edges`: `requested` when it is forecast
    /// to finish within `budgetSeconds` (else sfdp, which is), or, when nil, the engine
    /// that suits the graph's size (dot up to 60 nodes and 150 edges, fdp up to 100
    /// and 250, sfdp beyond). Graphviz cannot stop a layout once started, so the
    /// budget is kept by forecast.
    ///
    /// - Complexity: O(1).
    public static func choose(_ requested: LayoutEngine?, nodes: Int, edges: Int,
                              budgetSeconds: Double = .infinity) -> EngineChoice {
        guard let requested else {
            let automatic = automatic(nodes: nodes, edges: edges)
            return EngineChoice(engine: automatic.engine, reason: automatic.reason, fellBack: false)
        }
        let kept = requested.withinBudget(budgetSeconds, nodes: nodes, edges: edges)
        return EngineChoice(engine: kept.engine, reason: kept.note ?? "", fellBack: kept.note != nil)
    }
}
