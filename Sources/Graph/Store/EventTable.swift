/// Events stored by column: what `GraphStore` keeps, so that millions of coded events
/// fit in about a hundred bytes each and queries read only the columns they need.
/// `Event` values are made on demand (`subscript`).
///
/// Parties refer to nodes by position in the store's node list (`nodeIDs`).
public struct EventTable: Sendable {
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

    public init() {}

    public var count: Int { firstDays.count }

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
    public subscript(index: Int) -> Event {
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

/// Sources stored once each (a GDELT article yields several rows, and merged events
/// share them).
struct SourceTable: Sendable {
    private var publishers: [Int32] = []
    private var titles: [Int32] = []
    private var urls: [Int32] = []
    private var dates: [UInt32] = []
    private var notes: [Int32] = []
    /// Titles, URLs and notes.
    private var texts = StringPool()
    /// Publishers apart: a few thousand names met on every row, whose lookups stay
    /// in the cache when they are not spread among a million URLs (`make bench`).
    private var publisherNames = StringPool()
    /// Sources by key: those with no title and no note (coded data's) in 16-byte
    /// slots, the others in 32-byte ones (half the memory for a million-row file's
    /// sources, and half the cache lines a lookup may miss).
    private var compactIndex = KeyTable<CompactKeySlot>()
    private var index = KeyTable<PackedKeySlot>(capacity: 64)

    /// A source by its interned texts: hashing five integers, not five strings.
    struct Key: Hashable {
        let publisher: Int32
        let title: Int32
        let url: Int32
        let date: UInt32
        let note: Int32

        /// The key as `CompactKeySlot` holds it, when the source has no title and no
        /// note.
        var compact: (UInt64, UInt32)? {
            guard title < 0, note < 0 else { return nil }
            return (UInt64(UInt32(bitPattern: publisher)) << 32 | UInt64(UInt32(bitPattern: url)), date)
        }

        /// The key as `PackedKeySlot` holds it.
        var packed: (UInt64, UInt64, UInt64) {
            (UInt64(UInt32(bitPattern: publisher)) << 32 | UInt64(UInt32(bitPattern: title)),
             UInt64(UInt32(bitPattern: url)) << 32 | UInt64(UInt32(bitPattern: note)), UInt64(date))
        }
    }

    var count: Int { publishers.count }

    /// The index of `source`, adding it if new.
    mutating func intern(_ source: Source) -> Int32 {
        func text(_ value: String?) -> Int32 { value.map { texts.intern($0) } ?? -1 }
        return intern(Key(publisher: source.publisher.map { publisherNames.intern($0) } ?? -1, title: text(source.title), url: text(source.url),
                          date: source.date.map { PackedDate($0).bits } ?? UInt32.max, note: text(source.note)))
    }

    /// The index of a source given by bytes, for parsers.
    mutating func intern(publisher: UnsafeBufferPointer<UInt8>?, url: UnsafeBufferPointer<UInt8>?, date: EventDate?,
                         note: UnsafeBufferPointer<UInt8>?) -> Int32 {
        intern(publisher: publisher.map { publisherNames.intern($0) } ?? -1, title: -1, url: url.map { texts.intern($0) } ?? -1,
               date: date, note: note.map { texts.intern($0) } ?? -1)
    }

    /// Makes room for `count` sources in all whose texts take at most `textBytes`
    /// bytes, so the lists and the text bytes are not copied to grow (see
    /// `EventTableBuilder.reserve(events:sourceBytes:)`).
    mutating func reserve(_ count: Int, textBytes: Int) {
        publishers.reserveCapacity(count)
        titles.reserveCapacity(count)
        urls.reserveCapacity(count)
        dates.reserveCapacity(count)
        notes.reserveCapacity(count)
        texts.reserve(strings: count, bytes: textBytes)
    }

    /// Starts loading where interning `url` will look (see `CPrefetch`).
    func prefetch(url: UnsafeBufferPointer<UInt8>) {
        texts.prefetch(url)
    }

    /// The index of a source's title, url or note given by bytes.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        texts.intern(bytes)
    }

    /// The index of a source's publisher given by bytes.
    mutating func publisher(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        publisherNames.intern(bytes)
    }

    /// The index of a source whose texts came from `publisher(_:)` and `text(_:)`
    /// (-1: none).
    mutating func intern(publisher: Int32, title: Int32, url: Int32, date: EventDate?, note: Int32) -> Int32 {
        intern(Key(publisher: publisher, title: title, url: url, date: date.map { PackedDate($0).bits } ?? UInt32.max,
                   note: note))
    }

    private mutating func intern(_ key: Key) -> Int32 {
        let next = Int32(publishers.count)
        let (position, inserted) = if let compact = key.compact {
            compactIndex.valueOrInsert(compact, next)
        } else {
            index.valueOrInsert(key.packed, next)
        }
        guard inserted else { return position }
        append(key)
        return position
    }

    private mutating func append(_ key: Key) {
        publishers.append(key.publisher)
        titles.append(key.title)
        urls.append(key.url)
        dates.append(key.date)
        notes.append(key.note)
    }

    /// Takes in the sources of `other`, for a table that nothing is interned into
    /// afterwards (see `StringPool.absorbUnindexed`): each is looked up here, and
    /// those not found are appended; the lookup table is dropped after. Element `i`
    /// is the index here of `other`'s source `i`.
    mutating func absorbUnindexed(_ other: SourceTable) -> [Int32] {
        let textMap = texts.absorbUnindexed(other.texts)
        let publisherMap = publisherNames.absorb(other.publisherNames)
        func text(_ reference: Int32) -> Int32 { reference < 0 ? -1 : textMap[Int(reference)] }
        var map: [Int32] = []
        map.reserveCapacity(other.count)
        // By batches of 16 (see `KeyTable.values`), each key in its own table.
        var keys: [Key] = []
        var compactKeys: [(UInt64, UInt32)] = [], packedKeys: [(UInt64, UInt64, UInt64)] = []
        var compactFound: [Int32?] = [], packedFound: [Int32?] = []
        var start = 0
        while start < other.count {
            let end = min(other.count, start + 16)
            keys.removeAll(keepingCapacity: true)
            compactKeys.removeAll(keepingCapacity: true)
            packedKeys.removeAll(keepingCapacity: true)
            for position in start..<end {
                let publisher = other.publishers[position]
                let key = Key(publisher: publisher < 0 ? -1 : publisherMap[Int(publisher)], title: text(other.titles[position]),
                              url: text(other.urls[position]), date: other.dates[position], note: text(other.notes[position]))
                keys.append(key)
                if let compact = key.compact { compactKeys.append(compact) } else { packedKeys.append(key.packed) }
            }
            compactIndex.values(compactKeys, into: &compactFound)
            index.values(packedKeys, into: &packedFound)
            var (nextCompact, nextPacked) = (0, 0)
            for key in keys {
                let position: Int32?
                if key.compact != nil {
                    position = compactFound[nextCompact]
                    nextCompact += 1
                } else {
                    position = packedFound[nextPacked]
                    nextPacked += 1
                }
                if let position {
                    map.append(position)
                } else {
                    map.append(Int32(publishers.count))
                    append(key)
                }
            }
            start = end
        }
        seal()
        return map
    }

    /// Drops the lookup table once loading is done (it is only needed to intern).
    mutating func seal() {
        compactIndex = KeyTable(capacity: 0)
        index = KeyTable(capacity: 0)
    }

    subscript(position: Int) -> Source {
        func text(_ reference: Int32) -> String? { reference < 0 ? nil : texts[reference] }
        return Source(publisher: publishers[position] < 0 ? nil : publisherNames[publishers[position]], title: text(titles[position]), url: text(urls[position]),
                      date: dates[position] == UInt32.max ? nil : PackedDate(bits: dates[position]).date,
                      note: text(notes[position]))
    }
}

extension PackedDate {
    init(bits: UInt32) {
        self.bits = bits
    }
}
