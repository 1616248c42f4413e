/// One event of a column-backed `EventList` as the columns hold it, for writers that
/// copy its bytes instead of making an `Event` (making the events took half of a long
/// timeline's CSV: `make bench`). Valid only inside `EventList.forEachRow`.
package struct EventRow {
    let table: EventTable
    var position = 0

    package var kind: EventKind { table.kinds[position] }
    package var stance: Stance? { table.stances[position] }
    package var tone: Double? { table.tone(position) }
    package var firstDay: Day { table.firstDays[position] }
    package var lastDay: Day { table.lastDays[position] }

    /// The date as written.
    package var date: DateSpan {
        let first = table.startDates[position]
        let last = table.endDates[position]
        return first == last ? DateSpan(first.date) : (try? DateSpan(start: first.date, end: last.date)) ?? DateSpan(first.date)
    }

    package func withID<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        table.ids.withBytes(position, body)
    }

    package func withTitle<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        table.texts.withBytes(table.titles[position], body)
    }

    /// The location, or nil (coded data has none).
    package var location: String? {
        let reference = table.locations[position]
        return reference < 0 ? nil : table.texts[reference]
    }

    /// The ids of the actors, targets or issues, in order.
    package func parties(_ role: Role) -> ArraySlice<Int32> {
        let start = Int(table.partyStarts[position])
        let actorEnd = start + Int(table.actorCounts[position])
        let targetEnd = actorEnd + Int(table.targetCounts[position])
        let range = switch role {
        case .actors: start..<actorEnd
        case .targets: actorEnd..<targetEnd
        case .issues: targetEnd..<Int(table.partyStarts[position + 1])
        }
        return table.parties[range]
    }

    /// A party reference's node id.
    package func nodeID(_ reference: Int32) -> NodeID { table.nodeIDs[Int(reference)] }

    package enum Role { case actors, targets, issues }

    /// How many sources the event has.
    package var sourceCount: Int { Int(table.sourceStarts[position + 1] - table.sourceStarts[position]) }

    /// Calls `body` with source `index`'s publisher, title and address (nil: none).
    package func withSource<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>?, UnsafeBufferPointer<UInt8>?,
                                                            UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        table.sources.withTexts(Int(table.sourceRefs[Int(table.sourceStarts[position]) + index]), body)
    }
}

extension EventList {
    /// Calls `body` with each event's row, in order, and returns true; returns false
    /// without calling it when the list is not backed by columns (a store's fetched
    /// events, or values).
    package func forEachRow(_ body: (EventRow) -> Void) -> Bool {
        guard values == nil, fetcher == nil else { return false }
        var row = EventRow(table: table)
        for index in indices {
            row.position = position(index)
            body(row)
        }
        return true
    }
}
