import DiplographFormats
import DiplographCore

/// The coded-data importers: any bytes give either an error or a table whose report
/// adds up, whose problems point at lines of the input, and whose store answers
/// queries as a plain scan does. Under `--strict` a file with a problem never loads.
enum ImporterTargets {
    static func runGDELT(_ bytes: [UInt8], _ findings: inout Findings) {
        check(["fuzz.export.CSV": bytes], &findings) { (options) throws(FormatError) in
            try bytes.withUnsafeBytes { raw in
                Result { () throws(FormatError) in try GDELTImporter.load(bytes: raw, file: "fuzz.export.CSV", options: options) }
            }.get()
        }
        // Large files are read on two cores: that read must give what one pass gives,
        // with the halves whole or one half's end read apart (by the input's length).
        guard !bytes.isEmpty, let single = try? bytes.withUnsafeBytes({ raw in
            Result { () throws(FormatError) in try GDELTImporter.load(bytes: raw, file: "fuzz.export.CSV", options: LoadOptions()) }
        }).get() else { return }
        let split = bytes.withUnsafeBufferPointer {
            GDELTImporter.loadOnTwoCores(base: $0.baseAddress!, count: $0.count, file: "fuzz.export.CSV", options: LoadOptions(),
                                         takeEndOfHalf: [nil, 0, 1][bytes.count % 3])
        }
        guard let split else { return }
        func comparable(_ result: ImportResult) -> [Event] {
            result.dataset.events.map { event in
                var copy = event
                copy.tone = event.tone.map { ($0 * 1e6).rounded() / 1e6 }
                return copy
            }
        }
        let (twoCores, onePass) = (comparable(split), comparable(single))
        let differing = zip(twoCores, onePass).first { $0 != $1 }.map { "\n\($0.0)\nvs\n\($0.1)" } ?? ""
        findings.check(twoCores == onePass, "two cores and one pass give different events (\(twoCores.count) vs \(onePass.count))\(differing)")
        findings.check(split.nodes == single.nodes, "two cores and one pass give different nodes")
        findings.check(split.report.problems == single.report.problems, "two cores and one pass report different problems")
    }

    static func runICEWS(_ bytes: [UInt8], _ findings: inout Findings) {
        check(["fuzz.tab": bytes], &findings) { (options) throws(FormatError) in
            try ICEWSImporter.load(bytes: bytes, file: "fuzz.tab", options: options)
        }
    }

    /// The first line that starts with `nodes:` splits the input into a nodes file
    /// (before) and an events file (after), so both readers are reached.
    static func runCSV(_ bytes: [UInt8], _ findings: inout Findings) {
        let marker = Array("\nnodes:\n".utf8)
        var nodes: (bytes: [UInt8], file: String)?
        var events = bytes
        if let split = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) {
            nodes = (Array(bytes[..<split]), "fuzz-nodes.csv")
            events = Array(bytes[(split + marker.count)...])
        }
        let files = ["fuzz.csv": events].merging(nodes.map { [$0.file: $0.bytes] } ?? [:]) { first, _ in first }
        check(files, &findings) { (options) throws(FormatError) in
            try CSVEventsImporter.load(bytes: events, file: "fuzz.csv", nodes: nodes, mapping: [:], options: options)
        }
    }

    /// `files`: the inputs by the names problems give them.
    static func check(_ files: [String: [UInt8]], _ findings: inout Findings,
                      load: (LoadOptions) throws(FormatError) -> ImportResult) {
        guard let result = try? load(LoadOptions()) else { return }
        let report = result.report
        findings.check(report.rowsImported + report.rowsSkipped == report.rowsRead,
                       "report does not add up: \(report)")
        findings.check(report.events == result.table.count && report.events <= report.rowsImported,
                       "report events \(report.events), table \(result.table.count), imported \(report.rowsImported)")
        for problem in report.problems {
            let lines = files[problem.file].map(NativeTargets.lineCount) ?? 0
            findings.check(problem.line >= 1 && problem.line <= lines, "problem line \(problem.line) outside \(lines) lines: \(problem)")
        }
        let ids = (0..<result.table.count).map { result.table[$0].id }
        findings.check(Set(ids).count == ids.count, "two events share an id")
        StoreChecks.run(InMemoryStore(nodes: result.nodes, offices: [], table: result.table), &findings)

        let strict = Result { () throws(FormatError) in try load(LoadOptions(strict: true)) }
        if case .success(let strictResult) = strict {
            findings.check(strictResult.report.problems.isEmpty, "--strict loaded a file with problems")
        }
    }
}
