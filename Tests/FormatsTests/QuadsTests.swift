import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

/// Temporal knowledge-graph quadruples as ICEWS14 and its kin publish them.
@Suite("Temporal-KG quadruples")
struct QuadsTests {
    static let lines = [
        "Barack_Obama\tMake_statement\tChina\t2014-01-01",
        "Police_(China)\tArrest,_detain,_or_charge_with_legal_action\tCitizen_(China)\t2014-01-02",
        "China\tExpress_intent_to_meet_or_negotiate\tJapan\t2014-01-02",
        "Japan\tConsult\tChina\t2014-01-03",
        "Court_Judge_(India)\tSome_new_relation\tIndia\t2014-01-04",
    ]

    func file(_ name: String, _ lines: [String]) throws -> String {
        let path = TestPaths.temporaryFolder().appendingPathComponent(name).path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Detected by shape; a fifth column, an empty field or a number for a relation is not a quadruple")
    func detection() throws {
        #expect(DatasetReader.detect(path: try file("train.txt", Self.lines)) == .quads)
        #expect(DatasetReader.detect(path: try file("five.txt", Self.lines.map { $0 + "\tx" })) != .quads)
        #expect(!QuadsImporter.looksLikeQuads(["a\t\tb\t2014-01-01"]))
        #expect(!QuadsImporter.looksLikeQuads(["a\t12\tb\t2014-01-01"]))
        #expect(QuadsImporter.looksLikeQuads(["a\tConsult\tb\t8760"]))
    }

    @Test("Relations matched to ICEWS's CAMEO names give kind, stance and code; Name_(Country) is an organization of it",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func withICEWSNames() throws {
        var options = LoadOptions(merge: .none)
        options.cameoNames = TestPaths.shared.appendingPathComponent("data/icews/CAMEO_codefile.txt").path
        let result = try DatasetReader.load(path: try file("icews14.txt", Self.lines), options: options)
        let events = result.dataset.events
        #expect(events.map(\.kind) == [.statement, .event, .statement, .meeting, .event])
        #expect(events.map { $0.attributes["cameo"] } == ["010", "173", "036", "040", nil])
        #expect(events[2].stance == .proposes && events[2].title == "Express intent to meet or negotiate")
        #expect(events[3].actors == ["china", "japan"] && events[3].targets.isEmpty, "a meeting has no direction")
        #expect(events[4].attributes["relation"] == "Some_new_relation" && events[4].title == "Some new relation")
        let nodes = Dictionary(uniqueKeysWithValues: result.dataset.nodes.map { ($0.id, $0) })
        #expect(nodes["police-china"]?.kind == .organization && nodes["police-china"]?.attributes["country"] == "China")
        #expect(nodes["police-china"]?.name == "Police (China)")
        #expect(nodes["china"]?.kind == .state && nodes["india"]?.kind == .state)
        #expect(nodes["barack-obama"]?.kind == .person)
    }

    @Test("GDELT's code table gives the same codes (its ', not specified below' aside); without a table, CAMEO's root names only",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func otherNames() throws {
        let path = try file("gdelt-names.txt", Self.lines)
        var options = LoadOptions(merge: .none)
        options.cameoNames = TestPaths.shared.appendingPathComponent("data/gdelt/CAMEO.eventcodes.txt").path
        let gdelt = try DatasetReader.load(path: path, options: options).dataset.events
        #expect(gdelt.map { $0.attributes["cameo"] } == ["010", "173", "036", "040", nil])
        let roots = try DatasetReader.load(path: path, options: LoadOptions(merge: .none)).dataset.events
        #expect(roots.map { $0.attributes["cameo"] } == [nil, nil, nil, "04", nil])
    }

    @Test("Day offsets count from the epoch; without one the first offset is one clear error")
    func epoch() throws {
        let path = try file("offsets.txt", ["a\tConsult\tb\t0", "a\tConsult\tb\t365", "a\tConsult\tb\tsoon"])
        do {
            _ = try DatasetReader.load(path: path)
            Issue.record("offsets without an epoch were read")
        } catch {
            #expect(error.description.contains("no epoch was given") && error.description.contains(":1:4:"))
        }
        var options = LoadOptions(merge: .none)
        options.epoch = EventDate(year: 2014, month: 1, day: 1)
        let result = try DatasetReader.load(path: path, options: options)
        #expect(result.dataset.events.map(\.date.description) == ["2014-01-01", "2015-01-01"])
        #expect(result.report?.problems.map(\.code) == [.badDate] && result.report?.problems.first?.line == 3)
    }
}
