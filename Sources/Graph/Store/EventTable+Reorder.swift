import Dispatch
import Synchronization

extension EventTable {
    /// Puts the events in `order` (`order[new]` is the old position).
    ///
    /// The fixed-width columns and the source runs are reordered on one core, the ids
    /// and parties on the other (the split that evens their time at ten million
    /// events): indexing coded events spent most of its time here (`make bench`:
    /// index time).
    ///
    /// - Complexity: O(n + p + s + b) for n events, p parties, s source references and
    ///   b id bytes.
    mutating func reorder(_ order: [Int]) {
        // The columns are moved out of the table, not copied: a column still referenced
        // from here would be copied whole on its first write (fresh memory, a page
        // fault per 4 KiB: `make bench`, index time).
        var fixed = FixedColumns()
        var variable = VariableColumns()
        fixed.exchange(with: &self)
        variable.exchange(with: &self)
        let handOver = Mutex<(fixed: FixedColumns?, variable: VariableColumns?)>((consume fixed, consume variable))
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                var columns = handOver.withLock { $0.fixed.take()! }
                columns.reorder(order)
                handOver.withLock { $0.fixed = columns }
            } else {
                var columns = handOver.withLock { $0.variable.take()! }
                columns.reorder(order)
                handOver.withLock { $0.variable = columns }
            }
        }
        fixed = handOver.withLock { $0.fixed.take()! }
        variable = handOver.withLock { $0.variable.take()! }
        fixed.exchange(with: &self)
        variable.exchange(with: &self)
    }

    /// The columns of one value per event, and the source runs.
    private struct FixedColumns: Sendable {
        var sourceStarts: [Int32] = [], sourceRefs: [Int32] = []
        var firstDays: [Day] = [], lastDays: [Day] = [], startDates: [PackedDate] = [], endDates: [PackedDate] = []
        var kinds: [EventKind] = [], stances: [Stance?] = [], tones: [Double] = [], titles: [Int32] = []
        var locations: [Int32] = [], summaries: [Int32] = [], quotes: [Int32] = [], attributes: [Int32] = []
        var actorCounts: [Int32] = [], targetCounts: [Int32] = []

        /// Swaps these columns with the table's: takes them out, or puts them back.
        mutating func exchange(with table: inout EventTable) {
            swap(&firstDays, &table.firstDays)
            swap(&lastDays, &table.lastDays)
            swap(&startDates, &table.startDates)
            swap(&endDates, &table.endDates)
            swap(&kinds, &table.kinds)
            swap(&stances, &table.stances)
            swap(&tones, &table.tones)
            swap(&titles, &table.titles)
            swap(&locations, &table.locations)
            swap(&summaries, &table.summaries)
            swap(&quotes, &table.quotes)
            swap(&attributes, &table.attributes)
            swap(&actorCounts, &table.actorCounts)
            swap(&targetCounts, &table.targetCounts)
            swap(&sourceStarts, &table.sourceStarts)
            swap(&sourceRefs, &table.sourceRefs)
        }

        /// Each column is gathered into one scratch buffer and copied back over
        /// itself: no new column is allocated. (New columns cost a page fault per
        /// 4 KiB written, and those are slow here: 1.5–8 µs each, most of reordering
        /// ten million events: `make bench`, 10 M rows.)
        mutating func reorder(_ order: [Int]) {
            let widest = MemoryLayout<Double>.stride
            let scratch = UnsafeMutableRawPointer.allocate(byteCount: max(1, order.count * widest), alignment: widest)
            defer { scratch.deallocate() }
            gatherInPlace(&firstDays, order, scratch)
            gatherInPlace(&lastDays, order, scratch)
            gatherInPlace(&startDates, order, scratch)
            gatherInPlace(&endDates, order, scratch)
            gatherInPlace(&kinds, order, scratch)
            gatherInPlace(&stances, order, scratch)
            gatherInPlace(&tones, order, scratch)
            gatherInPlace(&titles, order, scratch)
            gatherInPlace(&locations, order, scratch)
            gatherInPlace(&summaries, order, scratch)
            gatherInPlace(&quotes, order, scratch)
            gatherInPlace(&attributes, order, scratch)
            gatherInPlace(&actorCounts, order, scratch)
            gatherInPlace(&targetCounts, order, scratch)
            (sourceStarts, sourceRefs) = gatherRuns(starts: sourceStarts, values: sourceRefs, order)
        }
    }

    /// The ids and the party runs.
    private struct VariableColumns: Sendable {
        var ids = StringColumn()
        var partyStarts: [Int32] = [], parties: [Int32] = []

        /// Swaps these columns with the table's: takes them out, or puts them back.
        mutating func exchange(with table: inout EventTable) {
            swap(&ids, &table.ids)
            swap(&partyStarts, &table.partyStarts)
            swap(&parties, &table.parties)
        }

        mutating func reorder(_ order: [Int]) {
            ids = ids.reordered(order)
            (partyStarts, parties) = gatherRuns(starts: partyStarts, values: parties, order)
        }
    }
}

