import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

/// Large JSON-lines files are read on two cores and joined: a clean file must give
/// what a single pass gives, whatever falls on either side of the split, and a file
/// with any problem must be left to the single pass, which reports it exactly.
@Suite("Native JSON lines on two cores")
struct JSONLinesParallelTests {
    static func twoCores(_ text: String) -> NativeJSONLinesLoader.Loaded? {
        Array(text.utf8).withUnsafeBufferPointer {
            NativeJSONLinesLoader.loadOnTwoCores(base: $0.baseAddress!, count: $0.count, file: "f.jsonl", threshold: 0)
        }
    }

    /// A random dataset's lines, with node lines moved to the end (`nodesLast`), so
    /// that references precede definitions across the split.
    static func lines(seed: Int, nodesLast: Bool) -> [String] {
        var generator = SeededGenerator(seed: UInt64(4000 + seed))
        let dataset = FuzzedDataset.make(using: &generator)
        let lines = NativeDatasetWriter.jsonLines(NativeDatasetWriter.dataset(of: InMemoryStore(dataset)))
            .split(separator: "\n").map(String.init)
        guard nodesLast else { return lines }
        let isNode = { (line: String) in line.hasPrefix("{\"type\":\"node\"") }
        return lines.filter { !isNode($0) } + lines.filter(isNode)
    }

    static func events(_ loaded: NativeJSONLinesLoader.Loaded) -> [Event] {
        (0..<loaded.table.count).map { loaded.table[$0] }
    }

    @Test("Two cores give the nodes, events, offices and notes of one pass", arguments: [(1, false), (2, true), (3, true)])
    func sameAsSinglePass(seed: Int, nodesLast: Bool) throws {
        let text = Self.lines(seed: seed, nodesLast: nodesLast).joined(separator: "\n") + "\n"
        let expected = try NativeJSONLinesLoader.load(text: text, file: "f.jsonl")
        let joined = try #require(Self.twoCores(text))
        #expect(joined.nodes == expected.nodes)
        #expect(Self.events(joined) == Self.events(expected))
        #expect(joined.offices == expected.offices)
        #expect(joined.title == expected.title)
        #expect(joined.notes == expected.notes)
    }

    @Test("A problem in either half, an id in both, or a node defined in both: one pass instead")
    func fallsBack() throws {
        let lines = Self.lines(seed: 5, nodesLast: false)
        let clean = lines.joined(separator: "\n")
        #expect(Self.twoCores(clean) != nil)
        let event = try #require(lines.last { $0.hasPrefix("{\"type\":\"event\"") })
        let node = try #require(lines.first { $0.hasPrefix("{\"type\":\"node\"") })
        for broken in [clean + "\n" + event, node + "\n" + clean + "\n" + node, clean + "\nnot json",
                       "not json\n" + clean, clean + "\n" + event.replacingOccurrences(of: "\"id\":\"", with: "\"id\":\"x")
                           .replacingOccurrences(of: "\"date\":\"", with: "\"date\":\"1")] {
            #expect(Self.twoCores(broken) == nil)
            #expect(throws: FormatError.self) { try NativeJSONLinesLoader.load(text: broken, file: "f.jsonl") }
        }
    }
}
