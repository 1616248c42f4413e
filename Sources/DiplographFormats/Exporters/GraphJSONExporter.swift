import DiplographCore

/// Nodes and links as JSON for web tools (d3's force layout, vis.js, networkx's
/// `node_link_graph(data, edges="links")`).
package enum GraphJSONExporter {
    package static func export(store: any EventStore, snapshot: Snapshot) -> String {
        let graph = ExportGraph(store: store, snapshot: snapshot)
        let nodes: [JSONValue] = graph.nodes.map { node in
            .object([
                ("id", .string(node.id)), ("label", .string(node.label)), ("kind", .string(node.kind.rawValue)),
                ("posts", .array(node.posts.map(JSONValue.string))), ("status", .text(node.status)),
            ])
        }
        let links: [JSONValue] = graph.edges.map { edge in
            let relation = edge.relation
            return .object([
                ("id", .string(edge.id)), ("source", .string(relation.key.source)),
                ("target", .string(relation.key.target)), ("kind", .string(relation.key.kind.rawValue)),
                ("stance", .text(relation.key.stance?.rawValue)), ("directed", .bool(edge.directed)),
                ("count", .number(Double(relation.count))), ("tone", relation.meanTone.map(JSONValue.number) ?? .null),
                ("first", .string(relation.first.description)), ("last", .string(relation.last.description)),
                ("events", .array(relation.eventIDs.map(JSONValue.string))),
            ])
        }
        return JSONValue.object([
            ("directed", .bool(true)), ("multigraph", .bool(true)),
            ("graph", .object([
                ("title", .text(store.title)), ("day", .string(snapshot.day.description)),
                ("window_days", snapshot.windowDays.map { .number(Double($0)) } ?? .null),
            ])),
            ("nodes", .array(nodes)), ("links", .array(links)),
        ]).serialized() + "\n"
    }
}
