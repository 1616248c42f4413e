import Foundation
import DiplographFormats
import DiplographCore
@testable import DiplographDOT
@testable import DiplographGraphviz
import Testing
import TestSupport

enum TestData {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let bundled: InMemoryStore = InMemoryStore(try! NativeDatasetLoader.load(path: repository.appendingPathComponent("Data").path))

    static func day(_ text: String) -> Day { try! EventDate(parsing: text).lastDay }

    /// A dataset whose every text field is hostile.
    static let hostile: InMemoryStore = {
        let nasty = "<script>alert(\"x\")</script> & \"co\" \\N \\l ]]> \u{1B}[31m"
        let source = [Source(publisher: "x", url: "javascript:alert(1)")]
        let year = EventDate(year: 2020)
        return InMemoryStore(Dataset(
            title: nasty,
            nodes: [
                Node(id: "evil-state", kind: .state, name: nasty),
                Node(id: "evil-person", kind: .person, name: "\"; node [shape=box label=<b>x</b>]; \""),
                Node(id: "evil-issue", kind: .issue, name: "<TABLE><TR><TD>html</TD></TR></TABLE>",
                     lifecycle: [LifecyclePhase(status: "<img src=x onerror=alert(1)>", from: year)]),
            ],
            offices: [Office(id: "evil-office", person: "evil-person", post: "Minister of <b>Bold</b> & \"Quotes\"",
                             organization: "evil-state", from: year, sources: source)],
            events: [Event(id: "evil-meeting", kind: .meeting, date: DateSpan(EventDate(year: 2023, month: 6, day: 27)),
                           title: "<script>alert(1)</script>", actors: ["evil-state", "evil-person"],
                           issues: ["evil-issue"], sources: source)]))
    }()
}

@Suite("Graphviz rendering", .serialized)
struct RenderingTests {
    let builder = DiagramBuilder(store: TestData.bundled)

    func snapshotSVG(window: Int? = 90) throws -> [UInt8] {
        let snapshot = TestData.bundled.snapshot(at: TestData.day("2023-06-27"), windowDays: window)
        return try GraphvizRenderer.render(dot: builder.snapshotDOT(snapshot), engine: .dot, format: .svg)
    }

    @Test("Snapshot SVG is well-formed XML with stable node, edge and cluster ids")
    func snapshotSVGIds() throws {
        let inventory = try #require(XMLInventory.parse(try snapshotSVG()))
        #expect(inventory.elements.first == "svg")
        for id in ["node-ararat-mirzoyan", "node-antony-blinken", "node-azerbaijan", "node-lachin-corridor-blockade",
                   "edge-met--antony-blinken--ararat-mirzoyan", "edge-stated-condemns--ararat-mirzoyan--azerbaijan",
                   "edge-stated-urges--ararat-mirzoyan--azerbaijan", "edge-stated-calls-for--ararat-mirzoyan--azerbaijan",
                   "edge-concerns--armenia--normalization", "cluster-armenia", "cluster-united-states", "cluster-issues",
                   "cluster-legend"] {
            #expect(inventory.ids.contains(id), "missing \(id)")
        }
        // People are drawn inside the cluster of the state they serve on the day.
        let dot = builder.snapshotDOT(TestData.bundled.snapshot(at: TestData.day("2023-06-27"), windowDays: 90))
        let lines = dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let start = try #require(lines.firstIndex(of: "subgraph \"cluster_armenia\" {"))
        let end = try #require(lines[start...].firstIndex(of: "}"))
        #expect(lines[start..<end].contains { $0.hasPrefix("\"ararat-mirzoyan\" [") })
        #expect(!lines[start..<end].contains { $0.hasPrefix("\"antony-blinken\" [") })
        let svg = String(decoding: try snapshotSVG(), as: UTF8.self)
        // The blockade shows its status on the day.
        #expect(svg.contains("[active]"))
    }

    @Test("Rendering is deterministic: the same input gives the same bytes")
    func deterministic() throws {
        #expect(try snapshotSVG() == snapshotSVG())
        #expect(try snapshotSVG(window: nil) == snapshotSVG(window: nil))
    }

    @Test("Diff SVG colours added green, removed red and dashed, changed amber")
    func diffSVG() throws {
        let diff = TestData.bundled.diff(from: TestData.day("2023-01-01"), to: TestData.day("2024-01-01"), windowDays: 365)
        let dot = builder.diffDOT(diff)
        #expect(dot.contains("\"edge-met--antony-blinken--ararat-mirzoyan\"") && dot.contains("#009E73"))
        let removed = try #require(dot.split(separator: "\n").first { $0.contains("edge-met--emmanuel-macron--ilham-aliyev") })
        #expect(removed.contains("#D55E00") && removed.contains("dashed"))
        let changed = try #require(dot.split(separator: "\n").first { $0.contains("node-lachin-corridor-blockade") })
        #expect(changed.contains("#E69F00") && changed.contains("active → ended"))
        let svg = try GraphvizRenderer.render(dot: dot, format: .svg)
        #expect(XMLInventory.parse(svg) != nil)
    }

