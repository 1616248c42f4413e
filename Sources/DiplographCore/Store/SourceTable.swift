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

    /// Drops the lookup tables once loading is done (they are only needed to intern).
    mutating func seal() {
        compactIndex = KeyTable(capacity: 0)
        index = KeyTable(capacity: 0)
    }

    /// Calls `body` with the bytes of source `position`'s publisher, title and address.
    func withTexts<Result>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>?, UnsafeBufferPointer<UInt8>?,
                                                     UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        func with(_ pool: StringPool, _ reference: Int32, _ next: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
            reference < 0 ? next(nil) : pool.withBytes(reference, next)
        }
        return with(publisherNames, publishers[position]) { publisher in
            with(texts, titles[position]) { title in
                with(texts, urls[position]) { url in body(publisher, title, url) }
            }
        }
    }

    subscript(position: Int) -> Source {
        func text(_ reference: Int32) -> String? { reference < 0 ? nil : texts[reference] }
        return Source(publisher: publishers[position] < 0 ? nil : publisherNames[publishers[position]], title: text(titles[position]), url: text(urls[position]),
                      date: dates[position] == UInt32.max ? nil : PackedDate(bits: dates[position]).date,
                      note: text(notes[position]))
    }
}
