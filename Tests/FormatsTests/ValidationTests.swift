import Foundation
import DiplographFormats
import DiplographCore
import Testing

@Suite("Validation: every problem, with file, line, column and a hint")
struct ValidationTests {
    static let nodes = """
        nodes:
          - id: armenia
            kind: state
            name: Armenia
          - id: azerbaijan
            kind: state
            name: Azerbaijan
          - id: ararat-mirzoyan
            kind: person
            name: Ararat Mirzoyan
          - id: normalization
            kind: issue
            name: Normalization
        """

    func diagnostics(_ text: String, file: String = "broken.yaml") -> [Diagnostic] {
        do {
            _ = try NativeDatasetLoader.load(documents: [("nodes.yaml", Self.nodes), (file, text)])
            Issue.record("the dataset was accepted")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func only(_ text: String) throws -> Diagnostic {
        let found = diagnostics(text)
        try #require(found.count == 1, "expected one diagnostic, got \(found)")
        return found[0]
    }

    @Test("A valid dataset loads")
    func valid() throws {
        let dataset = try NativeDatasetLoader.load(documents: [("nodes.yaml", Self.nodes), ("events.yaml", """
            events:
              - id: talks
                kind: meeting
                date: 2023-06-27
                title: Talks
                participants: [ararat-mirzoyan, azerbaijan]
                issues: [normalization]
                sources: [{publisher: Test}]
            """)])
        #expect(dataset.events.count == 1)
        #expect(dataset.nodes.count == 4)
    }

    @Test("Unknown node reference, at the reference, with a suggestion")
    func unknownReference() throws {
        let diagnostic = try only("""
            events:
              - id: talks
                kind: meeting
                date: 2023-06-27
                title: Talks
                participants: [ararat-mirzoyan, azerbaijn]
                sources: [{publisher: Test}]
            """)
        #expect(diagnostic.code == .unknownReference)
        #expect((diagnostic.file, diagnostic.line, diagnostic.column) == ("broken.yaml", 6, 37))
        #expect(diagnostic.hint.contains("did you mean 'azerbaijan'"))
    }

    @Test("Duplicate id, pointing at the first definition")
    func duplicateID() throws {
        let found = diagnostics("""
            nodes:
              - id: armenia
                kind: state
                name: Armenia again
            """)
        try #require(found.count == 1)
        #expect(found[0].code == .duplicateID)
        #expect((found[0].file, found[0].line) == ("broken.yaml", 2))
        #expect(found[0].hint.contains("nodes.yaml:2:9"))
    }

    @Test("Impossible date 2023-02-30")
    func impossibleDate() throws {
        let diagnostic = try only("""
            events:
              - id: talks
                kind: meeting
                date: 2023-02-30
                title: Talks
                participants: [ararat-mirzoyan, azerbaijan]
                sources: [{publisher: Test}]
            """)
        #expect(diagnostic.code == .badDate)
        #expect((diagnostic.line, diagnostic.column) == (4, 11))
        #expect(diagnostic.message.contains("28 days"))
    }

    @Test("Range ending before it starts")
    func backwardsRange() throws {
        let diagnostic = try only("""
            events:
              - id: talks
                kind: meeting
                date: 2023-06-29/2023-06-27
                title: Talks
                participants: [ararat-mirzoyan, azerbaijan]
                sources: [{publisher: Test}]
            """)
        #expect(diagnostic.code == .rangeEndsBeforeStart)
        #expect(diagnostic.line == 4)
    }

    @Test("Missing source")
    func missingSource() throws {
        let diagnostic = try only("""
            events:
              - id: talks
                kind: meeting
                date: 2023-06-27
                title: Talks
                participants: [ararat-mirzoyan, azerbaijan]
            """)
        #expect(diagnostic.code == .missingSource)
        #expect(diagnostic.line == 2)
    }

    @Test("Unknown event kind and unknown node kind")
    func unknownKinds() throws {
        let found = diagnostics("""
            nodes:
              - id: nato
                kind: alliance
                name: NATO
            events:
              - id: talks
                kind: summit
                date: 2023-06-27
                title: Talks
                sources: [{publisher: Test}]
            """)
        #expect(found.map(\.code) == [.unknownKind, .unknownKind])
        #expect(found.map(\.line) == [3, 7])
    }

    @Test("Unknown stance, with a suggestion")
    func unknownStance() throws {
        let diagnostic = try only("""
            events:
              - id: said
                kind: statement
                date: 2023-06-27
                title: Said
                speaker: ararat-mirzoyan
                stance: condemn
                sources: [{publisher: Test}]
            """)
        #expect(diagnostic.code == .unknownStance)
        #expect(diagnostic.line == 7)
        #expect(diagnostic.hint.contains("did you mean 'condemns'"))
    }

    @Test("A reference to a node of the wrong kind")
    func wrongKind() throws {
        let diagnostic = try only("""
            events:
              - id: said
                kind: statement
                date: 2023-06-27
                title: Said
                speaker: normalization
                stance: supports
                sources: [{publisher: Test}]
            """)
        #expect(diagnostic.code == .wrongNodeKind)
        #expect(diagnostic.line == 6)
    }

    @Test("Unknown field, misplaced role field and out-of-range tone")
    func fields() throws {
        let found = diagnostics("""
            events:
              - id: talks
                kind: meeting
                date: 2023-06-27
                title: Talks
                participants: [ararat-mirzoyan, azerbaijan]
                speaker: ararat-mirzoyan
                tone: 11
                colour: red
                sources: [{publisher: Test}]
            """)
        #expect(found.map(\.code) == [.unknownField, .outOfRange, .unknownField])
        #expect(found.map(\.line) == [7, 8, 9])
    }

    @Test("All errors of a file are reported, not only the first")
    func collectsAll() {
        let found = diagnostics("""
            events:
              - id: one
                kind: meeting
                date: 2023-02-30
                title: One
                participants: [ararat-mirzoyan, nobody]
              - id: Two
                kind: statement
                date: 2023-13
                title: Two
                speaker: ararat-mirzoyan
                stance: shouts
            """)
        #expect(Set(found.map(\.code)) == [.badDate, .unknownReference, .badID, .missingSource, .unknownStance])
        #expect(found.count >= 6)
        #expect(found == found.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    @Test("A YAML syntax error names its line")
    func syntax() throws {
        let diagnostic = try only("""
            events:
              - id: talks
                title: "unclosed
            """)
        #expect(diagnostic.code == .syntax)
        #expect(diagnostic.line >= 3)
    }

    @Test("The error text has file:line:column, the hint, and a count")
    func description() {
        let error = FormatError(diagnostics: [
            Diagnostic(code: .badDate, file: "a.yaml", line: 4, column: 11, message: "bad", hint: "fix it"),
        ])
        #expect(error.description == "a.yaml:4:11: error: bad\n    hint: fix it\n1 error; nothing was written.")
    }

    @Test("JSON datasets load like YAML, with line numbers in errors")
    func json() throws {
        let dataset = try NativeDatasetLoader.load(documents: [("nodes.yaml", Self.nodes), ("events.json", """
            {"events": [{"id": "talks", "kind": "meeting", "date": "2023-06",
              "title": "Talks", "participants": ["ararat-mirzoyan", "azerbaijan"],
              "tone": -2.5, "sources": [{"publisher": "Test", "url": "https://example.org/a"}]}]}
            """)])
        #expect(dataset.events.first?.date.precision == .month)
        #expect(dataset.events.first?.tone == -2.5)
        let found = diagnostics("""
            {"events": [{"id": "talks", "kind": "meeting", "date": "2023-06",
              "title": "Talks", "participants": ["ararat-mirzoyan", "ghost"],
              "sources": [{"publisher": "Test"}]}]}
            """, file: "events.json")
        #expect(found.map(\.code) == [.unknownReference])
        #expect(found.first?.line == 2)
    }

    @Test("Files: missing path, invalid UTF-8, NUL bytes, empty folder")
    func files() throws {
        let folder = Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func codes(_ path: String) -> [Diagnostic.Code] {
            do {
                _ = try NativeDatasetLoader.load(path: path)
                return []
            } catch {
                return error.diagnostics.map(\.code)
            }
        }
        #expect(codes(folder.appendingPathComponent("missing.yaml").path) == [.unreadableFile])
        #expect(codes(folder.path) == [.unreadableFile])
        let latin1 = folder.appendingPathComponent("latin1.yaml")
        try Data([0x6E, 0x3A, 0x0A, 0x61, 0xE9, 0x0A]).write(to: latin1)  // "n:\na\xE9\n"
        do {
            _ = try NativeDatasetLoader.load(path: latin1.path)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.invalidEncoding])
            #expect(error.diagnostics.first?.line == 2)
            #expect(error.diagnostics.first?.column == 2)
        }
        let nul = folder.appendingPathComponent("nul.yaml")
        try Data([0x61, 0x3A, 0x20, 0x00, 0x0A]).write(to: nul)
        #expect(codes(nul.path) == [.invalidEncoding])
    }

    @Test("A byte-order mark is accepted")
    func byteOrderMark() throws {
        let folder = Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bom.yaml")
        try Data([0xEF, 0xBB, 0xBF] + Array(Self.nodes.utf8)).write(to: file)
        #expect(try NativeDatasetLoader.load(path: file.path).nodes.count == 4)
    }
}
