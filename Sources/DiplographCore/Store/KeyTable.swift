import CPrefetch

/// A hash table from a key of a few machine words to an `Int32`, for the import hot
/// path: open addressing with a multiply-xorshift mix, key and value together in one
/// slot (`KeyTableSlot`), so a probe touches one cache line. Swift's `Dictionary`
/// hashes with SipHash, which dominated the profile of a million-row import. The
/// table grows past three quarters full: at half, the tables of a ten-million-row
/// import took a gigabyte, and fresh memory costs a page fault per 4 KiB.
///
/// Generic for the module's own tables; `PackedKeyTable` is the public face of the
/// three-word one.
struct KeyTable<Slot: KeyTableSlot>: Sendable {
    private var slots: [Slot]
    private(set) var count = 0

    init(capacity: Int = 1024) {
        slots = Array(repeating: Slot(), onHugePagesCount: max(16, (capacity * 2).nextPowerOfTwo))
    }

    /// Makes room for `count` keys in all, so that adding them does not grow the
    /// table (each growth moves every key: a half of a million-row import rehashed its
    /// merge keys seven times on the way).
    mutating func reserve(_ count: Int) {
        let needed = max(16, (count * 4 / 3 + 1).nextPowerOfTwo)
        guard needed > slots.count else { return }
        rehash(into: needed)
    }

    /// - Complexity: O(1) on average.
    func value(_ key: Slot.Key) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Slot.hash(key) & mask
            while slots[index].isOccupied {
                if slots[index].holds(key) { return slots[index].value }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// The value stored for the key, or `value` after storing it.
    ///
    /// - Complexity: O(1) on average (amortized: the table may grow).
    mutating func valueOrInsert(_ key: Slot.Key, _ value: Int32) -> (value: Int32, inserted: Bool) {
        let found: Int32? = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Slot.hash(key) & mask
            while slots[index].isOccupied {
                if slots[index].holds(key) { return slots[index].value }
                index = (index + 1) & mask
            }
            slots[index] = Slot(key: key, value: value)
            return nil
        }
        if let found { return (found, false) }
        count += 1
        if count * 4 > slots.count * 3 { grow() }
        return (value, true)
    }

    /// Starts loading the slot where a lookup of the key begins (see `CPrefetch`).
    func prefetch(_ key: Slot.Key) {
        slots.withUnsafeBufferPointer { slots in
            let index = Slot.hash(key) & (slots.count - 1)
            diplograph_prefetch(slots.baseAddress! + index)
            // And a later cache line, where a probe often goes on (the table is up to
            // three quarters full).
            diplograph_prefetch(slots.baseAddress! + ((index + 64 / MemoryLayout<Slot>.stride) & (slots.count - 1)))
        }
    }

    /// `value` for several keys in a row (`results[i]`). The first slots of all keys
    /// are fetched before any key is probed, so their cache misses overlap instead of
    /// queueing: in a table of millions of slots nearly every probe waits for memory,
    /// and joining the halves of a million-row import spent most of its time waiting
    /// on one probe after another (`make bench`).
    func values(_ keys: [Slot.Key], into results: inout [Int32?]) {
        for key in keys { prefetch(key) }
        results.removeAll(keepingCapacity: true)
        for key in keys { results.append(value(key)) }
    }

    /// Calls `body` with every key and its value, in no particular order.
    func forEach(_ body: (Slot.Key, Int32) -> Void) {
        for slot in slots where slot.isOccupied { body(slot.key, slot.value) }
    }

    private mutating func grow() {
        rehash(into: slots.count * 2)
    }

    private mutating func rehash(into slotCount: Int) {
        let old = slots
        slots = Array(repeating: Slot(), onHugePagesCount: slotCount)
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            for slot in old where slot.isOccupied {
                var index = Slot.hash(slot.key) & mask
                while slots[index].isOccupied { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }
}
