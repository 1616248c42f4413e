import DiplographCore

/// Random datasets and queries for checking indexed answers against full scans.
public enum SyntheticData {
    public static func node(_ index: Int) -> NodeID { "n\(index)" }

    public static func randomDate(using generator: inout SeededGenerator) -> DateSpan {
        let year = Int.random(in: 2019...2024, using: &generator)
        let month = Int.random(in: 1...12, using: &generator)
        let day = Int.random(in: 1...28, using: &generator)
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: return DateSpan(EventDate(year: year))
        case 1, 2: return DateSpan(EventDate(year: year, month: month))
        case 3:
            let start = EventDate(year: year, month: month, day: day)
            let end = EventDate(start.firstDay.adding(days: Int.random(in: 1...90, using: &generator)))
            return try! DateSpan(start: start, end: end)
        default: return DateSpan(EventDate(year: year, month: month, day: day))
        }
    }

    public static func dataset(events count: Int, nodes: Int, using generator: inout SeededGenerator) -> Dataset {
        var nodeList = (0..<nodes).map { Node(id: node($0), kind: $0 % 5 == 0 ? .issue : .state, name: "Node \($0)") }
        nodeList.append(Node(id: "lonely", kind: .person, name: "Lonely"))
        let events = (0..<count).map { index -> Event in
            let kind = EventKind.allCases.randomElement(using: &generator)!
            let actors = (0..<Int.random(in: 1...3, using: &generator)).map { _ in node(Int.random(in: 0..<nodes, using: &generator)) }
            let targets = Bool.random(using: &generator) ? [node(Int.random(in: 0..<nodes, using: &generator))] : []
            let issues = Bool.random(using: &generator) ? [node(5 * Int.random(in: 0..<(nodes / 5), using: &generator))] : []
            return Event(id: "e\(index)", kind: kind, date: randomDate(using: &generator), title: "Event \(index)",
                         actors: actors, targets: targets, issues: issues,
                         tone: Double(Int.random(in: -10...10, using: &generator)), sources: [Source(publisher: "Test")])
        }
        return Dataset(nodes: nodeList, events: events)
    }

    public static func query(nodes: Int, using generator: inout SeededGenerator) -> TimelineQuery {
        var query = TimelineQuery()
        if Bool.random(using: &generator) {
            query.actors = (0..<Int.random(in: 1...2, using: &generator)).map { _ in node(Int.random(in: 0..<nodes, using: &generator)) }
            query.actorMatch = Bool.random(using: &generator) ? .any : .all
        }
        if Int.random(in: 0..<4, using: &generator) == 0 {
            query.pair = .init(node(Int.random(in: 0..<nodes, using: &generator)), node(Int.random(in: 0..<nodes, using: &generator)))
        }
        if Int.random(in: 0..<3, using: &generator) == 0 { query.issues = [node(5 * Int.random(in: 0..<(nodes / 5), using: &generator))] }
        if Int.random(in: 0..<3, using: &generator) == 0 { query.kinds = [EventKind.allCases.randomElement(using: &generator)!] }
        if Bool.random(using: &generator) {
            let a = randomDate(using: &generator)
            let b = randomDate(using: &generator)
            let (first, last) = a.firstDay <= b.firstDay ? (a.firstDay, b.lastDay) : (b.firstDay, a.lastDay)
            query.range = DayInterval(first: first, last: Bool.random(using: &generator) ? max(first, last) : nil)
        }
        return query
    }
}
