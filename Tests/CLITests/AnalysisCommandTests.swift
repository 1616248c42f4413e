import Foundation
import Testing
import TestSupport

/// `trend`, `dyads`, `contacts`, `revisions`, `render trend`, and the options every
/// reading command shares: `--during`/`--relation`, `--known-at`, `--certain-only`.
@Suite("Command line: analyses")
struct AnalysisCommandTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let result = try CommandLineTests.run(arguments)
        return (result.status, String(decoding: result.standardOutput, as: UTF8.self), result.standardError)
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("trend --pair armenia,azerbaijan: the states' own events and their office holders'; --no-officials only their own")
    func trendOnBundledData() throws {
        let csv = try Self.run(["trend", "--pair", "armenia,azerbaijan", "--every", "1y", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.error)")
        let rows = csv.output.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        #expect(header.prefix(5) == ["period", "first_day", "last_day", "events", "meeting"])
        let byYear = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
        let events = try #require(header.firstIndex(of: "events")), meetings = try #require(header.firstIndex(of: "meeting"))
        // 2023: Arlington and Washington talks (Mirzoyan, Bayramov), three statements by Mirzoyan to Azerbaijan.
        #expect(byYear["2023"]?[events] == "5" && byYear["2023"]?[meetings] == "2", "\(byYear["2023"] ?? [])")
        #expect(byYear["2024"]?[events] == "0", "an empty year is listed")
        #expect(byYear["1991"]?[events] == "1" && byYear["2025"]?[events] == "4")
        let own = try Self.json(try Self.run(["trend", "--pair", "armenia,azerbaijan", "--every", "1y", "--no-officials", "--format", "json"]).output)
        let total = (own as? [[String: Any]])?.reduce(0) { $0 + ($1["events"] as? Int ?? 0) }
        #expect(total == 2, "the Alma-Ata declaration and the 2025 text are the states' own")
        let directed = try Self.run(["trend", "--pair", "armenia,azerbaijan", "--directed", "--every", "1y", "--format", "json"])
        let directedTotal = (try Self.json(directed.output) as? [[String: Any]])?.reduce(0) { $0 + ($1["events"] as? Int ?? 0) }
        #expect(directedTotal == 3, "Mirzoyan's three statements to Azerbaijan act from Armenia's side")
        let both = try Self.run(["trend", "--pair", "armenia,azerbaijan", "--actor", "armenia"])
        #expect(both.status != 0 && both.error.contains("either --pair"))
    }

    @Test("contacts: the foreign ministers' first and last meeting, the 770-day gap, per year")
    func contactsOnBundledData() throws {
        let result = try Self.run(["contacts", "--pair", "ararat-mirzoyan,jeyhun-bayramov", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try Self.json(result.output) as? [String: Any])
        #expect(object["contacts"] as? Int == 3)
        #expect((object["first_contact"] as? [String: Any])?["id"] as? String == "arlington-talks-2023-05")
        #expect((object["longest_gap"] as? [String: Any])?["days"] as? Int == 770)
        #expect((object["longest_gap"] as? [String: Any])?["after"] as? String == "2023-06-29")
        let asOf = try Self.run(["contacts", "--pair", "ararat-mirzoyan,jeyhun-bayramov", "--at", "2024-12-31"])
        #expect(asOf.output.contains("current gap: 550 days since 2023-06-29"), "\(asOf.output)")
    }

    @Test("dyads --compare: who warmed and who cooled, with the events that weigh most")
    func dyadsCompared() throws {
        let result = try Self.run(["dyads", "--from", "2025", "--to", "2025", "--compare", "2023..2023", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let dyads = try #require(try Self.json(result.output) as? [[String: Any]])
        let leaders = try #require(dyads.first { $0["first"] as? String == "ilham-aliyev" && $0["second"] as? String == "nikol-pashinyan" })
        #expect(leaders["direction"] as? String == "warmed" && leaders["events"] as? Int == 2 && leaders["before_events"] as? Int == 0)
        #expect((leaders["weightiest"] as? [String])?.first == "white-house-joint-declaration-2025-08-08")
        // Ranked by the change in summed tone: the 2023 offensive and blockade against
        // Nagorno-Karabakh, and nothing in 2025, is the largest change; it reads as warmed.
        #expect(dyads.first?["second"] as? String == "nagorno-karabakh" && dyads.first?["direction"] as? String == "warmed")
        #expect(dyads.contains { $0["first"] as? String == "antony-blinken" && $0["direction"] as? String == "cooled" })
        #expect(try Self.run(["dyads", "--by", "change"]).error.contains("--compare"))
    }

    @Test("--during an issue's phase, with each relation; bad phases name the ones there are")
    func during() throws {
        let inside = try Self.run(["timeline", "--during", "lachin-corridor-blockade:active", "--kind", "meeting", "--format", "json"])
        let ids = (try Self.json(inside.output) as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids == ["arlington-talks-2023-05", "mirzoyan-blinken-2023-06-27", "washington-talks-2023-06"], "\(ids)")
        let before = try Self.run(["timeline", "--during", "lachin-corridor-blockade:active", "--relation", "before", "--format", "json"])
        let beforeIDs = (try Self.json(before.output) as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(beforeIDs == ["alma-ata-declaration-1991-12-21", "trilateral-statement-2020-11-09", "prague-meeting-2022-10-06"])
        let dates = try Self.run(["timeline", "--during", "2023-06-27..2023-06-28", "--relation", "overlaps", "--format", "json"])
        #expect((try Self.json(dates.output) as? [Any])?.count == 6)
        let bad = try Self.run(["timeline", "--during", "lachin-corridor-blockade:lifted"])
        #expect(bad.status != 0 && bad.error.contains("active, ended"), "\(bad.error)")
        // The selection of render: the graph of the blockade's active phase only.
        let dot = try Self.run(["render", "--during", "lachin-corridor-blockade:active", "--format", "dot"])
        #expect(dot.status == 0 && dot.output.contains("edge-met--antony-blinken--ararat-mirzoyan") && !dot.output.contains("white-house"))
    }

    @Test("--known-at on the real GDELT sample: nothing before DATEADDED; revisions say what the day added, by year")
    func knownAtOnGDELT() throws {
        guard TestPaths.hasShared else {
            print("skipped: ../shared/data is absent; CI has it")
            return
        }
        let path = TestPaths.shared.appendingPathComponent("data/gdelt/20191024143000.export.CSV").path
        let before = try Self.run(["timeline", "--data", path, "--merge", "none", "--known-at", "2019-10-23", "--format", "csv"])
        #expect(before.status == 0 && before.output.split(separator: "\r\n").count == 1, "only the header")
        let after = try Self.run(["timeline", "--data", path, "--merge", "none", "--known-at", "2019-10-24", "--format", "csv"])
        // 2,111 rows, of which 221 give a meeting or agreement that the same article
        // gave before that day, from either side (one event with it).
        #expect(after.output.split(separator: "\r\n").count == 1891)
        let revisions = try Self.run(["revisions", "--data", path, "--merge", "none", "--from", "2019-10-23", "--to", "2019-10-24",
                                      "--every", "1y", "--format", "json"])
        let periods = try #require(try Self.json(revisions.output) as? [[String: Any]])
        let byYear = Dictionary(uniqueKeysWithValues: periods.map { ($0["period"] as? String ?? "", $0["new_events"] as? Int ?? -1) })
        #expect(byYear["2018"] == 23 && byYear.values.reduce(0, +) == 1890, "\(byYear)")
    }

    @Test("Uncertain dates: circa and bounds load, the trend says how many, --certain-only leaves them out, drawings show possibly")
    func uncertainDates() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("uncertain.yaml").path
        try (CommandLineTests.header + """
              - {id: certain, kind: meeting, date: 2023-06-27, title: Certain, participants: [x, y], tone: 3, sources: [{publisher: p}]}
              - {id: circa, kind: meeting, date: "~2023-06", title: Circa, participants: [x, y], tone: 2, sources: [{publisher: p}]}
              - {id: bounded, kind: meeting, after: 2023-05-01, before: 2023-07, title: Bounded, participants: [x, y], sources: [{publisher: p}]}
            """).write(toFile: file, atomically: true, encoding: .utf8)
        let timeline = try Self.run(["timeline", "--data", file, "--format", "json"])
        #expect(timeline.status == 0, "\(timeline.error)")
        let dates = (try Self.json(timeline.output) as? [[String: Any]])?.map { "\($0["id"] ?? "") \($0["date"] ?? "")" }
        #expect(dates == ["bounded 2023-05-02~/2023-06-30~", "circa 2023-06~", "certain 2023-06-27"], "\(dates ?? [])")
        let trend = try #require(try Self.json(try Self.run(["trend", "--data", file, "--pair", "x,y", "--format", "json"]).output) as? [[String: Any]])
        #expect(trend.map { $0["period"] as? String } == ["2023-05", "2023-06"])
        #expect(trend.map { $0["uncertain"] as? Int } == [1, 1] && trend.map { $0["events"] as? Int } == [1, 2])
        let certain = try Self.run(["timeline", "--data", file, "--certain-only", "--format", "json"])
        #expect((try Self.json(certain.output) as? [Any])?.count == 1)
        let svg = try Self.run(["render", "timeline", "--data", file, "--lane", "x"])
        #expect(svg.output.components(separatedBy: "stroke-dasharray").count == 3, "two dashed marks")
        let dot = try Self.run(["render", "--data", file, "--at", "2023-05-31", "--format", "dot"])
        #expect(dot.output.contains("possibly met"), "\(dot.output)")
        let bad = folder.appendingPathComponent("bad.yaml").path
        try (CommandLineTests.header + """
              - {id: e1, kind: meeting, after: 2023-06-30, before: 2023-07-01, title: Nothing between, participants: [x, y], sources: [{publisher: p}]}
              - {id: e2, kind: meeting, after: 2023-06-01, title: One bound, participants: [x, y], sources: [{publisher: p}]}
            """).write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try Self.run(["validate", "--data", bad])
        #expect(refused.status == 1 && refused.error.contains("bad.yaml:5") && refused.error.contains("bad.yaml:6"), "\(refused.error)")
    }

    @Test("render trend writes an SVG whose bars and rug match the trend; the phases of the blockade are bands")
    func renderTrend() throws {
        let path = TestPaths.temporaryFolder().appendingPathComponent("trend.svg").path
        let result = try Self.run(["render", "trend", "--pair", "armenia,azerbaijan", "--every", "1q", "--from", "2020", "-o", path])
        #expect(result.status == 0 && result.error.contains("wrote"), "\(result.error)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let inventory = try #require(XMLInventory.parse(bytes), "not well-formed")
        #expect(inventory.activeContent.isEmpty)
        #expect(inventory.ids.filter { $0.hasPrefix("event-") }.count == 11, "one rug mark per event since 2020")
        #expect(inventory.ids.contains("phase-lachin-corridor-blockade-0") && inventory.ids.contains("event-mirzoyan-condemns-lachin-blockade-2023-06-27"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("events per quarter"))
    }
}