    @Test("PNG and PDF come out with their magic bytes; DOT text is returned as built")
    func otherFormats() throws {
        let snapshot = TestData.bundled.snapshot(at: TestData.day("2023-06-27"), windowDays: 30)
        let dot = builder.snapshotDOT(snapshot)
        #expect(try GraphvizRenderer.render(dot: dot, format: .png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try GraphvizRenderer.render(dot: dot, format: .pdf).starts(with: Array("%PDF".utf8)))
        #expect(try GraphvizRenderer.render(dot: dot, format: .dot) == Array(dot.utf8))
    }

    @Test("Graphviz errors come back as typed errors, and the next render still works")
    func errors() throws {
        do {
            _ = try GraphvizRenderer.render(dot: "digraph { a -> ", format: .svg)
            Issue.record("broken DOT was accepted")
        } catch {
            #expect(error.code == .parse)
        }
        #expect(try GraphvizRenderer.render(dot: "digraph { a -> b }", format: .svg).count > 100)
    }

    @Test("64 concurrent renders from tasks (two engines, SVG and PNG) all succeed with identical bytes")
    func concurrent() async throws {
        let dot = builder.snapshotDOT(TestData.bundled.snapshot(at: TestData.day("2023-06-27"), windowDays: 90))
        let jobs: [(LayoutEngine, OutputFormat)] = [(.dot, .svg), (.sfdp, .svg), (.dot, .png), (.neato, .svg)]
        let expected = try jobs.map { try GraphvizRenderer.render(dot: dot, engine: $0.0, format: $0.1) }
        let results = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<64 {
                let (engine, format) = jobs[index % jobs.count]
                group.addTask { (index % jobs.count, try GraphvizRenderer.render(dot: dot, engine: engine, format: format)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 64)
        for (job, bytes) in results {
            #expect(bytes == expected[job], "\(jobs[job]) differs")
        }
    }
}

@Suite("Escaping: no label reaches SVG or DOT active")
struct EscapingTests {
    @Test("DOT strings escape quotes, backslashes, markup and control characters")
    func quoted() {
        #expect(DOTText.quoted("plain") == "\"plain\"")
        #expect(DOTText.quoted("a\"b") == "\"a\\\"b\"")
        #expect(DOTText.quoted("\\N") == "\"\\\\N\"")
        #expect(DOTText.quoted("<b> & </b>") == "\"&lt;b&gt; &amp; &lt;/b&gt;\"")
        #expect(DOTText.quoted("two\nlines") == "\"two\\nlines\"")
        #expect(DOTText.quoted("bell\u{7}esc\u{1B}[0m") == "\"bellesc[0m\"")
        #expect(DOTText.quoted("Ararat Mirzoyan — Армения") == "\"Ararat Mirzoyan — Армения\"")
    }

    @Test("A hostile dataset renders to SVG with no script, no handler, no javascript: link")
    func hostileSVG() throws {
        let store = TestData.hostile
        let snapshot = store.snapshot(at: TestData.day("2023-06-27"))
        let dot = DiagramBuilder(store: store).snapshotDOT(snapshot)
        let svg = try GraphvizRenderer.render(dot: dot, format: .svg)
        let inventory = try #require(XMLInventory.parse(svg), "SVG is not well-formed")
        #expect(inventory.activeContent.isEmpty, "\(inventory.activeContent)")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("&lt;script&gt;"))
        #expect(!text.contains("<script"))
        #expect(!text.contains("\u{1B}"))
        // The DOT injection stayed one label: the dataset's nodes plus the legend, no more.
        let counts = try GraphvizRenderer.counts(dot: dot)
        #expect(counts.nodes == snapshot.nodeIDs.count + 1)
    }

    @Test("Hostile labels survive as literal text through DOT: cgraph reads them back unchanged")
    func hostileDOTRoundTrip() throws {
        let dot = "digraph { a [label=\(DOTText.quoted("\"; node [shape=box]; x -> y; \""))]; }"
        #expect(try GraphvizRenderer.counts(dot: dot) == (nodes: 1, edges: 0))
    }
}

@Suite("DOT export read back by cgraph")
struct DOTExportTests {
    @Test("cgraph parses the DOT export and finds every node and relation that was drawn")
    func roundTrip() throws {
        let store = TestData.bundled
        let snapshot = store.snapshot(at: TestData.day("2023-12-31"), windowDays: 365)
        let structure = try GraphvizRenderer.structure(dot: DiagramBuilder(store: store).snapshotDOT(snapshot))
        let nodes = Set(structure.nodes)
        #expect(nodes.contains("__legend"))
        #expect(nodes.subtracting(["__legend"]).isSubset(of: Set(snapshot.nodeIDs)))
        let drawnRelations = snapshot.relations.filter { $0.key.kind != .concerns }
        for relation in drawnRelations {
            #expect(nodes.contains(relation.key.source) && nodes.contains(relation.key.target))
        }
        let ids = structure.edges.map(\.id)
        #expect(Set(ids) .isSuperset(of: drawnRelations.map { "edge-" + $0.key.id }))
        #expect(ids.allSatisfy { id in
            id.hasPrefix("edge-concerns--") || drawnRelations.contains { "edge-" + $0.key.id == id }
        })
        #expect(Set(ids).count == ids.count)
        let met = try #require(structure.edges.first { $0.id == "edge-met--antony-blinken--ararat-mirzoyan" })
        #expect(Set([met.tail, met.head]) == ["antony-blinken", "ararat-mirzoyan"])
    }
}

