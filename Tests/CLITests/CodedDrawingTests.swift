import Foundation
import Testing
import TestSupport

/// Drawings of coded data as a new user makes them: titled by the file, about as wide
/// as tall, countries by name.
@Suite("Drawings of coded data")
struct CodedDrawingTests {
    static let icews = TestPaths.shared.appendingPathComponent("data/icews/events.2018-06-01.tab").path
    static let gdelt = TestPaths.shared.appendingPathComponent("data/gdelt/20191024143000.export.CSV").path

    @Test("The top-40 ICEWS snapshot: titled by its file, its disconnected pairs packed about as wide as tall",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func icewsSnapshot() throws {
        let output = TestPaths.temporaryFolder().appendingPathComponent("icews.svg").path
        let run = try CommandLineTests.run(["render", "--data", Self.icews, "--at", "2018-06-01", "--top", "40", "-o", output])
        #expect(run.status == 0, "\(run.standardError)")
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        #expect(svg.contains(">events.2018&#45;06&#45;01.tab</text>"), "titled by the file")
        #expect(!svg.contains(">Diplograph</text>"))
        func points(_ name: String) throws -> Double {
            let range = try #require(svg.range(of: "\(name)=\"[0-9.]+pt\"", options: .regularExpression))
            return Double(svg[range].dropFirst(name.count + 2).dropLast(3)) ?? 0
        }
        let (width, height) = (try points("width"), try points("height"))
        #expect(width / height > 0.5 && width / height < 2, "\(width) × \(height) pt")
    }

    @Test("GDELT countries named from CAMEO.country.txt, not by code or by a city GDELT coded with them",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func countryNames() throws {
        let table = TestPaths.shared.appendingPathComponent("data/gdelt/CAMEO.country.txt").path
        let names = Dictionary(try String(contentsOfFile: table, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return fields.count == 2 ? (fields[0].lowercased(), fields[1]) : nil
        }, uniquingKeysWith: { first, _ in first })
        let plain = try CommandLineTests.run(["validate", "--data", Self.gdelt, "--list"])
        let named = try CommandLineTests.run(["validate", "--data", Self.gdelt, "--list", "--country-names", table])
        #expect(named.status == 0, "\(named.standardError)")
        func states(_ run: CommandLineTests.Run) -> [String: String] {
            let text = String(decoding: run.standardOutput, as: UTF8.self)
            let section = text.components(separatedBy: "state:\n").dropFirst().first?.components(separatedBy: ":\n").first ?? ""
            return Dictionary(section.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
                return parts.count == 2 ? (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) : nil
            }, uniquingKeysWith: { first, _ in first })
        }
        let (before, after) = (states(plain), states(named))
        #expect(before["dnk"] == "Copenhagen" && after["dnk"] == "Denmark", "\(before["dnk"] ?? "-") → \(after["dnk"] ?? "-")")
        #expect(!after.isEmpty && after.allSatisfy { id, name in names[id].map { $0 == name } ?? true }, "\(after)")
    }
}
