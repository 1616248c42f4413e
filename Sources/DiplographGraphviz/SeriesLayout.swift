import DiplographCore
import DiplographDOT

/// Diagrams of several dates that keep every node in one place: the union of all
/// frames is laid out once, then each frame is drawn with those positions pinned and
/// the same bounding box, so the eye sees only what changed.
public enum SeriesLayout {
    /// Lays out the union of `snapshots` with `engine` (auto: chosen by the union's size).
    public static func layout(store: any EventStore, snapshots: [Snapshot], engine: LayoutEngine?,
                              includeIsolated: Bool = false) throws(GraphvizError) -> PinnedLayout {
        guard let union = Snapshot.union(snapshots) else {
            throw GraphvizError(code: .layout, message: "a series needs at least one date")
        }
        let dot = DiagramBuilder(store: store, includeIsolated: includeIsolated).snapshotDOT(union)
        let counts = try GraphvizRenderer.counts(dot: dot)
        let chosen = LayoutEngine.choose(engine, nodes: counts.nodes, edges: counts.edges)
        return try GraphvizRenderer.positions(dot: dot, engine: chosen.engine)
    }

    /// One frame drawn with pinned positions (laid out by neato, which keeps them).
    public static func frame(store: any EventStore, snapshot: Snapshot, layout: PinnedLayout, format: OutputFormat,
                             includeIsolated: Bool = false, title: String? = nil) throws(GraphvizError) -> [UInt8] {
        let dot = DiagramBuilder(store: store, includeIsolated: includeIsolated, pinned: layout).snapshotDOT(snapshot, title: title)
        return try GraphvizRenderer.render(dot: dot, engine: .neato, format: format)
    }
}
