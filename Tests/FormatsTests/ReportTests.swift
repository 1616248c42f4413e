import Foundation
@testable import DiplographFormats
import DiplographCore
import Testing
import TestSupport

@Suite("Reports and output files")
struct ReportTests {
    let store: InMemoryStore

    init() throws {
        store = InMemoryStore(try NativeDatasetLoader.load(path: Paths.bundledData))
    }

    var seedDay: EventList {
        let day = try! EventDate(parsing: "2023-06-27").firstDay
        return store.timeline(TimelineQuery(actors: ["ararat-mirzoyan"], range: DayInterval(first: day, last: day)))
    }

    @Test("Timeline JSON gives the date as written, its precision, parties, issues and sources")
    func timelineJSON() throws {
        let text = TimelineReport(store: store, events: seedDay).render(.json)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 5)
        let meeting = try #require(array.first { $0["id"] as? String == "mirzoyan-blinken-2023-06-27" })
        #expect(meeting["date"] as? String == "2023-06-27")
        #expect(meeting["precision"] as? String == "day")
        #expect(meeting["kind"] as? String == "meeting")
        #expect((meeting["participants"] as? [String])?.sorted() == ["antony-blinken", "ararat-mirzoyan"])
        #expect((meeting["issues"] as? [String])?.count == 6)
        let sources = try #require(meeting["sources"] as? [[String: Any]])
        #expect(sources.first?["publisher"] as? String == "The Armenian Report")
    }

    @Test("Table: aligned columns, cut to the terminal width, control characters removed")
    func table() {
        let report = TimelineReport(store: store, events: seedDay)
        let wide = report.render(.table, width: nil).split(separator: "\n")
        #expect(wide.first?.hasPrefix("DATE") == true)
        #expect(wide.last == "5 events")
        let narrow = report.render(.table, width: 60).split(separator: "\n")
        #expect(narrow.allSatisfy { $0.count <= 60 })
        #expect(singleLine("red\u{1B}[31m\nline") == "red[31m line")
    }

    @Test("CSV quotes commas and quotes, and defuses formulas")
    func csv() {
        #expect(csvField("plain") == "plain")
        #expect(csvField("a, b") == "\"a, b\"")
        #expect(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(csvField("-5") == "-5")
        #expect(csvField("a\r\nb") == "\"a\r\nb\"")
        // Against the rule written plainly, on random text of the characters that matter.
        func plain(_ text: String) -> String {
            var value = String(String.UnicodeScalarView(text.unicodeScalars.filter {
                $0 == "\n" || $0 == "\r" || $0 == "\t" || !($0.value < 0x20 || (0x7F...0x9F).contains($0.value))
            }))
            if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
            let quoted = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            return quoted ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        var generator = SeededGenerator(seed: 19)
        let alphabet = ["a", "Z", "1", ".", " ", ",", "\"", "\r\n", "\n", "\t", "\u{1B}", "\u{85}", "\u{7F}", "é", "°", "=", "-",
                        "+", "@", "—", "😀"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(csvField(text) == plain(text), "\(text.debugDescription)")
        }
        let lines = TimelineReport(store: store, events: seedDay).render(.csv).components(separatedBy: "\r\n")
        #expect(lines.first?.hasPrefix("id,date,") == true)
        #expect(lines.count == 7)
    }

    @Test("Markdown escapes pipes")
    func markdown() {
        #expect(markdownCell("a | b\nc") == "a \\| b c")
        #expect(TimelineReport(store: store, events: seedDay).render(.markdown).hasPrefix("| Date | Kind |"))
    }

    @Test("Diff text names the status change and the offensive")
    func diffText() {
        let diff = store.diff(from: try! EventDate(parsing: "2023-01-01").firstDay,
                              to: try! EventDate(parsing: "2024-01-01").firstDay)
        let text = DiffReport(store: store, diff: diff).render(.text)
        #expect(text.contains("~ Lachin Corridor blockade: active → ended"))
        #expect(text.contains("Azerbaijani military offensive in Nagorno-Karabakh"))
        let json = DiffReport(store: store, diff: diff).render(.json)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func jsonEscaping() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}").serialized() == "\"a\\\"b\\\\c\\n\\u0001\"")
        #expect(JSONValue.number(3).serialized() == "3")
        #expect(JSONValue.number(-2.5).serialized() == "-2.5")
    }

    @Test("Atomic writes replace whole files and leave nothing behind on failure")
    func atomicWrite() throws {
        let folder = Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("sub/out.svg").path
        try AtomicFile.write("first", to: target)
        try AtomicFile.write("second", to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "second")
        #expect(throws: FormatError.self) { try AtomicFile.write("x", to: folder.path) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sub").path)
        #expect(leftovers == ["out.svg"])
    }
}
