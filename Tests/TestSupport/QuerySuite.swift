import DiplographCore

/// The queries every `EventStore` must answer as the oracle does, for the same data:
/// lookups, timelines, snapshots (cumulative and windowed, at boundaries), diffs,
/// selections, relation events. Each store's tests run it against another store's
/// answers and expect no mismatch.
public struct QuerySuite {
    public let oracle: any EventStore
    public let candidate: any EventStore
    /// What differed, one line each.
    public private(set) var mismatches: [String] = []

    public init(oracle: any EventStore, candidate: any EventStore) {
        self.oracle = oracle
        self.candidate = candidate
    }

    /// Runs every check: `queries` timelines, and snapshots and diffs on `days`
    /// (each with no window and with each of `windows`).
    public mutating func run(queries: [TimelineQuery], days: [Day], windows: [Int] = [0, 30, 365]) {
        checkLookups()
        for query in queries { check("timeline \(query)", oracle.timeline(query), candidate.timeline(query)) }
        let windowChoices: [Int?] = [nil] + windows.map { $0 }
        for day in days {
            for window in windowChoices { checkSnapshot(at: day, windowDays: window) }
        }
        for (from, to) in zip(days, days.dropFirst()) where from <= to {
            for window in windowChoices { checkDiff(from: from, to: to, windowDays: window) }
        }
        checkSelections(days: days)
        checkAnalyses(queries: queries, days: days)
    }

    /// Trends, dyads and contacts of the queries' nodes and days, as the oracle has them.
    mutating func checkAnalyses(queries: [TimelineQuery], days: [Day]) {
        let nodes = Array(Set(queries.flatMap { $0.actors + [$0.pair?.first, $0.pair?.second].compactMap { $0 } }).sorted().prefix(6))
        let steps = ["1mo", "1q", "1y"].map { try! TrendStep(parsing: $0) }
        for (index, node) in nodes.enumerated() {
            let other = nodes[(index + 1) % nodes.count]
            let step = steps[index % steps.count]
            for query in [TrendQuery(subject: .actor(node), step: step),
                          TrendQuery(subject: .pair(node, other), step: step, directed: index % 2 == 1, officials: true),
                          TrendQuery(subject: .pair(node, other), step: step, from: days.first, to: days.last)] {
                check("trend \(query)", oracle.trend(query), candidate.trend(query))
                check("events of trend \(query)", oracle.events(of: query), candidate.events(of: query))
            }
            let asOf = days.last
            let (expected, actual) = (oracle.contacts(between: node, and: other, asOf: asOf, officials: true),
                                      candidate.contacts(between: node, and: other, asOf: asOf, officials: true))
            check("contacts \(node) \(other)", expected, actual)
            check("contacts' events \(node) \(other)", Array(expected.events), Array(actual.events))
        }
        for (from, to) in zip(days, days.dropFirst()) where from <= to {
            for query in [DyadQuery(from: from, to: to, top: 15),
                          DyadQuery(to: to, compare: DayInterval(first: from.adding(days: -400), last: from), top: 10, ranking: .change),
                          DyadQuery(from: from, ranking: .tone, minimumEvents: 2)] {
                check("dyads \(query)", oracle.dyads(query), candidate.dyads(query))
            }
        }
    }

    private mutating func check<T: Equatable>(_ what: String, _ expected: T, _ actual: T) {
        if expected != actual { mismatches.append("\(what): expected \(expected), got \(actual)") }
    }

    private mutating func check(_ what: String, _ expected: EventList, _ actual: EventList) {
        check(what, Array(expected), Array(actual))
    }

