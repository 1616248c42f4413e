/// Builds an `EventTable` row by row, with the nodes it refers to, optionally merging
/// rows that describe the same event.
///
/// Merging (`merge: true`): an event with the same actors, targets, kind and days as
/// an earlier merged one is folded into it: its sources are added (each once), its
/// tone joins the mean, and `merged_rows` counts the rows. Importers of coded data use
/// this so that one meeting reported by 40 articles is one event with 40 sources.
package struct EventTableBuilder: Sendable {
    package private(set) var nodes: [Node] = []
    private var nodePositions: [NodeID: Int32] = [:]
    private var table = EventTable()
    private var attributeIndex: [[String: String]: Int32] = [[:]: 0]
    /// One-day events with at most one actor and one target (every coded row): the
    /// fast table (see `compactMergeKey`); others: `mergeKeys`.
    /// Starts small (small files are common, and fuzzing runs thousands) and doubles.
    private var compactMergeKeys = KeyTable<CompactKeySlot>(capacity: 64)
    private var mergeKeys: [MergeKey: Int32] = [:]
    /// Per event, what merging adds up (one array: a merge touches one cache line,
    /// not three).
    private var tallies: [MergeTally] = []
    /// (event, source) pairs added by merges, placed into the table at `finish`.
    private var extraSources: [(event: Int32, source: Int32)] = []

    /// Same actors, targets, kind and days, for events without a compact key.
    struct MergeKey: Hashable {
        let days: UInt64
        let kind: EventKind
        let more: [Int32]
    }

    /// The rows merged into an event: their tones' sum and count, and how many.
    struct MergeTally: Sendable {
        var toneSum: Double
        var tones: Int32
        var rows: Int32

        mutating func add(_ other: MergeTally) {
            toneSum += other.toneSum
            tones += other.tones
            rows += other.rows
        }
    }

    package init() {}

    package var eventCount: Int { table.count }

    /// The position of the node with `id`, adding `node()` the first time.
    @discardableResult
    package mutating func node(_ id: NodeID, _ make: () -> Node) -> Int32 {
        if let position = nodePositions[id] { return position }
        let position = Int32(nodes.count)
        nodes.append(make())
        table.nodeIDs.append(id)
        nodePositions[id] = position
        return position
    }

    package func position(of id: NodeID) -> Int32? {
        nodePositions[id]
    }

    /// Makes room for about `events` more events (a parser's estimate from the bytes
    /// it will read), so that the columns do not grow, and copy themselves, on the
    /// way. Room not used costs address space, not memory: pages are only given
    /// when written.
    ///
    /// - Parameter sourceBytes: at most how many bytes the sources' texts take (the
    ///   size of the input is a safe bound): room for the texts of as many sources
    ///   as events. (The url bytes of a million-row file, grown by doubling, were
    ///   copied into fresh memory again and again: `make bench`, page faults.)
    package mutating func reserve(events: Int, sourceBytes: Int = 0) {
        table.reserve(events: events, parties: events * 2, sources: events)
        tallies.reserveCapacity(tallies.count + events)
        if sourceBytes > 0 { table.sources.reserve(events, textBytes: sourceBytes) }
    }

    /// Makes room for merge keys of `rows` one-day rows with at most one actor and one
    /// target (as coded data has), so that the table of merge keys does not grow on
    /// the way.
    package mutating func reserveMergeKeys(rows: Int) {
        compactMergeKeys.reserve(rows)
    }

    /// Changes a node already added (a better name, another alias).
    package mutating func update(_ position: Int32, _ change: (inout Node) -> Void) {
        change(&nodes[Int(position)])
    }

    /// The index of a title or other text, for `appendRow`.
    package mutating func text(_ text: String) -> Int32 {
        table.texts.intern(text)
    }

    /// The index of an attribute set, for `appendRow`.
    package mutating func attributeSet(_ attributes: [String: String]) -> Int32 {
        if let known = attributeIndex[attributes] { return known }
        let index = Int32(table.attributeSets.count)
        table.attributeSets.append(attributes)
        attributeIndex[attributes] = index
        return index
    }

    /// The index of a title or other text given by bytes (UTF-8), for `appendRow`.
    package mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        table.texts.intern(bytes)
    }

    /// The index of a source given by bytes (UTF-8), for `appendRow`.
    package mutating func source(publisher: UnsafeBufferPointer<UInt8>?, url: UnsafeBufferPointer<UInt8>?,
                                date: EventDate?, note: UnsafeBufferPointer<UInt8>? = nil) -> Int32 {
        table.sources.intern(publisher: publisher, url: url, date: date, note: note)
    }

    /// Starts loading the memory that interning a source with this url will read
    /// first, so that a parser can do other work of the row while it arrives (see
    /// `CPrefetch`).
    /// (`mutating` though it changes nothing: a caller reaching the builder through
    /// its own `inout` state then passes it in place instead of copying its 400 bytes
    /// on every row, which the profile showed.)
    package mutating func prefetch(url: UnsafeBufferPointer<UInt8>) {
        table.sources.prefetch(url: url)
    }

    /// Starts loading what `appendRow` with `merge` will read first for this key.
    package mutating func prefetchMerge(kind: EventKind, first: Day, last: Day, actor: Int32?, target: Int32?) {
        guard let key = Self.compactMergeKey(kind: kind, first: first, last: last, actor: actor, target: target) else { return }
        compactMergeKeys.prefetch(key)
    }

    /// The index of a source's title, url or note given by bytes, for
    /// `source(publisher:title:url:date:note:)`.
    package mutating func sourceText(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        table.sources.text(bytes)
    }

    /// The index of a source's publisher given by bytes, for
    /// `source(publisher:title:url:date:note:)`.
    package mutating func sourcePublisher(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        table.sources.publisher(bytes)
    }

    /// The source at an index `source(…)` returned.
    package func sourceValue(_ index: Int32) -> Source {
        table.sources[Int(index)]
    }

    /// The index of a source whose texts came from `sourcePublisher(_:)` and
    /// `sourceText(_:)` (-1: none).
    package mutating func source(publisher: Int32, title: Int32, url: Int32, date: EventDate?, note: Int32) -> Int32 {
        table.sources.intern(publisher: publisher, title: title, url: url, date: date, note: note)
    }

    /// The fast path for parsers of coded files: at most one actor and one target (by
    /// node position), one source, texts and attributes already interned, the id as
    /// bytes. Returns the event the row was merged into, or nil. (Plain values, not
    /// slices: a slice per row cost a retain and a release of its array in the import
    /// profile.)
    @discardableResult
    package mutating func appendRow(id: UnsafeBufferPointer<UInt8>, kind: EventKind, date: DateSpan, title: Int32,
                                   actor: Int32?, target: Int32?, stance: Stance?, tone: Double?,
                                   source: Int32, attributeSet: Int32, merge: Bool) -> Int32? {
        if merge, let earlier = mergeTarget(kind: kind, first: date.firstDay, last: date.lastDay,
                                                  actor: actor, target: target) {
            extraSources.append((earlier, source))
            fold(tone: tone, into: earlier)
            return earlier
        }
        table.ids.append(id)
        appendColumns(kind: kind, date: date, title: title, stance: stance, tone: tone, location: -1, summary: -1,
                      quote: -1, attributeSet: attributeSet)
        if kind.isSymmetric, let actor, let target, actor != target {
            // Both sides are participants, in the order of their ids, so that the
            // same meeting coded from either side has the same parties everywhere
            // (a store joins events of later files by their party lists). A meeting
            // of an actor with itself (a country's own ministries) keeps its sides.
            let inOrder = table.nodeIDs[Int(actor)] <= table.nodeIDs[Int(target)]
            table.parties.append(inOrder ? actor : target)
            table.parties.append(inOrder ? target : actor)
            table.partyStarts.append(Int32(table.parties.count))
            table.actorCounts.append(2)
            table.targetCounts.append(0)
        } else {
            if let actor { table.parties.append(actor) }
            if let target { table.parties.append(target) }
            table.partyStarts.append(Int32(table.parties.count))
            table.actorCounts.append(actor == nil ? 0 : 1)
            table.targetCounts.append(target == nil ? 0 : 1)
        }
        table.sourceRefs.append(source)
        table.sourceStarts.append(Int32(table.sourceRefs.count))
        return nil
    }

    /// The source an event's own row gave (before merges), or -1 for none.
    package func ownSource(of event: Int32) -> Int32 {
        let start = Int(table.sourceStarts[Int(event)])
        return start < Int(table.sourceStarts[Int(event) + 1]) ? table.sourceRefs[start] : -1
    }

    /// The path for parsers of native data: parties by node position, texts,
    /// sources and attributes already interned (-1: no text), the id as bytes. Never
    /// merges. A source listed twice is kept once.
    ///
    /// - Complexity: amortized O(p + s²) for its parties and sources (s is small).
    package mutating func appendInterned(id: UnsafeBufferPointer<UInt8>, kind: EventKind, date: DateSpan, title: Int32,
                                        actors: [Int32], targets: [Int32], issues: [Int32],
                                        stance: Stance?, location: Int32, summary: Int32, quote: Int32, tone: Double?,
                                        sources: [Int32], attributeSet: Int32) {
        table.ids.append(id)
        appendColumns(kind: kind, date: date, title: title, stance: stance, tone: tone, location: location,
                      summary: summary, quote: quote, attributeSet: attributeSet)
        // Arrays (not slices) and element by element: making and appending slices
        // retained and released arrays many times a line (the JSON-lines profile).
        for index in actors.indices { table.parties.append(actors[index]) }
        for index in targets.indices { table.parties.append(targets[index]) }
        for index in issues.indices { table.parties.append(issues[index]) }
        table.partyStarts.append(Int32(table.parties.count))
        table.actorCounts.append(Int32(actors.count))
        table.targetCounts.append(Int32(targets.count))
        let start = table.sourceRefs.count
        for index in sources.indices {
            let source = sources[index]
            if !(start..<table.sourceRefs.count).contains(where: { table.sourceRefs[$0] == source }) {
                table.sourceRefs.append(source)
            }
        }
        table.sourceStarts.append(Int32(table.sourceRefs.count))
    }

    /// The earlier event this one merges into, or nil after recording it as a
    /// possible target for later rows.
    private mutating func mergeTarget(kind: EventKind, date: DateSpan, actors: ArraySlice<Int32>,
                                      targets: ArraySlice<Int32>) -> Int32? {
        mergeTarget(kind: kind, first: date.firstDay, last: date.lastDay, actors: actors, targets: targets)
    }

    /// `recording: false`: only looks (the event is not a target for later rows).
    private mutating func mergeTarget(kind: EventKind, first: Day, last: Day, actors: ArraySlice<Int32>,
                                      targets: ArraySlice<Int32>, recording: Bool = true) -> Int32? {
        let parties = Self.compactParties(kind: kind, actors: actors, targets: targets)
        if let (actor, target) = parties,
           let key = Self.compactMergeKey(kind: kind, first: first, last: last, actor: actor, target: target) {
            if !recording { return compactMergeKeys.value(key) }
            let (earlier, inserted) = compactMergeKeys.valueOrInsert(key, Int32(table.count))
            return inserted ? nil : earlier
        }
        let more: [Int32]
        if kind.isSymmetric, case let (actor?, target?)? = parties {
            more = [min(actor, target), -1, max(actor, target)]
        } else {
            more = Array(actors) + [-1] + Array(targets)
        }
        let days = UInt64(UInt32(bitPattern: first.ordinal)) << 32 | UInt64(UInt32(bitPattern: last.ordinal))
        let key = MergeKey(days: days, kind: kind, more: more)
        if let earlier = mergeKeys[key] { return earlier }
        if recording { mergeKeys[key] = Int32(table.count) }
        return nil
    }

    /// `mergeTarget` for at most one actor and one target (coded rows).
    private mutating func mergeTarget(kind: EventKind, first: Day, last: Day, actor: Int32?, target: Int32?) -> Int32? {
        guard let key = Self.compactMergeKey(kind: kind, first: first, last: last, actor: actor, target: target) else {
            return mergeTarget(kind: kind, first: first, last: last, actors: actor.map { [$0] } ?? [],
                               targets: target.map { [$0] } ?? [])
        }
        let (earlier, inserted) = compactMergeKeys.valueOrInsert(key, Int32(table.count))
        return inserted ? nil : earlier
    }

    /// The merge key of a one-day event with at most one actor and one target, as
    /// `CompactKeySlot` holds it: the kind (2 bits), actor and target positions + 1
    /// (31 bits each, 0: none), and the day. Nil for a span of days or a position of
    /// 2³¹ − 1 (`mergeKeys` takes those).
    /// The two sides of a symmetric kind are one unordered pair: A→B and B→A, or A
    /// and B as participants, have one key.
    private static func compactMergeKey(kind: EventKind, first: Day, last: Day, actor: Int32?,
                                        target: Int32?) -> (UInt64, UInt32)? {
        guard first == last else { return nil }
        var (actor, target) = (actor, target)
        if kind.isSymmetric, let one = actor, let other = target, other < one { (actor, target) = (other, one) }
        let actorBits = UInt64(Int64(actor ?? -1) + 1)
        let targetBits = UInt64(Int64(target ?? -1) + 1)
        guard actorBits < 1 << 31, targetBits < 1 << 31 else { return nil }
        return (kind.code << 62 | actorBits << 31 | targetBits, UInt32(bitPattern: first.ordinal))
    }

    /// The actor and target a compact key is made of, or nil when the event has more
    /// parties than a compact key holds: at most one actor and one target, or for a
    /// symmetric kind any two participants.
    private static func compactParties(kind: EventKind, actors: ArraySlice<Int32>,
                                       targets: ArraySlice<Int32>) -> (Int32?, Int32?)? {
        if actors.count <= 1, targets.count <= 1 { return (actors.first, targets.first) }
        if kind.isSymmetric, actors.count == 2, targets.isEmpty { return (actors.first, actors.last) }
        return nil
    }

    /// Folds a row into an earlier event outside the merge rule (the other side of
    /// a meeting coded from both): its source is added, its tone joins the mean.
    package mutating func fold(source: Int32, tone: Double?, into earlier: Int32) {
        extraSources.append((earlier, source))
        fold(tone: tone, into: earlier)
    }

    /// `fold(source:tone:into:)` for sources given as values.
    package mutating func fold(sources: [Source], tone: Double?, into earlier: Int32) {
        for source in sources { extraSources.append((earlier, table.sources.intern(source))) }
        fold(tone: tone, into: earlier)
    }

    private mutating func fold(tone: Double?, into earlier: Int32) {
        if let tone {
            tallies[Int(earlier)].toneSum += tone
            tallies[Int(earlier)].tones += 1
        }
        tallies[Int(earlier)].rows += 1
    }

    private mutating func appendColumns(kind: EventKind, date: DateSpan, title: Int32, stance: Stance?, tone: Double?,
                                        location: Int32, summary: Int32, quote: Int32, attributeSet: Int32) {
        table.firstDays.append(date.firstDay)
        table.lastDays.append(date.lastDay)
        table.startDates.append(PackedDate(date.start))
        table.endDates.append(PackedDate(date.end))
        table.kinds.append(kind)
        table.stances.append(stance)
        table.tones.append(tone ?? .nan)
        tallies.append(MergeTally(toneSum: tone ?? 0, tones: tone == nil ? 0 : 1, rows: 1))
        table.titles.append(title)
        table.locations.append(location)
        table.summaries.append(summary)
        table.quotes.append(quote)
        table.attributes.append(attributeSet)
    }

    /// Adds an event whose parties are node positions. Returns whether it was merged
    /// into an earlier event.
    ///
    /// - Complexity: amortized O(p + s) for its parties and sources.
    @discardableResult
    package mutating func append(id: String, kind: EventKind, date: DateSpan, title: String,
                                actors: ArraySlice<Int32>, targets: ArraySlice<Int32>, issues: ArraySlice<Int32> = [],
                                stance: Stance? = nil,
                                location: String? = nil, summary: String? = nil, quote: String? = nil,
                                tone: Double? = nil, sources: [Source], attributes: [String: String] = [:],
                                merge: Bool = false) -> Bool {
        if merge, let earlier = mergeTarget(kind: kind, date: date, actors: actors, targets: targets) {
            for source in sources { extraSources.append((earlier, table.sources.intern(source))) }
            fold(tone: tone, into: earlier)
            return true
        }
        let texts = (title: table.texts.intern(title), location: location.map { table.texts.intern($0) } ?? -1,
                     summary: summary.map { table.texts.intern($0) } ?? -1, quote: quote.map { table.texts.intern($0) } ?? -1)
        let sourceRefs = sources.map { table.sources.intern($0) }
        let set = attributeSet(attributes)
        var idText = id
        idText.withUTF8 { idBytes in
            appendInterned(id: idBytes, kind: kind, date: date, title: texts.title, actors: Array(actors),
                           targets: Array(targets), issues: Array(issues), stance: stance, location: texts.location, summary: texts.summary,
                           quote: texts.quote, tone: tone, sources: sourceRefs, attributeSet: set)
        }
        return false
    }

    /// Adds an `Event` whose parties are node ids already added.
    ///
    /// - Precondition: every id the event names was added with `node(_:_:)`.
    @discardableResult
    package mutating func append(_ event: Event, merge: Bool = false) -> Bool {
        func positions(_ ids: [NodeID]) -> ArraySlice<Int32> { ArraySlice(ids.compactMap { nodePositions[$0] }) }
        return append(id: event.id, kind: event.kind, date: event.date, title: event.title,
                      actors: positions(event.actors), targets: positions(event.targets), issues: positions(event.issues),
                      stance: event.stance, location: event.location, summary: event.summary, quote: event.quote,
                      tone: event.tone, sources: event.sources, attributes: event.attributes, merge: merge)
    }

    /// (event, source) pairs ordered by event, keeping the order they were added in
    /// for each event: a counting sort (a hundred thousand pairs from a million rows).
    private static func byEvent(_ pairs: [(event: Int32, source: Int32)],
                                eventCount: Int) -> [(event: Int32, source: Int32)] {
        var starts = [Int32](repeating: 0, count: eventCount + 1)
        for pair in pairs { starts[Int(pair.event) + 1] += 1 }
        for event in 0..<eventCount { starts[event + 1] += starts[event] }
        var sorted = [(event: Int32, source: Int32)](repeating: (0, 0), count: pairs.count)
        for pair in pairs {
            sorted[Int(starts[Int(pair.event)])] = pair
            starts[Int(pair.event)] += 1
        }
        return sorted
    }

    /// The source runs with each event's merged-in sources after its own (each source
    /// once), written through buffers into runs of exact size: growing arrays
    /// element by element took most of `finish` (`make bench`).
    ///
    /// - Complexity: O(s + e) for s source references and e merged-in sources, plus
    ///   O(k²) for an event's k merged-in sources up to 32 (a set beyond).
    private static func withExtraSources(_ extraSources: [(event: Int32, source: Int32)], sourceStarts: [Int32],
                                         sourceRefs: [Int32]) -> (starts: [Int32], refs: [Int32]) {
        let count = sourceStarts.count - 1
        let extras = byEvent(extraSources, eventCount: count)
        var starts = [Int32](repeating: 0, count: count + 1)
        var nextExtra = 0
        let refs = sourceRefs.withUnsafeBufferPointer { own in
            sourceStarts.withUnsafeBufferPointer { ownStarts in
                [Int32](unsafeUninitializedCapacity: own.count + extras.count) { refs, initialized in
                    var end = 0
                    for event in 0..<count {
                        let eventStart = end
                        for index in Int(ownStarts[event])..<Int(ownStarts[event + 1]) {
                            refs[end] = own[index]
                            end += 1
                        }
                        let extraStart = nextExtra
                        while nextExtra < extras.count, extras[nextExtra].event == Int32(event) { nextExtra += 1 }
                        if nextExtra - extraStart > 32 {
                            // Many merged rows (a busy dyad's day): a set, not a scan per source.
                            var seen = Set(refs[eventStart..<end])
                            for extra in extras[extraStart..<nextExtra] where seen.insert(extra.source).inserted {
                                refs[end] = extra.source
                                end += 1
                            }
                        } else {
                            for extra in extras[extraStart..<nextExtra]
                            where !refs[eventStart..<end].contains(extra.source) {
                                refs[end] = extra.source
                                end += 1
                            }
                        }
                        starts[event + 1] = Int32(end)
                    }
                    initialized = end
                }
            }
        }
        return (starts, refs)
    }

    /// Merged events' mean tones and `merged_rows` attributes (attribute sets made
    /// once per set and count).
    private mutating func applyTallies() {
        var withCount: [Int64: Int32] = [:]
        for event in 0..<table.count where tallies[event].rows > 1 {
            let tally = tallies[event]
            if tally.tones > 0 { table.tones[event] = tally.toneSum / Double(tally.tones) }
            let key = Int64(table.attributes[event]) << 32 | Int64(tally.rows)
            if let known = withCount[key] {
                table.attributes[event] = known
                continue
            }
            var attributes = table.attributeSets[Int(table.attributes[event])]
            attributes["merged_rows"] = String(tally.rows)
            if let known = attributeIndex[attributes] {
                table.attributes[event] = known
            } else {
                table.attributes[event] = Int32(table.attributeSets.count)
                attributeIndex[attributes] = Int32(table.attributeSets.count)
                table.attributeSets.append(attributes)
            }
            withCount[key] = table.attributes[event]
        }
    }

    /// The table and its nodes. Merged events get their mean tone, all their sources
    /// and a `merged_rows` attribute.
    package consuming func finish() -> (nodes: [Node], table: EventTable) {
        // The source runs are made on another core while the tallies are read here.
        if extraSources.isEmpty {
            applyTallies()
        } else {
            let runs = (extras: extraSources, starts: table.sourceStarts, refs: table.sourceRefs)
            (_, (table.sourceStarts, table.sourceRefs)) = onAnotherCore(runs, {
                Self.withExtraSources($0.extras, sourceStarts: $0.starts, sourceRefs: $0.refs)
            }, overlapping: { applyTallies() })
        }
        table.sources.seal()
        return (nodes, table)
    }
}

