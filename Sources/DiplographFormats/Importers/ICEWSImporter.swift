import Foundation
import DiplographCore

/// ICEWS coded event files (`.tab` tab-separated or `.csv`), read by their header,
/// so a year without the CAMEO Code column, or with columns in another order, loads.
///
/// Mapping: Source and Target → nodes. An actor whose sectors are `NA` is a country
/// (`state`, id from the name: `Armenia` → `armenia`, matching hand-made datasets);
/// a name with a country in parentheses (`Foreign Affairs (Bangladesh)`) is a
/// sector group (`organization`); any other name with sectors is a `person`
/// (`Nikol Pashinyan`). CAMEO Code → kind and stance (the table in `CAMEO`), kept in
/// `cameo`; Intensity → tone; Event Text → title; Publisher and Story ID → source.
/// Dates as `YYYY-MM-DD` or `M/D/YYYY`. A meeting or agreement coded from both sides
/// in one sentence of a story (Story ID, Sentence Number) is one event of two
/// participants with both rows as its sources. Quirks: a row identical to an earlier one is
/// dropped (`duplicate-row`); an Event ID seen before with other content is kept with a
/// suffix (`duplicate-id`).
package enum ICEWSImporter {
    static let required = ["Event ID", "Event Date", "Source Name", "Target Name"]

    /// Whether `line` is an ICEWS header.
    static func looksLikeICEWS(_ line: Substring) -> Bool {
        line.contains("Event ID") && line.contains("Source Name") && line.contains("Target Name")
    }

    package static func load(path: String, options: LoadOptions) throws(FormatError) -> ImportResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(.unreadable(path))
        }
        return try load(bytes: [UInt8](data), file: path, options: options)
    }

    package static func load(bytes: [UInt8], file: String, options: LoadOptions) throws(FormatError) -> ImportResult {
        var assembly = ImportAssembly(options: options, format: "ICEWS")
        let firstLine = bytes.prefix { $0 != 10 }
        let delimiter: UInt8 = firstLine.contains(9) ? 9 : 44
        var records = DelimitedRecords(bytes: bytes, delimiter: delimiter)
        guard let header = records.next() else { return assembly.finish() }
        var column: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            column[name.trimmingCharacters(in: .whitespaces)] = index
        }
        let missing = required.filter { column[$0] == nil }
        guard missing.isEmpty else {
            throw FormatError(Diagnostic(code: .missingColumn, file: file, line: header.line, column: 1,
                                         message: "the ICEWS header lacks \(missing.joined(separator: ", "))",
                                         hint: "an ICEWS file starts with its header row; found: \(CSVEventsImporter.listing(header.fields))"))
        }
        var seenRows = Set<[String]>()
        while let (line, fields) = records.next() {
            assembly.report.rowsRead += 1
            if try assembly.unterminatedQuote(in: records, line: line, file: file) { continue }
            func value(_ name: String) -> String? {
                guard let index = column[name], index < fields.count else { return nil }
                let text = fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty || text == "NA" ? nil : text
            }
            if fields.count != header.fields.count {
                try assembly.problem(.wrongColumnCount, file: file, line: line,
                                     "\(fields.count) fields; the header has \(header.fields.count)")
                continue
            }
            guard seenRows.insert(fields).inserted else {
                try assembly.problem(.duplicateRow, file: file, line: line, "the same row as an earlier one; dropped")
                continue
            }
            guard let id = value("Event ID") else {
                try assembly.problem(.missingField, file: file, line: line, "no Event ID")
                continue
            }
            guard let dateText = value("Event Date"), let date = parseDate(dateText) else {
                try assembly.problem(.badDate, file: file, line: line,
                                     "Event Date '\(value("Event Date") ?? "")' is neither YYYY-MM-DD nor M/D/YYYY")
                continue
            }
            let source = actor(name: value("Source Name"), sectors: value("Source Sectors"), &assembly)
            let target = actor(name: value("Target Name"), sectors: value("Target Sectors"), &assembly)
            guard source != nil || target != nil else {
                try assembly.problem(.noActor, file: file, line: line, "neither Source Name nor Target Name is given")
                continue
            }
            var kind = EventKind.event
            var stance: Stance?
            var attributes: [String: String] = [:]
            if let code = value("CAMEO Code") {
                guard let mapping = CAMEO.mapping(for: code) else {
                    try assembly.problem(.badEventCode, file: file, line: line, "CAMEO Code '\(code)' is not a CAMEO code")
                    continue
                }
                (kind, stance) = mapping
                attributes["cameo"] = code
            }
            var tone: Double?
            if let intensity = value("Intensity") {
                guard let number = Double(intensity), (-10...10).contains(number) else {
                    try assembly.problem(.badNumber, file: file, line: line, "Intensity '\(intensity)' is not a number from -10 to 10")
                    continue
                }
                tone = number
            }
            let eventID = "icews-\(id)"
            let location = [value("City"), value("Province"), value("Country")].compactMap { $0 }.joined(separator: ", ")
            let note = value("Story ID").map { "story \($0)" + (value("Sentence Number").map { ", sentence \($0)" } ?? "") }
            try assembly.add(Event(id: eventID, kind: kind, date: DateSpan(date), title: value("Event Text") ?? "ICEWS event",
                               actors: source.map { [$0] } ?? [], targets: target.map { [$0] } ?? [], stance: stance,
                               location: location.isEmpty ? nil : location, tone: tone,
                               sources: [Source(publisher: value("Publisher") ?? "ICEWS", note: note)],
                               attributes: attributes), file: file, line: line, report: report(value("Story ID"), value("Sentence Number")))
        }
        return assembly.finish()
    }

    /// The sentence of a story as one number, when both are numbers (as ICEWS gives them).
    private static func report(_ story: String?, _ sentence: String?) -> Int64? {
        guard let story = story.flatMap({ Int64($0) }), let sentence = sentence.flatMap({ Int64($0) }),
              (0..<1_000_000_000_000).contains(story), (0..<1_000_000).contains(sentence) else { return nil }
        return story * 1_000_000 + sentence
    }

    private static func actor(name: String?, sectors: String?, _ assembly: inout ImportAssembly) -> NodeID? {
        guard let name else { return nil }
        let kind: NodeKind = sectors == nil ? .state : (name.contains("(") ? .organization : .person)
        return assembly.node(slug(name), kind: kind, name: name)
    }

    /// `2018-06-01` or `6/1/2018`.
    static func parseDate(_ text: String) -> EventDate? {
        if let date = try? EventDate(parsing: text), date.precision == .day { return date }
        let parts = text.split(separator: "/")
        guard parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2]),
              parts[2].count == 4 else { return nil }
        return GDELTImporter.validDate(EventDateParts(year: year, month: month, day: day))
    }
}
