import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

/// Broken and hostile files: each gets a clear error (or loads), never a crash or hang.
@Suite("Hostile input")
struct HostileInputTests {
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = TestPaths.temporaryFolder().appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func failure(_ path: String) -> String? {
        do {
            _ = try DatasetReader.load(path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("A YAML alias bomb is rejected without expanding it")
    func aliasBomb() throws {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = Array("abcdefghij").map(String.init)
        for index in 1..<names.count {
            lines.append("\(names[index]): &\(names[index]) [" + Array(repeating: "*" + names[index - 1], count: 9).joined(separator: ",") + "]")
        }
        lines.append("events: *j")
        let message = try #require(failure(try file("bomb.yaml", Array(lines.joined(separator: "\n").utf8))))
        #expect(message.contains("unknown field 'a'"))
    }

    @Test("Deep nesting is an error, in YAML, JSON and JSON lines")
    func deepNesting() throws {
        let deep = "{\"events\": " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "}"
        #expect(failure(try file("deep.json", Array(deep.utf8)))?.contains("nesting") == true)
        let line = "{\"type\": \"event\", \"x\": " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "}\n"
        #expect(failure(try file("deep.jsonl", Array(line.utf8)))?.contains("nested too deeply") == true)
    }

    @Test("Empty files, a 10 MB line, 100,000 columns, a folder in place of a file")
    func shapes() throws {
        #expect(failure(try file("empty.yaml", []))?.contains("empty.yaml: error: the file is empty") == true)
        #expect(failure(try file("blank.export.CSV", Array("\u{FEFF} \r\n\n".utf8)))?.contains("the file is empty") == true)
        #expect(failure(try file("long.yaml", Array(("dataset:\n  title: \"" + String(repeating: "x", count: 10_000_000) + "\"\n").utf8))) == nil)
        let wide = try #require(failure(try file("wide.csv", Array((Array(repeating: "c", count: 100_000).joined(separator: ",") + "\n").utf8))))
        #expect(wide.count < 2_000)
        #expect(wide.contains("(100000 columns)"))
        let folder = TestPaths.temporaryFolder().appendingPathComponent("folder.yaml").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(failure(folder)?.contains("no .yaml") == true)
    }

    @Test("Impossible dates and numbers beyond Int64 are errors with their line")
    func datesAndNumbers() throws {
        let dates = ["0000-00-00", "2023-13-01", "2023-02-29", "10000", "-2023", "2023-1-1"]
        var yaml = "nodes:\n  - {id: x, kind: state, name: X}\nevents:\n"
        for (index, date) in dates.enumerated() {
            yaml += "  - {id: e\(index), kind: event, date: \"\(date)\", title: t, actors: [x], sources: [{publisher: p}]}\n"
        }
        yaml += "  - {id: big, kind: event, date: 2023, title: t, actors: [x], tone: 99999999999999999999999, sources: [{publisher: p}]}\n"
        do {
            _ = try NativeDatasetLoader.load(documents: [("dates.yaml", yaml)])
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.line) == [4, 5, 6, 7, 8, 9, 10])
            #expect(error.diagnostics.last?.code == .outOfRange)
        }
    }

    @Test("NUL bytes, invalid UTF-8 and CRLF in coded files")
    func bytes() throws {
        #expect(failure(try file("nul.jsonl", Array("{\"type\": \"node\", \"id\": \"a\u{0}b\"}\n".utf8)))?.contains("control character") == true)
        let latin1 = try file("latin1.export.CSV", Array(GDELTRow(id: 1).actor1(code: "ARM", name: "ARM\u{E9}NIE", country: "ARM").line.utf8)
            .map { $0 == 0xC3 ? 0xE9 : $0 }.filter { $0 != 0xA9 } + [10])
        let loaded = try DatasetReader.load(path: latin1)
        #expect(loaded.dataset.events.count == 1)  // the bad byte becomes U+FFFD, the row loads
        let crlf = try file("crlf.csv", Array("date,source,target\r\n2023-01-01,a,b\r\n2023-01-02,\"a,\r\nb\",c\r\n".utf8))
        #expect(try DatasetReader.load(path: crlf).dataset.events.count == 2)
    }

    @Test("Quotes and tabs inside fields, and mixed line ends, keep every field whole")
    func quotesAndTabs() throws {
        let csv = "date,source,target,title\n"
            + "2023-01-01,\"Armenia, Republic of\",b,\"He said \"\"no\"\"\tand left\"\r\n"
            + "2023-01-02,a,b,plain\n"
        let result = try CSVEventsImporter.load(bytes: Array(csv.utf8), file: "q.csv", nodes: nil, mapping: [:],
                                                options: LoadOptions(merge: .none))
        let events = result.dataset.events
        #expect(events.map(\.title) == ["He said \"no\"\tand left", "plain"])
        #expect(events.first?.actors == ["armenia-republic-of"])
        let unterminated = try CSVEventsImporter.load(bytes: Array("date,source\n2023-01-01,\"a\n2023-01-02,b\n".utf8),
                                                      file: "u.csv", nodes: nil, mapping: [:], options: LoadOptions())
        #expect(unterminated.report.problems.map(\.code) == [.unterminatedQuote])
        #expect(unterminated.report.problems.map(\.line) == [2])
    }
}
