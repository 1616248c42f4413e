import CPrefetch

/// A hash table from three 64-bit words to an `Int32`, for the import hot path:
/// open addressing with a multiply-xorshift mix. Swift's `Dictionary` hashes with
/// SipHash, which dominated the profile of a million-row import. Key, value and the
/// occupied flag of a slot sit together (32 bytes), so a probe touches one cache line.
/// The table grows past three quarters full: at half, the tables of a ten-million-row
/// import took a gigabyte, and fresh memory costs a page fault per 4 KiB.
public struct PackedKeyTable: Sendable {
    struct Slot: Sendable {
        var a: UInt64 = 0
        var b: UInt64 = 0
        var c: UInt64 = 0
        var value: Int32 = 0
        var occupied = false
    }

    private var slots: [Slot]
    public private(set) var count = 0

    public init(capacity: Int = 1024) {
        slots = Array(repeating: Slot(), onHugePagesCount: max(16, (capacity * 2).nextPowerOfTwo))
    }

    /// Makes room for `count` keys in all, so that adding them does not grow the
    /// table (each growth moves every key: a half of a million-row import rehashed its
    /// merge keys seven times on the way).
    public mutating func reserve(_ count: Int) {
        let needed = max(16, (count * 4 / 3 + 1).nextPowerOfTwo)
        guard needed > slots.count else { return }
        rehash(into: needed)
    }

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> Int {
        var hash = a &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ (hash >> 32) ^ b) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 29) ^ c) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash ^ (hash >> 31))
    }

    public func value(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.mix(a, b, c) & mask
            while slots[index].occupied {
                if slots[index].a == a, slots[index].b == b, slots[index].c == c { return slots[index].value }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// The value stored for the key, or `value` after storing it.
    public mutating func valueOrInsert(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ value: Int32) -> (value: Int32, inserted: Bool) {
        let found: Int32? = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var index = Self.mix(a, b, c) & mask
            while slots[index].occupied {
                if slots[index].a == a, slots[index].b == b, slots[index].c == c { return slots[index].value }
                index = (index + 1) & mask
            }
            slots[index] = Slot(a: a, b: b, c: c, value: value, occupied: true)
            return nil
        }
        if let found { return (found, false) }
        count += 1
        if count * 4 > slots.count * 3 { grow() }
        return (value, true)
    }

    /// Starts loading the slot where a lookup of the key begins (see `CPrefetch`).
    public func prefetch(_ a: UInt64, _ b: UInt64, _ c: UInt64) {
        slots.withUnsafeBufferPointer { slots in
            let index = Self.mix(a, b, c) & (slots.count - 1)
            diplograph_prefetch(slots.baseAddress! + index)
            // And the next cache line, where a probe often goes on (the table is up to
            // three quarters full).
            diplograph_prefetch(slots.baseAddress! + ((index + 2) & (slots.count - 1)))
        }
    }

    /// `value` for several keys in a row (`results[i]`). The first slots of all keys
    /// are fetched before any key is probed, so their cache misses overlap instead of
    /// queueing: in a table of millions of slots nearly every probe waits for memory,
    /// and joining the halves of a million-row import spent most of its time waiting
    /// on one probe after another (`make bench`).
    public func values(_ keys: [(UInt64, UInt64, UInt64)], into results: inout [Int32?]) {
        for key in keys { prefetch(key.0, key.1, key.2) }
        results.removeAll(keepingCapacity: true)
        for key in keys { results.append(value(key.0, key.1, key.2)) }
    }

    /// Calls `body` with every key and its value, in no particular order.
    public func forEach(_ body: ((UInt64, UInt64, UInt64), Int32) -> Void) {
        for slot in slots where slot.occupied { body((slot.a, slot.b, slot.c), slot.value) }
    }

    private mutating func grow() {
        rehash(into: slots.count * 2)
    }

    private mutating func rehash(into slotCount: Int) {
        let old = slots
        slots = Array(repeating: Slot(), onHugePagesCount: slotCount)
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            for slot in old where slot.occupied {
                var index = Self.mix(slot.a, slot.b, slot.c) & mask
                while slots[index].occupied { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }
}
