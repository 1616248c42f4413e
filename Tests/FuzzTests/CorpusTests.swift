import Foundation
import FuzzTargets
import Testing

/// Every input of the seed corpus and every crash `make fuzz` has found
/// (`Fuzz/corpus/<target>/`, `Fuzz/regressions/<target>/`) passes its target's checks.
@Suite("Fuzz corpus and regressions replay clean")
struct CorpusTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        ["corpus", "regressions"].flatMap { folder in
            let directory = fuzzFolder.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.sorted().map { directory.appendingPathComponent($0) }
        }
    }

    @Test("Each target has a seed corpus", arguments: FuzzTarget.allCases)
    func seeded(target: FuzzTarget) {
        #expect(!Self.inputs(target).isEmpty, "Fuzz/corpus/\(target.rawValue)/ is empty")
    }

    @Test("Each input passes the checks", arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        for url in Self.inputs(target) {
            let findings = target.run([UInt8](try Data(contentsOf: url)))
            #expect(findings.isEmpty, "\(url.lastPathComponent): \(findings)")
        }
    }
}
