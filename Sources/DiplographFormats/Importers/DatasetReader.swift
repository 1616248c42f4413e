import Foundation
import DiplographCore

/// The input formats Diplograph reads.
public enum InputFormat: String, Sendable, CaseIterable {
    case auto, native, gdelt, icews, plover, csv

    var displayName: String {
        switch self {
        case .auto: "auto"
        case .native: "the native YAML/JSON dataset format"
        case .gdelt: "GDELT"
        case .icews: "ICEWS"
        case .plover: "PLOVER JSON lines"
        case .csv: "CSV events"
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
        if GDELTImporter.looksLikeGDELT(line) { return .gdelt }
        if ICEWSImporter.looksLikeICEWS(line) { return .icews }
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

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Loads `path` as `format` (`.auto`: detected). A format given by the user that
    /// the file plainly is not is an error naming what the file looks like.
    public static func load(path: String, format: InputFormat = .auto, options: ImportOptions = ImportOptions(),
                            csvNodes: String? = nil, csvMapping: [String: String] = [:]) throws(Failure) -> Loaded {
        if isBlankFile(path) {
            throw Failure(description: "\(path): error: the file is empty (nothing but white space); "
                          + "give a dataset or an event file with rows")
        }
        let detected = detect(path: path)
        var chosen = format
        if format == .auto {
            guard let detected else {
                if !FileManager.default.fileExists(atPath: path) {
                    return try loadNative(path)  // reports the missing path
                }
                throw Failure(description: "\(path): cannot tell the format from the name or the first line; "
                              + "give --input-format (\(InputFormat.allCases.dropFirst().map(\.rawValue).joined(separator: ", ")))")
            }
            chosen = detected
        } else if let detected, detected != format, !(format == .csv && detected == .icews) {
            // (An ICEWS file may be read as generic CSV on purpose: it has a header.)
            throw Failure(description: "\(path): --input-format \(format.rawValue) was given, but the file looks like "
                          + "\(detected.displayName) (from its \(detected == .native ? "name" : "first line")); "
                          + "use --input-format \(detected.rawValue) or leave the option out")
        }
        switch chosen {
        case .auto, .native: return try loadNative(path)
        case .gdelt: return try coded(path) { () throws(ImportError) in try GDELTImporter.load(path: path, options: options) }
        case .icews: return try coded(path) { () throws(ImportError) in try ICEWSImporter.load(path: path, options: options) }
        case .plover: return try coded(path) { () throws(ImportError) in try PLOVERImporter.load(path: path, options: options) }
        case .csv:
            return try coded(path) { () throws(ImportError) in
                try CSVEventsImporter.load(path: path, nodesPath: csvNodes, mapping: csvMapping, options: options)
            }
        }
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

    private static func coded(_ path: String, _ body: () throws(ImportError) -> ImportResult) throws(Failure) -> Loaded {
        let result: ImportResult
        do {
            result = try body()
        } catch {
            throw Failure(description: error.description)
        }
        if result.report.rowsRead > 0, result.report.rowsImported == 0 {
            let first = result.report.problems.first.map { "; the first: \($0)" } ?? ""
            throw Failure(description: "\(path): error: none of the \(result.report.rowsRead) rows could be imported\(first)\n"
                          + "check the format (--input-format) and the file")
        }
        return Loaded(content: .coded(nodes: result.nodes, table: result.table), report: result.report)
    }

    private static func loadNative(_ path: String) throws(Failure) -> Loaded {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" {
            do {
                return Loaded(content: .lines(try NativeJSONLinesLoader.load(path: path)), report: nil)
            } catch {
                throw Failure(description: error.description)
            }
        }
        do {
            return Loaded(content: .native(try NativeDatasetLoader.load(path: path)), report: nil)
        } catch {
            throw Failure(description: error.description)
        }
    }
}
