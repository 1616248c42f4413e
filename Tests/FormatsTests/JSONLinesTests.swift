import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

@Suite("Native JSON lines")
struct JSONLinesTests {
    func store(_ loaded: NativeJSONLinesLoader.Loaded) -> InMemoryStore {
        InMemoryStore(title: loaded.title, notes: loaded.notes, nodes: loaded.nodes, offices: loaded.offices, table: loaded.table)
    }

    @Test("The bundled dataset survives a JSON-lines round trip")
    func bundledRoundTrip() throws {
        let original = try NativeDatasetLoader.load(path: TestPaths.bundledData)
        let text = NativeDatasetWriter.jsonLines(NativeDatasetWriter.dataset(of: InMemoryStore(original)))
        let loaded = store(try NativeJSONLinesLoader.load(text: text, file: "data.jsonl"))
        let back = Dataset(title: loaded.title, notes: loaded.notes, nodes: loaded.nodes, offices: loaded.offices,
                           events: Array(loaded.events))
        #expect(back.normalized == original.normalized)
    }

    @Test("Random datasets with hostile text survive the JSON-lines round trip", arguments: 0..<4)
    func fuzzed(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(2000 + seed))
        let original = FuzzedDataset.make(using: &generator)
        let text = NativeDatasetWriter.jsonLines(NativeDatasetWriter.dataset(of: InMemoryStore(original)))
        let loaded = store(try NativeJSONLinesLoader.load(text: text, file: "fuzz.jsonl"))
        let back = Dataset(title: loaded.title, notes: loaded.notes, nodes: loaded.nodes, offices: loaded.offices,
                           events: Array(loaded.events))
        let difference = RoundTripTests.firstDifference(back.normalized, original.normalized)
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test("Every problem is reported with its line and column")
    func problems() {
        let text = """
            {"type": "node", "id": "arm", "kind": "state", "name": "Armenia"}
            {"id": "e1", "kind": "meeting", "date": "2023-02-30", "title": "x", "participants": ["arm"], "sources": [{"publisher": "p"}]}
            {"id": "e2", "kind": "meeting", "date": "2023-06-27", "title": "x", "participants": ["arm", "ghost"], "sources": [{"publisher": "p"}]}
            {"id": "e3", "kind": "dance", "date": "2023", "title": "x", "participants": ["arm"], "sources": [{"publisher": "p"}]}
            not json
            {"id": "e4", "kind": "meeting", "date": "2023", "title": "x", "participants": ["arm"]}
            {"id": "E5", "kind": "meeting", "date": "2023", "title": "x", "participants": ["arm"], "sources": [{"publisher": "p"}]}
            {"id": "e2", "kind": "event", "date": "2023", "title": "x", "actors": ["arm"], "tone": 20, "sources": [{"publisher": "p"}]}
            {"id": "e6", "kind": "event", "date": "2023", "title": "x", "actors": ["arm"], "sources": [{"publisher": "p"}]}
            {"id": "e6", "kind": "event", "date": "2023", "title": "x", "actors": ["arm"], "sources": [{"publisher": "p"}]}
            """
        do {
            _ = try NativeJSONLinesLoader.load(text: text, file: "bad.jsonl")
            Issue.record("a bad file was accepted")
        } catch {
            let found = error.diagnostics.map { "\($0.line):\($0.code.rawValue)" }
            #expect(found == ["2:bad-date", "3:unknown-reference", "4:unknown-kind", "5:syntax", "6:missing-source",
                              "7:bad-id", "8:out-of-range", "10:duplicate-id"])
            #expect(error.diagnostics.first { $0.line == 3 }?.column == 69)  // the "participants" field
        }
    }

    @Test("The scanner decodes escapes and surrogate pairs, and refuses deep nesting and broken text")
    func scanner() throws {
        func scan(_ text: String) -> Result<[JSONToken], JSONScanError> {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                var scanner = JSONScanner(base: UnsafePointer(buffer.baseAddress!), start: 0, end: buffer.count)
                var tape: [JSONToken] = []
                return Result { () throws(JSONScanError) -> [JSONToken] in
                    try scanner.value(into: &tape)
                    return tape
                }
            }
        }
        let text = #""a\"b\\c\n\u00e9\ud83c\udde6\/""#
        var bytes = Array(text.utf8)
        let decoded = bytes.withUnsafeMutableBufferPointer { buffer -> String? in
            var scanner = JSONScanner(base: UnsafePointer(buffer.baseAddress!), start: 0, end: buffer.count)
            var tape: [JSONToken] = []
            guard (try? scanner.value(into: &tape)) != nil, tape.count == 1, tape[0].kind == .string else { return nil }
            return JSONScanner.text(UnsafePointer(buffer.baseAddress!), tape[0])
        }
        #expect(decoded == "a\"b\\c\né🇦/")
        #expect((try? scan(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).get()) == nil)
        #expect((try? scan("{\"a\": tru}").get()) == nil)
        #expect((try? scan("{\"a\" 1}").get()) == nil)
        #expect((try? scan("\"open").get()) == nil)
        // The tape: an object, its key and value, the array's three elements, the
        // inner object's key and value; `next` skips a container's contents.
        let tape = try scan("{\"a\": [1, \"x\", {\"b\": null}]}").get()
        #expect(tape.map(\.kind) == [.object, .string, .array, .number, .string, .object, .string, .null])
        #expect(tape.map(\.next) == [8, 2, 8, 4, 5, 8, 7, 8])
    }

    @Test("Strings read sixteen bytes at a time: escapes, text beyond ASCII and control characters at every offset")
    func stringOffsets() {
        for offset in 0..<40 {
            let pad = String(repeating: "a", count: offset)
            for (written, expected) in [(#"\""#, "\""), ("é", "é"), (#"\n"#, "\n"), (#"\u00e9"#, "é"), ("", "")] {
                let json = "\"" + pad + written + "bcdefghij\""
                var bytes = Array(json.utf8)
                let text = bytes.withUnsafeMutableBufferPointer { buffer -> String? in
                    var scanner = JSONScanner(base: UnsafePointer(buffer.baseAddress!), start: 0, end: buffer.count)
                    var tape: [JSONToken] = []
                    guard (try? scanner.value(into: &tape)) != nil, scanner.position == buffer.count else { return nil }
                    return JSONScanner.text(UnsafePointer(buffer.baseAddress!), tape[0])
                }
                #expect(text == pad + expected + "bcdefghij", "offset \(offset), \(written)")
            }
            var control = Array(("\"" + pad + "\u{1}xxxxxxxxx\"").utf8)
            let failure = control.withUnsafeMutableBufferPointer { buffer -> Int? in
                var scanner = JSONScanner(base: UnsafePointer(buffer.baseAddress!), start: 0, end: buffer.count)
                var tape: [JSONToken] = []
                do throws(JSONScanError) {
                    try scanner.value(into: &tape)
                    return nil
                } catch {
                    return error.offset
                }
            }
            #expect(failure == offset + 1, "control character at offset \(offset)")
        }
    }

    @Test("Names are found by their bytes: every key, kind and stance, short or long, and nothing else")
    func byteNames() {
        func look<Value>(_ names: NativeJSONLinesLoader.ByteNames<Value>, _ text: String) -> Value? {
            Array(text.utf8).withUnsafeBufferPointer { names.value($0) }
        }
        for field in NativeJSONLinesLoader.Field.allCases { #expect(look(NativeJSONLinesLoader.Field.names, field.key) == field) }
        for kind in EventKind.allCases { #expect(look(NativeJSONLinesLoader.eventKinds, kind.rawValue) == kind) }
        for stance in Stance.allCases { #expect(look(NativeJSONLinesLoader.stances, stance.rawValue) == stance) }
        for other in ["", "i", "participant", "participantsx", "expresses-concerns", "expresses-concerm", "Meeting"] {
            #expect(look(NativeJSONLinesLoader.Field.names, other) == nil)
            #expect(look(NativeJSONLinesLoader.stances, other) == nil)
            #expect(look(NativeJSONLinesLoader.eventKinds, other) == nil)
        }
    }

    @Test("Decimal text reads as Double(String) does")
    func decimals() {
        for text in ["0", "-0", "1", "1.9", "-2.5", "6.9", "10", "-10", "0.1", "123456789012345", "1234567890123456789",
                     "1e3", "2.5E-1", "1.", ".5", "+1", "-", "1-2", "1.2.3", "", "0.30000000000000004", "9.999999999999999"] {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalText.double($0) }
            let expected = Double(text)
            #expect(parsed == expected || (parsed?.isNaN == true && expected?.isNaN == true), "\(text)")
            #expect(parsed?.sign == expected?.sign, "\(text)")
        }
    }

    @Test("Text that is not UTF-8 is reported at its line")
    func invalidUTF8() {
        let bytes = Array(#"{"type": "node", "id": "arm", "kind": "state", "name": "A"#.utf8) + [0xFF] + Array("\"}\n".utf8)
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(FormatError) -> NativeJSONLinesLoader.Loaded in
                try NativeJSONLinesLoader.load(buffer.baseAddress, buffer.count, file: "bad.jsonl")
            }
        }
        guard case .failure(let error) = result else {
            Issue.record("a file with invalid UTF-8 loaded")
            return
        }
        #expect(error.diagnostics.map { "\($0.line):\($0.code.rawValue)" } == ["1:invalid-encoding"])
    }
}