@Suite("Engine choice")
struct EngineChoiceTests {
    @Test("auto picks dot for small graphs, fdp for mid-size, sfdp beyond")
    func automatic() {
        #expect(LayoutEngine.automatic(nodes: 20, edges: 30).engine == .dot)
        #expect(LayoutEngine.automatic(nodes: 60, edges: 151).engine == .fdp)
        #expect(LayoutEngine.automatic(nodes: 100, edges: 250).engine == .fdp)
        #expect(LayoutEngine.automatic(nodes: 200, edges: 400).engine == .sfdp)
        #expect(LayoutEngine.automatic(nodes: 2000, edges: 10000).engine == .sfdp)
        #expect(LayoutEngine.automatic(nodes: 301, edges: 10).engine == .sfdp)
    }

    @Test("Every engine renders the bundled snapshot")
    func everyEngine() throws {
        let dot = DiagramBuilder(store: TestData.bundled).snapshotDOT(TestData.bundled.snapshot(at: TestData.day("2023-06-27"), windowDays: 90))
        for engine in LayoutEngine.allCases {
            let svg = try GraphvizRenderer.render(dot: dot, engine: engine, format: .svg)
            #expect(XMLInventory.parse(svg) != nil, "\(engine)")
        }
    }
}

@Suite("Isolated nodes")
struct IsolatedNodeTests {
    @Test("Office holders without relations are left out unless asked for")
    func isolated() throws {
        let snapshot = TestData.bundled.snapshot(at: TestData.day("2023-06-27"), windowDays: 30)
        let lean = try GraphvizRenderer.structure(dot: DiagramBuilder(store: TestData.bundled).snapshotDOT(snapshot))
        let full = try GraphvizRenderer.structure(
            dot: DiagramBuilder(store: TestData.bundled, includeIsolated: true).snapshotDOT(snapshot))
        #expect(!lean.nodes.contains("vladimir-putin"))
        #expect(full.nodes.contains("vladimir-putin"))
        #expect(Set(lean.nodes).isSubset(of: Set(full.nodes)))
    }
}

@Suite("Series with pinned positions")
struct SeriesTests {
    /// The centre of each node's ellipse or polygon in an SVG, by node id.
    func centres(_ svg: [UInt8]) -> [String: String] {
        let text = String(decoding: svg, as: UTF8.self)
        var result: [String: String] = [:]
        for block in text.components(separatedBy: "<g id=\"").dropFirst() {
            let id = String(block.prefix { $0 != "\"" }).replacingOccurrences(of: "&#45;", with: "-")
            guard id.hasPrefix("node-"), let ellipse = block.range(of: "cx=\"") else { continue }
            result[id] = String(block[ellipse.upperBound...].prefix(40))
        }
        return result
    }

    @Test("Two frames give every shared node the same coordinates and share one viewBox")
    func pinned() throws {
        let store = TestData.bundled
        let snapshots = [TestData.day("2023-05-31"), TestData.day("2023-06-30")].map { store.snapshot(at: $0, windowDays: 60) }
        let layout = try SeriesLayout.layout(store: store, snapshots: snapshots, engine: nil)
        let frames = try snapshots.map { try SeriesLayout.frame(store: store, snapshot: $0, layout: layout, format: .svg) }
        let boxes = frames.map { svg in String(decoding: svg, as: UTF8.self).components(separatedBy: "viewBox=\"")[1].prefix { $0 != "\"" } }
        #expect(boxes[0] == boxes[1])
        let first = centres(frames[0])
        let second = centres(frames[1])
        let shared = Set(first.keys).intersection(second.keys)
        #expect(shared.contains("node-ararat-mirzoyan"))
        for id in shared { #expect(first[id] == second[id], "\(id) moved") }
        let drawn = frames.map { frame in (XMLInventory.parse(frame)?.ids ?? []).filter { $0.hasPrefix("node-") } }
        #expect(drawn[0] != drawn[1])  // the frames do differ
    }
}

@Suite("Time budget")
struct BudgetTests {
    @Test("An engine forecast past the budget falls back to sfdp and says so")
    func fallback() {
        let hard = LayoutEngine.dot.withinBudget(5, nodes: 200, edges: 400)
        #expect(hard.engine == .sfdp)
        #expect(hard.note?.contains("over the 5.0 s budget") == true)
        let small = LayoutEngine.dot.withinBudget(5, nodes: 20, edges: 30)
        #expect(small.engine == .dot && small.note == nil)
        #expect(LayoutEngine.sfdp.withinBudget(0.001, nodes: 100_000, edges: 1_000_000).engine == .sfdp)
    }
}