extension EventTableBuilder {
    /// Appends every event of `other` (a builder that read the rows after this one's,
    /// on another core) as if its rows had been appended here: nodes, texts, sources
    /// and attribute sets are mapped onto this builder's, and under `merge` an event
    /// of `other` with the same actors, targets, kind and days as one here folds into
    /// it with all its sources, tones and row count. Returns how many folded.
    ///
    /// Nodes already here keep their name and kind; `other`'s aliases are added.
    ///
    /// The last thing appended here: after it, this builder is finished, or itself
    /// absorbed into one that read the rows before (a chain of joins, in file order).
    /// `other`'s merge keys and sources are only looked up here, not added (`other`'s
    /// events never merge with each other: its rows were merged already), so no table
    /// grows to be dropped (see `SourceTable.absorbUnindexed`).
    ///
    /// - Complexity: O(e + s + n) for `other`'s events, sources and nodes.
    package mutating func absorb(_ other: consuming EventTableBuilder, merge: Bool) -> Int {
        var nodeMap = [Int32](repeating: -1, count: other.nodes.count)
        for (position, node) in other.nodes.enumerated() {
            if let existing = nodePositions[node.id] {
                update(existing) { kept in
                    for alias in node.aliases where alias != kept.name && !kept.aliases.contains(alias) { kept.aliases.append(alias) }
                }
                nodeMap[position] = existing
            } else {
                nodeMap[position] = self.node(node.id) { node }
            }
        }
        let textMap = table.texts.absorb(other.table.texts)
        let attributeMap = other.table.attributeSets.map { attributeSet($0) }
        // `other`'s sources are taken in on another core while its events are joined
        // here with their own source numbers, mapped once both are done (each half
        // of the work took seconds at ten million rows: `make bench`).
        let (refsStart, extrasStart) = (table.sourceRefs.count, extraSources.count)
        var sources = SourceTable()
        swap(&sources, &table.sources)
        let otherSources = other.table.sources
        var folded = 0
        let sourceMap: [Int32]
        (table.sources, sourceMap) = onAnotherCore(consume sources, { $0.absorbUnindexed(otherSources) }) {
            if merge {
                folded = appendFolding(other, nodeMap: nodeMap, textMap: textMap, attributeMap: attributeMap)
            } else {
                // Nothing folds: every event, by whole columns.
                let eventBase = Int32(table.count)
                appendEvents(nil, of: other, nodeMap: nodeMap, textMap: textMap, attributeMap: attributeMap)
                extraSources += other.extraSources.map { ($0.event + eventBase, $0.source) }
            }
        }
        for index in refsStart..<table.sourceRefs.count { table.sourceRefs[index] = sourceMap[Int(table.sourceRefs[index])] }
        for index in extrasStart..<extraSources.count {
            extraSources[index].source = sourceMap[Int(extraSources[index].source)]
        }
        return folded
    }

