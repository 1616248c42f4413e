/// What the analyses read of one event: its days, kind, tone, class, rows, whether its
/// date is uncertain, and its parties as node numbers.
struct EventFacts {
    var first: Day
    var last: Day
    var kind: EventKind
    /// NaN: no tone.
    var tone: Double
    var quad: QuadClass?
    var rows: Int
    var uncertain: Bool
    var actors: ArraySlice<Int32>
    var targets: ArraySlice<Int32>

    var likeliestDay: Day { first.adding(days: first.distance(to: last) / 2) }
}

/// Reads the events of a list as `EventFacts`: from the in-memory store's columns
/// when the list is a view of them, without making events (a monthly trend over ten
/// years of a busy dyad read 180,000 events through `Event` values ten times slower
/// than through the columns); else from each event, numbering its nodes as met.
struct FactsReader {
    let list: EventList
    /// The store's columns, when the list is a view of them (else empty). Not an
    /// optional: unwrapping one copies the table, retaining each of its columns, on
    /// every read.
    private let table: EventTable
    private let columnar: Bool
    /// Node ids by number, for lists of values (numbers are given as ids are met).
    private var numbers: [NodeID: Int32] = [:]
    private var ids: [NodeID] = []
    /// Per attribute set of the table: the class and rows its attributes give; nil
    /// class with `byKind` when the set says nothing and the kind and stance decide.
    private var attributeFacts: [(quad: QuadClass?, byKind: Bool, rows: Int)?]

    init(_ list: EventList) {
        self.list = list
        columnar = list.values == nil && list.fetcher == nil
        table = list.table
        attributeFacts = Array(repeating: nil, count: columnar ? table.attributeSets.count : 0)
    }

    /// The number of node `id`, nil when no event of the list can name it.
    mutating func number(of id: NodeID) -> Int32? {
        if columnar {
            return table.nodeIDs.binarySearch(id).map(Int32.init)
        }
        if let number = numbers[id] { return number }
        let number = Int32(ids.count)
        numbers[id] = number
        ids.append(id)
        return number
    }

    /// The node id of number `number`.
    func id(of number: Int32) -> NodeID {
        columnar ? table.nodeIDs[Int(number)] : ids[Int(number)]
    }

    /// The facts of the event at `index` of the list.
    mutating func facts(_ index: Int) -> EventFacts {
        guard columnar else { return facts(of: list[index]) }
        let position = list.position(index)
        let set = Int(table.attributes[position])
        let attributes = attributeFacts[set] ?? {
            let made = Self.facts(of: table.attributeSets[set])
            attributeFacts[set] = made
            return made
        }()
        let kind = table.kinds[position]
        let start = Int(table.partyStarts[position])
        let actorEnd = start + Int(table.actorCounts[position])
        let targetEnd = actorEnd + Int(table.targetCounts[position])
        return EventFacts(first: table.firstDays[position], last: table.lastDays[position], kind: kind, tone: table.tones[position],
                          quad: attributes.byKind ? QuadClass(kind: kind, stance: table.stances[position]) : attributes.quad,
                          rows: attributes.rows,
                          uncertain: (table.startDates[position].bits | table.endDates[position].bits) & 1 == 1,
                          actors: table.parties[start..<actorEnd], targets: table.parties[actorEnd..<targetEnd])
    }

    /// The keys of the sources of the event at `index`: equal for equal sources.
    func forEachSourceKey(_ index: Int, _ body: (Int64) -> Void) {
        guard columnar else {
            for key in list[index].sourceKeys { body(Int64(truncatingIfNeeded: key.hashValue)) }
            return
        }
        // The table keeps each distinct source once: its position is its identity
        // (reading its address instead was a cache miss per source, most of a busy
        // dyad's trend in a 10 M-row file, whose merged events have many sources).
        let position = list.position(index)
        for reference in table.sourceRefs[Int(table.sourceStarts[position])..<Int(table.sourceStarts[position + 1])] {
            body(Int64(reference))
        }
    }

    private mutating func facts(of event: Event) -> EventFacts {
        let actors = event.actors.map { number(of: $0)! }
        let targets = event.targets.map { number(of: $0)! }
        return EventFacts(first: event.date.firstDay, last: event.date.lastDay, kind: event.kind, tone: event.tone ?? .nan,
                          quad: QuadClass(of: event), rows: event.rowCount,
                          uncertain: event.date.isApproximate,
                          actors: actors[...], targets: targets[...])
    }

    private static func facts(of attributes: [String: String]) -> (quad: QuadClass?, byKind: Bool, rows: Int) {
        let rows = attributes["merged_rows"].flatMap(Int.init) ?? 1
        if let quad = QuadClass(attributes: attributes) { return (quad, false, rows) }
        return (nil, attributes["cameo"] == nil && attributes["plover"] == nil, rows)
    }
}

extension Array where Element == NodeID {
    /// The index of `id` in this sorted array, or nil.
    func binarySearch(_ id: NodeID) -> Int? {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == id ? low : nil
    }
}
