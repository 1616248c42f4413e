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
        slots = Self.emptySlots(max(16, (capacity * 2).nextPowerOfTwo))
    }

    private static func emptySlots(_ count: Int) -> [Slot] {
        Array(repeating: Slot(), onHugePagesCount: count)
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

    /// `valueOrInsert` for several keys in a row: key `i`'s stored value, or a new
    /// value after storing it — the inserted keys get `firstValue`, `firstValue + 1`,
    /// … in order (`results[i]`).
    ///
    /// The first slot of every key is read before any key is probed, so their cache
    /// misses overlap instead of queueing: in a table of millions of slots nearly
    /// every probe waits for memory, and joining the halves of a million-row import
    /// spent most of its time waiting on one probe after another (`make bench`).
    public mutating func valuesOrInsert(_ keys: [(UInt64, UInt64, UInt64)], firstValue: Int32,
                                        into results: inout [(value: Int32, inserted: Bool)]) {
        results.removeAll(keepingCapacity: true)
        reserve(keys.count)
        var inserted: Int32 = 0
        slots.withUnsafeMutableBufferPointer { slots in
            Self.withFirstSlots(of: keys, in: UnsafeBufferPointer(slots)) { position, key, start, occupied in
                // Taken then, taken now; free then may have been taken since by an
                // earlier key of this call (read again: in cache by now).
                let (found, index) = Self.probe(UnsafeBufferPointer(slots), key, from: start,
                                                occupied: occupied || slots[start].occupied)
                if let found {
                    results.append((found, false))
                } else {
                    let value = firstValue + inserted
                    slots[index] = Slot(a: key.0, b: key.1, c: key.2, value: value, occupied: true)
                    inserted += 1
                    results.append((value, true))
                }
            }
        }
        count += Int(inserted)
    }

    /// `value` for several keys in a row (`results[i]`), with the first slots read
    /// together as in `valuesOrInsert`.
    public func values(_ keys: [(UInt64, UInt64, UInt64)], into results: inout [Int32?]) {
        results.removeAll(keepingCapacity: true)
        slots.withUnsafeBufferPointer { slots in
            Self.withFirstSlots(of: keys, in: slots) { _, key, start, occupied in
                results.append(Self.probe(slots, key, from: start, occupied: occupied).value)
            }
        }
    }

    /// Reads the first slot of every key, then calls `body` for each key in order
    /// with that slot and whether it was taken.
    private static func withFirstSlots(of keys: [(UInt64, UInt64, UInt64)], in slots: UnsafeBufferPointer<Slot>,
                                       _ body: (Int, (UInt64, UInt64, UInt64), Int, Bool) -> Void) {
        let mask = slots.count - 1
        withUnsafeTemporaryAllocation(of: (index: Int, occupied: Bool).self, capacity: keys.count) { first in
            for (position, key) in keys.enumerated() {
                let index = mix(key.0, key.1, key.2) & mask
                first[position] = (index, slots[index].occupied)
            }
            for (position, key) in keys.enumerated() { body(position, key, first[position].index, first[position].occupied) }
        }
    }

    /// The value of `key` probing from `index` (whose slot is taken when `occupied`),
    /// or nil and the free slot where the probe ended.
    @inline(__always)
    private static func probe(_ slots: UnsafeBufferPointer<Slot>, _ key: (UInt64, UInt64, UInt64), from index: Int,
                              occupied: Bool) -> (value: Int32?, index: Int) {
        let mask = slots.count - 1
        var index = index
        var occupied = occupied
        while occupied {
            let slot = slots[index]
            if slot.a == key.0, slot.b == key.1, slot.c == key.2 { return (slot.value, index) }
            index = (index + 1) & mask
            occupied = slots[index].occupied
        }
        return (nil, index)
    }

    /// Calls `body` with every key and its value, in no particular order.
    public func forEach(_ body: ((UInt64, UInt64, UInt64), Int32) -> Void) {
        for slot in slots where slot.occupied { body((slot.a, slot.b, slot.c), slot.value) }
    }

    /// Makes room for `additional` more keys without growing on the way.
    public mutating func reserve(_ additional: Int) {
        var size = slots.count
        while (count + additional) * 4 > size * 3 { size *= 2 }
        if size > slots.count { grow(to: size) }
    }

    private mutating func grow(to size: Int? = nil) {
        let old = slots
        slots = Self.emptySlots(size ?? old.count * 2)
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
