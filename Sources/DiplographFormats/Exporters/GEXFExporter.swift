import DiplographCore

/// GEXF 1.3, Gephi's format, as a dynamic graph with `timeformat="date"`.
///
/// Time is written one way throughout, as spells (closed intervals of days):
/// a person's office terms, an issue's status phases (a dynamic attribute), and the
/// days of each relation's events. Directed relations are `directed` edges;
/// meetings and agreements are `mutual`, which Gephi draws without arrows and which
/// stays valid in a directed graph. Each edge carries GEXF's `kind`, so Gephi keeps
/// parallel edges of different kinds apart.
package enum GEXFExporter {
    package static func export(store: any EventStore, snapshot: Snapshot) -> String {
        let graph = ExportGraph(store: store, snapshot: snapshot)
        var lines: [String] = []
        func add(_ depth: Int, _ text: String) { lines.append(String(repeating: "  ", count: depth) + text) }
        add(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        add(0, "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">")
        add(1, "<meta lastmodifieddate=\"\(snapshot.day)\">")
        add(2, "<creator>Diplograph</creator>")
        add(2, "<description>\(xmlEscaped(graph.description))</description>")
        add(1, "</meta>")
        add(1, "<graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\">")
        add(2, "<attributes class=\"node\" mode=\"static\">")
        add(3, "<attribute id=\"kind\" title=\"kind\" type=\"string\"/>")
        add(3, "<attribute id=\"posts\" title=\"posts\" type=\"string\"/>")
        add(2, "</attributes>")
        add(2, "<attributes class=\"node\" mode=\"dynamic\">")
        add(3, "<attribute id=\"status\" title=\"status\" type=\"string\"/>")
        add(2, "</attributes>")
        add(2, "<attributes class=\"edge\" mode=\"static\">")
        add(3, "<attribute id=\"relation\" title=\"kind\" type=\"string\"/>")
        add(3, "<attribute id=\"stance\" title=\"stance\" type=\"string\"/>")
        add(3, "<attribute id=\"count\" title=\"count\" type=\"integer\"/>")
        add(3, "<attribute id=\"tone\" title=\"tone\" type=\"double\"/>")
        add(3, "<attribute id=\"first\" title=\"first\" type=\"string\"/>")
        add(3, "<attribute id=\"last\" title=\"last\" type=\"string\"/>")
        add(3, "<attribute id=\"events\" title=\"events\" type=\"string\"/>")
        add(2, "</attributes>")
        add(2, "<nodes count=\"\(graph.nodes.count)\">")
        for node in graph.nodes {
            add(3, "<node id=\"\(xmlEscaped(node.id))\" label=\"\(xmlEscaped(node.label))\">")
            add(4, "<attvalues>")
            add(5, attvalue("kind", node.kind.rawValue))
            if !node.posts.isEmpty { add(5, attvalue("posts", node.posts.joined(separator: "; "))) }
            for (status, interval) in node.statuses {
                add(5, attvalue("status", status, interval))
            }
            add(4, "</attvalues>")
            let presence = node.kind == .issue ? node.statuses.map(\.interval) : node.terms
            if !presence.isEmpty {
                add(4, "<spells>")
                for interval in presence { add(5, "<spell" + times(interval) + "/>") }
                add(4, "</spells>")
            }
            add(3, "</node>")
        }
        add(2, "</nodes>")
        add(2, "<edges count=\"\(graph.edges.count)\">")
        for edge in graph.edges {
            let relation = edge.relation
            let key = relation.key
            add(3, "<edge id=\"\(xmlEscaped(edge.id))\" source=\"\(xmlEscaped(key.source))\" target=\"\(xmlEscaped(key.target))\""
                + " type=\"\(edge.directed ? "directed" : "mutual")\" kind=\"\(key.kind.rawValue)\" weight=\"\(relation.count)\">")
            add(4, "<attvalues>")
            add(5, attvalue("relation", key.kind.rawValue))
            if let stance = key.stance { add(5, attvalue("stance", stance.rawValue)) }
            add(5, attvalue("count", String(relation.count)))
            if let tone = relation.meanTone { add(5, attvalue("tone", String(tone))) }
            add(5, attvalue("first", relation.first.description))
            add(5, attvalue("last", relation.last.description))
            add(5, attvalue("events", relation.eventIDs.joined(separator: ";")))
            add(4, "</attvalues>")
            add(4, "<spells>")
            for interval in edge.spells { add(5, "<spell" + times(interval) + "/>") }
            add(4, "</spells>")
            add(3, "</edge>")
        }
        add(2, "</edges>")
        add(1, "</graph>")
        add(0, "</gexf>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func attvalue(_ id: String, _ value: String, _ interval: DayInterval? = nil) -> String {
        "<attvalue for=\"\(id)\" value=\"\(xmlEscaped(value))\"" + (interval.map(times) ?? "") + "/>"
    }

    /// ` start="…" end="…"`; an open end is left out, as GEXF allows.
    private static func times(_ interval: DayInterval) -> String {
        " start=\"\(interval.first)\"" + (interval.last.map { " end=\"\($0)\"" } ?? "")
    }
}
