import Foundation
import DiplographCore

/// Events from a spreadsheet (Kumu or Palladio style): one events file with a header,
/// and optionally a nodes file. Columns are found by name, case-insensitively, or
/// given with `mapping` (`source=From`).
///
/// Event columns: `date` (required; any Diplograph date, or M/D/YYYY), `source` and
/// `target` (node ids or names; at least one), `kind` (meeting, statement,
/// agreement, event; default event), `id`, `title`, `stance`, `tone`, `issue`,
/// `url`, `publisher`. Node columns: `id`, `name` (or `label`), `kind`.
package enum CSVEventsImporter {
    package static let fields = ["id", "date", "source", "target", "kind", "title", "stance", "tone", "issue", "url", "publisher"]
    static let synonyms = ["source": ["source", "from", "actor"], "target": ["target", "to", "recipient"],
                           "title": ["title", "label", "description"], "issue": ["issue", "issues", "topic"]]

    package static func load(path: String, nodesPath: String?, mapping: [String: String],
                            options: LoadOptions) throws(FormatError) -> ImportResult {
        func read(_ path: String) throws(FormatError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else { throw FormatError(.unreadable(path)) }
            return [UInt8](data)
        }
        let nodes = try nodesPath.map { (path) throws(FormatError) in (bytes: try read(path), file: path) }
        return try load(bytes: try read(path), file: path, nodes: nodes, mapping: mapping, options: options)
    }

    /// Imports an events file (and optionally a nodes file) held in memory; `file`
    /// names them in problems.
    package static func load(bytes: [UInt8], file path: String, nodes: (bytes: [UInt8], file: String)?,
                            mapping: [String: String], options: LoadOptions) throws(FormatError) -> ImportResult {
        var assembly = ImportAssembly(options: options, format: "CSV events")
        var known: [String: NodeID] = [:]
        if let (nodeBytes, nodesPath) = nodes {
            var records = DelimitedRecords(bytes: nodeBytes, delimiter: delimiter(of: nodeBytes))
            guard let header = records.next() else {
                throw FormatError(Diagnostic(code: .noRows, file: nodesPath, message: "the nodes file is empty",
                                             hint: "give a nodes file with a header row (id, name, kind)"))
            }
            let columns = columnIndex(header.fields, [:])
            guard let idColumn = columns["id"] else {
                throw FormatError(Diagnostic(code: .missingColumn, file: nodesPath, line: header.line, column: 1,
                                             message: "the nodes file has no 'id' column",
                                             hint: "name the columns id, name and kind; found: \(listing(header.fields))"))
            }
            while let (line, fields) = records.next() {
                if try assembly.unterminatedQuote(in: records, line: line, file: nodesPath, eventRow: false) { continue }
                guard idColumn < fields.count, !fields[idColumn].isEmpty else {
                    try assembly.problem(.missingField, file: nodesPath, line: line, "node without id", eventRow: false)
                    continue
                }
                let id = fields[idColumn]
                let name = (columns["name"] ?? columns["label"]).flatMap { $0 < fields.count ? fields[$0] : nil } ?? id
                let kindText = columns["kind"].flatMap { $0 < fields.count ? fields[$0].lowercased() : nil } ?? ""
                let node = assembly.node(id, kind: NodeKind(rawValue: kindText) ?? .organization, name: name.isEmpty ? id : name)
                known[id] = node
                known[name] = node
            }
        }
        var records = DelimitedRecords(bytes: bytes, delimiter: delimiter(of: bytes))
        let columns: [String: Int]
        var headerLine = 1
        var headerFields: [String] = []
        if options.csvHeader {
            guard let header = records.next() else { return assembly.finish() }
            (headerLine, headerFields) = (header.line, header.fields)
            columns = columnIndex(header.fields, mapping)
            for (field, column) in mapping where !header.fields.contains(column) && position(column, of: header.fields.count) == nil {
                throw FormatError(Diagnostic(code: .missingColumn, file: path, line: header.line, column: 1,
                                             message: "`csvMapping` maps \(field) to '\(column)', but there is no column '\(column)'",
                                             hint: "the columns are \(listing(header.fields)); a number (1 for the first) names a column by place"))
            }
            // A date where the header should name the date column: the file has no header.
            if let index = columns["date"], index < header.fields.count,
               (try? DateSpan(parsing: header.fields[index].trimmingCharacters(in: .whitespaces))) != nil {
                throw FormatError(Diagnostic(code: .missingColumn, file: path, line: header.line, column: index + 1,
                                             message: "the first row, read as the header, has a date ('\(header.fields[index])') in the date column",
                                             hint: "if the file has no header, say so (`csvHeader`) and map the fields by place"))
            }
        } else {
            // No header: every field by its place.
            var byPlace: [String: Int] = [:]
            for (field, column) in mapping {
                guard let index = position(column, of: Int.max) else {
                    throw FormatError(Diagnostic(code: .missingColumn, file: path, line: 1, column: 1,
                                                 message: "`csvMapping` maps \(field) to '\(column)', but a file without a header has its columns by place only",
                                                 hint: "map each field to a column number, 1 for the first (date=4)"))
                }
                byPlace[field] = index
            }
            columns = byPlace
        }
        guard columns["date"] != nil, columns["source"] != nil || columns["target"] != nil else {
            throw FormatError(Diagnostic(code: .missingColumn, file: path, line: headerLine, column: 1,
                                         message: "no 'date' column, or neither a 'source' nor a 'target' column",
                                         hint: options.csvHeader
                                             ? "name the columns so, or map them with `csvMapping` (date=…, source=…); the columns are \(listing(headerFields))"
                                             : "map them by place with `csvMapping` (date=4, source=1, target=3)"))
        }
        while let (line, fields) = records.next() {
            assembly.report.rowsRead += 1
            if try assembly.unterminatedQuote(in: records, line: line, file: path) { continue }
            func value(_ field: String) -> String? {
                guard let index = columns[field], index < fields.count else { return nil }
                let text = fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            guard let dateText = value("date"),
                  let date = (try? DateSpan(parsing: dateText)) ?? ICEWSImporter.parseDate(dateText).map(DateSpan.init) else {
                try assembly.problem(.badDate, file: path, line: line, "date '\(value("date") ?? "")' is not a date")
                continue
            }
            func node(_ text: String?) -> NodeID? {
                guard let text else { return nil }
                return known[text] ?? assembly.node(slug(text), kind: .organization, name: text)
            }
            let source = node(value("source"))
            let target = node(value("target"))
            guard source != nil || target != nil else {
                try assembly.problem(.noActor, file: path, line: line, "no source and no target")
                continue
            }
            let kindText = value("kind")?.lowercased() ?? "event"
            guard let kind = EventKind(rawValue: kindText) else {
                try assembly.problem(.badEventCode, file: path, line: line, "kind '\(kindText)' is not meeting, statement, agreement or event")
                continue
            }
            var tone: Double?
            if let text = value("tone") {
                guard let number = Double(text), (-10...10).contains(number) else {
                    try assembly.problem(.badNumber, file: path, line: line, "tone '\(text)' is not a number from -10 to 10")
                    continue
                }
                tone = number
            }
            let issues = value("issue").map { $0.split(separator: ";").map { assembly.node(slug(String($0)), kind: .issue, name: String($0)) } } ?? []
            let actors = [source].compactMap { $0 }
            let targets = [target].compactMap { $0 }
            let title = value("title") ?? ([source, target].compactMap { $0 }.joined(separator: " → "))
            let id = value("id") ?? "csv-line-\(line)"
            let url = value("url")
            try assembly.add(Event(id: id, kind: kind, date: date, title: title, actors: kind == .meeting ? actors + targets : actors,
                               targets: kind == .meeting ? [] : targets, issues: issues,
                               stance: value("stance").flatMap(Stance.init(rawValue:)), tone: tone,
                               sources: [Source(publisher: value("publisher") ?? url.flatMap(GDELTImporter.host(of:)) ?? (path as NSString).lastPathComponent,
                                                url: url)]), file: path, line: line)
        }
        return assembly.finish()
    }

    /// A 1-based column number as an index, when `text` is one and within `count`.
    static func position(_ text: String, of count: Int) -> Int? {
        guard let number = Int(text), number >= 1, number <= count else { return nil }
        return number - 1
    }

    /// A header's names for an error message: the first twenty, then a count.
    static func listing(_ names: [String]) -> String {
        let shown = names.prefix(20).map { String($0.prefix(40)) }.joined(separator: ", ")
        return names.count > 20 ? shown + ", … (\(names.count) columns)" : shown
    }

    static func delimiter(of data: [UInt8]) -> UInt8 {
        let firstLine = data.prefix { $0 != 10 }
        return firstLine.contains(9) ? 9 : (firstLine.contains(59) && !firstLine.contains(44) ? 59 : 44)
    }

    /// Field name → column index, from the header and the user's mapping.
    static func columnIndex(_ header: [String], _ mapping: [String: String]) -> [String: Int] {
        var result: [String: Int] = [:]
        let lowered = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for field in fields + ["name", "label"] {
            for name in synonyms[field] ?? [field] {
                if result[field] == nil, let index = lowered.firstIndex(of: name) { result[field] = index }
            }
        }
        for (field, column) in mapping {
            if let index = header.firstIndex(of: column) ?? position(column, of: header.count) { result[field] = index }
        }
        return result
    }
}
