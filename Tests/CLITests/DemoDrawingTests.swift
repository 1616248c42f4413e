import Foundation
import Testing
import TestSupport

/// The README's drawings are reproducible: `Scripts/draw-demo.sh` (what `make demo`
/// runs) writes the bytes committed in `Output/`, on this machine's fonts and on a
/// machine that has DejaVu Sans alone, because every drawing names that one font.
@Suite("The README's drawings: the committed bytes, whatever other fonts a machine has")
struct DemoDrawingTests {
    static let committed = TestPaths.repository.appendingPathComponent("Output")

    /// Draws the demo into a new folder, with `environment` added.
    static func draw(_ environment: [String: String] = [:]) throws -> URL {
        let folder = TestPaths.temporaryFolder()
        let process = Process()
        process.executableURL = TestPaths.repository.appendingPathComponent("Scripts/draw-demo.sh")
        process.arguments = [CommandLineTests.program.path, folder.path]
        process.currentDirectoryURL = TestPaths.repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "draw-demo.sh failed: \(message)")
        return folder
    }

    static func compare(_ folder: URL, _ situation: String) throws {
        // Not the screenshot: Chromium draws it with the machine's own fonts and GPU.
        let names = try FileManager.default.contentsOfDirectory(atPath: committed.path).filter { !$0.hasSuffix(".png") }.sorted()
        #expect(names.count >= 7)
        for name in names {
            let drawn = try Data(contentsOf: folder.appendingPathComponent(name))
            let expected = try Data(contentsOf: committed.appendingPathComponent(name))
            #expect(drawn == expected, "\(name) differs from Output/\(name) \(situation): run make demo and look at the diff")
        }
    }

    @Test("make demo's drawings equal the committed Output/, byte for byte")
    func sameAsCommitted() throws {
        try Self.compare(try Self.draw(), "with this machine's fonts")
    }

    /// The file of DejaVu Sans, the one font the drawings name.
    static func fontFile() throws -> String {
        let listed = try ExternalTool.run(["fc-list", "DejaVu Sans:style=Book", "file"])
        // Lines of "FILE: ".
        let file = listed.standardOutput.split(separator: "\n").first.map { String($0.prefix { $0 != ":" }) }
        return try #require(file.flatMap { $0.isEmpty ? nil : $0 }, "DejaVu Sans is not installed: make installs fonts-dejavu-core")
    }

    @Test("No text of a demo drawing prints over another (boxes from the SVG's positions and the font's advance widths)")
    func noTextOverlaps() throws {
        let drawings = try FileManager.default.contentsOfDirectory(atPath: Self.committed.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(drawings.count >= 5)
        let script = TestPaths.repository.appendingPathComponent("Scripts/text-overlaps.py").path
        let run = try ExternalTool.run(["python3", script, try Self.fontFile()] + drawings.map { Self.committed.appendingPathComponent($0).path })
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("0 overlapping text pairs in \(drawings.count) drawings"), "\(run.standardOutput)")
    }

    @Test("The overlap check finds labels printed over each other (the README's diff as it was drawn before)")
    func overlapCheckFindsOverlaps() throws {
        let svg = TestPaths.temporaryFolder().appendingPathComponent("overlapping.svg")
        try """
            <svg xmlns="http://www.w3.org/2000/svg" font-size="9"><g>
            <text text-anchor="middle" x="805.88" y="-815.8">calls&#45;for 2023&#45;06&#45;27</text>
            <text text-anchor="middle" x="805.88" y="-815.8" font-size="9.00">condemns 2023&#45;06&#45;27</text>
            <text x="900" y="-815.8">apart</text>
            </g></svg>
            """.write(to: svg, atomically: true, encoding: .utf8)
        let script = TestPaths.repository.appendingPathComponent("Scripts/text-overlaps.py").path
        let run = try ExternalTool.run(["python3", script, try Self.fontFile(), svg.path])
        #expect(run.status == 1 && run.standardOutput.contains("1 overlapping text pairs"), "\(run.standardOutput)")
    }

    @Test("The same bytes on a machine whose fontconfig knows DejaVu Sans alone")
    func sameWithDejaVuAlone() throws {
        let font = try Self.fontFile()
        let configuration = TestPaths.temporaryFolder()
        let fontFolder = (font as NSString).deletingLastPathComponent
        try """
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig><dir>\(fontFolder)</dir><cachedir>\(configuration.path)/cache</cachedir></fontconfig>
            """.write(to: configuration.appendingPathComponent("fonts.conf"), atomically: true, encoding: .utf8)
        try Self.compare(try Self.draw(["FONTCONFIG_FILE": configuration.appendingPathComponent("fonts.conf").path]),
                         "with DejaVu Sans as the only font")
    }
}
