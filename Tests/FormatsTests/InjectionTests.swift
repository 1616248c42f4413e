import Foundation
import DiplographFormats
import DiplographCore
import Testing
import TestSupport

/// Every export and report of a dataset whose every text is hostile: nothing a
/// browser, a Markdown viewer, a spreadsheet or a terminal would run or obey.
@Suite("Injection: every output format is inert")
struct InjectionTests {
    static let nasty = "<script>alert(1)</script> <img src=x onerror=alert(1)> [l](javascript:alert(1)) ]]> \"; node [ \u{1B}[31m"

    static let store = HostileData.store(text: nasty)
    /// Texts a spreadsheet would run as a formula.
    static let formulas = HostileData.store(text: "=HYPERLINK(\"http://x\")")

    static let snapshot = store.snapshot(at: HostileData.lastDay)

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
        let (nodes, edges) = SpreadsheetExporter.export(store: Self.formulas,
                                                        snapshot: Self.formulas.snapshot(at: HostileData.lastDay))
        for line in (nodes + edges).split(separator: "\n") {
            for cell in line.split(separator: ",") {
                let value = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                #expect(!(value.first.map { "=+@".contains($0) } ?? false), "formula cell \(cell)")
            }
        }
        let report = TimelineReport(store: Self.store, events: Self.store.events)
        for format in TimelineReport.Format.allCases {
            #expect(!report.render(format, width: 100).unicodeScalars.contains("\u{1B}"), "\(format)")
        }
    }
}
