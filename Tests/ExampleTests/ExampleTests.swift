import Foundation
import Testing
import TestSupport

/// The programs in Examples/, run as built: each does what its comment promises, the
/// DOT example links no Graphviz, and the README shows the timeline example as it is.
@Suite("Examples: built, run, and shown in the README as they are")
struct ExampleTests {
    /// A built example, beside this test binary.
    static func program(_ name: String) -> String {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
                          Bundle.main.bundleURL.deletingLastPathComponent()]
        return (candidates.map { $0.appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent(name)).path
    }

    /// Runs an example in the repository's folder (the examples read `Data/`).
    static func run(_ name: String, _ arguments: [String] = []) throws -> ExternalTool.Output {
        try ExternalTool.run(["-C", TestPaths.repository.path, program(name)] + arguments)
    }

    @Test("example-timeline: Mirzoyan's June 2023, the seed meeting with Blinken on the 27th")
    func timeline() throws {
        let run = try Self.run("example-timeline")
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("2023-06-27 meeting") && $0.contains("Antony Blinken") }, "\(run.standardOutput)")
        #expect(lines.allSatisfy { $0.hasPrefix("2023-06") }, "an event outside June 2023: \(run.standardOutput)")
    }

    @Test("example-gdelt-diff: a GDELT file's strongest relations, the last day's diff, DOT without libgvc")
    func gdeltDiff() throws {
        let folder = TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("20230627.export.CSV").path
        // Armenia and Azerbaijan meet on both days (three reports on the 27th: one event),
        // and the United States speaks to Armenia on the 27th only.
        let rows = [
            GDELTRow(id: 1, date: "20230626", code: "040").actor1(code: "ARM", name: "ARMENIA", country: "ARM")
                .actor2(code: "AZE", name: "AZERBAIJAN", country: "AZE"),
            GDELTRow(id: 2, date: "20230627", code: "040").actor1(code: "ARM", name: "ARMENIA", country: "ARM")
                .actor2(code: "AZE", name: "AZERBAIJAN", country: "AZE"),
            GDELTRow(id: 3, date: "20230627", code: "040").actor1(code: "ARM", name: "ARMENIA", country: "ARM")
                .actor2(code: "AZE", name: "AZERBAIJAN", country: "AZE"),
            GDELTRow(id: 4, date: "20230627", code: "040").actor1(code: "ARM", name: "ARMENIA", country: "ARM")
                .actor2(code: "AZE", name: "AZERBAIJAN", country: "AZE"),
            GDELTRow(id: 5, date: "20230627", code: "051").actor1(code: "USA", name: "UNITED STATES", country: "USA")
                .actor2(code: "ARM", name: "ARMENIA", country: "ARM"),
        ]
        try Data((rows.map(\.line).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let dot = folder.appendingPathComponent("week.dot").path
        let run = try Self.run("example-gdelt-diff", [file, dot])
        #expect(run.status == 0, "\(run.standardError)\(run.standardOutput)")
        #expect(run.standardOutput.contains("5 rows read"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("met--arm--aze: 2 events"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("On 2023-06-27: 2 events, 1 new relations, 1 relations changed, 1 new actors"),
                "\(run.standardOutput)")
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        #expect(text.hasPrefix("digraph \"snapshot\"") && text.contains("\"arm\" -> \"aze\""))

        // What each program links: the DOT example no Graphviz, the SVG example libgvc.
        let linked = try ExternalTool.run(["ldd", Self.program("example-gdelt-diff")])
        #expect(linked.status == 0 && !linked.standardOutput.contains("libgvc"), "\(linked.standardOutput)")
        let rendering = try ExternalTool.run(["ldd", Self.program("example-render-svg")])
        #expect(rendering.standardOutput.contains("libgvc"), "\(rendering.standardOutput)")
    }

    @Test("example-render-svg: the 2023-06-27 graph as SVG, with stable ids for nodes and relations")
    func renderSVG() throws {
        let output = TestPaths.temporaryFolder().appendingPathComponent("snapshot.svg").path
        let run = try Self.run("example-render-svg", [output, "2023-06-27"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("wrote \(output)"))
        // Graphviz writes a hyphen in an SVG attribute as `&#45;`.
        let svg = try String(contentsOfFile: output, encoding: .utf8).replacingOccurrences(of: "&#45;", with: "-")
        #expect(svg.contains("<svg") && svg.contains("id=\"node-ararat-mirzoyan\""))
        #expect(svg.contains("id=\"edge-met--antony-blinken--ararat-mirzoyan\""))
    }

    @Test("The README's library example is Examples/Timeline/main.swift, line for line")
    func readmeShowsTheExample() throws {
        let readme = try String(contentsOf: TestPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: TestPaths.repository.appendingPathComponent("Examples/Timeline/main.swift"),
                                 encoding: .utf8)
        #expect(readme.contains("```swift\n" + example + "```"), "the README's code block differs from the example")
    }
}
