import Foundation
import DiplographCore

/// Collects the nodes and events an importer makes (into an `EventTableBuilder`, by
/// column), merging rows by the `MergeRule`, and the report.
struct ImportAssembly {
    let options: LoadOptions
    var report = ImportReport()
    var builder = EventTableBuilder()
    private var eventIDs = Set<String>()

    init(options: LoadOptions, format: String) {
        self.options = options
        report.format = format
    }

    /// The node with `id`, created with `kind` and `name` the first time it is seen;
    /// later calls add aliases only.
    @discardableResult
    mutating func node(_ id: NodeID, kind: NodeKind, name: String, alias: String? = nil) -> NodeID {
        position(id, kind: kind, name: name, alias: alias)
        return id
    }

    /// As `node`, returning the node's position for `addRow`.
    @discardableResult
    mutating func position(_ id: NodeID, kind: NodeKind, name: String, alias: String? = nil) -> Int32 {
        if let position = builder.position(of: id) {
            if let alias {
                builder.update(position) { node in
                    if alias != node.name, !node.aliases.contains(alias) { node.aliases.append(alias) }
                }
            }
            return position
        }
        return builder.node(id) { Node(id: id, kind: kind, name: name, aliases: alias.map { [$0] } ?? []) }
    }

    /// Gives a node a better name (a coded file may name a country after first
    /// mentioning it by code).
    mutating func rename(_ id: NodeID, to name: String) {
        if let position = builder.position(of: id) { builder.update(position) { $0.name = name } }
        renamed[id] = name
    }

    /// The last name `rename` gave each node, to replay when two halves of a file
    /// read on two cores are joined.
    private(set) var renamed: [NodeID: String] = [:]

    /// Adds an event, or folds it into an earlier one under the merge rule. An id seen
    /// before is reported (a warning: the row is kept) and becomes `<id>-line-<line>`,
    /// the same rule as the GDELT fast path. A meeting or agreement coded from one
    /// side becomes an event of two participants; `report` (a number for the article
    /// and sentence it was coded from) folds it into the event of the same report's
    /// earlier row of that pair, kind and days (A→B then B→A), whatever the merge rule.
    mutating func add(_ event: Event, file: String, line: Int, report reportNumber: Int64? = nil) throws(FormatError) {
        // The side a row codes, before the event loses its direction.
        let sides = (event.actors.count == 1 && event.targets.count == 1) ? (event.actors[0], event.targets[0]) : nil
        var event = event.undirected()
        if !eventIDs.insert(event.id).inserted {
            let renamed = "\(event.id)-line-\(line)"
            try problem(.duplicateID, file: file, line: line, "id \(event.id) appears again; kept as \(renamed)", skipped: false)
            event = event.renamed(renamed)
            eventIDs.insert(renamed)
        }
        report.rowsImported += 1
        if let reportNumber, event.kind.isSymmetric, let sides,
           let from = builder.position(of: sides.0), let to = builder.position(of: sides.1) {
            if let earlier = sameReport(reportNumber, kind: event.kind, date: event.date, from, to) {
                builder.fold(sources: event.sources, tone: event.tone, into: earlier)
                report.rowsMerged += 1
                return
            }
        }
        if builder.append(event, merge: options.merge == .sameDay) { report.rowsMerged += 1 }
    }

    /// Adds a coded row by node positions and interned values (see
    /// `EventTableBuilder.appendRow`), the fast path; the caller keeps ids unique.
    /// `source` is the report: see `add`.
    mutating func addRow(id: UnsafeBufferPointer<UInt8>, kind: EventKind, date: DateSpan, title: Int32,
                         actor: Int32?, target: Int32?, stance: Stance?, tone: Double?,
                         source: Int32, attributeSet: Int32) {
        report.rowsImported += 1
        if options.merge == .none, kind.isSymmetric, let actor, let target,
           let earlier = sameReport(Int64(source), kind: kind, date: date, actor, target) {
            builder.fold(source: source, tone: tone, into: earlier)
            report.rowsMerged += 1
            return
        }
        if let earlier = builder.appendRow(id: id, kind: kind, date: date, title: title, actor: actor, target: target,
                                           stance: stance, tone: tone, source: source, attributeSet: attributeSet,
                                           merge: options.merge == .sameDay) {
            report.rowsMerged += 1
            // The same-day rule folded it already; counted as the same report's when
            // the event's first row has its source (cheaper than the report table,
            // which a million-row load felt).
            if kind.isSymmetric, actor != target, actor != nil, target != nil, builder.ownSource(of: earlier) == source {
                report.rowsSameReport += 1
            }
        }
    }

    /// Per meeting or agreement as one report codes it (report; days; kind and the
    /// unordered pair of participants, packed), the event its first row became. (A
    /// dictionary of structs here made a million-row load 18 % slower.)
    private var reportPairs = PackedKeyTable(capacity: 64)

