extension EventTable {
    /// Runs `fixedWork` on the fixed-width columns and the source runs, and
    /// `variableWork` on the ids and party runs, on two cores. The columns are moved
    /// out of `table` for it and back, not copied: a column still referenced from the
    /// table would be copied whole on its first write (fresh memory, a page fault per
    /// 4 KiB: `make bench`). Reordering and joining split the work this way.
    static func withColumnGroups(_ table: inout EventTable, fixed fixedWork: @escaping @Sendable (inout FixedColumns) -> Void,
                                 variable variableWork: @escaping @Sendable (inout VariableColumns) -> Void) {
        var fixed = FixedColumns()
        var variable = VariableColumns()
        fixed.exchange(with: &table)
        variable.exchange(with: &table)
        (variable, _) = onAnotherCore(consume variable, { variableWork(&$0) }, overlapping: { fixedWork(&fixed) })
        fixed.exchange(with: &table)
        variable.exchange(with: &table)
    }
}

extension EventTable {
    /// The columns of one value per event, and the source runs.
    struct FixedColumns: Sendable {
        var sourceStarts: [Int32] = [], sourceRefs: [Int32] = []
        var firstDays: [Day] = [], lastDays: [Day] = [], startDates: [PackedDate] = [], endDates: [PackedDate] = []
        var kinds: [EventKind] = [], stances: [Stance?] = [], tones: [Double] = [], titles: [Int32] = []
        var locations = OptionalTextColumn(), summaries = OptionalTextColumn(), quotes = OptionalTextColumn()
        var attributes: [Int32] = []
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
    }

    /// The ids and the party runs.
    struct VariableColumns: Sendable {
        var ids = StringColumn()
        var partyStarts: [Int32] = [], parties: [Int32] = []

        /// Swaps these columns with the table's: takes them out, or puts them back.
        mutating func exchange(with table: inout EventTable) {
            swap(&ids, &table.ids)
            swap(&partyStarts, &table.partyStarts)
            swap(&parties, &table.parties)
        }
    }
}
