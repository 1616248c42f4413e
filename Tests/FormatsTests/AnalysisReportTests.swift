import DiplographCore
import DiplographFormats
import Foundation
import Testing
import TestSupport

@Suite("Analysis reports and the trend diagram on hostile text")
struct AnalysisReportTests {
    static let nasty = "<script>alert(1)</script> <img src=x onerror=alert(1)> ]]> \"; \u{1B}[31m"

    @Test("The trend diagram is well-formed SVG with no active content and no terminal escape")
    func trendDiagram() throws {
        let store = HostileData.store(text: Self.nasty)
        let trend = store.trend(TrendQuery(subject: .actor("state"), step: try TrendStep(parsing: "1mo")))
        #expect(trend.events == 2)
        let svg = TrendDiagram(store: store, trend: trend).svg()
        let inventory = try #require(XMLInventory.parse(Array(svg.utf8)), "not well-formed")
        #expect(inventory.activeContent.isEmpty, "\(inventory.activeContent)")
        #expect(!svg.contains("\u{1B}"))
        #expect(svg.contains("&lt;script&gt;"))
        let empty = TrendDiagram(store: store, trend: Trend(query: trend.query, periods: []), title: Self.nasty).svg()
        #expect(XMLInventory.parse(Array(empty.utf8))?.activeContent.isEmpty == true)
    }

    @Test("A trend of more events than the rug can mark draws the bars alone and says so")
    func crowdedRug() throws {
        let nodes = [Node(id: "a", kind: .state, name: "A"), Node(id: "b", kind: .state, name: "B")]
        let events = (0..<2100).map { index in
            Event(id: "e\(index)", kind: .meeting, date: DateSpan(EventDate(Day(year: 2020, month: 1, day: 1).adding(days: index % 700))),
                  title: "Meeting \(index)", actors: ["a", "b"], tone: 1)
        }
        let store = InMemoryStore(Dataset(nodes: nodes, events: events))
        let trend = store.trend(TrendQuery(subject: .pair("a", "b"), step: try TrendStep(parsing: "1q")))
        let svg = TrendDiagram(store: store, trend: trend).svg()
        let inventory = try #require(XMLInventory.parse(Array(svg.utf8)))
        #expect(!inventory.ids.contains { $0.hasPrefix("event-") })
        #expect(svg.contains("2100 events: too many to mark one by one"))
        #expect(svg.components(separatedBy: "class=\"verbal-coop\"").count - 1 == trend.periods.filter { $0.events > 0 }.count)
    }

    @Test("Dyads and trends as CSV defuse formulas and keep every row; the table carries no control character")
    func records() throws {
        let store = HostileData.store(text: "=HYPERLINK(\"http://x\")")
        let dyads = store.dyads(DyadQuery(compare: DayInterval(first: Day(year: 2022, month: 1, day: 1), last: Day(year: 2022, month: 12, day: 31))))
        let csv = DyadsReport(store: store, dyads: dyads, comparing: true).render(.csv)
        #expect(!csv.contains(",=") && csv.contains("'=HYPERLINK"), "\(csv)")
        let table = DyadsReport(store: HostileData.store(text: Self.nasty), dyads: dyads, comparing: true).render(.table)
        #expect(!table.contains("\u{1B}"))
        let json = try JSONSerialization.jsonObject(with: Data(DyadsReport(store: store, dyads: dyads, comparing: true).render(.json).utf8))
        #expect((json as? [[String: Any]])?.first?["first_name"] as? String == "=HYPERLINK(\"http://x\")", "JSON keeps the text as it is")
    }
}
