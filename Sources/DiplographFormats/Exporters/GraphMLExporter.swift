import DiplographCore

/// GraphML with typed keys: the same attributes as GEXF, as of the snapshot day.
///
/// The graph is directed (GraphML readers such as networkx reject mixed edge
/// directions); a boolean `directed` key marks meetings and agreements as undirected.
package enum GraphMLExporter {
    static let keys: [(id: String, target: String, name: String, type: String)] = [
        ("label", "node", "label", "string"), ("kind", "node", "kind", "string"),
        ("posts", "node", "posts", "string"), ("status", "node", "status", "string"),
        ("e_kind", "edge", "kind", "string"), ("e_stance", "edge", "stance", "string"),
        ("e_count", "edge", "count", "int"), ("e_tone", "edge", "tone", "double"),
        ("e_first", "edge", "first", "string"), ("e_last", "edge", "last", "string"),
        ("e_directed", "edge", "directed", "boolean"), ("e_events", "edge", "events", "string"),
    ]

    package static func export(store: any EventStore, snapshot: Snapshot) -> String {
        let graph = ExportGraph(store: store, snapshot: snapshot)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">",
        ]
        for key in keys {
            lines.append("  <key id=\"\(key.id)\" for=\"\(key.target)\" attr.name=\"\(key.name)\" attr.type=\"\(key.type)\"/>")
        }
        lines.append("  <graph id=\"\(xmlEscaped(graph.description))\" edgedefault=\"directed\">")
        func data(_ key: String, _ value: String) -> String {
            "      <data key=\"\(key)\">\(xmlEscaped(value))</data>"
        }
        for node in graph.nodes {
            lines.append("    <node id=\"\(xmlEscaped(node.id))\">")
            lines.append(data("label", node.label))
            lines.append(data("kind", node.kind.rawValue))
            if !node.posts.isEmpty { lines.append(data("posts", node.posts.joined(separator: "; "))) }
            if let status = node.status { lines.append(data("status", status)) }
            lines.append("    </node>")
        }
        for edge in graph.edges {
            let relation = edge.relation
            lines.append("    <edge id=\"\(xmlEscaped(edge.id))\" source=\"\(xmlEscaped(relation.key.source))\""
                + " target=\"\(xmlEscaped(relation.key.target))\">")
            lines.append(data("e_kind", relation.key.kind.rawValue))
            if let stance = relation.key.stance { lines.append(data("e_stance", stance.rawValue)) }
            lines.append(data("e_count", String(relation.count)))
            if let tone = relation.meanTone { lines.append(data("e_tone", String(tone))) }
            lines.append(data("e_first", relation.first.description))
            lines.append(data("e_last", relation.last.description))
            lines.append(data("e_directed", edge.directed ? "true" : "false"))
            lines.append(data("e_events", relation.eventIDs.joined(separator: ";")))
            lines.append("    </edge>")
        }
        lines.append("  </graph>")
        lines.append("</graphml>")
        return lines.joined(separator: "\n") + "\n"
    }
}
