import Dispatch
import Synchronization

extension EventTable {
    /// Puts the events in `order` (`order[new]` is the old position).
    ///
    /// Every column is gathered anew through raw buffers, the fixed-width columns on
    /// one core and the variable ones (ids, parties, sources) on the other: indexing a
    /// million coded events spent most of its time here (`make bench`: index time).
    ///
    /// - Complexity: O(n + p + s + b) for n events, p parties, s source references and
    ///   b id bytes.
    mutating func reorder(_ order: [Int]) {
        let fixed = FixedColumns(self)
        let variable = VariableColumns(self)
        let results = Mutex<(fixed: FixedColumns?, variable: VariableColumns?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                let reordered = fixed.reordered(order)
                results.withLock { $0.fixed = reordered }
            } else {
                let reordered = variable.reordered(order)
                results.withLock { $0.variable = reordered }
            }
        }
        let (newFixed, newVariable) = results.withLock { ($0.fixed!, $0.variable!) }
        newFixed.install(in: &self)
        newVariable.install(in: &self)
    }

    /// The columns of one value per event.
    private struct FixedColumns: Sendable {
        var firstDays: [Day], lastDays: [Day], startDates: [PackedDate], endDates: [PackedDate]
        var kinds: [EventKind], stances: [Stance?], tones: [Double], titles: [Int32], locations: [Int32]
        var summaries: [Int32], quotes: [Int32], attributes: [Int32], actorCounts: [Int32], targetCounts: [Int32]

        init(_ table: EventTable) {
            (firstDays, lastDays, startDates, endDates) = (table.firstDays, table.lastDays, table.startDates, table.endDates)
            (kinds, stances, tones, titles, locations) = (table.kinds, table.stances, table.tones, table.titles, table.locations)
            (summaries, quotes, attributes) = (table.summaries, table.quotes, table.attributes)
            (actorCounts, targetCounts) = (table.actorCounts, table.targetCounts)
        }

        func reordered(_ order: [Int]) -> Self {
            var copy = self
            copy.firstDays = gather(firstDays, order)
            copy.lastDays = gather(lastDays, order)
            copy.startDates = gather(startDates, order)
            copy.endDates = gather(endDates, order)
            copy.kinds = gather(kinds, order)
            copy.stances = gather(stances, order)
            copy.tones = gather(tones, order)
            copy.titles = gather(titles, order)
            copy.locations = gather(locations, order)
            copy.summaries = gather(summaries, order)
            copy.quotes = gather(quotes, order)
            copy.attributes = gather(attributes, order)
            copy.actorCounts = gather(actorCounts, order)
            copy.targetCounts = gather(targetCounts, order)
            return copy
        }

        func install(in table: inout EventTable) {
            (table.firstDays, table.lastDays, table.startDates, table.endDates) = (firstDays, lastDays, startDates, endDates)
            (table.kinds, table.stances, table.tones, table.titles, table.locations) = (kinds, stances, tones, titles, locations)
            (table.summaries, table.quotes, table.attributes) = (summaries, quotes, attributes)
            (table.actorCounts, table.targetCounts) = (actorCounts, targetCounts)
        }
    }

    /// The columns of a run of values per event.
    private struct VariableColumns: Sendable {
        var ids: StringColumn
        var partyStarts: [Int32], parties: [Int32], sourceStarts: [Int32], sourceRefs: [Int32]

        init(_ table: EventTable) {
            ids = table.ids
            (partyStarts, parties, sourceStarts, sourceRefs) = (table.partyStarts, table.parties, table.sourceStarts,
                                                                table.sourceRefs)
        }

        func reordered(_ order: [Int]) -> Self {
            var copy = self
            copy.ids = ids.reordered(order)
            (copy.partyStarts, copy.parties) = gatherRuns(starts: partyStarts, values: parties, order)
            (copy.sourceStarts, copy.sourceRefs) = gatherRuns(starts: sourceStarts, values: sourceRefs, order)
            return copy
        }

        func install(in table: inout EventTable) {
            table.ids = ids
            (table.partyStarts, table.parties, table.sourceStarts, table.sourceRefs) = (partyStarts, parties, sourceStarts,
                                                                                        sourceRefs)
        }
    }
}

/// `column` in `order` (`order[new]` is the old position; a subset gathers a subset).
func gather<Value>(_ column: [Value], _ order: [Int]) -> [Value] {
    column.withUnsafeBufferPointer { source in
        [Value](unsafeUninitializedCapacity: order.count) { buffer, initialized in
            for (new, old) in order.enumerated() { (buffer.baseAddress! + new).initialize(to: source[old]) }
            initialized = order.count
        }
    }
}

/// Runs of values (run `i` is `values[starts[i]..<starts[i + 1]]`) in `order` (a
/// subset gathers a subset).
func gatherRuns(starts: [Int32], values: [Int32], _ order: [Int]) -> (starts: [Int32], values: [Int32]) {
    var newStarts = [Int32](repeating: 0, count: order.count + 1)
    for (new, old) in order.enumerated() { newStarts[new + 1] = newStarts[new] + starts[old + 1] - starts[old] }
    let newValues = values.withUnsafeBufferPointer { source in
        [Int32](unsafeUninitializedCapacity: Int(newStarts[order.count])) { buffer, initialized in
            for (new, old) in order.enumerated() {
                let run = Int(starts[old])..<Int(starts[old + 1])
                var target = Int(newStarts[new])
                for index in run {
                    (buffer.baseAddress! + target).initialize(to: source[index])
                    target += 1
                }
            }
            initialized = Int(newStarts[order.count])
        }
    }
    return (newStarts, newValues)
}

/// Appends `column[picked[0]], column[picked[1]], …` (all of `column` when `picked`
/// is nil), each through `transform`, straight into `destination`: no gathered copy
/// in between (see `StringColumn.append(_:picking:)`).
func appendPicked<Value>(_ destination: inout [Value], _ column: [Value], _ picked: [Int]?,
                         _ transform: (Value) -> Value = { $0 }) {
    destination.reserveCapacity(destination.count + (picked?.count ?? column.count))
    column.withUnsafeBufferPointer { source in
        if let picked {
            for old in picked { destination.append(transform(source[old])) }
        } else {
            for value in source { destination.append(transform(value)) }
        }
    }
}

/// Appends runs of `values` (run `i` is `values[starts[i]..<starts[i + 1]]`) at
/// `picked` (all when nil), each value through `transform`, to the runs in
/// `destinationStarts` and `destinationValues`.
func appendPickedRuns(_ destinationStarts: inout [Int32], _ destinationValues: inout [Int32], starts: [Int32],
                      values: [Int32], _ picked: [Int]?, _ transform: (Int32) -> Int32 = { $0 }) {
    guard let picked else {
        let base = destinationStarts.last! - starts[0]
        appendPicked(&destinationStarts, Array(starts.dropFirst()), nil) { $0 + base }
        appendPicked(&destinationValues, values, nil, transform)
        return
    }
    destinationStarts.reserveCapacity(destinationStarts.count + picked.count)
    var end = destinationStarts.last!
    for old in picked {
        end += starts[old + 1] - starts[old]
        destinationStarts.append(end)
    }
    destinationValues.reserveCapacity(Int(end))
    values.withUnsafeBufferPointer { source in
        for old in picked {
            for index in Int(starts[old])..<Int(starts[old + 1]) { destinationValues.append(transform(source[index])) }
        }
    }
}