    /// The event to fold a row between `from` and `to` into when the same report
    /// coded this meeting or agreement before, from either side; nil when the row is
    /// to be added (the first, or one the same-day rule merges). Counts the folds in
    /// `rowsSameReport`.
    private mutating func sameReport(_ number: Int64, kind: EventKind, date: DateSpan,
                                     _ from: Int32, _ to: Int32) -> Int32? {
        guard from != to, from >= 0, to >= 0 else { return nil }
        let days = UInt64(UInt32(bitPattern: date.firstDay.ordinal)) << 32 | UInt64(UInt32(bitPattern: date.lastDay.ordinal))
        let pair = (kind == .agreement ? 1 << 62 : 0) | UInt64(min(from, to)) << 31 | UInt64(max(from, to))
        let (earlier, inserted) = reportPairs.valueOrInsert(UInt64(bitPattern: number), days, pair, Int32(builder.eventCount))
        if inserted { return nil }
        report.rowsSameReport += 1
        // Under the same-day rule the row merges by its key anyway (and the first row
        // may itself have merged into an earlier event).
        return options.merge == .none ? earlier : nil
    }

    /// Records a row problem; under `strict` it ends the import. `skipped` rows of an
    /// events file count in `rowsSkipped`; rows of a nodes file (`eventRow: false`) do
    /// not, so that rows read = imported + skipped.
    mutating func problem(_ code: RowProblem.Code, file: String, line: Int, _ message: String,
                          skipped: Bool = true, eventRow: Bool = true) throws(FormatError) {
        let problem = RowProblem(code: code, file: file, line: line, message: message, skipped: skipped)
        if options.strict {
            throw FormatError(Diagnostic(code: .badRow, file: file, line: line, message: "\(message) [\(code.rawValue)]",
                                         hint: "with `strict` the first row problem ends the import; without it, bad rows are skipped and counted"))
        }
        if skipped && eventRow { report.rowsSkipped += 1 }
        report.record(problem, limit: options.problemLimit)
    }

    /// Whether the record on `line` is the one whose quoted field was never closed
    /// (it swallowed the rest of the file); if so it is reported, for the caller to
    /// skip. `eventRow: false` for a nodes file.
    mutating func unterminatedQuote(in records: DelimitedRecords, line: Int, file: String,
                                    eventRow: Bool = true) throws(FormatError) -> Bool {
        guard records.unterminatedQuoteLine == line else { return false }
        try problem(.unterminatedQuote, file: file, line: line,
                    "a quoted field opened on this line is never closed (the rest of the file would be one field)",
                    eventRow: eventRow)
        return true
    }

    consuming func finish() -> ImportResult {
        let (nodes, table) = builder.finish()
        report.events = table.count
        report.nodes = nodes.count
        return ImportResult(nodes: nodes, table: table, report: report)
    }
}

/// A node id from a name: lowercase ASCII letters and digits joined by single
/// hyphens (`Foreign Affairs (Bangladesh)` → `foreign-affairs-bangladesh`).
/// Names with no Latin letters are transliterated first.
func slug(_ name: String) -> String {
    var text = name
    if text.unicodeScalars.contains(where: { $0.value > 0x7F }) {
        text = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? text
    }
    var result = ""
    var pendingHyphen = false
    for scalar in text.lowercased().unicodeScalars {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
            if pendingHyphen, !result.isEmpty { result.append("-") }
            pendingHyphen = false
            result.unicodeScalars.append(scalar)
        } else {
            pendingHyphen = true
        }
    }
    return result.isEmpty ? "unnamed" : result
}

/// `UNITED STATES` → `United States`: coded files shout their names.
func titleCased(_ name: String) -> String {
    name.lowercased().split(separator: " ", omittingEmptySubsequences: false).map { word in
        word.prefix(1).uppercased() + word.dropFirst()
    }.joined(separator: " ")
}

/// The host of a web address, as a publisher name (`https://www.bbc.co.uk/x` → `bbc.co.uk`).
func publisher(ofURL url: String) -> String? {
    guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
    return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
}

extension Event {
    /// A meeting or agreement coded from one side to the other (one actor, one
    /// target) as an event of two participants, in the order of their ids; any other
    /// event (one with itself too) as it is.
    func undirected() -> Event {
        guard kind.isSymmetric, actors.count == 1, targets.count == 1, actors[0] != targets[0] else { return self }
        let pair = actors[0] <= targets[0] ? [actors[0], targets[0]] : [targets[0], actors[0]]
        return Event(id: id, kind: kind, date: date, title: title, actors: pair, targets: [], issues: issues,
                     stance: stance, location: location, summary: summary, quote: quote, tone: tone, sources: sources,
                     attributes: attributes)
    }

    /// The same event under another id.
    func renamed(_ id: String) -> Event {
        Event(id: id, kind: kind, date: date, title: title, actors: actors, targets: targets, issues: issues,
              stance: stance, location: location, summary: summary, quote: quote, tone: tone, sources: sources,
              attributes: attributes)
    }
}
