import DiplographCore
import DiplographDOT
import DiplographGraphviz

/// Where the explorer's layouts and drawings are made: in this process (the CLI's
/// one-off export) or in a worker process of our own (`serve`, see `DrawingWorker`).
package protocol DrawingBackend: Sendable {
    /// The graph's node and edge counts, as Graphviz parses them (to choose an engine).
    func counts(dot: String) throws(ExplorerError) -> (nodes: Int, edges: Int)
    /// The drawing laid out by `engine`, as `format`.
    func render(dot: String, engine: LayoutEngine, format: OutputFormat) throws(ExplorerError) -> [UInt8]
    /// The node positions `engine` gives.
    func positions(dot: String, engine: LayoutEngine) throws(ExplorerError) -> PinnedLayout
}

/// Graphviz in this process (serialized by `GraphvizRenderer`).
package struct InProcessDrawing: DrawingBackend {
    package init() {}

    package func counts(dot: String) throws(ExplorerError) -> (nodes: Int, edges: Int) {
        try mapped { () throws(GraphvizError) in try GraphvizRenderer.counts(dot: dot) }
    }

    package func render(dot: String, engine: LayoutEngine, format: OutputFormat) throws(ExplorerError) -> [UInt8] {
        try mapped { () throws(GraphvizError) in try GraphvizRenderer.render(dot: dot, engine: engine, format: format) }
    }

    package func positions(dot: String, engine: LayoutEngine) throws(ExplorerError) -> PinnedLayout {
        try mapped { () throws(GraphvizError) in try GraphvizRenderer.positions(dot: dot, engine: engine) }
    }

    private func mapped<T>(_ body: () throws(GraphvizError) -> T) throws(ExplorerError) -> T {
        do {
            return try body()
        } catch {
            throw ExplorerError(parameter: nil, "the drawing failed: \(error.description)", status: 500)
        }
    }
}
