/// An in-memory store's events read column by column, for a store that writes them
/// elsewhere: texts, attribute sets, nodes and sources are numbered, so that a writer
/// converts each distinct one once, not once per event (a million coded events made
/// as `Event` values cost a persistent store's ingest more than its SQL: `make bench`).
///
/// Positions are the store's chronological order.
package struct EventColumns: Sendable {
    let table: EventTable

    /// How many events.
    package var count: Int { table.count }

    package func id(_ index: Int) -> String { table.ids[index] }
    package func kind(_ index: Int) -> EventKind { table.kinds[index] }
    package func firstDay(_ index: Int) -> Day { table.firstDays[index] }
    package func lastDay(_ index: Int) -> Day { table.lastDays[index] }
    package func stance(_ index: Int) -> Stance? { table.stances[index] }
    package func tone(_ index: Int) -> Double? { table.tone(index) }

    /// The event's date as written: equal values for equal dates, so that a writer can
    /// keep each one's text once.
    package func dateKey(_ index: Int) -> UInt64 {
        UInt64(table.startDates[index].bits) << 32 | UInt64(table.endDates[index].bits)
    }

    /// The date of `dateKey`.
    package func date(key: UInt64) -> DateSpan {
        let first = PackedDate(bits: UInt32(key >> 32)).date
        let last = PackedDate(bits: UInt32(truncatingIfNeeded: key)).date
        return first == last ? DateSpan(first) : (try? DateSpan(start: first, end: last)) ?? DateSpan(first)
    }

    /// Texts (titles, locations, summaries, quotes) by number.
    package func titleNumber(_ index: Int) -> Int32 { table.titles[index] }
    package func locationNumber(_ index: Int) -> Int32 { table.locations[index] }
    package func summaryNumber(_ index: Int) -> Int32 { table.summaries[index] }
    package func quoteNumber(_ index: Int) -> Int32 { table.quotes[index] }
    /// Text `number`, or nil for -1.
    package func text(_ number: Int32) -> String? { number < 0 ? nil : table.texts[number] }

    /// Attribute sets by number.
    package func attributesNumber(_ index: Int) -> Int32 { table.attributes[index] }
    package func attributes(_ number: Int32) -> [String: String] { table.attributeSets[Int(number)] }

    /// The event's parties as node numbers (see `nodeID(_:)`): actors, targets, issues.
    package func parties(_ index: Int) -> (actors: ArraySlice<Int32>, targets: ArraySlice<Int32>, issues: ArraySlice<Int32>) {
        let start = Int(table.partyStarts[index])
        let actorEnd = start + Int(table.actorCounts[index])
        let targetEnd = actorEnd + Int(table.targetCounts[index])
        let end = Int(table.partyStarts[index + 1])
        return (table.parties[start..<actorEnd], table.parties[actorEnd..<targetEnd], table.parties[targetEnd..<end])
    }

    package var nodeCount: Int { table.nodeIDs.count }
    package func nodeID(_ number: Int32) -> NodeID { table.nodeIDs[Int(number)] }

    /// The event's sources as source numbers (see `source(_:)`).
    package func sourceNumbers(_ index: Int) -> ArraySlice<Int32> {
        table.sourceRefs[Int(table.sourceStarts[index])..<Int(table.sourceStarts[index + 1])]
    }

    package var sourceCount: Int { table.sources.count }
    package func source(_ number: Int32) -> Source { table.sources[Int(number)] }
}

extension InMemoryStore {
    /// The events by column, in chronological order.
    package var eventColumns: EventColumns { EventColumns(table: table) }
}
