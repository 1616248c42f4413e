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
        Self.withColumnGroups(&self, fixed: { $0.reorder(order) }, variable: { $0.reorder(order) })
    }
}

extension EventTable.FixedColumns {
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
        locations.reorder(order, scratch)
        summaries.reorder(order, scratch)
        quotes.reorder(order, scratch)
        gatherInPlace(&attributes, order, scratch)
        gatherInPlace(&actorCounts, order, scratch)
        gatherInPlace(&targetCounts, order, scratch)
        (sourceStarts, sourceRefs) = gatherRuns(starts: sourceStarts, values: sourceRefs, order)
    }
}

extension EventTable.VariableColumns {
    mutating func reorder(_ order: [Int]) {
        ids = ids.reordered(order)
        (partyStarts, parties) = gatherRuns(starts: partyStarts, values: parties, order)
    }
}

/// Puts `column` in `order` (a permutation: `order[new]` is the old position) through
/// `scratch`, which has room for as many values of up to eight bytes.
func gatherInPlace<Value: Equatable>(_ column: inout [Value], _ order: [Int], _ scratch: UnsafeMutableRawPointer) {
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