    mutating func checkLookups() {
        check("title", oracle.title, candidate.title)
        check("notes", oracle.notes, candidate.notes)
        check("nodes", oracle.nodes, candidate.nodes)
        check("offices", oracle.offices, candidate.offices)
        check("lastDay", oracle.lastDay, candidate.lastDay)
        check("eventExtent", oracle.eventExtent, candidate.eventExtent)
        for node in oracle.nodes {
            check("node \(node.id)", oracle.node(node.id), candidate.node(node.id))
            check("eventCount(of: \(node.id))", oracle.eventCount(of: node.id), candidate.eventCount(of: node.id))
            check("offices(of: \(node.id))", oracle.offices(of: node.id), candidate.offices(of: node.id))
            for text in [node.id, node.id.uppercased(), node.name] + node.aliases {
                check("resolve(\(text))", oracle.resolve(text), candidate.resolve(text))
            }
        }
        check("node of an unknown id", oracle.node("no-such-node"), candidate.node("no-such-node"))
        for event in oracle.timeline(TimelineQuery()) {
            check("event \(event.id)", oracle.event(event.id), candidate.event(event.id))
        }
        check("event of an unknown id", oracle.event("no-such-event"), candidate.event("no-such-event"))
    }

    mutating func checkSnapshot(at day: Day, windowDays: Int?) {
        let expected = oracle.snapshot(at: day, windowDays: windowDays)
        let actual = candidate.snapshot(at: day, windowDays: windowDays)
        let name = "snapshot at \(day), window \(windowDays.map(String.init) ?? "none")"
        check(name + ": eventDays", expected.eventDays, actual.eventDays)
        check(name + ": offices", expected.offices, actual.offices)
        check(name + ": issue statuses", expected.issueStatuses, actual.issueStatuses)
        check(name + ": events", expected.events, actual.events)
        check(name + ": relations", expected.relations, actual.relations)
        check(name + ": nodes", expected.nodeIDs, actual.nodeIDs)
        for relation in expected.relations.prefix(20) {
            check(name + ": events of \(relation.key.id)", oracle.events(of: relation), candidate.events(of: relation))
        }
    }

    mutating func checkDiff(from: Day, to: Day, windowDays: Int?) {
        let expected = oracle.diff(from: from, to: to, windowDays: windowDays)
        let actual = candidate.diff(from: from, to: to, windowDays: windowDays)
        let name = "diff \(from) → \(to), window \(windowDays.map(String.init) ?? "none")"
        check(name + ": nodes added", expected.nodesAdded, actual.nodesAdded)
        check(name + ": nodes removed", expected.nodesRemoved, actual.nodesRemoved)
        check(name + ": offices taken", expected.officesTaken, actual.officesTaken)
        check(name + ": offices left", expected.officesLeft, actual.officesLeft)
        check(name + ": relations added", Array(expected.relationsAdded), Array(actual.relationsAdded))
        check(name + ": relations removed", Array(expected.relationsRemoved), Array(actual.relationsRemoved))
        check(name + ": relations changed", Array(expected.relationsChanged), Array(actual.relationsChanged))
        check(name + ": issue statuses", expected.issueStatusChanges, actual.issueStatusChanges)
        check(name + ": events between", expected.eventsBetween, actual.eventsBetween)
        check(name + ": window", expected.windowDays, actual.windowDays)
        check(name + ": the snapshot before", expected.before, actual.before)
        check(name + ": the snapshot after", expected.after, actual.after)
    }

    mutating func checkSelections(days: [Day]) {
        let busiest = oracle.nodes.max { oracle.eventCount(of: $0.id) < oracle.eventCount(of: $1.id) }
        for day in days.prefix(4) {
            var selections = [Selection(day: day, windowDays: 90, top: 5), Selection(day: day, top: 0)]
            if let busiest {
                selections.append(Selection(day: day, focus: busiest.id, depth: 1))
                selections.append(Selection(day: day, windowDays: 365, focus: busiest.id, depth: 2, top: 3))
            }
            var atLeast = Selection(day: day)
            atLeast.minEvents = 2
            selections.append(atLeast)
            for selection in selections {
                check("selection \(selection)", oracle.snapshot(selection), candidate.snapshot(selection))
            }
        }
        check("selection with no day", oracle.snapshot(Selection()), candidate.snapshot(Selection()))
    }
}
