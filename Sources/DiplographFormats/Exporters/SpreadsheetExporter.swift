import DiplographCore

/// `nodes.csv` and `edges.csv` with the column names of Gephi's spreadsheet import
/// (`Id`, `Label`; `Source`, `Target`, `Type`, `Id`, `Label`, `Weight`), which Kumu
/// and Palladio can map as well.
package enum SpreadsheetExporter {
    package static func export(store: any EventStore, snapshot: Snapshot) -> (nodes: String, edges: String) {
        let graph = ExportGraph(store: store, snapshot: snapshot)
        var nodes = ["Id,Label,Kind,Posts,Status"]
        for node in graph.nodes {
            nodes.append([node.id, node.label, node.kind.rawValue, node.posts.joined(separator: "; "), node.status ?? ""]
                .map(csvField).joined(separator: ","))
        }
        var edges = ["Source,Target,Type,Id,Label,Weight,Kind,Stance,Tone,First,Last,Events"]
        for edge in graph.edges {
            let relation = edge.relation
            let key = relation.key
            let label = key.stance.map { "\(key.kind.rawValue) (\($0.rawValue))" } ?? key.kind.rawValue
            edges.append([
                key.source, key.target, edge.directed ? "Directed" : "Undirected", edge.id, label,
                String(relation.count), key.kind.rawValue, key.stance?.rawValue ?? "", toneText(relation.meanTone),
                relation.first.description, relation.last.description, relation.eventIDs.joined(separator: ";"),
            ].map(csvField).joined(separator: ","))
        }
        return (nodes.joined(separator: "\r\n") + "\r\n", edges.joined(separator: "\r\n") + "\r\n")
    }
}
