import Foundation
import Testing
import TestSupport

/// The `diplograph` program as users run it: hostile input gets exit code 1, an error
/// naming the file (and the line, when there is one), and no output file; an existing
/// output survives a failed run; the input is never modified.
@Suite("Command line: hostile input, outputs, limits")
struct CommandLineTests {
    struct Run {
        let status: Int32
        let standardOutput: [UInt8]
        let standardError: String
    }

    /// The built program, beside this test binary.
    static let program: URL = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
                          Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("diplograph") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("diplograph")
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardOutput: [UInt8](stdout),
                   standardError: String(decoding: stderr, as: UTF8.self))
    }

    static let folder = TestPaths.temporaryFolder()

    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let header = "nodes:\n  - {id: x, kind: state, name: X}\n  - {id: y, kind: state, name: Y}\nevents:\n"

    static func event(date: String, tone: String = "1") -> String {
        "  - {id: e, kind: meeting, date: \"\(date)\", title: t, participants: [x, y], tone: \(tone), sources: [{publisher: p}]}\n"
    }

    /// Hostile files, each with the text its error must contain (file and line).
    static let hostile: [(name: String, bytes: [UInt8], expected: String)] = {
        var bomb = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = Array("abcdefghij").map(String.init)
        for index in 1..<names.count {
            bomb.append("\(names[index]): &\(names[index]) [" + Array(repeating: "*" + names[index - 1], count: 9).joined(separator: ",") + "]")
        }
        var cases: [(String, [UInt8], String)] = [
            ("empty.yaml", [], "empty.yaml: error: the file is empty"),
            ("bomb.yaml", Array(bomb.joined(separator: "\n").utf8), "bomb.yaml:1:1"),
            ("deep.json", Array(("{\"events\": " + String(repeating: "[", count: 20_000) + "}").utf8), "deep.json:1:"),
            ("utf8.yaml", Array(header.utf8) + [0x20, 0x20, 0x2D, 0x20, 0xFF, 0xFE, 0x0A], "utf8.yaml:5:"),
            ("nul.yaml", Array((header + "  - {id: \"a\0b\"}\n").utf8), "nul.yaml:5:"),
            ("huge.yaml", Array((header + event(date: "2023-06-27", tone: "99999999999999999999999")).utf8), "huge.yaml:5:"),
            ("quote.csv", Array("date,source,target\n2023-06-27,\"unterminated,x\n".utf8), "quote.csv"),
            ("gdelt.export.CSV", Array("1\t2\t3\n".utf8), "gdelt.export.CSV:1"),
            ("long.export.CSV", Array(repeating: UInt8(ascii: "x"), count: 10_000_000) + [10], "long.export.CSV:1"),
            ("wide.csv", Array((Array(repeating: "c", count: 100_000).joined(separator: ",") + "\n1\n").utf8),
             "wide.csv:1:1: error: no 'date' column"),
        ]
        for (index, date) in ["0000-00-00", "2023-13-01", "2023-02-29", "10000-01-01"].enumerated() {
            cases.append(("date-\(index).yaml", Array((header + event(date: date)).utf8), "date-\(index).yaml:5:"))
        }
        return cases
    }()

    @Test("Each hostile file: exit code 1, an error naming file and line, no output file",
          arguments: hostile.indices)
    func hostileFile(index: Int) throws {
        let (name, bytes, expected) = Self.hostile[index]
        let input = try Self.file(name, bytes)
        let output = Self.folder.appendingPathComponent("\(name).svg").path
        let run = try Self.run(["render", "--data", input, "--strict", "--at", "2024-01-01", "-o", output])
        #expect(run.status == 1, "\(name): exit \(run.status)\n\(run.standardError)")
        #expect(run.standardError.contains(expected), "\(name): \(run.standardError.prefix(600))")
        #expect(!FileManager.default.fileExists(atPath: output), "\(name): an output file was written")
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == Data(bytes), "\(name): the input changed")
    }

    @Test("A folder in place of a data file: exit code 1 and an error naming it")
    func folderAsFile() throws {
        let folder = Self.folder.appendingPathComponent("folder.yaml").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let run = try Self.run(["validate", "--data", folder])
        #expect(run.status == 1)
        #expect(run.standardError.contains("folder.yaml") && run.standardError.contains("no .yaml"), "\(run.standardError)")
    }

    @Test("--no-header with --map by place loads a headerless file; without it, a date in the header row says to give it")
    func noHeader() throws {
        let file = Self.folder.appendingPathComponent("headerless.tsv").path
        try "Armenia\tconsult\tAzerbaijan\t2023-06-27\nArmenia\tcondemns\tAzerbaijan\t2023-07-01\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let mapping = ["--map", "date=4", "--map", "source=1", "--map", "target=3", "--map", "title=2"]
        let run = try Self.run(["timeline", "--data", file, "--no-header", "--format", "jsonl"] + mapping)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = String(decoding: run.standardOutput, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2 && lines[1].contains("\"title\":\"condemns\""), "\(lines)")
        let refused = try Self.run(["timeline", "--data", file, "--input-format", "csv"] + mapping)
        #expect(refused.status == 1 && refused.standardError.contains("say so (--no-header)"), "\(refused.standardError)")
    }

    @Test("A BOM, CRLF and mixed line ends load like plain LF")
    func lineEnds() throws {
        let text = Self.header + Self.event(date: "2023-06-27")
        let mixed = "\u{FEFF}" + text.split(separator: "\n").enumerated()
            .map { $0.offset % 2 == 0 ? $0.element + "\r\n" : $0.element + "\n" }.joined()
        let input = try Self.file("mixed.yaml", Array(mixed.utf8))
        let run = try Self.run(["validate", "--data", input])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(String(decoding: run.standardOutput, as: UTF8.self).contains("2 nodes, 0 offices, 1 events"))
    }

    @Test("A failed render leaves an existing output file as it was")
    func existingOutputKept() throws {
        let output = Self.folder.appendingPathComponent("kept.svg").path
        try Data("previous drawing".utf8).write(to: URL(fileURLWithPath: output))
        let input = try Self.file("bad-date.yaml", Array((Self.header + Self.event(date: "2023-02-30")).utf8))
        let run = try Self.run(["render", "--data", input, "-o", output])
        #expect(run.status == 1)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous drawing")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasPrefix(".kept.svg") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test("--max-nodes and --max-events stop a drawing that is too large, with advice, exit code 1")
    func limits() throws {
        let output = Self.folder.appendingPathComponent("limited.svg").path
        let nodes = try Self.run(["render", "--data", TestPaths.bundledData, "--at", "2023-06-27", "--max-nodes", "3", "-o", output])
        #expect(nodes.status == 1)
        #expect(nodes.standardError.contains("over --max-nodes 3") && nodes.standardError.contains("--top"))
        let events = try Self.run(["render", "--data", TestPaths.bundledData, "--at", "2025-12-31", "--max-events", "2", "-o", output])
        #expect(events.status == 1)
        #expect(events.standardError.contains("over --max-events 2"))
        #expect(!FileManager.default.fileExists(atPath: output))
        let fine = try Self.run(["render", "--data", TestPaths.bundledData, "--at", "2023-06-27", "--max-nodes", "500", "-o", output])
        #expect(fine.status == 0, "\(fine.standardError)")
    }

    @Test("Terminal escape sequences in data never reach the table output")
    func terminalEscapes() throws {
        let nasty = "\u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m"
        let yaml = "nodes:\n  - {id: x, kind: state, name: \"X\\e[31m\"}\n  - {id: y, kind: state, name: Y}\nevents:\n"
            + "  - {id: e, kind: meeting, date: 2023-06-27, title: \"\(nasty.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x9B ? String(format: "\\x%02X", $0.value) : String($0) }.joined())\", participants: [x, y], sources: [{publisher: p}]}\n"
        let input = try Self.file("escapes.yaml", Array(yaml.utf8))
        for arguments in [["timeline", "--data", input], ["diff", "2023-01-01", "2023-12-31", "--data", input],
                          ["validate", "--data", input]] {
            let run = try Self.run(arguments)
            #expect(run.status == 0, "\(arguments[0]): \(run.standardError)")
            #expect(!run.standardOutput.contains(0x1B) && !run.standardOutput.contains(0x07), "\(arguments[0]) printed a control character")
            #expect(!String(decoding: run.standardOutput, as: UTF8.self).unicodeScalars.contains("\u{9B}"))
        }
    }

    @Test("Option values are checked and listed: a wrong one is a usage error (exit 2) naming the choices")
    func checkedOptionValues() throws {
        for (arguments, choices) in [(["render", "--engine", "spring"], "auto"), (["timeline", "--kind", "summit"], "meeting"),
                                     (["timeline", "--match", "most"], "all"), (["diff", "2023", "2024", "--format", "yaml"], "json"),
                                     (["validate", "--input-format", "excel"], "gdelt"), (["export", "--format", "svg"], "gexf")] {
            let run = try Self.run(arguments)
            #expect(run.status == 2, "\(arguments): exit \(run.status)")
            #expect(run.standardError.contains(choices), "\(arguments): \(run.standardError)")
        }
        let help = String(decoding: try Self.run(["render", "graph", "--help"]).standardOutput, as: UTF8.self)
        #expect(help.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: "")
            .contains("values: auto, dot, neato, fdp, sfdp, circo, twopi"), "\(help)")
    }

    @Test("export: the format from --format, the dates from --from/--to as everywhere else")
    func exportOptions() throws {
        let output = Self.folder.appendingPathComponent("2023.graphml").path
        let run = try Self.run(["export", "--data", TestPaths.bundledData, "--format", "graphml", "--from", "2023-01",
                                "--to", "2023-12", "-o", output])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("<graphml"))
        // `--to` is a date, never a format.
        let old = try Self.run(["export", "--data", TestPaths.bundledData, "--format", "gexf", "--to", "gexf"])
        #expect(old.status == 2 && old.standardError.contains("--to: 'gexf' is not a date"), "\(old.standardError)")
    }

    @Test("A wrong input format names the file's look and the flag to give, not the library's parameter")
    func wrongInputFormat() throws {
        let input = try Self.file("events.yaml", Array((Self.header + Self.event(date: "2023-06-27")).utf8))
        let run = try Self.run(["validate", "--data", input, "--input-format", "gdelt"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("events.yaml: error: the --input-format gdelt was given"), "\(run.standardError)")
        #expect(run.standardError.contains("give the --input-format native") && !run.standardError.contains("`"))
    }
}
