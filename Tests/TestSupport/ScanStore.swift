import DiplographCore

/// A second `EventStore`, written outside the core module with its public API only:
/// every query is a plain scan of the dataset's events, with the model's own rules
/// (`TimelineQuery.matches`, `aggregateRelations`, `Node.status(on:)`,
/// `Office.isHeld(on:)`). It shows that the interface can be implemented by another
/// store, and is the independent answer the in-memory store's indices are checked
/// against.
public struct ScanStore: EventStore {
    public let title: String?
    public let notes: [String]
    public let nodes: [Node]
    public let offices: [Office]
    /// Chronological: first day, last day, id.
    private let events: [Event]

    public init(_ dataset: Dataset) {
        title = dataset.title
        notes = dataset.notes
        nodes = dataset.nodes.sorted { $0.id < $1.id }
        offices = dataset.offices.sorted { ($0.from, $0.person, $0.id) < ($1.from, $1.person, $1.id) }
        events = dataset.events.sorted { ($0.date.firstDay, $0.date.lastDay, $0.id) < ($1.date.firstDay, $1.date.lastDay, $1.id) }
    }

    public var lastDay: Day {
        var last = Day(year: 1970, month: 1, day: 1)
        for event in events { last = max(last, event.date.lastDay) }
        for office in offices { last = max(last, office.to?.lastDay ?? office.from.firstDay) }
        for phase in nodes.flatMap(\.lifecycle) { last = max(last, phase.to?.lastDay ?? phase.from.firstDay) }
        return last
    }

    public var eventExtent: EventExtent? {
        guard let first = events.first else { return nil }
        return EventExtent(count: events.count, first: first.date.firstDay, last: events.map(\.date.lastDay).max()!)
    }

    public func node(_ id: NodeID) -> Node? {
        nodes.first { $0.id == id }
    }

    public func event(_ id: String) -> Event? {
        events.first { $0.id == id }
    }

    public func timeline(_ query: TimelineQuery) -> EventList {
        EventList(events.filter(query.matches))
    }

    public func snapshot(at day: Day, windowDays: Int?) -> Snapshot {
        let window = windowDays.map { DayInterval(first: day.adding(days: -max(0, $0)), last: day) }
        let counted = events.filter { event in
            guard event.date.firstDay <= day else { return false }
            return window.map { $0.overlaps(event.date.days) } ?? true
        }
        let relations = aggregateRelations(counted)
        let held = offices.filter { $0.isHeld(on: day) }
        let statuses = nodes.compactMap { node in
            node.kind == .issue ? node.status(on: day).map { Snapshot.IssueStatus(issue: node.id, status: $0) } : nil
        }
        var present = Set(statuses.map(\.issue))
        for office in held { present.formUnion([office.person, office.organization]) }
        for relation in relations { present.formUnion([relation.key.source, relation.key.target]) }
        return Snapshot(day: day, windowDays: windowDays, offices: held, issueStatuses: statuses,
                        events: EventList(counted), relations: relations,
                        nodeIDs: present.filter { node($0) != nil }.sorted())
    }
}
