import DiplographCore

extension DiagramBuilder {
    /// DOT for the explorer's one layout of a period: each node the size the page draws
    /// it (its name on one line), without clusters, labels or legend, every pair of
    /// related nodes joined once. Lay it out with a force-directed engine; `neato` keeps
    /// nodes from overlapping.
    package func explorerDOT(_ snapshot: Snapshot) -> String {
        var dot = DOTText()
        dot.open("graph \"explorer\"")
        dot.line("graph [" + DOTText.attributes([
            ("overlap", "prism"), ("overlap_scaling", "-1.2"), ("sep", "+10"), ("splines", "false"), ("start", "1"),
        ]) + "];")
        dot.line("node [label=\"\", fixedsize=\"true\"];")
        for id in snapshot.nodeIDs {
            let node = store.node(id)
            let size = Self.explorerNodeSize(name: node?.name ?? id, kind: node?.kind ?? .organization)
            dot.line("\(DOTText.quoted(id)) [" + DOTText.attributes([
                ("shape", node?.kind == .person ? "ellipse" : "box"),
                ("width", Self.inches(size.width / 72)), ("height", Self.inches(size.height / 72)),
            ]) + "];")
        }
        var joined = Set<[NodeID]>()
        for relation in snapshot.relations {
            let ends = [relation.key.source, relation.key.target].sorted()
            guard ends[0] != ends[1], joined.insert(ends).inserted else { continue }
            dot.line("\(DOTText.quoted(ends[0])) -- \(DOTText.quoted(ends[1]));")
        }
        dot.close()
        return dot.text
    }

    /// The size in points the explorer draws a node with: as wide as its name.
    package static func explorerNodeSize(name: String, kind: NodeKind) -> (width: Double, height: Double) {
        (min(420, max(64, Double(name.count) * 8.4 + 22)), kind == .person ? 36 : 32)
    }

    private static func inches(_ value: Double) -> String {
        String((value * 1000).rounded() / 1000)
    }
}
