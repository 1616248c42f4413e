extension EventTable.FixedColumns {
    /// Appends the events `kept` of `source` (all when nil), their texts and
    /// attribute sets mapped; source references are copied as `source` numbers
    /// them.
    mutating func append(_ kept: [Int]?, of source: EventTable, textMap: [Int32], attributeMap: [Int32]) {
        func text(_ reference: Int32) -> Int32 { reference < 0 ? -1 : textMap[Int(reference)] }
        appendPicked(&firstDays, source.firstDays, kept)
        appendPicked(&lastDays, source.lastDays, kept)
        appendPicked(&startDates, source.startDates, kept)
        appendPicked(&endDates, source.endDates, kept)
        appendPicked(&kinds, source.kinds, kept)
        appendPicked(&stances, source.stances, kept)
        appendPicked(&tones, source.tones, kept)
        appendPicked(&titles, source.titles, kept, text)
        appendPicked(&locations, source.locations, kept, text)
        appendPicked(&summaries, source.summaries, kept, text)
        appendPicked(&quotes, source.quotes, kept, text)
        appendPicked(&attributes, source.attributes, kept) { attributeMap[Int($0)] }
        appendPicked(&actorCounts, source.actorCounts, kept)
        appendPicked(&targetCounts, source.targetCounts, kept)
        appendPickedRuns(&sourceStarts, &sourceRefs, starts: source.sourceStarts, values: source.sourceRefs, kept)
    }
}

extension EventTable.VariableColumns {
    /// Appends the ids and parties of the events `kept` of `source` (all when
    /// nil), parties mapped through `nodeMap`.
    mutating func append(_ kept: [Int]?, of source: EventTable, nodeMap: [Int32]) {
        if let kept { ids.append(source.ids, picking: kept) } else { ids.append(contentsOf: source.ids) }
        appendPickedRuns(&partyStarts, &parties, starts: source.partyStarts, values: source.parties, kept) {
            nodeMap[Int($0)]
        }
    }
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
