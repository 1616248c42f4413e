import DiplographCore

/// Queries over whatever a loader produced: indexed answers equal a plain scan.
enum StoreChecks {
    static func run(_ store: InMemoryStore, _ findings: inout Findings) {
        let events = Array(store.events)
        guard let first = events.map(\.date.firstDay).min(), let last = events.map(\.date.lastDay).max() else { return }
        let middle = first.adding(days: first.distance(to: last) / 2)
        var queries = [TimelineQuery(range: DayInterval(first: middle, last: last))]
        for node in store.nodes.prefix(3) {
            queries.append(TimelineQuery(actors: [node.id]))
            queries.append(TimelineQuery(issues: [node.id], range: DayInterval(first: first, last: middle)))
        }
        if store.nodes.count >= 2 {
            queries.append(TimelineQuery(pair: .init(store.nodes[0].id, store.nodes[1].id)))
        }
        for query in queries {
            let indexed = Set(store.timeline(query).map(\.id))
            let scanned = Set(events.filter(query.matches).map(\.id))
            findings.check(indexed == scanned, "timeline \(query): index gives \(indexed.count) events, a scan \(scanned.count)")
        }
        let snapshot = store.snapshot(at: middle, windowDays: 30)
        let windowed = events.filter { $0.date.firstDay <= middle && $0.date.lastDay >= middle.adding(days: -30) }
        findings.check(snapshot.events.count == windowed.count,
                       "snapshot at \(middle): \(snapshot.events.count) events, a scan \(windowed.count)")
        let diff = store.diff(from: first, to: last)
        findings.check(diff.after.day == last && diff.before.day == first, "diff dates moved")
    }
}
