import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

@Suite("Importers: field-by-field mapping and every row problem")
struct ImporterTests {
    func gdelt(_ lines: [String], options: LoadOptions = LoadOptions()) throws -> ImportResult {
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        return try bytes.withUnsafeBytes { raw in
            try Result { () throws(FormatError) -> ImportResult in
                try GDELTImporter.load(bytes: raw, file: "test.export.CSV", options: options)
            }.get()
        }
    }

    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let path = TestPaths.temporaryFolder().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("GDELT 2.0: actors, kind, stance, tone, date, source, id and attributes")
    func gdeltMapping() throws {
        let row = GDELTRow(id: 881990832, code: "0211")
            .actor1(code: "ARM", name: "ARMENIA", country: "ARM")
            .actor2(code: "AZEGOV", name: "BAKU", country: "AZE")
            .with(30, "-2.5")
        let result = try gdelt([row.line])
        let event = try #require(result.dataset.events.first)
        #expect(event.id == "gdelt-881990832")
        #expect(event.kind == .statement)
        #expect(event.stance == .urges)
        #expect(event.date.description == "2023-06-27")
        #expect(event.actors == ["arm"])
        #expect(event.targets == ["aze"])
        #expect(event.tone == -2.5)
        #expect(event.attributes == ["cameo": "0211"])
        #expect(event.sources == [Source(publisher: "example.org", url: "https://www.example.org/news/881990832",
                                         date: try EventDate(parsing: "2023-06-28"))])
        let armenia = try #require(result.dataset.nodes.first { $0.id == "arm" })
        #expect(armenia.kind == .state)
        #expect(armenia.name == "Armenia")
        #expect(armenia.aliases == ["ARM"])
        // A non-country actor code does not name the state.
        #expect(result.dataset.nodes.first { $0.id == "aze" }?.name == "AZE")
        #expect(result.report.format == "GDELT 2.0 events")
    }

    @Test("GDELT: CAMEO codes keep leading zeros and map by the table")
    func cameoTable() {
        #expect(CAMEO.mapping(for: "040")?.kind == .meeting)
        #expect(CAMEO.mapping(for: "057")?.kind == .agreement)
        #expect(CAMEO.mapping(for: "0571")?.kind == .agreement)
        #expect(CAMEO.mapping(for: "112")?.stance == .accuses)
        #expect(CAMEO.mapping(for: "111")?.stance == .condemns)
        #expect(CAMEO.mapping(for: "190")?.kind == .event)
        #expect(CAMEO.mapping(for: "04")?.kind == .meeting)  // a root code alone
        #expect(CAMEO.mapping(for: "40") == nil)  // the leading zero lost: not a code
        #expect(CAMEO.mapping(for: "21") == nil)
        #expect(CAMEO.mapping(for: "4") == nil)
        #expect(CAMEO.mapping(for: "04a") == nil)
    }

    @Test("GDELT: known groups and named actors become organizations; a one-sided row keeps its side")
    func gdeltActors() throws {
        let result = try gdelt([
            GDELTRow(id: 1).actor1(code: "IGOEUREEC", name: "THE EU", group: "EEC").line,
            GDELTRow(id: 2, code: "190").actor2(code: "MIL", name: "ARMY").line,
        ])
        #expect(result.dataset.events.map(\.actors) == [["eec"], []])
        #expect(result.dataset.events.map(\.targets) == [[], ["mil"]])
        #expect(result.dataset.nodes.first { $0.id == "eec" }?.name == "The Eu")
        #expect(result.dataset.nodes.allSatisfy { $0.kind == .organization })
    }

    @Test("GDELT: rows with the same actors, kind and day merge into one event with all sources")
    func gdeltMerge() throws {
        let rows = (0..<40).map { GDELTRow(id: 100 + $0).actor1(code: "ARM", name: "ARMENIA", country: "ARM")
            .actor2(code: "AZE", name: "AZERBAIJAN", country: "AZE").with(30, String($0 % 2 == 0 ? 2.0 : 4.0)).line }
        let merged = try gdelt(rows)
        #expect(merged.dataset.events.count == 1)
        #expect(merged.dataset.events[0].sources.count == 40)
        #expect(merged.dataset.events[0].tone == 3.0)
        #expect(merged.dataset.events[0].attributes["merged_rows"] == "40")
        #expect(merged.report.rowsMerged == 39)
        let separate = try gdelt(rows, options: LoadOptions(merge: .none))
        #expect(separate.dataset.events.count == 40)
    }

    @Test("GDELT: rows repeating the row before's url share its source only when DATEADDED matches too")
    func gdeltRepeatedURL() throws {
        let url = "https://www.example.org/news/one-article"
        let armenia = GDELTRow(id: 1).actor1(code: "ARM", name: "ARMENIA", country: "ARM").with(60, url)
        let result = try gdelt([
            armenia.line,
            armenia.with(0, "2").with(26, "190").line,                            // same url, same DATEADDED
            armenia.with(0, "3").with(26, "999").line,                            // skipped between repeats
            armenia.with(0, "4").with(26, "111").line,                            // same url again
            armenia.with(0, "5").with(26, "112").with(59, "20230629000000").line,  // same url, recorded a day later
            armenia.with(0, "0006").with(26, "120").with(60, url + "/2").line,     // another url; id with zeros
            armenia.with(0, "7").with(26, "130").line,                            // back to the first url
        ], options: LoadOptions(merge: .none))
        let events = result.dataset.events
        #expect(events.map(\.id) == ["gdelt-1", "gdelt-2", "gdelt-4", "gdelt-5", "gdelt-6", "gdelt-7"])
        #expect(events.map { $0.sources.first?.url } == [url, url, url, url, url + "/2", url])
        #expect(events.map { $0.sources.first?.date?.description }
            == ["2023-06-28", "2023-06-28", "2023-06-28", "2023-06-29", "2023-06-28", "2023-06-28"])
        #expect(events.allSatisfy { $0.sources.count == 1 && $0.sources.first?.publisher == "example.org" })
        // Three distinct sources: the first url on two days, and the other url.
        #expect(Set(events.compactMap(\.sources.first)).count == 3)
    }

    @Test("GDELT 1.0 daily files: 57 and 58 columns")
    func gdeltVersion1() throws {
        let withURL = try gdelt([GDELTRow(columns: 58, id: 5).actor1(code: "USA", name: "UNITED STATES", country: "USA").line])
        #expect(withURL.report.format == "GDELT 1.0 daily events")
        #expect(withURL.dataset.events.first?.sources.first?.url == "https://www.example.org/news/5")
        #expect(withURL.dataset.events.first?.sources.first?.date?.description == "2023-06-28")
        let withoutURL = try gdelt([GDELTRow(columns: 57, id: 6).actor1(code: "USA", name: "UNITED STATES", country: "USA").line])
        #expect(withoutURL.dataset.events.first?.sources.first?.publisher == "GDELT")
    }

    @Test("GDELT: every row problem is reported with its line and the row skipped")
    func gdeltProblems() throws {
        let good = GDELTRow(id: 1).actor1(code: "ARM", name: "ARMENIA", country: "ARM")
        let result = try gdelt([
            good.line,
            good.with(0, "12x").line,                         // 2: bad id
            good.with(1, "20230230").line,                    // 3: impossible date
            good.with(26, "999").line,                        // 4: not CAMEO
            GDELTRow(id: 5).line,                             // 5: no actor
            good.with(30, "-11").line,                        // 6: Goldstein out of range
            "1\t2\t3",                                        // 7: wrong column count
            good.line,                                        // 8: duplicate id (kept)
        ], options: LoadOptions(merge: .none))
        let problems = result.report.problems
        #expect(problems.map(\.code) == [.badNumber, .badDate, .badEventCode, .noActor, .badNumber, .wrongColumnCount, .duplicateID])
        #expect(problems.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        #expect(problems.map(\.skipped) == [true, true, true, true, true, true, false])
        #expect(result.report.rowsSkipped == 6)
        #expect(result.dataset.events.map(\.id) == ["gdelt-1", "gdelt-1-line-8"])
        #expect(problems[1].description.hasPrefix("test.export.CSV:3: skipped:"))
    }

    @Test("An actor without a code is worked out from its own row, never from an earlier row's")
    func uncodedActor() throws {
        let result = try gdelt([
            GDELTRow(id: 1).actor1(code: "", name: "", country: "CHN").line,  // country only: China
            GDELTRow(id: 2).actor1(code: "DEU", name: "GERMANY", country: "DEU").line,  // no Actor2 at all
        ], options: LoadOptions(merge: .none))
        let events = result.dataset.events
        #expect(events.map(\.actors) == [["chn"], ["deu"]])
        #expect(events.map(\.targets) == [[], []])
    }

    @Test("--strict: the first row problem ends the import")
    func strict() {
        let good = GDELTRow(id: 1).actor1(code: "ARM", name: "ARMENIA", country: "ARM")
        #expect(throws: FormatError.self) {
            _ = try gdelt([good.line, good.with(1, "2023").line], options: LoadOptions(strict: true))
        }
    }

    @Test("ICEWS: header-driven mapping, actors by sector, both date forms, duplicates")
    func icews() throws {
        let header = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"
        let row1 = "1\t2018-06-01\tNikol Pashinyan\tGovernment,Executive\tArmenia\tConsult\t040\t1\tAzerbaijan\tNA\tAzerbaijan\t77\t2\tARKA News\tYerevan\tNA\tYerevan\tArmenia\t40.1\t44.5"
        let row2 = "2\t6/2/2018\tForeign Affairs (Armenia)\tGovernment\tArmenia\tAccuse\t112\t-2\tAzerbaijan\tNA\tAzerbaijan\t78\t1\tARKA News\tNA\tNA\tNA\tArmenia\t1\t1"
        let path = try temporaryFile("events.tab", [header, row1, row2, row1,
            "1\t2018-06-03\tArmenia\tNA\tArmenia\tConsult\t040\t1\tRussia\tNA\tRussian Federation\t79\t1\tTASS\tNA\tNA\tNA\tRussia\t1\t1",
            "3\t2018-13-40\tArmenia\tNA\tArmenia\tConsult\t040\t1\tRussia\tNA\tRussia\t79\t1\tTASS\tNA\tNA\tNA\tRussia\t1\t1",
            "4\t2018-06-04\tArmenia\tNA\tArmenia\tConsult\t040\t11\tRussia\tNA\tRussia\t79\t1\tTASS\tNA\tNA\tNA\tRussia\t1\t1",
            "5\t2018-06-04\tArmenia",
        ].joined(separator: "\n"))
        let result = try ICEWSImporter.load(path: path, options: LoadOptions(merge: .none))
        let events = result.dataset.events
        #expect(events.map(\.id) == ["icews-1", "icews-2", "icews-1-line-5"])
        #expect(events[0].kind == .meeting && events[0].actors == ["azerbaijan", "nikol-pashinyan"] && events[0].targets.isEmpty)
        #expect(events[0].tone == 1 && events[0].title == "Consult" && events[0].location == "Yerevan, Yerevan, Armenia")
        #expect(events[0].sources == [Source(publisher: "ARKA News", note: "story 77, sentence 2")])
        #expect(events[1].date.description == "2018-06-02" && events[1].stance == .accuses)
        let kinds = Dictionary(uniqueKeysWithValues: result.dataset.nodes.map { ($0.id, $0.kind) })
        #expect(kinds["nikol-pashinyan"] == .person && kinds["foreign-affairs-armenia"] == .organization && kinds["azerbaijan"] == .state)
        #expect(result.report.problems.map(\.code) == [.duplicateRow, .duplicateID, .badDate, .badNumber, .wrongColumnCount])
        #expect(result.report.problems.map(\.line) == [4, 5, 6, 7, 8])
    }

    @Test("ICEWS: a header without required columns is an error naming them")
    func icewsHeader() throws {
        let path = try temporaryFile("bad.tab", "Event ID\tSource Name\n1\tx\n")
        #expect(throws: FormatError.self) { _ = try ICEWSImporter.load(path: path, options: LoadOptions()) }
    }

    @Test("PLOVER JSON lines: types, actors, dates, problems")
    func plover() throws {
        let path = try temporaryFile("events.jsonl", """
            {"id": "a1", "event": "CONSULT", "date": "2023-06-27", "enddate": "2023-06-29", "actor": ["Armenia"], "recipient": [{"name": "United States"}], "mode": "visit", "quad_code": 1, "event_text": "Talks", "cite_info": "Reuters"}
            {"id": "a2", "event": "ACCUSE", "date": "2023-06-28", "actor": "Azerbaijan", "recipient": ["Armenia"]}
            not json
            {"event": "DANCE", "date": "2023-06-28", "actor": ["x"]}
            {"event": "AGREE", "date": "2023-02-30", "actor": ["x"]}
            {"event": "AGREE", "date": "2023-02-03", "actor": []}
            """)
        let result = try PLOVERImporter.load(path: path, options: LoadOptions())
        let events = result.dataset.events
        #expect(events.map(\.id) == ["plover-a1", "plover-a2"])
        #expect(events[0].kind == .meeting && events[0].date.description == "2023-06-27/2023-06-29")
        #expect(events[0].actors == ["armenia", "united-states"] && events[0].targets.isEmpty)
        #expect(events[0].attributes == ["plover": "CONSULT", "mode": "visit", "quad_code": "1"])
        #expect(events[0].sources.first?.note == "Reuters")
        #expect(events[1].stance == .accuses)
        #expect(result.report.problems.map(\.code) == [.badJSON, .badEventCode, .badDate, .noActor])
        #expect(result.report.problems.map(\.line) == [3, 4, 5, 6])
    }

    @Test("CSV events: columns by name or mapping, a nodes file, problems")
    func csv() throws {
        let nodes = try temporaryFile("nodes.csv", "id,name,kind\narm,Armenia,state\naze,Azerbaijan,state\n")
        let events = try temporaryFile("events.csv", """
            When,From,To,Kind,Title,Tone,URL
            2023-06-27,arm,aze,meeting,"Talks, round 2",3,https://www.example.org/a
            2023-06,Armenia,aze,statement,Said,-2,
            2023-02-30,arm,aze,event,Bad date,,
            2023-06-28,,,event,Nobody,,
            2023-06-28,arm,aze,party,Bad kind,,
            2023-06-28,arm,aze,event,Bad tone,12,
            """)
        let result = try CSVEventsImporter.load(path: events, nodesPath: nodes, mapping: ["date": "When"], options: LoadOptions())
        let list = result.dataset.events
        #expect(list.count == 2)
        #expect(list[0].kind == .meeting && list[0].actors == ["arm", "aze"] && list[0].title == "Talks, round 2")
        #expect(list[0].sources.first?.publisher == "example.org" && list[0].tone == 3)
        #expect(list[1].date.precision == .month && list[1].actors == ["arm"] && list[1].targets == ["aze"])
        #expect(result.report.problems.map(\.code) == [.badDate, .noActor, .badEventCode, .badNumber])
        #expect(result.report.problems.map(\.line) == [4, 5, 6, 7])
        #expect(throws: FormatError.self) {
            _ = try CSVEventsImporter.load(path: events, nodesPath: nil, mapping: ["date": "Missing"], options: LoadOptions())
        }
    }

    @Test("CSV without a header: fields by place (1-based); a name is refused; a date in a header's date column says there is no header")
    func csvWithoutHeader() throws {
        let events = try temporaryFile("quads.tsv", """
            Armenia\tconsult\tAzerbaijan\t2023-06-27\thttps://example.org/1
            Armenia\tcondemns\tAzerbaijan\t2023-07-01\t
            Armenia\tbad\tAzerbaijan\t2023-02-30\t
            """)
        var options = LoadOptions(merge: .none, csvMapping: ["date": "4", "source": "1", "target": "3", "title": "2", "url": "5"])
        options.csvHeader = false
        let result = try CSVEventsImporter.load(path: events, nodesPath: nil, mapping: options.csvMapping, options: options)
        let list = result.dataset.events
        #expect(list.map(\.title) == ["consult", "condemns"])
        #expect(list[0].actors == ["armenia"] && list[0].targets == ["azerbaijan"] && list[0].sources.first?.url == "https://example.org/1")
        #expect(result.report.problems.map(\.line) == [3])

        options.csvMapping = ["date": "When", "source": "1"]
        #expect(throws: FormatError.self) {
            _ = try CSVEventsImporter.load(path: events, nodesPath: nil, mapping: options.csvMapping, options: options)
        }
        // With a header assumed, places still work, but a date where the header names
        // the date column is refused: the first row would be lost as a header.
        do {
            _ = try CSVEventsImporter.load(path: events, nodesPath: nil, mapping: ["date": "4", "source": "1"], options: LoadOptions())
            Issue.record("the first row was taken as a header")
        } catch {
            #expect(error.description.contains("has a date ('2023-06-27') in the date column"))
        }
        let withHeader = try temporaryFile("with-header.csv", "who,what,whom,when\nArmenia,consult,Azerbaijan,2023-06-27\n")
        let mapped = try CSVEventsImporter.load(path: withHeader, nodesPath: nil, mapping: ["date": "4", "source": "1"], options: LoadOptions())
        #expect(mapped.dataset.events.map(\.actors) == [["armenia"]])
    }

    @Test("Detection by name and first line; a wrong --input-format names what the file looks like")
    func detection() throws {
        let gdeltPath = try temporaryFile("x.export.CSV", GDELTRow(id: 1).actor1(code: "ARM", name: "ARMENIA", country: "ARM").line + "\n")
        #expect(DatasetReader.detect(path: gdeltPath) == .gdelt)
        #expect(DatasetReader.detect(path: TestPaths.bundledData) == .native)
        let ploverPath = try temporaryFile("p.jsonl", "{\"event\": \"AGREE\", \"actor\": [\"x\"], \"date\": \"2023-01-01\"}\n")
        #expect(DatasetReader.detect(path: ploverPath) == .plover)
        do {
            _ = try DatasetReader.load(path: gdeltPath, options: LoadOptions(format: .icews))
            Issue.record("a GDELT file was read as ICEWS")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.wrongFormat])
            #expect(error.description.contains("looks like GDELT"))
            // The library names its parameter; a program names it its own way.
            #expect(error.description.contains("give the `format` gdelt"))
            #expect(error.description(naming: ["format": "--input-format"]).contains("give the --input-format gdelt"))
        }
        let unknown = try temporaryFile("mystery.bin", "hello world\n")
        #expect(throws: FormatError.self) { _ = try DatasetReader.load(path: unknown) }
    }

    @Test("The real GDELT sample: ARM and AZE timeline", .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func realGDELT() throws {
        let path = TestPaths.shared.appendingPathComponent("data/gdelt/20191024143000.export.CSV").path
        let loaded = try DatasetReader.load(path: path)
        #expect(loaded.report?.rowsRead == 2111)
        #expect(loaded.report?.rowsSkipped == 0)
        let store = InMemoryStore(loaded.dataset)
        let arm = try #require(store.resolve("ARM"))
        let aze = try #require(store.resolve("AZE"))
        let events = store.timeline(TimelineQuery(actors: [arm, aze]))
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0.parties.contains(arm) || $0.parties.contains(aze) })
        #expect(events.allSatisfy { $0.attributes["cameo"]?.first == "0" || $0.attributes["cameo"]?.first == "1" })
    }

    @Test("The real ICEWS sample loads with its Armenia rows", .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func realICEWS() throws {
        let path = TestPaths.shared.appendingPathComponent("data/icews/events.2018-06-01.tab").path
        let loaded = try DatasetReader.load(path: path)
        #expect(loaded.report?.rowsRead == 2359)
        let store = InMemoryStore(loaded.dataset)
        #expect(store.timeline(TimelineQuery(actors: ["armenia"])).count >= 2)
    }
}
