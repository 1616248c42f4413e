import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

/// Coded data records a meeting between A and B as A→B and again as B→A from the same
/// sentence; these tests check that the two rows become one meeting of two
/// participants, under both merge rules, and that nothing else folds.
@Suite("Reciprocal rows: a meeting coded from both sides is one event")
struct ReciprocalRowsTests {
    static let icewsHeader = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"

    func icewsRow(_ id: Int, _ source: String, _ target: String, code: String = "040", story: Int, sentence: Int,
                  intensity: String = "1") -> String {
        "\(id)\t2018-06-01\t\(source)\tNA\t\(source)\tConsult\t\(code)\t\(intensity)\t\(target)\tNA\t\(target)\t\(story)\t\(sentence)\tTASS\tNA\tNA\tNA\tRussia\t1\t1"
    }

    func icews(_ rows: [String], merge: LoadOptions.MergeRule) throws -> ImportResult {
        let bytes = Array(([Self.icewsHeader] + rows).joined(separator: "\n").utf8)
        return try ICEWSImporter.load(bytes: bytes, file: "events.tab", options: LoadOptions(merge: merge))
    }

    @Test("ICEWS: A→B and B→A of one sentence fold into one meeting of A and B, under either merge rule",
          arguments: LoadOptions.MergeRule.allCases)
    func icewsPair(merge: LoadOptions.MergeRule) throws {
        let result = try icews([
            icewsRow(1, "Russia", "Armenia", story: 10, sentence: 2, intensity: "2"),
            icewsRow(2, "Armenia", "Russia", story: 10, sentence: 2, intensity: "4"),
            // Another sentence: under `none` its own event; under same-day the same meeting.
            icewsRow(3, "Armenia", "Russia", story: 10, sentence: 3),
            // A statement has a direction: never folded.
            icewsRow(4, "Russia", "Armenia", code: "010", story: 10, sentence: 2),
            icewsRow(5, "Armenia", "Russia", code: "010", story: 10, sentence: 2),
        ], merge: merge)
        let events = result.dataset.events
        let meetings = events.filter { $0.kind == .meeting }
        #expect(meetings.allSatisfy { $0.actors == ["armenia", "russia"] && $0.targets.isEmpty })
        // The mean of the rows' tones: the sentence's two, and under same-day the third.
        #expect(meetings.first?.tone == (merge == .none ? 3 : 7.0 / 3))
        #expect(meetings.count == (merge == .none ? 2 : 1))
        #expect(events.filter { $0.kind == .statement }.map(\.actors) == [["russia"], ["armenia"]])
        #expect(result.report.rowsSameReport == 1)
        #expect(result.report.rowsMerged == (merge == .none ? 1 : 2))
        #expect(result.report.description.contains("1 of them a meeting or agreement their report had given already, from either side"))
    }

    @Test("GDELT: A→B and B→A from the same URL and day fold; from another URL only the same-day rule joins them",
          arguments: LoadOptions.MergeRule.allCases)
    func gdeltPair(merge: LoadOptions.MergeRule) throws {
        let arm = (code: "ARM", name: "ARMENIA", country: "ARM")
        let aze = (code: "AZE", name: "AZERBAIJAN", country: "AZE")
        func row(_ id: Int, _ from: (code: String, name: String, country: String),
                 _ to: (code: String, name: String, country: String), url: String, code: String = "040") -> String {
            GDELTRow(id: id, code: code).actor1(code: from.code, name: from.name, country: from.country)
                .actor2(code: to.code, name: to.name, country: to.country).with(60, url).line
        }
        let lines = [
            row(1, arm, aze, url: "https://example.org/a"),
            row(2, aze, arm, url: "https://example.org/a"),
            row(3, aze, arm, url: "https://example.org/b"),
            row(4, arm, aze, url: "https://example.org/a", code: "057"),
            row(5, aze, arm, url: "https://example.org/a", code: "057"),
        ]
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let result = try bytes.withUnsafeBytes { raw in
            try Result { () throws(FormatError) -> ImportResult in
                try GDELTImporter.load(bytes: raw, file: "test.export.CSV", options: LoadOptions(merge: merge))
            }.get()
        }
        let events = result.dataset.events
        #expect(events.allSatisfy { $0.actors == ["arm", "aze"] && $0.targets.isEmpty })
        #expect(events.filter { $0.kind == .meeting }.count == (merge == .none ? 2 : 1))
        #expect(events.filter { $0.kind == .agreement }.count == 1)
        #expect(result.report.rowsSameReport == 2)
        let firstMeeting = try #require(events.first { $0.kind == .meeting })
        #expect(firstMeeting.sources.compactMap(\.url) == (merge == .none ? ["https://example.org/a"]
                                                                           : ["https://example.org/a", "https://example.org/b"]))
    }

    @Test("The real ICEWS day: the folds are those a plain scan of the file finds, and no meeting is left doubled",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func realICEWS() throws {
        let path = TestPaths.shared.appendingPathComponent("data/icews/events.2018-06-01.tab").path
        let loaded = try DatasetReader.load(path: path, options: LoadOptions(merge: .none))
        let report = try #require(loaded.report)

        // The plain scan: a row folds when its sentence coded a meeting (or an
        // agreement) of the same two before, from either side.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let column = Dictionary(uniqueKeysWithValues: lines[0].enumerated().map { ($1, $0) })
        var seen = Set<[String]>()
        var folds = 0
        for fields in lines.dropFirst() {
            let code = fields[column["CAMEO Code"]!]
            let kind = code.hasPrefix("04") ? "meeting" : code.hasPrefix("057") ? "agreement" : nil
            let (from, to) = (fields[column["Source Name"]!], fields[column["Target Name"]!])
            guard let kind, from != to else { continue }
            let sentence = [fields[column["Story ID"]!], fields[column["Sentence Number"]!], kind, fields[column["Event Date"]!]]
            if !seen.insert(sentence + [min(from, to), max(from, to)]).inserted { folds += 1 }
        }
        #expect(folds > 200)
        #expect(report.rowsSameReport == folds)
        #expect(report.events == report.rowsRead - folds)

        // Under the same-day rule, one event per kind, pair and day, whichever side
        // each row coded.
        let merged = try DatasetReader.load(path: path).dataset.events.filter { $0.kind.isSymmetric && $0.targets.isEmpty }
        let keys = merged.map { "\($0.kind) \($0.date) \($0.actors.sorted())" }
        #expect(Set(keys).count == keys.count)
        #expect(merged.allSatisfy { $0.actors.count != 2 || $0.actors[0] < $0.actors[1] }, "pairs in the order of their ids")
    }
}
