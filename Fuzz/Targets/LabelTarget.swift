import DiplographFormats
import DiplographCore
import DiplographDOT
import DiplographGraphviz
import TestSupport

/// The label escapers: the input becomes every text of a small dataset (names, post,
/// title, status, source, dataset title). The drawing must keep exactly the nodes and
/// edges of the same dataset with plain text (no label can add DOT statements), and
/// the SVG of the graph and of the timeline, and the GEXF and GraphML exports, must
/// be well-formed XML with no active content.
enum LabelTarget {
    static func run(_ bytes: [UInt8], _ findings: inout Findings) {
        let text = String(decoding: bytes, as: UTF8.self)
        let hostile = HostileData.store(text: text)
        let plain = HostileData.store(text: "x")
        let day = HostileData.lastDay
        let snapshot = hostile.snapshot(at: day)
        let dot = DiagramBuilder(store: hostile).snapshotDOT(snapshot, title: text)
        let plainDOT = DiagramBuilder(store: plain).snapshotDOT(plain.snapshot(at: day), title: "x")
        do {
            let structure = try GraphvizRenderer.structure(dot: dot)
            let expected = try GraphvizRenderer.structure(dot: plainDOT)
            findings.check(structure == expected, "a label changed the graph's structure")
            let svg = try GraphvizRenderer.render(dot: dot, engine: .dot, format: .svg)
            checkMarkup(svg, "graph SVG", &findings)
        } catch {
            findings.check(false, "Graphviz rejected our DOT: \(error)")
        }
        let timeline = TimelineDiagram(store: hostile, lanes: ["state", "person"], from: Day(year: 2022, month: 1, day: 1),
                                       to: day, title: text)
        checkMarkup(Array(timeline.svg().utf8), "timeline SVG", &findings)
        checkMarkup(Array(GEXFExporter.export(store: hostile, snapshot: snapshot).utf8), "GEXF", &findings)
        checkMarkup(Array(GraphMLExporter.export(store: hostile, snapshot: snapshot).utf8), "GraphML", &findings)
    }

    static func checkMarkup(_ bytes: [UInt8], _ what: String, _ findings: inout Findings) {
        guard let inventory = XMLInventory.parse(bytes) else {
            findings.check(false, "\(what) is not well-formed XML")
            return
        }
        findings.check(inventory.activeContent.isEmpty, "\(what) has active content: \(inventory.activeContent)")
        findings.check(!bytes.contains(0x1B), "\(what) carries a terminal escape")
    }
}
