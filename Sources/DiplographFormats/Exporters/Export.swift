import DiplographCore

/// The formats a selection of the graph can be exported to, for other tools.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// GEXF 1.3, dynamic: office terms, issue statuses and relation activity as spells
    /// (Gephi).
    case gexf
    /// GraphML with typed keys (networkx, yEd, Cytoscape).
    case graphml
    /// The native dataset format, which loads back to an equal dataset.
    case json
    /// The native format as JSON lines, one record a line.
    case jsonl
    /// Nodes and links for web tools (d3, networkx `node_link_graph`).
    case graphJSON = "graph-json"
    /// TimelineJS slides.
    case timelinejs
    /// Two files, `nodes.csv` and `edges.csv`, with Gephi's and Kumu's columns.
    case csv
    /// A chronology and the counts per dyad.
    case markdown
}

/// Writes a snapshot of a store in an `ExportFormat`.
public enum Exporter {
    /// The files of an export, as (file name, text): one file named nil (the caller
    /// names it), or for `.csv` `nodes.csv` and `edges.csv`.
    ///
    /// `json` and `jsonl` write the part of the dataset the snapshot covers (its
    /// events, the offices that reach into its days, the nodes they name), or the
    /// whole dataset when `wholeDataset`; the other formats write the snapshot's
    /// graph.
    ///
    /// - Complexity: O(n + r + e) in the snapshot's nodes, relations and events.
    public static func export(_ format: ExportFormat, store: any EventStore, snapshot: Snapshot,
                              wholeDataset: Bool = false) -> [(name: String?, text: String)] {
        func dataset() -> Dataset {
            wholeDataset ? NativeDatasetWriter.dataset(of: store) : NativeDatasetWriter.subset(of: store, snapshot: snapshot)
        }
        switch format {
        case .gexf: return [(nil, GEXFExporter.export(store: store, snapshot: snapshot))]
        case .graphml: return [(nil, GraphMLExporter.export(store: store, snapshot: snapshot))]
        case .json: return [(nil, NativeDatasetWriter.json(dataset()))]
        case .jsonl: return [(nil, NativeDatasetWriter.jsonLines(dataset()))]
        case .graphJSON: return [(nil, GraphJSONExporter.export(store: store, snapshot: snapshot))]
        case .timelinejs: return [(nil, TimelineJSExporter.export(store: store, snapshot: snapshot))]
        case .markdown: return [(nil, MarkdownExporter.export(store: store, snapshot: snapshot))]
        case .csv:
            let (nodes, edges) = SpreadsheetExporter.export(store: store, snapshot: snapshot)
            return [("nodes.csv", nodes), ("edges.csv", edges)]
        }
    }
}
