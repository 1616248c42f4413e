import Foundation
import DiplographCore

/// The input formats Diplograph reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Detected from the file's name and first line.
    case auto
    /// The native dataset: a folder or a `.yaml`/`.yml`/`.json` file, or JSON lines.
    case native
    /// GDELT 2.0 events (61 tab-separated columns) or GDELT 1.0 daily files.
    case gdelt
    /// ICEWS event files (`.tab` or `.csv`, with their header).
    case icews
    /// PLOVER / POLECAT JSON lines.
    case plover
    /// CSV events with columns by name (Kumu/Palladio style).
    case csv
    /// Temporal knowledge-graph quadruples: head, relation, tail, date.
    case quads

    var displayName: String {
        switch self {
        case .auto: "auto"
        case .native: "the native YAML/JSON dataset format"
        case .gdelt: "GDELT"
        case .icews: "ICEWS"
        case .plover: "PLOVER JSON lines"
        case .csv: "CSV events"
        case .quads: "temporal-KG quadruples (head, relation, tail, date)"
        }
    }
}

/// Reads a dataset in any supported format: a folder or a `.yaml`/`.yml`/`.json`
/// file in the native format, or one coded event file.
public enum DatasetReader {
    /// The format a file's extension and first line show, or nil when neither tells.
    ///
    /// - Complexity: reads at most the first 64 KiB of the file.
    public static func detect(path: String) -> InputFormat? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return .native }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "yaml" || ext == "yml" { return .native }
        if ext == "jsonl" || ext == "ndjson" {
            // Native JSON lines, unless the lines are PLOVER records.
            return peekFirstLine(path).map { PLOVERImporter.looksLikePLOVER($0[...]) } == true ? .plover : .native
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        let text = String(decoding: head, as: UTF8.self)
        guard let firstLine = text.split(separator: "\n").first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else { return nil }
        let line = firstLine.hasSuffix("\r") ? firstLine.dropLast() : firstLine
        let trimmed = line.drop { $0 == " " || $0 == "\u{FEFF}" }
        if PLOVERImporter.looksLikePLOVER(trimmed) { return .plover }
        if ext == "json" || trimmed.hasPrefix("{") { return .native }
        if GDELTImporter.looksLikeGDELT(line) || GDELTImporter.looksLikeGDELTHeader(trimmed) { return .gdelt }
        if ICEWSImporter.looksLikeICEWS(line) { return .icews }
        let firstLines = text.split(separator: "\n").prefix(5).filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if QuadsImporter.looksLikeQuads(Array(firstLines)) { return .quads }
        // GDELT's own file names (20231024143000.export.CSV, 20230627.export.CSV): rows
        // that do not fit are then reported as GDELT rows, by line.
        if path.lowercased().hasSuffix(".export.csv") { return .gdelt }
        if ext == "csv" || ext == "tsv" || ext == "tab" { return .csv }
        return nil
    }

    /// A loaded dataset: native values, or a coded file's event table.
    public struct Loaded: Sendable {
        enum Content: Sendable {
            case native(Dataset)
            case coded(nodes: [Node], table: EventTable)
            case lines(NativeJSONLinesLoader.Loaded)
        }

        var content: Content
        /// How the rows of a coded file were read; nil for the native format.
        public let report: ImportReport?

        /// The events as values (for small data and tests).
        public var dataset: Dataset {
            switch content {
            case .native(let dataset): dataset
            case .coded(let nodes, let table): Dataset(nodes: nodes, events: (0..<table.count).map { table[$0] })
            case .lines(let loaded):
                Dataset(title: loaded.title, notes: loaded.notes, nodes: loaded.nodes, offices: loaded.offices,
                        events: (0..<loaded.table.count).map { loaded.table[$0] })
            }
        }

        /// Builds the store, handing the data over so that nothing is copied.
        public consuming func makeStore() -> InMemoryStore {
            // Taken out, not read: a reference left in `self` makes the store's work in
            // place (renumbering, reordering) copy each column first.
            var taken = Content.native(Dataset())
            swap(&taken, &content)
            return switch consume taken {
            case .native(let dataset): InMemoryStore(dataset)
            case .coded(let nodes, let table): InMemoryStore(nodes: nodes, offices: [], table: table)
            case .lines(let loaded): loaded.makeStore()
            }
        }
    }

    private static func peekFirstLine(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        return String(decoding: head, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }

    /// Loads `path` in `options.format` (`.auto`: detected). A format given that the
    /// file plainly is not is an error naming what the file looks like.
    ///
    /// - Complexity: O(n) in the file's size; GDELT and JSON-lines files of 64 MiB
    ///   or more are read on two cores.
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws(FormatError) -> Loaded {
        let format = options.format
        if isBlankFile(path) {
            throw FormatError(Diagnostic(code: .noRows, file: path, message: "the file is empty (nothing but white space)",
                                         hint: "give a dataset or an event file with rows"))
        }
        let detected = detect(path: path)
        var chosen = format
        if format == .auto {
            guard let detected else {
                if !FileManager.default.fileExists(atPath: path) {
                    return try loadNative(path)  // reports the missing path
                }
                throw FormatError(Diagnostic(code: .unknownFormat, file: path,
                                             message: "cannot tell the format from the name or the first line",
                                             hint: "give the `format` (\(InputFormat.allCases.dropFirst().map(\.rawValue).joined(separator: ", ")))"))
            }
            chosen = detected
        } else if let detected, detected != format, !(format == .csv && [.icews, .quads].contains(detected)) {
            // (An ICEWS file may be read as generic CSV on purpose: it has a header; a
            // file of quadruples with columns mapped by place.)
            throw FormatError(Diagnostic(code: .wrongFormat, file: path,
                                         message: "the `format` \(format.rawValue) was given, but the file looks like "
                                             + "\(detected.displayName) (from its \(detected == .native ? "name" : "first line"))",
                                         hint: "give the `format` \(detected.rawValue), or leave it to be detected"))
        }
        switch chosen {
        case .auto, .native: return try loadNative(path)
        case .gdelt:
            let header = peekFirstLine(path).map { GDELTImporter.looksLikeGDELTHeader($0[...]) } == true
            let names = try options.countryNames.map { (namesPath) throws(FormatError) in try countryNames(path: namesPath) }
            return try coded(path) { () throws(FormatError) in
                let result = header ? try GDELTImporter.loadWithHeader(path: path, options: options)
                    : try GDELTImporter.load(path: path, options: options)
                guard let names else { return result }
                return ImportResult(nodes: result.nodes.map { node in
                    // A country by its code (its id, lowercased), not by the code or by
                    // the actor name of a row coded with it (GDELT codes cities so:
                    // AUS "Victoria", DNK "Copenhagen").
                    guard node.kind == .state, let name = names[node.id.uppercased()] else { return node }
                    var named = node
                    named.name = name
                    return named
                }, table: result.table, report: result.report)
            }
        case .icews: return try coded(path) { () throws(FormatError) in try ICEWSImporter.load(path: path, options: options) }
        case .plover: return try coded(path) { () throws(FormatError) in try PLOVERImporter.load(path: path, options: options) }
        case .quads: return try coded(path) { () throws(FormatError) in try QuadsImporter.load(path: path, options: options) }
        case .csv:
            return try coded(path) { () throws(FormatError) in
                try CSVEventsImporter.load(path: path, nodesPath: options.csvNodes, mapping: options.csvMapping, options: options)
            }
        }
    }

    /// CAMEO country codes → names from `CODE<TAB>LABEL` lines (a header is passed over).
    static func countryNames(path: String) throws(FormatError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FormatError(.unreadable(path)) }
        var names: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, fields[0] != "CODE" else { continue }
            let code = fields[0].trimmingCharacters(in: .whitespaces)
            let name = fields[1].trimmingCharacters(in: .whitespaces)
            if !code.isEmpty, !name.isEmpty, names[code] == nil { names[code] = name }
        }
        guard !names.isEmpty else {
            throw FormatError(Diagnostic(code: .noRows, file: path, message: "no CODE<TAB>NAME line in the file",
                                         hint: "give GDELT's CAMEO.country.txt"))
        }
        return names
    }

    /// A regular file with no bytes but white space (and a BOM). An empty file given
    /// on purpose is almost always a failed download or a wrong path.
    static func isBlankFile(_ path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = attributes[.size] as? Int, size <= 65_536,
              let data = FileManager.default.contents(atPath: path) else { return false }
        return data.allSatisfy { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    }

    private static func coded(_ path: String, _ body: () throws(FormatError) -> ImportResult) throws(FormatError) -> Loaded {
        let result = try body()
        if result.report.rowsRead > 0, result.report.rowsImported == 0 {
            let first = result.report.problems.first.map { "; the first: \($0)" } ?? ""
            throw FormatError(Diagnostic(code: .noRows, file: path,
                                         message: "none of the \(result.report.rowsRead) rows could be imported\(first)",
                                         hint: "check the `format` and the file"))
        }
        return Loaded(content: .coded(nodes: result.nodes, table: result.table), report: result.report)
    }

    private static func loadNative(_ path: String) throws(FormatError) -> Loaded {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" {
            return Loaded(content: .lines(try NativeJSONLinesLoader.load(path: path)), report: nil)
        }
        return Loaded(content: .native(try NativeDatasetLoader.load(path: path)), report: nil)
    }
}

extension InMemoryStore {
    /// Loads a dataset file or folder in any format Diplograph reads (see
    /// `DatasetReader.load(path:options:)`) into a store.
    public init(loading path: String, options: LoadOptions = LoadOptions()) throws(FormatError) {
        self = try DatasetReader.load(path: path, options: options).makeStore()
    }
}