    /// `absorb`'s join under `merge`: each event of `other` folds into the one here
    /// with its merge key, or is appended (by whole columns, after the lookups).
    /// Source references stay as `other` numbers them. Returns how many folded.
    private mutating func appendFolding(_ other: borrowing EventTableBuilder, nodeMap: [Int32], textMap: [Int32],
                                        attributeMap: [Int32]) -> Int {
        let source = other.table
        // `other`'s merged-in sources by event, in the order they were added.
        let extras = Self.byEvent(other.extraSources, eventCount: source.count)
        var nextExtra = 0
        table.reserve(events: source.count, parties: source.parties.count, sources: source.sourceRefs.count)
        tallies.reserveCapacity(tallies.count + source.count)

        var folded = 0
        var parties: [Int32] = []
        // The events that do not fold, appended by whole columns after the loop.
        let base = table.count
        var kept: [Int] = []
        kept.reserveCapacity(source.count)
        // Merge lookups by batches of consecutive events with compact keys (see
        // `KeyTable.values`): `found` holds the results of
        // `batchStart..<batchEnd`.
        // `compactParties` spelled out: slices of the parties per event cost more than
        // the rest of the join (`make bench`).
        func compactKey(_ event: Int) -> (UInt64, UInt32)? {
            let start = Int(source.partyStarts[event])
            let (actors, targets) = (Int(source.actorCounts[event]), Int(source.targetCounts[event]))
            let actor: Int32?, target: Int32?
            if actors <= 1, targets <= 1 {
                actor = actors == 1 ? nodeMap[Int(source.parties[start])] : nil
                target = targets == 1 ? nodeMap[Int(source.parties[start + actors])] : nil
            } else if actors == 2, targets == 0, source.kinds[event].isSymmetric {
                (actor, target) = (nodeMap[Int(source.parties[start])], nodeMap[Int(source.parties[start + 1])])
            } else {
                return nil
            }
            return Self.compactMergeKey(kind: source.kinds[event], first: source.firstDays[event], last: source.lastDays[event],
                                        actor: actor, target: target)
        }
        var batchKeys: [(UInt64, UInt32)] = []
        var found: [Int32?] = []
        var (batchStart, batchEnd) = (0, 0)
        for event in 0..<source.count {
            let actorEnd = Int(source.actorCounts[event])
            let targetEnd = actorEnd + Int(source.targetCounts[event])
            let ownSources = Int(source.sourceStarts[event])..<Int(source.sourceStarts[event + 1])
            let extraStart = nextExtra
            while nextExtra < extras.count, extras[nextExtra].event == Int32(event) { nextExtra += 1 }
            let eventExtras = extraStart..<nextExtra
            let earlier: Int32?
            if event < batchEnd {
                earlier = found[event - batchStart]
            } else if let key = compactKey(event) {
                batchKeys.removeAll(keepingCapacity: true)
                batchKeys.append(key)
                (batchStart, batchEnd) = (event, event + 1)
                while batchEnd < source.count, batchKeys.count < 16, let next = compactKey(batchEnd) {
                    batchKeys.append(next)
                    batchEnd += 1
                }
                compactMergeKeys.values(batchKeys, into: &found)
                earlier = found[0]
            } else {
                parties.removeAll(keepingCapacity: true)
                for index in Int(source.partyStarts[event])..<Int(source.partyStarts[event + 1]) {
                    parties.append(nodeMap[Int(source.parties[index])])
                }
                earlier = mergeTarget(kind: source.kinds[event], first: source.firstDays[event], last: source.lastDays[event],
                                      actors: parties[0..<actorEnd], targets: parties[actorEnd..<targetEnd], recording: false)
            }
            if let earlier {
                for index in ownSources { extraSources.append((earlier, source.sourceRefs[index])) }
                for index in eventExtras { extraSources.append((earlier, extras[index].source)) }
                tallies[Int(earlier)].add(other.tallies[event])
                folded += 1
                continue
            }
            let position = Int32(base + kept.count)
            kept.append(event)
            for index in eventExtras { extraSources.append((position, extras[index].source)) }
        }
        appendEvents(kept, of: other, nodeMap: nodeMap, textMap: textMap, attributeMap: attributeMap)
        return folded
    }

    /// Appends events `kept` of `other` (all of them when nil) by whole columns,
    /// mapping its nodes, texts and attribute sets onto this builder's. Source
    /// references are copied as `other` numbers them: the caller maps them. The
    /// fixed-width columns are appended on one core, the ids and parties on the other
    /// (on one, this was most of joining the halves of a million-row import, with the
    /// other core idle: `make bench`).
    private mutating func appendEvents(_ kept: [Int]?, of other: borrowing EventTableBuilder, nodeMap: [Int32],
                                       textMap: [Int32], attributeMap: [Int32]) {
        let source = other.table
        EventTable.withColumnGroups(&table, fixed: { $0.append(kept, of: source, textMap: textMap, attributeMap: attributeMap) },
                                    variable: { $0.append(kept, of: source, nodeMap: nodeMap) })
        appendPicked(&tallies, other.tallies, kept)
    }
}