/// Puts `column` in `order` (a permutation: `order[new]` is the old position) through
/// `scratch`, which has room for as many values of up to eight bytes.
private func gatherInPlace<Value: Equatable>(_ column: inout [Value], _ order: [Int], _ scratch: UnsafeMutableRawPointer) {
    precondition(_isPOD(Value.self) && MemoryLayout<Value>.stride <= 8 && order.count == column.count)
    let stride = MemoryLayout<Value>.stride
    column.withUnsafeMutableBufferPointer { values in
        guard let base = values.baseAddress else { return }
        // A column of one value (no locations or quotes in coded data) stays as it is.
        if values.allSatisfy({ $0 == values[0] }) { return }
        for (new, old) in order.enumerated() { scratch.storeBytes(of: values[old], toByteOffset: new * stride, as: Value.self) }
        UnsafeMutableRawPointer(base).copyMemory(from: scratch, byteCount: values.count * stride)
    }
}

/// Runs of values (run `i` is `values[starts[i]..<starts[i + 1]]`) in `order`.
private func gatherRuns(starts: [Int32], values: [Int32], _ order: [Int]) -> (starts: [Int32], values: [Int32]) {
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
/// is nil), each through `transform` if given, straight into `destination`: no
/// gathered copy in between (see `StringColumn.append(_:picking:)`).
func appendPicked<Value>(_ destination: inout [Value], _ column: [Value], _ picked: [Int]?,
                         _ transform: ((Value) -> Value)? = nil) {
    guard picked != nil || transform != nil else {
        destination.append(contentsOf: column)
        return
    }
    destination.reserveCapacity(destination.count + (picked?.count ?? column.count))
    column.withUnsafeBufferPointer { source in
        switch (picked, transform) {
        case let (picked?, transform?): for old in picked { destination.append(transform(source[old])) }
        case let (picked?, nil): for old in picked { destination.append(source[old]) }
        case let (nil, transform?): for value in source { destination.append(transform(value)) }
        case (nil, nil): break
        }
    }
}

/// Appends runs of `values` (run `i` is `values[starts[i]..<starts[i + 1]]`) at
/// `picked` (all when nil), each value through `transform`, to the runs in
/// `destinationStarts` and `destinationValues`.
func appendPickedRuns(_ destinationStarts: inout [Int32], _ destinationValues: inout [Int32], starts: [Int32],
                      values: [Int32], _ picked: [Int]?, _ transform: ((Int32) -> Int32)? = nil) {
    guard let picked else {
        let base = destinationStarts.last! - starts[0]
        destinationStarts.reserveCapacity(destinationStarts.count + starts.count - 1)
        for start in starts.dropFirst() { destinationStarts.append(start + base) }
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
            for index in Int(starts[old])..<Int(starts[old + 1]) {
                destinationValues.append(transform.map { $0(source[index]) } ?? source[index])
            }
        }
    }
}
