import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

/// Timelines are written to a descriptor as they are read; these tests check that what
/// arrives equals the report made in memory, and that the byte-level JSON escaping is
/// the one `JSONValue.quote` defines.
@Suite("Streaming output")
struct StreamingOutputTests {
    /// Every scalar the escaping treats apart, and neighbours that it must not.
    static let specials: [String] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}",
                                     "\u{A0}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{FEFF}", "\u{FEFE}", "é", "—", "😀", "a", " "]

    @Test("JSON strings escaped from bytes equal JSONValue.quote, for random mixes of every special scalar")
    func escaping() {
        var generator = SeededGenerator(seed: 4242)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                Self.specials[Int.random(in: 0..<Self.specials.count, using: &generator)]
            }.joined()
            var output = ByteOutput()
            output.appendJSONString(text)
            #expect(String(decoding: output.bytes, as: UTF8.self) == JSONValue.quote(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("CSV fields written from bytes equal csvField, for random mixes of formula signs, numbers and specials")
    func csvFields() {
        let pieces = Self.specials + ["-", "+", "=", "@", ".", "1", "2.5", ",", "\"", "e", "-3"]
        var generator = SeededGenerator(seed: 777)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }.joined()
            var output = ByteOutput()
            output.appendCSVField(text)
            #expect(String(decoding: output.bytes, as: UTF8.self) == csvField(text), "\(Array(text.unicodeScalars))")
            // The same pieces as a list, written part by part when they can be.
            let parts = text.split(separator: "e", omittingEmptySubsequences: false).map(String.init)
            var joined = ByteOutput()
            joined.appendCSVField(joining: parts, separator: ";")
            #expect(String(decoding: joined.bytes, as: UTF8.self) == csvField(parts.joined(separator: ";")), "\(parts)")
        }
    }

    /// A store of `count` events whose texts hold the specials.
    static func store(count: Int) -> InMemoryStore {
        let nodes = ["a", "b", "c"].map { Node(id: $0, kind: .state, name: "State \($0) \"\u{2028}") }
        let events = (0..<count).map { index in
            Event(id: "event-\(index)", kind: [.meeting, .statement, .event][index % 3],
                  date: DateSpan(EventDate(year: 2023, month: 1 + index % 12, day: 1 + index % 28)),
                  title: "Title \(index) " + specials[index % specials.count] + ", =1+1",
                  actors: ["a"], targets: index % 3 == 0 ? [] : ["b"], stance: index % 3 == 1 ? .urges : nil,
                  tone: index % 5 == 0 ? nil : Double(index % 21 - 10) / 2,
                  sources: [Source(publisher: "p\(index % 7)", url: "https://example.org/\(index)?q=\"x\"")])
        }
        return InMemoryStore(Dataset(nodes: nodes, events: events))
    }

    @Test("Written to a descriptor, every format equals the report made in memory (several blocks of output)",
          arguments: TimelineReport.Format.allCases)
    func descriptorEqualsMemory(format: TimelineReport.Format) throws {
        let store = Self.store(count: 10_000)
        let report = TimelineReport(store: store, events: store.timeline(TimelineQuery()))
        let path = TestPaths.temporaryFolder().appendingPathComponent("out.\(format.rawValue)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(descriptor >= 0)
        #expect(report.write(format, toDescriptor: descriptor))
        close(descriptor)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count > 1 << 19, "more than two blocks: \(written.count) bytes")
        #expect(written == Data(report.render(format).utf8))
    }

    @Test("An event's JSON written straight into bytes equals its tree of values written, pretty and on one line")
    func directJSON() {
        let stores = [Self.store(count: 300), HostileData.store(text: "<b>\"x\"</b>\n\u{2028}\u{FEFF}=cmd|' /C calc'!A0")]
        for store in stores {
            for event in store.timeline(TimelineQuery()) {
                for indent in [0, 1, 3, nil] as [Int?] {
                    var direct = ByteOutput()
                    TimelineReport.writeJSON(event, into: &direct, indent: indent)
                    var tree = ByteOutput()
                    TimelineReport.json(for: event).write(into: &tree, indent: indent)
                    #expect(direct.bytes == tree.bytes, "\(event.id), indent \(indent.map(String.init) ?? "none")")
                }
            }
        }
    }

    @Test("CSV from the store's columns equals CSV from the same events made as values")
    func csvFromColumns() throws {
        let hostile = "=cmd|' /C calc'!A0,\"q\"\n\u{2028}\u{85}-1"
        let stores = [Self.store(count: 500), HostileData.store(text: hostile), InMemoryStore(try NativeDatasetLoader.load(path: Paths.bundledData))]
        for store in stores {
            let columns = store.timeline(TimelineQuery())
            var rows = 0
            #expect(columns.forEachRow { _ in rows += 1 } && rows == columns.count, "a column-backed list")
            let values = EventList(Array(columns))
            #expect(!values.forEachRow { _ in })
            #expect(TimelineReport(store: store, events: columns).render(.csv) == TimelineReport(store: store, events: values).render(.csv))
        }
    }

    @Test("JSON lines: one event per line, each the same object as in the JSON array")
    func jsonLines() throws {
        let store = HostileData.store(text: "<b>\"x\"</b>\n\u{2028}=cmd|' /C calc'!A0")
        let report = TimelineReport(store: store, events: store.timeline(TimelineQuery()))
        let lines = report.render(.jsonl).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "" && lines.count == 3)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [NSDictionary])
        for (line, object) in zip(lines, array) {
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary)
            #expect(parsed == object)
        }
    }
}
