import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

/// Every export is read back by the program people use it with.
@Suite("Exports read back by their real consumers", .serialized)
struct ConsumerTests {
    let store: InMemoryStore
    let snapshot: Snapshot
    let graph: ExportGraph
    let folder = TestPaths.temporaryFolder()

    init() throws {
        store = InMemoryStore(try NativeDatasetLoader.load(path: TestPaths.bundledData))
        snapshot = store.snapshot(Selection())
        graph = ExportGraph(store: store, snapshot: snapshot)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try AtomicFile.write(text, to: path)
        return path
    }

    /// Runs a Python script (networkx available) and decodes the JSON it prints.
    func python(_ script: String, _ path: String) throws -> [String: Any] {
        let output = try ExternalTool.python(script, arguments: [path])
        try #require(output.status == 0, "python failed: \(output.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    var expectedNodes: Set<String> { Set(graph.nodes.map(\.id)) }

    @Test("GEXF validates against the published GEXF 1.3 schema with xmllint",
          .enabled(if: TestPaths.hasShared, "../shared/data/gexf (the GEXF 1.3 schema) is absent; CI has it"))
    func gexfSchema() throws {
        let path = try write(GEXFExporter.export(store: store, snapshot: snapshot), "graph.gexf")
        let schema = TestPaths.shared.appendingPathComponent("data/gexf/gexf.xsd").path
        let result = try ExternalTool.xmllint(schema: schema, file: path)
        #expect(result.status == 0, "\(result.standardError)")
        // The checker itself can fail: Gephi's own sample validates, a broken file does not.
        let broken = try write("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\"><graph><edges/></graph></gexf>", "broken.gexf")
        #expect(try ExternalTool.xmllint(schema: schema, file: broken).status != 0)
    }

    @Test("networkx reads the GEXF back with the same nodes, edges, attributes and spells")
    func gexfNetworkx() throws {
        let path = try write(GEXFExporter.export(store: store, snapshot: snapshot), "graph.gexf")
        let result = try python("""
            import json, sys, networkx as nx
            g = nx.read_gexf(sys.argv[1], version="1.3")
            print(json.dumps({
                "directed": g.is_directed(),
                "nodes": {n: {"kind": d.get("kind"), "label": d.get("label"), "spells": d.get("spells", []),
                              "status": d.get("status", [])} for n, d in g.nodes(data=True)},
                "edges": [[u, v, k, d.get("kind"), d.get("count"), d.get("tone"), d.get("spells", [])]
                          for u, v, k, d in g.edges(keys=True, data=True)]}))
            """, path)
        #expect(result["directed"] as? Bool == true)
        let nodes = try #require(result["nodes"] as? [String: [String: Any]])
        #expect(Set(nodes.keys) == expectedNodes)
        for node in graph.nodes {
            #expect(nodes[node.id]?["kind"] as? String == node.kind.rawValue)
            #expect(nodes[node.id]?["label"] as? String == node.label)
        }
        let blinken = try #require(nodes["antony-blinken"]?["spells"] as? [[String]])
        #expect(blinken == [["2021-01-26", "2025-01-20"]])
        let blockade = try #require(nodes["lachin-corridor-blockade"]?["status"] as? [[String]])
        #expect(blockade.first == ["active", "2022-12-12", "2023-08-31"])
        // networkx reads a `mutual` edge as one edge each way.
        var expected = Set<[String]>()
        for edge in graph.edges {
            expected.insert([edge.relation.key.source, edge.relation.key.target, edge.id])
            if !edge.directed { expected.insert([edge.relation.key.target, edge.relation.key.source, edge.id]) }
        }
        let edges = try #require(result["edges"] as? [[Any]])
        #expect(Set(edges.map { [$0[0], $0[1], $0[2]].compactMap { $0 as? String } }) == expected)
        let met = try #require(edges.first { $0[2] as? String == "met--antony-blinken--ararat-mirzoyan" })
        #expect(met[3] as? String == "met")
        #expect(met[4] as? Int == 3)
        #expect(met[5] as? Double == 3.0)
        #expect((met[6] as? [[String]])?.first == ["2023-05-01", "2023-05-04"])
    }

    @Test("networkx reads the GraphML back with the same nodes, edges and typed attributes")
    func graphmlNetworkx() throws {
        let path = try write(GraphMLExporter.export(store: store, snapshot: snapshot), "graph.graphml")
        let result = try python("""
            import json, sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            print(json.dumps({
                "nodes": {n: [d.get("label"), d.get("kind")] for n, d in g.nodes(data=True)},
                "edges": [[u, v, k, d.get("kind"), d.get("count"), d.get("tone"), d.get("directed")]
                          for u, v, k, d in g.edges(keys=True, data=True)]}))
            """, path)
        let nodes = try #require(result["nodes"] as? [String: [String]])
        #expect(Set(nodes.keys) == expectedNodes)
        #expect(nodes["ararat-mirzoyan"] == ["Ararat Mirzoyan", "person"])
        let edges = try #require(result["edges"] as? [[Any]])
        #expect(Set(edges.compactMap { $0[2] as? String }) == Set(graph.edges.map(\.id)))
        #expect(edges.count == graph.edges.count)
        let condemns = try #require(edges.first { $0[2] as? String == "stated-condemns--ararat-mirzoyan--azerbaijan" })
        #expect(condemns[4] as? Int == 1)
        #expect(condemns[5] as? Double == -5)
        #expect(condemns[6] as? Bool == true)
        let met = try #require(edges.first { $0[2] as? String == "met--antony-blinken--ararat-mirzoyan" })
        #expect(met[6] as? Bool == false)
    }

    @Test("networkx reads the graph JSON with node_link_graph")
    func graphJSONNetworkx() throws {
        let path = try write(GraphJSONExporter.export(store: store, snapshot: snapshot), "graph.json")
        let result = try python("""
            import json, sys, networkx as nx
            g = nx.node_link_graph(json.load(open(sys.argv[1])), edges="links")
            print(json.dumps({"nodes": sorted(g.nodes), "edges": g.number_of_edges(), "directed": g.is_directed()}))
            """, path)
        #expect(Set(result["nodes"] as? [String] ?? []) == expectedNodes)
        #expect(result["edges"] as? Int == graph.edges.count)
        #expect(result["directed"] as? Bool == true)
    }

    @Test("Python's csv module reads nodes.csv and edges.csv with Gephi's columns")
    func spreadsheet() throws {
        let (nodesText, edgesText) = SpreadsheetExporter.export(store: store, snapshot: snapshot)
        let nodesPath = try write(nodesText, "nodes.csv")
        _ = try write(edgesText, "edges.csv")
        let result = try python("""
            import csv, json, os, sys
            folder = os.path.dirname(sys.argv[1])
            nodes = list(csv.DictReader(open(os.path.join(folder, "nodes.csv"), newline="")))
            edges = list(csv.DictReader(open(os.path.join(folder, "edges.csv"), newline="")))
            print(json.dumps({"ids": [n["Id"] for n in nodes], "columns": list(edges[0].keys()),
                              "types": sorted({e["Type"] for e in edges}), "edges": len(edges)}))
            """, nodesPath)
        #expect(Set(result["ids"] as? [String] ?? []) == expectedNodes)
        #expect((result["columns"] as? [String])?.prefix(6) == ["Source", "Target", "Type", "Id", "Label", "Weight"])
        #expect(result["types"] as? [String] == ["Directed", "Undirected"])
        #expect(result["edges"] as? Int == graph.edges.count)
    }

    @Test("TimelineJS dates honour precision; text is escaped HTML")
    func timelineJS() throws {
        let text = TimelineJSExporter.export(store: store, snapshot: snapshot)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.count == snapshot.events.count)
        let month = try #require(events.first { $0["unique_id"] as? String == "peace-text-agreed-2025-03" })
        #expect(month["start_date"] as? [String: String] == ["year": "2025", "month": "3"])
        let range = try #require(events.first { $0["unique_id"] as? String == "washington-talks-2023-06" })
        #expect(range["end_date"] as? [String: String] == ["year": "2023", "month": "6", "day": "29"])
        #expect((json["eras"] as? [[String: Any]])?.isEmpty == false)
        #expect(htmlEscaped("<script>\"&'") == "&lt;script&gt;&quot;&amp;&apos;")
        #expect(TimelineJSExporter.sourceHTML(Source(publisher: "<b>", url: "javascript:alert(1)")) == "&lt;b&gt;")
    }

