import Foundation
import DiplographCore

/// PLOVER / POLECAT events as JSON lines: one object per line with `actor[]`,
/// `recipient[]`, `event`, `date`, optional `enddate`, `mode`, `context`, `quad_code`,
/// `event_text`, `cite_info` and `id`. Actors may be names or objects with a `name`.
///
/// Mapping: AGREE → agreement; CONSULT → meeting; SUPPORT, REQUEST, ACCUSE, REJECT,
/// THREATEN → statements (supports, urges, accuses, rejects, warns); the other types
/// → events. PLOVER gives no intensity score, so tone is left empty; `quad_code`,
/// `mode` and `context` are kept as attributes.
package enum PLOVERImporter {
    static let kinds: [String: (EventKind, Stance?)] = [
        "AGREE": (.agreement, nil), "CONSULT": (.meeting, nil), "SUPPORT": (.statement, .supports),
        "REQUEST": (.statement, .urges), "ACCUSE": (.statement, .accuses), "REJECT": (.statement, .rejects),
        "THREATEN": (.statement, .warns),
    ]
    static let types: Set<String> = [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ]

    static func looksLikePLOVER(_ line: Substring) -> Bool {
        line.hasPrefix("{") && line.contains("\"event\"") && (line.contains("\"actor\"") || line.contains("\"recipient\""))
    }

    package static func load(path: String, options: LoadOptions) throws(FormatError) -> ImportResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(.unreadable(path))
        }
        var assembly = ImportAssembly(options: options, format: "PLOVER JSON lines")
        var lineNumber = 0
        for lineData in data.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = lineData.drop { $0 == 32 || $0 == 9 || $0 == 13 }
            if trimmed.isEmpty { continue }
            assembly.report.rowsRead += 1
            guard let object = (try? JSONSerialization.jsonObject(with: Data(lineData))) as? [String: Any] else {
                try assembly.problem(.badJSON, file: path, line: lineNumber, "not a JSON object")
                continue
            }
            guard let type = (object["event"] as? String)?.uppercased(), types.contains(type) else {
                try assembly.problem(.badEventCode, file: path, line: lineNumber,
                                     "'event' \(String(describing: object["event"] ?? "missing")) is not a PLOVER event type")
                continue
            }
            guard let dateText = object["date"] as? String, let start = ICEWSImporter.parseDate(String(dateText.prefix(10))) else {
                try assembly.problem(.badDate, file: path, line: lineNumber, "'date' is missing or not YYYY-MM-DD")
                continue
            }
            var span = DateSpan(start)
            if let endText = object["enddate"] as? String, !endText.isEmpty {
                guard let end = ICEWSImporter.parseDate(String(endText.prefix(10))), let range = try? DateSpan(start: start, end: end) else {
                    try assembly.problem(.badDate, file: path, line: lineNumber, "'enddate' \(endText) is not a date on or after 'date'")
                    continue
                }
                span = range
            }
            let actors = names(object["actor"]).map { assembly.node(slug($0), kind: .state, name: $0) }
            let recipients = names(object["recipient"]).map { assembly.node(slug($0), kind: .state, name: $0) }
            guard !actors.isEmpty || !recipients.isEmpty else {
                try assembly.problem(.noActor, file: path, line: lineNumber, "no actor and no recipient")
                continue
            }
            let (kind, stance) = kinds[type] ?? (.event, nil)
            var attributes = ["plover": type]
            for key in ["mode", "context", "quad_code"] {
                if let value = object[key], !(value is NSNull) { attributes[key] = "\(value)" }
            }
            let id = (object["id"] as? String).map { "plover-\($0)" } ?? "plover-line-\(lineNumber)"
            let citation = object["cite_info"] as? String
            try assembly.add(Event(id: id, kind: kind, date: span, title: (object["event_text"] as? String) ?? type.lowercased(),
                               actors: actors, targets: recipients, stance: stance,
                               sources: [Source(publisher: "PLOVER", note: citation)], attributes: attributes), file: path, line: lineNumber)
        }
        return assembly.finish()
    }

    /// Names from a string, a list of strings, or objects with a `name`.
    static func names(_ value: Any?) -> [String] {
        switch value {
        case let text as String: return text.isEmpty ? [] : [text]
        case let list as [Any]: return list.flatMap { names($0) }
        case let object as [String: Any]: return names(object["name"])
        default: return []
        }
    }
}
