import Foundation
import Graph

/// GDELT event files: 2.0 (61 tab-separated columns, `.export.CSV`) and 1.0 daily
/// files (57 columns, 58 from April 2013 with SOURCEURL). No header row.
///
/// Mapping, row by row:
/// - Actor1/Actor2 → nodes. An actor with a CAMEO country code is that country's
///   `state` node (id: the code in lower case, alias: the code, so `--actor ARM`
///   finds it); one with a known-group code (IGOs, NGOs, rebels) an `organization`
///   by that code; any other named actor an `organization` by its actor code. A row
///   with neither actor is skipped (`no-actor`); with one, the event has one side.
/// - EventCode → kind and stance by the table in `CAMEO`; the code is kept, as text,
///   in the `cameo` attribute, QuadClass in `quad_class`.
/// - GoldsteinScale → tone (both run −10…+10).
/// - SQLDATE → the day-precision date; DATEADDED → the `recorded` attribute and the
///   source's date; SOURCEURL → the source (publisher: the web host).
/// - GLOBALEVENTID → the id `gdelt-<id>`.
public enum GDELTImporter {
    static let actor1 = ActorColumns(code: 5, name: 6, country: 7, knownGroup: 8)
    static let actor2 = ActorColumns(code: 15, name: 16, country: 17, knownGroup: 18)
    static let eventCode = 26
    static let quadClass = 29
    static let goldstein = 30

    struct ActorColumns {
        let code: Int
        let name: Int
        let country: Int
        let knownGroup: Int
    }

    /// Column positions that differ between versions.
    struct Layout {
        let columns: Int
        let dateAdded: Int
        let sourceURL: Int?
        let name: String

        static func forColumnCount(_ count: Int) -> Layout? {
            switch count {
            case 61: Layout(columns: 61, dateAdded: 59, sourceURL: 60, name: "GDELT 2.0 events")
            case 58: Layout(columns: 58, dateAdded: 56, sourceURL: 57, name: "GDELT 1.0 daily events")
            case 57: Layout(columns: 57, dateAdded: 56, sourceURL: nil, name: "GDELT 1.0 daily events (no SOURCEURL)")
            default: nil
            }
        }
    }

    /// Whether `line` looks like a GDELT row: a known column count, a numeric id and
    /// an eight-digit SQLDATE.
    static func looksLikeGDELT(_ line: Substring) -> Bool {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard Layout.forColumnCount(fields.count) != nil else { return false }
        return fields[0].allSatisfy(\.isNumber) && fields[1].count == 8 && fields[1].allSatisfy(\.isNumber)
    }

