import Foundation
import DiplographCore

/// Temporal knowledge-graph quadruples, the files of ICEWS14, ICEWS18, ICEWS05-15 and
/// GDELT benchmarks: `head<TAB>relation<TAB>tail<TAB>date`, no header, names with
/// underscores for spaces (`Court_Judge_(India)`, `Make_statement`).
///
/// Mapping: the relation is matched to a CAMEO event name (case and underscores
/// aside) for its code, and the code gives kind and stance as for GDELT and ICEWS
/// (`cameo` attribute). The names come from `LoadOptions.cameoNames` (ICEWS's
/// `CAMEO_codefile.txt` or GDELT's `CAMEO.eventcodes.txt`), else only CAMEO's twenty
/// root names (`Consult`, `Make public statement`) are known; an unmatched relation
/// is an `event` titled by its name. The relation is kept in the `relation`
/// attribute. `Name_(Country)` is an organization with a `country` attribute; a name
/// that the file uses as such a country is a `state`; any other name a `person` (in
/// these datasets most are). Dates are `YYYY-MM-DD`, or whole numbers of days after
/// `LoadOptions.epoch`.
package enum QuadsImporter {
    /// Whether the lines are quadruples: four tab-separated fields, none empty, the
    /// relation not a number, and the first line's last field a day or a whole number
    /// (a bad date further down is a row problem, not another format).
    static func looksLikeQuads<S: StringProtocol>(_ lines: [S]) -> Bool {
        guard let first = lines.first else { return false }
        let shaped = lines.allSatisfy { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count == 4 && fields.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty } && Int(fields[1]) == nil
        }
        guard shaped, let date = first.split(separator: "\t").last.map({ String($0).trimmingCharacters(in: .whitespacesAndNewlines) })
        else { return false }
        return Int(date) != nil || ICEWSImporter.parseDate(date) != nil
    }

    package static func load(path: String, options: LoadOptions) throws(FormatError) -> ImportResult {
        guard let data = FileManager.default.contents(atPath: path) else { throw FormatError(.unreadable(path)) }
        let names = try options.cameoNames.map { (namesPath) throws(FormatError) in try cameoCodes(path: namesPath) }
            ?? Dictionary(uniqueKeysWithValues: CAMEO.rootNames.map { (normalized($1), $0) })
        var assembly = ImportAssembly(options: options, format: "temporal-KG quadruples")
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let rows = lines.enumerated().map { ($0 + 1, $1.split(separator: "\t", omittingEmptySubsequences: false)) }
        // Countries are the names that other names carry in parentheses.
        var countries = Set<String>()
        for (_, fields) in rows where fields.count == 4 {
            for name in [fields[0], fields[2]] { if let country = organization(name)?.country { countries.insert(country) } }
        }
        let source = Source(publisher: (path as NSString).lastPathComponent)
        var mappings: [Substring: (kind: EventKind, stance: Stance?, attributes: [String: String])] = [:]
        for (line, fields) in rows {
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            assembly.report.rowsRead += 1
            guard fields.count == 4 else {
                try assembly.problem(.wrongColumnCount, file: path, line: line, "\(fields.count) fields; a quadruple has 4 (head, relation, tail, date)")
                continue
            }
            let dateText = fields[3].trimmingCharacters(in: .whitespacesAndNewlines)
            let date: EventDate
            if let offset = Int(dateText) {
                guard let epoch = options.epoch else {
                    throw FormatError(Diagnostic(code: .badRow, file: path, line: line, column: 4,
                                                 message: "the date '\(dateText)' is a number of days, and no epoch was given",
                                                 hint: "give the `epoch`, the day that 0 stands for (ICEWS14: 2014-01-01)"))
                }
                let (year, month, day) = epoch.firstDay.adding(days: offset).components
                date = EventDate(year: year, month: month, day: day)
            } else if let parsed = ICEWSImporter.parseDate(dateText) {
                date = parsed
            } else {
                try assembly.problem(.badDate, file: path, line: line, "date '\(dateText)' is neither YYYY-MM-DD nor a number of days")
                continue
            }
            let head = node(fields[0], countries: countries, &assembly)
            let tail = node(fields[2], countries: countries, &assembly)
            let relation = fields[1]
            let mapping: (kind: EventKind, stance: Stance?, attributes: [String: String])
            if let known = mappings[relation] {
                mapping = known
            } else {
                var attributes = ["relation": String(relation)]
                var kind = EventKind.event
                var stance: Stance?
                if let code = names[normalized(relation)], let coded = CAMEO.mapping(for: code) {
                    (kind, stance) = coded
                    attributes["cameo"] = code
                }
                mapping = (kind, stance, attributes)
                mappings[relation] = mapping
            }
            try assembly.add(Event(id: "quad-\(line)", kind: mapping.kind, date: DateSpan(date), title: spaced(relation),
                                   actors: [head], targets: [tail], stance: mapping.stance, sources: [source],
                                   attributes: mapping.attributes), file: path, line: line)
        }
        return assembly.finish()
    }

    /// `Court_Judge_(India)` → (`Court Judge (India)`, `India`); nil for a name without
    /// a country in parentheses.
    static func organization(_ name: Substring) -> (name: String, country: String)? {
        let text = spaced(name)
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex else { return nil }
        let country = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
        return country.isEmpty ? nil : (text, country)
    }

    private static func node(_ raw: Substring, countries: Set<String>, _ assembly: inout ImportAssembly) -> NodeID {
        let name = spaced(raw)
        if let (_, country) = organization(raw) {
            let id = assembly.node(slug(name), kind: .organization, name: name)
            if let position = assembly.builder.position(of: id) {
                assembly.builder.update(position) { $0.attributes["country"] = country }
            }
            return id
        }
        return assembly.node(slug(name), kind: countries.contains(name) ? .state : .person, name: name)
    }

    static func spaced(_ text: Substring) -> String {
        text.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A name as names are matched: lowercase, underscores as spaces, single spaces,
    /// without GDELT's ", not specified below".
    static func normalized<S: StringProtocol>(_ name: S) -> String {
        var text = name.lowercased().replacingOccurrences(of: "_", with: " ")
        if let range = text.range(of: ", not specified below") { text.removeSubrange(range) }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// CAMEO event names → codes from ICEWS's code file (`LABEL: 0211= Appeal for …`,
    /// `//` comments) or GDELT's (`0211<TAB>Appeal for …`, a header); of two codes with
    /// one name the first wins, but a root's two digits give way.
    package static func cameoCodes(path: String) throws(FormatError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FormatError(.unreadable(path)) }
        var codes: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let pair: (code: Substring, name: Substring)?
            if line.hasPrefix("LABEL"), let colon = line.firstIndex(of: ":"), let equals = line.firstIndex(of: "=") {
                pair = (line[line.index(after: colon)..<equals], line[line.index(after: equals)...])
            } else if let tab = line.firstIndex(of: "\t") {
                pair = (line[..<tab], line[line.index(after: tab)...])
            } else {
                pair = nil
            }
            guard let (rawCode, name) = pair else { continue }
            let code = rawCode.trimmingCharacters(in: .whitespaces)
            guard CAMEO.mapping(for: code) != nil else { continue }
            let key = normalized(name)
            // GDELT names a root (`04 CONSULT`) as its "not specified below" code
            // (`040 Consult, …`): the row's code is the three-digit one.
            if codes[key] == nil || codes[key]?.count == 2 { codes[key] = code }
        }
        guard !codes.isEmpty else {
            throw FormatError(Diagnostic(code: .noRows, file: path, message: "no CAMEO code with a name in the file",
                                         hint: "give ICEWS's CAMEO_codefile.txt or GDELT's CAMEO.eventcodes.txt"))
        }
        return codes
    }
}