    @Test("The Markdown report has the chronology and the counts per dyad")
    func markdown() {
        let day = { (text: String) in try! EventDate(parsing: text) }
        let june = store.snapshot(.range(from: day("2023-06"), to: day("2023-06")))
        let text = MarkdownExporter.export(store: store, snapshot: june)
        #expect(text.contains("## Chronology"))
        #expect(text.contains("| 2023-06-27 | meeting | Ararat Mirzoyan, Antony Blinken |"))
        #expect(text.contains("| Antony Blinken – Ararat Mirzoyan | 2 | 0 | 0 | 0 | 2 | 3.0 | 2023-06-27 | 2023-06-29 |"))
        #expect(text.contains("| Ararat Mirzoyan – Azerbaijan | 0 | 3 | 0 | 0 | 3 | -2.7 |"))
        #expect(!text.contains("United States –"))
    }

    @Test("Filters apply to exports as to render: --from/--to, --focus, --top")
    func filters() {
        let day = { (text: String) in try! EventDate(parsing: text) }
        let range = store.snapshot(.range(from: day("2023-05"), to: day("2023-06")))
        #expect(range.events.map(\.id).contains("arlington-talks-2023-05"))
        #expect(!range.events.map(\.id).contains("lachin-checkpoint-2023-04-23"))
        var focused = Selection(focus: "jeyhun-bayramov", depth: 1)
        focused.day = day("2023-12-31").lastDay
        let ego = ExportGraph(store: store, snapshot: store.snapshot(focused))
        #expect(!ego.nodes.map(\.id).contains("nagorno-karabakh"))
        let top = ExportGraph(store: store, snapshot: store.snapshot(Selection(top: 3)))
        #expect(top.edges.count == 3)
        #expect(top.edges.map(\.relation.count).min()! >= 3)
    }
}
