import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

@Suite("Timeline diagram")
struct TimelineDiagramTests {
    let store: InMemoryStore

    init() throws {
        store = InMemoryStore(try NativeDatasetLoader.load(path: TestPaths.bundledData))
    }

    func day(_ text: String) -> Day { try! EventDate(parsing: text).firstDay }

    @Test("Ticks: months for spans up to about three years, spaced to fit; years beyond")
    func ticks() {
        let year = TimelineDiagram(store: store, lanes: [], from: day("2023-01-01"), to: day("2023-12-31"))
        #expect(year.ticks.map(\.label) == ["2023", "Feb 2023", "Mar 2023", "Apr 2023", "May 2023", "Jun 2023",
                                            "Jul 2023", "Aug 2023", "Sep 2023", "Oct 2023", "Nov 2023", "Dec 2023"])
        let longer = TimelineDiagram(store: store, lanes: [], from: day("2022-10-01"), to: day("2023-12-31"))
        #expect(longer.ticks.map(\.label) == ["Nov 2022", "2023", "Mar 2023", "May 2023", "Jul 2023", "Sep 2023", "Nov 2023"])
        let decades = TimelineDiagram(store: store, lanes: [], from: day("1991-12-21"), to: day("2025-08-08"))
        #expect(decades.ticks.map(\.label) == ["1995", "2000", "2005", "2010", "2015", "2020", "2025"])
        #expect(decades.ticks.allSatisfy { !$0.label.contains(" ") })
    }

    @Test("A month-precision event is drawn over its month; a day as a dot")
    func monthSpans() throws {
        let diagram = TimelineDiagram(store: store, lanes: ["normalization", "ararat-mirzoyan"],
                                      from: day("2025-01-01"), to: day("2025-12-31"))
        let svg = diagram.svg()
        let line = try #require(svg.split(separator: "\n").first { $0.contains("event-normalization-peace-text-agreed-2025-03") })
        #expect(line.hasPrefix("<rect"))
        let expectedWidth = diagram.x(day("2025-04-01")) - diagram.x(day("2025-03-01"))
        let width = try #require(line.split(separator: "\"").drop { !$0.hasSuffix("width=") }.dropFirst().first.flatMap { Double($0) })
        #expect(abs(width - expectedWidth) < 0.2)
        let dot = try #require(svg.split(separator: "\n").first { $0.contains("event-ararat-mirzoyan-peace-agreement-initialled-2025-08-08") })
        #expect(dot.hasPrefix("<circle"))
    }

    @Test("The SVG is well-formed, deterministic, and escapes every text")
    func wellFormed() throws {
        let hostile = InMemoryStore(Dataset(title: "<script>alert(1)</script> & \"co\"", nodes: [
            Node(id: "x", kind: .state, name: "</text><script>"),
        ], events: [
            Event(id: "e", kind: .meeting, date: DateSpan(EventDate(year: 2023, month: 6, day: 1)), title: "<b>&amp;",
                  actors: ["x"], sources: [Source(publisher: "p")]),
        ]))
        let diagram = TimelineDiagram(store: hostile, lanes: ["x"], from: day("2023-01-01"), to: day("2023-12-31"))
        let svg = diagram.svg()
        #expect(svg == diagram.svg())
        #expect(!svg.contains("<script"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(XMLParser(data: Data(TimelineDiagram(store: store, lanes: store.nodes.map(\.id), from: day("1991-01-01"),
                                                     to: day("2025-12-31")).svg().utf8)).parse())
    }
}
