import DiplographFormats
import DiplographCore
import TestSupport

/// The native loaders: a document either loads, and then survives a write and a
/// second load unchanged, or fails with diagnostics that point into the document.
enum NativeTargets {
    static func runYAML(_ bytes: [UInt8], _ findings: inout Findings) {
        let text = String(decoding: bytes, as: UTF8.self)
        let dataset: Dataset
        do {
            dataset = try NativeDatasetLoader.load(documents: [("fuzz.yaml", text)])
        } catch {
            checkDiagnostics(error, lines: yamlLineCount(text), &findings)
            return
        }
        let store = InMemoryStore(dataset)
        StoreChecks.run(store, &findings)
        let written = NativeDatasetWriter.json(NativeDatasetWriter.dataset(of: store))
        do {
            let again = try NativeDatasetLoader.load(documents: [("round-trip.json", written)])
            findings.check(again.normalized == dataset.normalized, "the dataset changed in a JSON round trip")
        } catch {
            findings.check(false, "the written JSON does not load: \(error)")
        }
    }

    static func runJSONLines(_ bytes: [UInt8], _ findings: inout Findings) {
        let text = String(decoding: bytes, as: UTF8.self)
        let loaded: NativeJSONLinesLoader.Loaded
        do {
            loaded = try NativeJSONLinesLoader.load(text: text, file: "fuzz.jsonl")
        } catch {
            checkDiagnostics(error, lines: lineCount(bytes), &findings)
            return
        }
        // Large files are read on two cores: that read must give what one pass gives
        // (or leave the file to one pass).
        if !bytes.isEmpty, let split = bytes.withUnsafeBufferPointer({
            NativeJSONLinesLoader.loadOnTwoCores(base: $0.baseAddress!, count: $0.count, file: "fuzz.jsonl", threshold: 0)
        }) {
            func events(_ loaded: NativeJSONLinesLoader.Loaded) -> [Event] { (0..<loaded.table.count).map { loaded.table[$0] } }
            findings.check(events(split) == events(loaded), "two cores and one pass give different events")
            findings.check(split.nodes == loaded.nodes && split.offices == loaded.offices,
                           "two cores and one pass give different nodes or offices")
            findings.check(split.title == loaded.title && split.notes == loaded.notes,
                           "two cores and one pass give a different title or notes")
        }
        let store = InMemoryStore(title: loaded.title, notes: loaded.notes, nodes: loaded.nodes,
                               offices: loaded.offices, table: loaded.table)
        StoreChecks.run(store, &findings)
        let dataset = NativeDatasetWriter.dataset(of: store)
        do {
            let again = try NativeJSONLinesLoader.load(text: NativeDatasetWriter.jsonLines(dataset), file: "round-trip.jsonl")
            let back = Dataset(title: again.title, notes: again.notes, nodes: again.nodes, offices: again.offices,
                               events: (0..<again.table.count).map { again.table[$0] })
            findings.check(back.normalized == dataset.normalized, "the dataset changed in a JSON-lines round trip")
        } catch {
            findings.check(false, "the written JSON lines do not load: \(error)")
        }
    }

    /// Every diagnostic names the file and a line and column inside it (or 0 for the
    /// whole file), and says what to do.
    static func checkDiagnostics(_ error: FormatError, lines: Int, _ findings: inout Findings) {
        findings.check(!error.diagnostics.isEmpty, "a failed load reported no problem")
        for diagnostic in error.diagnostics {
            findings.check(diagnostic.line >= 0 && diagnostic.line <= lines + 1,
                           "diagnostic line \(diagnostic.line) outside the \(lines)-line input: \(diagnostic)")
            findings.check((diagnostic.line == 0) == (diagnostic.column == 0) || diagnostic.column >= 1,
                           "diagnostic column \(diagnostic.column) at line \(diagnostic.line)")
            findings.check(!diagnostic.message.isEmpty && !diagnostic.hint.isEmpty, "diagnostic without message or hint")
        }
    }

    /// Lines as a byte reader counts them: one per LF.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// Lines as YAML counts them (and so editors): CR LF, a lone CR, LF, NEL, and the
    /// Unicode line and paragraph separators each end one.
    static func yamlLineCount(_ text: String) -> Int {
        var count = 1
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if previous != "\r" { count += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
            default: break
            }
            previous = scalar
        }
        return count
    }
}
