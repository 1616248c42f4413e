import Foundation
import Formats
import Graph
import Testing
import TestSupport

/// Every export and report of a dataset whose every text is hostile: nothing a
/// browser, a Markdown viewer, a spreadsheet or a terminal would run or obey.
@Suite("Injection: every output format is inert")
struct InjectionTests {
    static let nasty = "<script>alert(1)</script> <img src=x onerror=alert(1)> [l](javascript:alert(1)) ]]> \"; node [ \u{1B}[31m =cmd|' /C calc'!A0"

    static let store: GraphStore = {
        let year = EventDate(year: 2020)
        return GraphStore(Dataset(
            title: nasty,
            nodes: [
                Node(id: "state", kind: .state, name: nasty, aliases: [nasty]),
                Node(id: "person", kind: .person, name: "=HYPERLINK(\"http://x\")"),
                Node(id: "issue", kind: .issue, name: nasty, lifecycle: [LifecyclePhase(status: nasty, from: year)]),
            ],
            offices: [Office(id: "office", person: "person", post: nasty, organization: "state", from: year,
                             sources: [Source(publisher: nasty)])],
            events: [Event(id: "meeting", kind: .meeting, date: DateSpan(EventDate(year: 2023, month: 6, day: 27)), title: nasty,
                           actors: ["state", "person"], issues: ["issue"],
                           sources: [Source(publisher: nasty, title: nasty, url: "https://example.org/?q=<script>")])]))
    }()

    static let snapshot = store.snapshot(at: Day(year: 2023, month: 12, day: 31))

    @Test("GEXF and GraphML are well-formed XML with no active content")
    func xml() throws {
        for (name, text) in [("GEXF", GEXFExporter.export(store: Self.store, snapshot: Self.snapshot)),
                             ("GraphML", GraphMLExporter.export(store: Self.store, snapshot: Self.snapshot))] {
            let inventory = try #require(XMLInventory.parse(Array(text.utf8)), "\(name) is not well-formed")
            #expect(inventory.activeContent.isEmpty, "\(name): \(inventory.activeContent)")
            #expect(!text.contains("\u{1B}"), "\(name) carries a terminal escape")
        }
    }

    @Test("Markdown shows the text literally: no raw HTML, no link, no escape sequence")
    func markdown() {
        let text = MarkdownExporter.export(store: Self.store, snapshot: Self.snapshot)
        #expect(!text.contains("<script") && !text.contains("<img"), "raw HTML in:\n\(text)")
        // `\]` is a literal bracket: only an unescaped `](` could open a link.
        #expect(!text.replacingOccurrences(of: "\\]", with: "").contains("](javascript:"), "a live link in:\n\(text)")
        #expect(text.contains("&lt;script&gt;") && text.contains("\\[l\\](javascript:alert(1))"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test("TimelineJS and graph JSON parse, and TimelineJS text is HTML-escaped")
    func json() throws {
        let timeline = TimelineJSExporter.export(store: Self.store, snapshot: Self.snapshot)
        #expect(try JSONSerialization.jsonObject(with: Data(timeline.utf8)) is [String: Any])
        #expect(!timeline.contains("<script") && !timeline.contains("<img"))
        let graph = GraphJSONExporter.export(store: Self.store, snapshot: Self.snapshot)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(graph.utf8)) as? [String: Any])
        let names = (object["nodes"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String ?? $0["name"] as? String }
        #expect(names.contains { $0.hasPrefix("<script>") }, "graph JSON keeps the text as data: \(names)")
    }

    @Test("CSV cells that a spreadsheet would run are prefixed; reports drop terminal escapes")
    func spreadsheetsAndTerminals() {
        let (nodes, edges) = SpreadsheetExporter.export(store: Self.store, snapshot: Self.snapshot)
        for line in (nodes + edges).split(separator: "\n") {
            for cell in line.split(separator: ",") {
                let value = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                #expect(!(value.first.map { "=+@".contains($0) } ?? false), "formula cell \(cell)")
            }
        }
        let report = TimelineReport(store: Self.store, events: Array(Self.store.events))
        for format in TimelineReport.Format.allCases {
            #expect(!report.render(format, width: 100).unicodeScalars.contains("\u{1B}"), "\(format)")
        }
    }
}
