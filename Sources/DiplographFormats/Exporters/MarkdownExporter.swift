import DiplographCore

/// A Markdown report of a selection: the chronology, then the counts per dyad.
package enum MarkdownExporter {
    package static func export(store: any EventStore, snapshot: Snapshot) -> String {
        let graph = ExportGraph(store: store, snapshot: snapshot)
        var lines = ["# \(markdownCell(store.title ?? "Diplograph report"))", "", markdownCell(graph.description), ""]
        lines.append("## Chronology")
        lines.append("")
        lines.append(TimelineReport(store: store, events: snapshot.events).render(.markdown))
        lines.append("## Relations by dyad")
        lines.append("")
        lines.append("| Dyad | Meetings | Statements | Agreements | Other | Total | Mean tone | First | Last |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        struct Dyad: Hashable, Comparable {
            let first: NodeID
            let second: NodeID
            static func < (lhs: Dyad, rhs: Dyad) -> Bool { (lhs.first, lhs.second) < (rhs.first, rhs.second) }
        }
        var events: [Dyad: [Event]] = [:]
        for event in snapshot.events {
            var seen = Set<Dyad>()
            // Actor–actor dyads only: statements about an issue are not a dyad.
            for key in event.relationKeys where key.kind != .concerns
                && store.node(key.source)?.kind != .issue && store.node(key.target)?.kind != .issue {
                let dyad = key.source < key.target ? Dyad(first: key.source, second: key.target)
                                                   : Dyad(first: key.target, second: key.source)
                if seen.insert(dyad).inserted { events[dyad, default: []].append(event) }
            }
        }
        for dyad in events.keys.sorted() {
            let list = events[dyad]!
            func count(_ kind: EventKind) -> Int { list.filter { $0.kind == kind }.count }
            let tones = list.compactMap(\.tone)
            let mean = tones.isEmpty ? nil : tones.reduce(0, +) / Double(tones.count)
            let first = list.map(\.date.firstDay).min()!
            let last = list.map(\.date.lastDay).max()!
            let name = "\(store.name(of: dyad.first)) – \(store.name(of: dyad.second))"
            lines.append("| " + [markdownCell(name), String(count(.meeting)), String(count(.statement)),
                                 String(count(.agreement)), String(count(.event)), String(list.count),
                                 toneText(mean), first.description, last.description].joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
