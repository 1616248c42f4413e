/// Events stored by column: what `InMemoryStore` keeps, so that millions of coded events
/// fit in about a hundred bytes each and queries read only the columns they need.
/// `Event` values are made on demand (`subscript`).
///
/// Parties refer to nodes by position in the store's node list (`nodeIDs`).
package struct EventTable: Sendable {
    // Per event.
    var ids = StringColumn()
    var firstDays: [Day] = []
    var lastDays: [Day] = []
    var startDates: [PackedDate] = []
    var endDates: [PackedDate] = []
    var kinds: [EventKind] = []
    var stances: [Stance?] = []
    /// NaN: no tone.
    var tones: [Double] = []
    var titles: [Int32] = []
    /// Index into `texts`, or -1.
    var locations = OptionalTextColumn()
    var summaries = OptionalTextColumn()
    var quotes = OptionalTextColumn()
    /// Index into `attributeSets`.
    var attributes: [Int32] = []
    /// Parties of event `i`: `parties[partyStarts[i]..<partyStarts[i + 1]]`, actors
    /// first (`actorCounts[i]`), then targets (`targetCounts[i]`), then issues.
    var partyStarts: [Int32] = [0]
    var parties: [Int32] = []
    var actorCounts: [Int32] = []
    var targetCounts: [Int32] = []
    /// Sources of event `i`: `sourceRefs[sourceStarts[i]..<sourceStarts[i + 1]]`.
    var sourceStarts: [Int32] = [0]
    var sourceRefs: [Int32] = []

    // Shared.
    var nodeIDs: [NodeID] = []
    var texts = StringPool()
    var sources = SourceTable()
    var attributeSets: [[String: String]] = [[:]]

    package init() {}

    /// A table of no events, shared.
    static let empty = EventTable()

    package var count: Int { firstDays.count }

    /// Makes room for `events` more events with `parties` parties and `sources`
    /// source references in all.
    mutating func reserve(events: Int, parties partyCount: Int, sources sourceCount: Int) {
        let total = count + events
        ids.reserve(strings: total, bytes: ids.bytes.count + events * 16)
        firstDays.reserveCapacity(total)
        lastDays.reserveCapacity(total)
        startDates.reserveCapacity(total)
        endDates.reserveCapacity(total)
        kinds.reserveCapacity(total)
        stances.reserveCapacity(total)
        tones.reserveCapacity(total)
        titles.reserveCapacity(total)
        attributes.reserveCapacity(total)
        partyStarts.reserveCapacity(total + 1)
        actorCounts.reserveCapacity(total)
        targetCounts.reserveCapacity(total)
        sourceStarts.reserveCapacity(total + 1)
        parties.reserveCapacity(parties.count + partyCount)
        sourceRefs.reserveCapacity(sourceRefs.count + sourceCount)
    }

    /// The event at `index`, made from the columns.
    ///
    /// - Complexity: O(p + s) for its parties and sources.
    package subscript(index: Int) -> Event {
        let start = Int(partyStarts[index])
        let actorEnd = start + Int(actorCounts[index])
        let targetEnd = actorEnd + Int(targetCounts[index])
        let end = Int(partyStarts[index + 1])
        func names(_ range: Range<Int>) -> [NodeID] { parties[range].map { nodeIDs[Int($0)] } }
        func text(_ reference: Int32) -> String? { reference < 0 ? nil : texts[reference] }
        let first = startDates[index].date
        // Spans were checked when built; the fallback only guards a broken invariant.
        let span = startDates[index] == endDates[index]
            ? DateSpan(first) : (try? DateSpan(start: first, end: endDates[index].date)) ?? DateSpan(first)
        return Event(id: ids[index], kind: kinds[index], date: span, title: texts[titles[index]],
                     actors: names(start..<actorEnd), targets: names(actorEnd..<targetEnd), issues: names(targetEnd..<end),
                     stance: stances[index], location: text(locations[index]), summary: text(summaries[index]),
                     quote: text(quotes[index]), tone: tones[index].isNaN ? nil : tones[index],
                     sources: sourceRefs[Int(sourceStarts[index])..<Int(sourceStarts[index + 1])].map { sources[Int($0)] },
                     attributes: attributeSets[Int(attributes[index])])
    }

    func tone(_ index: Int) -> Double? {
        tones[index].isNaN ? nil : tones[index]
    }

    /// Renumbers node references (`mapping[old] = new`) and installs the new node list.
    mutating func renumberNodes(_ mapping: [Int32], ids newIDs: [NodeID]) {
        for index in parties.indices { parties[index] = mapping[Int(parties[index])] }
        nodeIDs = newIDs
    }
}

/// An `EventDate` in 32 bits: year (14), month (4), day (5), approximate (1).
struct PackedDate: Hashable, Sendable {
    let bits: UInt32

    init(_ date: EventDate) {
        bits = UInt32(date.year) << 10 | UInt32(date.month ?? 0) << 6 | UInt32(date.day ?? 0) << 1
            | (date.isApproximate ? 1 : 0)
    }

    var date: EventDate {
        let month = Int(bits >> 6 & 0xF)
        let day = Int(bits >> 1 & 0x1F)
        return EventDate(year: Int(bits >> 10), month: month == 0 ? nil : month, day: day == 0 ? nil : day,
                         approximate: bits & 1 == 1)
    }
}

extension PackedDate {
    init(bits: UInt32) {
        self.bits = bits
    }
}
