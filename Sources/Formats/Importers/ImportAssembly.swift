import Foundation
import Graph

/// Collects the nodes and events an importer makes: nodes once per id, events merged
/// by the `MergeRule`, and the report.
struct ImportAssembly {
    let options: ImportOptions
    var report = ImportReport()
    private(set) var nodes: [Node] = []
    private var nodePositions: [NodeID: Int] = [:]
    private(set) var events: [Event] = []
    private var mergeKeys: [MergeKey: Int] = [:]
    private var toneSums: [Double] = []
    private var toneCounts: [Int] = []
    private var mergedRows: [Int32] = []
    /// URLs of events with many sources, to keep merging linear.
    private var sourceSets: [Int: Set<Source>] = [:]
    private var eventIDs: [String: Int] = [:]

    /// Same actors, targets, kind and days.
    struct MergeKey: Hashable {
        let actors: [NodeID]
        let targets: [NodeID]
        let days: UInt64
        let kind: EventKind
    }

    private func mergeKey(_ event: Event) -> MergeKey {
        let days = UInt64(UInt32(bitPattern: event.date.firstDay.ordinal)) << 32
            | UInt64(UInt32(bitPattern: event.date.lastDay.ordinal))
        return MergeKey(actors: event.actors, targets: event.targets, days: days, kind: event.kind)
    }

    init(options: ImportOptions, format: String) {
        self.options = options
        report.format = format
    }

    /// The node with `id`, created with `kind` and `name` the first time it is seen;
    /// later calls add aliases only.
    /// Gives a node a better name (a coded file may name a country after first
    /// mentioning it by code).
    mutating func rename(_ id: NodeID, to name: String) {
        if let position = nodePositions[id] { nodes[position].name = name }
    }

    @discardableResult
    mutating func node(_ id: NodeID, kind: NodeKind, name: String, alias: String? = nil) -> NodeID {
        if let position = nodePositions[id] {
            if let alias, alias != nodes[position].name, !nodes[position].aliases.contains(alias) {
                nodes[position].aliases.append(alias)
            }
            return id
        }
        nodePositions[id] = nodes.count
        nodes.append(Node(id: id, kind: kind, name: name, aliases: alias.map { [$0] } ?? []))
        return id
    }

    /// Adds an event, or folds it into an earlier one under the merge rule.
    /// `idIsUnique`: the caller has made ids unique itself (skips the id table).
    mutating func add(_ event: Event, idIsUnique: Bool = false) {
        report.rowsImported += 1
        if options.merge == .sameDay {
            let key = mergeKey(event)
            if let index = mergeKeys[key] {
                merge(event, into: index)
                report.rowsMerged += 1
                return
            }
            mergeKeys[key] = events.count
        }
        if !idIsUnique, eventIDs[event.id] != nil {
            var event = event
            // Same id, different content: keep both, tell the user.
            var suffix = 2
            while eventIDs["\(event.id)-\(suffix)"] != nil { suffix += 1 }
            let renamed = "\(event.id)-\(suffix)"
            event = Event(id: renamed, kind: event.kind, date: event.date, title: event.title, actors: event.actors,
                          targets: event.targets, issues: event.issues, stance: event.stance, location: event.location,
                          summary: event.summary, quote: event.quote, tone: event.tone, sources: event.sources,
                          attributes: event.attributes)
            append(event, idIsUnique: idIsUnique)
            return
        }
        append(event, idIsUnique: idIsUnique)
    }

    private mutating func append(_ event: Event, idIsUnique: Bool) {
        if !idIsUnique { eventIDs[event.id] = events.count }
        toneSums.append(event.tone ?? 0)
        toneCounts.append(event.tone == nil ? 0 : 1)
        mergedRows.append(1)
        events.append(event)
    }

    private mutating func merge(_ event: Event, into index: Int) {
        for source in event.sources {
            if events[index].sources.count < 8 {
                if events[index].sources.contains(source) { continue }
            } else {
                if sourceSets[index] == nil { sourceSets[index] = Set(events[index].sources) }
                if !sourceSets[index]!.insert(source).inserted { continue }
            }
            events[index].sources.append(source)
        }
        if let tone = event.tone {
            toneSums[index] += tone
            toneCounts[index] += 1
        }
        mergedRows[index] += 1
    }

    /// Whether an event id was used already (for duplicate-id reporting).
    func hasEvent(id: String) -> Bool {
        eventIDs[id] != nil
    }

    /// Records a row problem; under `strict` it ends the import.
    mutating func problem(_ code: RowProblem.Code, file: String, line: Int, _ message: String,
                          skipped: Bool = true) throws(ImportError) {
        let problem = RowProblem(code: code, file: file, line: line, message: message, skipped: skipped)
        if options.strict {
            throw ImportError("\(problem)\n(--strict: the first row problem ends the import; leave out --strict to skip bad rows)")
        }
        if skipped { report.rowsSkipped += 1 }
        report.record(problem, limit: options.problemLimit)
    }

    mutating func finish() -> ImportResult {
        for index in events.indices where mergedRows[index] > 1 {
            events[index].attributes["merged_rows"] = String(mergedRows[index])
            if toneCounts[index] > 0 { events[index].tone = toneSums[index] / Double(toneCounts[index]) }
        }
        sourceSets = [:]
        mergeKeys = [:]
        eventIDs = [:]
        report.events = events.count
        report.nodes = nodes.count
        // Hand the events over rather than share them: the store reorders them in place.
        var taken: [Event] = []
        swap(&taken, &events)
        return ImportResult(dataset: Dataset(title: nil, notes: [], nodes: nodes, events: taken), report: report)
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
