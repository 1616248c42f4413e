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
        locations.append(source.locations, picking: kept, text)
        summaries.append(source.summaries, picking: kept, text)
        quotes.append(source.quotes, picking: kept, text)
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
    // Whole sequences, not element by element: an append checks the array's
    // uniqueness and room each time (`make bench`, joining the halves).
    column.withUnsafeBufferPointer { source in
        switch (picked, transform) {
        case let (picked?, transform?): destination.append(contentsOf: picked.lazy.map { transform(source[$0]) })
        case let (picked?, nil): destination.append(contentsOf: picked.lazy.map { source[$0] })
        case let (nil, transform?): destination.append(contentsOf: source.lazy.map(transform))
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
        destinationStarts.append(contentsOf: starts.dropFirst().lazy.map { $0 + base })
        appendPicked(&destinationValues, values, nil, transform)
        return
    }
    var end = destinationStarts.last!
    destinationStarts.append(contentsOf: picked.lazy.map { old in
        end += starts[old + 1] - starts[old]
        return end
    })
    destinationValues.reserveCapacity(Int(end))
    // The picked runs' values, one run after another, through `transform`.
    values.withUnsafeBufferPointer { source in
        let runValues = picked.lazy.flatMap { old in source[Int(starts[old])..<Int(starts[old + 1])] }
        if let transform {
            destinationValues.append(contentsOf: runValues.map(transform))
        } else {
            destinationValues.append(contentsOf: runValues)
        }
    }
}