    public static func load(path: String, options: ImportOptions) throws(ImportError) -> ImportResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ImportError("\(path): cannot read the file (\(error.localizedDescription))")
        }
        return try data.withUnsafeBytes { raw in
            Result { () throws(ImportError) -> ImportResult in try load(bytes: raw, file: path, options: options) }
        }.get()
    }

    public static func load(bytes raw: UnsafeRawBufferPointer, file: String,
                            options: ImportOptions) throws(ImportError) -> ImportResult {
        var assembly = ImportAssembly(options: options, format: "GDELT")
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else {
            return assembly.finish()
        }
        let end = raw.count
        var fields = ByteFields(base: base)
        var layout: Layout?
        var cache = NodeCache()
        var titles: [String: String] = [:]
        var lineStart = 0
        var lineNumber = 0
        var nextProgress = 1 << 23
        while lineStart < end {
            let lineEnd = nextLineEnd(base, lineStart, end)
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, base[contentEnd - 1] == 13 { contentEnd -= 1 }  // CRLF
            if contentEnd == lineStart { continue }
            assembly.report.rowsRead += 1
            if let progress = options.progress, lineStart >= nextProgress {
                progress(lineStart, end)
                nextProgress += 1 << 23
            }
            fields.split(lineStart, contentEnd)
            if layout == nil {
                layout = Layout.forColumnCount(fields.count)
                if let layout { assembly.report.format = layout.name }
            }
            guard let layout, fields.count == layout.columns else {
                try assembly.problem(.wrongColumnCount, file: file, line: lineNumber,
                                     "\(fields.count) tab-separated fields; GDELT rows have 61 (2.0) or 57/58 (1.0)")
                continue
            }
            guard let id = fields.integer(0) else {
                try assembly.problem(.badNumber, file: file, line: lineNumber,
                                     "GLOBALEVENTID '\(fields.string(0))' is not a number")
                continue
            }
            guard let parts = fields.compactDate(1), let date = validDate(parts) else {
                try assembly.problem(.badDate, file: file, line: lineNumber,
                                     "SQLDATE '\(fields.string(1))' is not a real YYYYMMDD date")
                continue
            }
            let code = fields.string(eventCode)
            guard let mapping = CAMEO.mapping(for: code) else {
                try assembly.problem(.badEventCode, file: file, line: lineNumber, "EventCode '\(code)' is not a CAMEO code")
                continue
            }
            let first = actor(actor1, fields, &cache, &assembly)
            let second = actor(actor2, fields, &cache, &assembly)
            guard first != nil || second != nil else {
                try assembly.problem(.noActor, file: file, line: lineNumber, "neither Actor1 nor Actor2 is coded")
                continue
            }
            var tone: Double?
            if !fields.isEmpty(goldstein) {
                guard let value = fields.double(goldstein), (-10...10).contains(value) else {
                    try assembly.problem(.badNumber, file: file, line: lineNumber,
                                         "GoldsteinScale '\(fields.string(goldstein))' is not a number from -10 to 10")
                    continue
                }
                tone = value
            }
            let recorded = fields.compactDate(layout.dateAdded).flatMap(validDate)
            var sources: [Source] = []
            if let column = layout.sourceURL, let url = fields.text(column) {
                sources.append(Source(publisher: host(of: url), url: url, date: recorded))
            } else {
                sources.append(Source(publisher: "GDELT", date: recorded, note: "GLOBALEVENTID \(id)"))
            }
            let title = titles[code] ?? {
                let text = "\(CAMEO.rootNames[String(code.prefix(2))] ?? "event") (CAMEO \(code))"
                titles[code] = text
                return text
            }()
            var attributes = ["cameo": code]
            if let quad = fields.text(quadClass) { attributes["quad_class"] = quad }
            if let recorded { attributes["recorded"] = recorded.description }
            let eventID = "gdelt-\(id)"
            if assembly.hasEvent(id: eventID) {
                try assembly.problem(.duplicateID, file: file, line: lineNumber,
                                     "GLOBALEVENTID \(id) appears again; kept with a suffix", skipped: false)
            }
            assembly.add(Event(id: eventID, kind: mapping.kind, date: DateSpan(date), title: title,
                               actors: first.map { [$0] } ?? [], targets: second.map { [$0] } ?? [],
                               stance: mapping.stance, tone: tone, sources: sources, attributes: attributes))
        }
        options.progress?(end, end)
        return assembly.finish()
    }

    /// Node ids by actor code, so a code's node is worked out once per file.
    struct NodeCache {
        var ids: [String: NodeID?] = [:]
    }

    private static func actor(_ columns: ActorColumns, _ fields: ByteFields, _ cache: inout NodeCache,
                              _ assembly: inout ImportAssembly) -> NodeID? {
        let code = fields.string(columns.code)
        if let cached = cache.ids[code] {
            // A pure country actor names the country: let it name the state node.
            if let id = cached, let country = fields.text(columns.country), country == code, let name = fields.text(columns.name) {
                assembly.node(id, kind: .state, name: titleCased(name), alias: country)
            }
            return cached
        }
        let id: NodeID?
        if let country = fields.text(columns.country) {
            let name = country == code ? fields.text(columns.name).map(titleCased) : nil
            id = assembly.node(country.lowercased(), kind: .state, name: name ?? country, alias: country)
            if let name { assembly.node(country.lowercased(), kind: .state, name: name, alias: country) }
        } else if let group = fields.text(columns.knownGroup) {
            id = assembly.node(group.lowercased(), kind: .organization,
                               name: fields.text(columns.name).map(titleCased) ?? group, alias: group)
        } else if !code.isEmpty, let name = fields.text(columns.name) {
            id = assembly.node(slug(code), kind: .organization, name: titleCased(name), alias: code)
        } else {
            id = nil
        }
        cache.ids[code] = id
        return id
    }

    static func validDate(_ parts: EventDateParts) -> EventDate? {
        guard (1...9999).contains(parts.year), (1...12).contains(parts.month),
              (1...Day.daysIn(month: parts.month, year: parts.year)).contains(parts.day) else { return nil }
        return EventDate(year: parts.year, month: parts.month, day: parts.day)
    }

    /// The host of a web address without `www.`, found by scanning, not by a URL parser
    /// (this runs once per row).
    static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        guard !host.isEmpty else { return nil }
        return String(host.hasPrefix("www.") ? host.dropFirst(4) : host)
    }
}
