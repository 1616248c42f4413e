import DiplographCore
import DiplographExplorer
import DiplographFormats
import DiplographSQLite
import Foundation
import Testing
import TestSupport

/// The explorer's API without HTTP: parameters read as the CLI reads them and refused
/// by name, the CLI's JSON, and frames from which the page computes what the store's
/// own snapshots hold.
@Suite("Explorer API: parameters, answers, frames")
struct ExplorerAPITests {
    static let bundled = InMemoryStore(try! NativeDatasetLoader.load(path: TestPaths.bundledData))
    static let api = ExplorerAPI(store: bundled, untitledName: "Data")

    static func answer(_ path: String, _ query: [(String, String)] = []) -> APIResponse {
        api.answer(path: path, query: query)!
    }

    static func json(_ response: APIResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body))
    }

    @Test("A bad parameter is a 400 whose JSON names it", arguments: [
        ("/api/snapshot", [("at", "2023-13")], "at"),
        ("/api/snapshot", [("window", "ninety")], "window"),
        ("/api/snapshot", [("depth", "-1")], "depth"),
        ("/api/timeline", [("limit", "100000")], "limit"),
        ("/api/timeline", [("kind", "party")], "kind"),
        ("/api/timeline", [("from", "2023"), ("from", "2024")], "from"),
        ("/api/timeline", [("colour", "red")], "colour"),
        ("/api/diff", [("to", "2023")], "from"),
        ("/healthz", [("x", "1")], "x"),
    ])
    func badParameter(path: String, query: [(String, String)], parameter: String) throws {
        let response = Self.answer(path, query)
        #expect(response.status == 400)
        let body = try #require(try Self.json(response) as? [String: Any])
        #expect(body["parameter"] as? String == parameter)
        #expect((body["error"] as? String)?.isEmpty == false)
    }

    @Test("An unknown node is a 404 naming the parameter; an unknown path has no answer")
    func unknown() throws {
        let response = Self.answer("/api/timeline", [("actor", "nobody-at-all")])
        #expect(response.status == 404)
        #expect((try Self.json(response) as? [String: Any])?["parameter"] as? String == "actor")
        #expect(Self.api.answer(path: "/api/../Package.swift", query: []) == nil)
        #expect(Self.api.answer(path: "/api/timeline/", query: []) == nil)
    }

    @Test("A timeline page is the CLI's JSON for that page (on one line), with the total in X-Total-Count")
    func timelinePage() throws {
        let response = Self.answer("/api/timeline", [("actor", "ararat-mirzoyan"), ("from", "2023"), ("limit", "2"), ("offset", "1")])
        #expect(response.status == 200)
        let events = Self.bundled.timeline(TimelineQuery(actors: ["ararat-mirzoyan"],
                                                         range: DayInterval(first: Day(year: 2023, month: 1, day: 1), last: nil)))
        let expected = TimelineReport(store: Self.bundled, events: events.page(offset: 1, limit: 2)).render(.json)
        let answered = try JSONSerialization.jsonObject(with: Data(response.body)) as? NSArray
        let written = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSArray
        #expect(answered != nil && answered == written)
        #expect(!response.body.contains(0x0A) || response.body.firstIndex(of: 0x0A) == response.body.count - 1)
        #expect(response.headers.contains { $0 == ("X-Total-Count", String(events.count)) })
        #expect(events.count > 3)
    }

    @Test("Nodes are found by name, id or alias, exact matches first")
    func search() throws {
        let found = try #require(try Self.json(Self.answer("/api/nodes", [("q", "ARMENIA")])) as? [[String: Any]])
        #expect(found.first?["id"] as? String == "armenia")
        #expect(found.count > 1)
        #expect(found.allSatisfy { ($0["name"] as? String ?? "").lowercased().contains("armenia")
                || ($0["id"] as? String ?? "").contains("armenia")
                || ($0["aliases"] as? [String] ?? []).contains { $0.lowercased().contains("armenia") } })
    }

    @Test("Drawings are SVG; the limit on nodes holds per request")
    func drawings() throws {
        for (path, query) in [("/api/graph.svg", [("at", "2023-06-27"), ("window", "90d")]),
                              ("/api/diff.svg", [("from", "2023-01-01"), ("to", "2023-06-27")]),
                              ("/api/timeline.svg", [("from", "2023"), ("to", "2023")])] {
            let response = Self.answer(path, query)
            #expect(response.status == 200, "\(path)")
            #expect(response.contentType == "image/svg+xml")
            #expect(String(decoding: response.body.prefix(400), as: UTF8.self).contains("<svg"))
        }
        var limited = Self.api
        limited.maxNodes = 3
        let refused = limited.answer(path: "/api/graph.svg", query: [])!
        #expect(refused.status == 400)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("over the limit of 3"))
    }

    /// What a day shows by the frames' rule (the one the page applies), from the JSON.
    static func relationsShown(_ bundle: [String: Any], day: Int, window: Int?) -> Set<String> {
        let events = bundle["events"] as! [[Any]]
        let relations = bundle["relations"] as! [[String: Any]]
        var shown = Set<String>()
        for relation in relations {
            let counted = (relation["events"] as! [Int]).contains { index in
                let first = events[index][0] as! Int, last = events[index][1] as! Int
                return first <= day && (window.map { last >= day - $0 } ?? true)
            }
            if counted { shown.insert(relation["id"] as! String) }
        }
        return shown
    }

    static func frames(_ store: any EventStore) throws -> [String: Any] {
        let bundle = try ExplorerAPI.bundle(store: store, range: (nil, nil))
        return try JSONSerialization.jsonObject(with: Data(try bundle.json(store: store))) as! [String: Any]
    }

    @Test("The frames' rule gives the store's snapshot on every day, for each window: bundled data")
    func framesMatchBundled() throws {
        let bundle = try Self.frames(Self.bundled)
        let (first, last) = (bundle["from"] as! Int, bundle["to"] as! Int)
        var compared = 0
        for day in stride(from: first, through: last, by: 7) {
            for window in [nil, 30, 90, 365] as [Int?] {
                let expected = Set(Self.bundled.snapshot(at: Day(ordinal: Int32(day)), windowDays: window).relations.map(\.key.id))
                #expect(Self.relationsShown(bundle, day: day, window: window) == expected, "day \(day) window \(String(describing: window))")
                compared += 1
            }
        }
        #expect(compared > 1_000)
    }

    @Test("The frames' rule gives the store's snapshot: random datasets, ranges and uncertain dates included",
          arguments: [UInt64(3), 17, 101])
    func framesMatchRandom(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let store = InMemoryStore(SyntheticData.dataset(events: 300, nodes: 25, using: &generator))
        let bundle = try Self.frames(store)
        let (first, last) = (bundle["from"] as! Int, bundle["to"] as! Int)
        for _ in 0..<200 {
            let day = Int.random(in: first...last, using: &generator)
            let window = [nil, 0, 7, 30, 365].randomElement(using: &generator)!
            let expected = Set(store.snapshot(at: Day(ordinal: Int32(day)), windowDays: window).relations.map(\.key.id))
            #expect(Self.relationsShown(bundle, day: day, window: window) == expected)
        }
    }

    @Test("A store on disk gives the same frames, byte for byte, and the same answers")
    func sqliteStore() throws {
        let path = TestPaths.temporaryFolder().appendingPathComponent("explorer.sqlite").path
        let stored = try SQLiteStore(path: path)
        _ = try stored.ingest([TestPaths.bundledData])
        let reopened = try SQLiteStore(path: path, create: false)
        let api = ExplorerAPI(store: reopened, untitledName: "explorer.sqlite")
        for (path, query) in [("/api/frames", []), ("/api/snapshot", [("at", "2023-06-27"), ("window", "90d")]),
                              ("/api/timeline", [("actor", "armenia"), ("limit", "5")]), ("/api/diff", [("from", "2023"), ("to", "2024")])] {
            #expect(api.answer(path: path, query: query)!.body == Self.answer(path, query).body, "\(path)")
        }
    }

    @Test("Every node of the frames has a place; a period too large is refused with advice")
    func framesPlacesAndLimits() throws {
        let bundle = try Self.frames(Self.bundled)
        let nodes = bundle["nodes"] as! [[String: Any]]
        #expect(nodes.count > 20)
        #expect(Set(nodes.map { "\($0["x"]!),\($0["y"]!)" }).count == nodes.count)
        var limited = Self.api
        limited.maxFrameNodes = 5
        let refused = limited.answer(path: "/api/frames", query: [])!
        #expect(refused.status == 400)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("top=N"))
        let top = Self.answer("/api/frames", [("top", "3")])
        #expect(((try Self.json(top) as? [String: Any])?["relations"] as? [Any])?.count == 3)
    }

    @Test("The single page holds its script and style inline, allowed by hash, and data that cannot end its element")
    func singlePage() throws {
        let hostile = HostileData.store(text: "</script><script>window.__pwned=1</script>")
        var bundle = try ExplorerAPI.bundle(store: hostile, range: (nil, nil))
        bundle.withSources = true
        let page = String(decoding: ExplorerPage.singleFile(bundle: try bundle.json(store: hostile)), as: UTF8.self)
        #expect(!page.contains("window.__pwned=1</script>"))
        #expect(page.contains("\\u003c/script>\\u003cscript>window.__pwned=1\\u003c/script>"))
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("default-src 'none'"))
        #expect(!page.contains(" src=\""))
        #expect(!page.contains("href=\"explorer.css\""))
        #expect(!page.contains("\nimport "))
        // Two scripts (data and code) and one style: nothing else inline.
        #expect(page.components(separatedBy: "<script").count == 3)
    }
}
