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
        let names = try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted()
        #expect(names.count >= 6)
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

    @Test("The same bytes on a machine whose fontconfig knows DejaVu Sans alone")
    func sameWithDejaVuAlone() throws {
        let listed = try ExternalTool.run(["fc-list", "DejaVu Sans:style=Book", "file"])
        // Lines of "FILE: ".
        let file = listed.standardOutput.split(separator: "\n").first.map { String($0.prefix { $0 != ":" }) }
        let font = try #require(file.flatMap { $0.isEmpty ? nil : $0 }, "DejaVu Sans is not installed: make installs fonts-dejavu-core")
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
