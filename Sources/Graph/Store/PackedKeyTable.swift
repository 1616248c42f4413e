/// A hash table from three 64-bit words to an `Int32`, for the import hot path:
/// open addressing with a multiply-xorshift mix. Swift's `Dictionary` hashes with
/// SipHash, which dominated the profile of a million-row import.
public struct PackedKeyTable: Sendable {
    private var keys: [(UInt64, UInt64, UInt64)]
    private var values: [Int32]
    private var used: [Bool]
    public private(set) var count = 0

    public init(capacity: Int = 1024) {
        let size = max(16, (capacity * 2).nextPowerOfTwo)
        keys = Array(repeating: (0, 0, 0), count: size)
        values = Array(repeating: 0, count: size)
        used = Array(repeating: false, count: size)
    }

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> Int {
        var hash = a &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ (hash >> 32) ^ b) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 29) ^ c) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash ^ (hash >> 31))
    }

    public func value(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> Int32? {
        let mask = used.count - 1
        var slot = Self.mix(a, b, c) & mask
        while used[slot] {
            if keys[slot] == (a, b, c) { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The value stored for the key, or `value` after storing it.
    public mutating func valueOrInsert(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ value: Int32) -> (value: Int32, inserted: Bool) {
        let mask = used.count - 1
        var slot = Self.mix(a, b, c) & mask
        while used[slot] {
            if keys[slot] == (a, b, c) { return (values[slot], false) }
            slot = (slot + 1) & mask
        }
        used[slot] = true
        keys[slot] = (a, b, c)
        values[slot] = value
        count += 1
        if count * 2 > used.count { grow() }
        return (value, true)
    }

    /// Calls `body` with every key and its value, in no particular order.
    public func forEach(_ body: ((UInt64, UInt64, UInt64), Int32) -> Void) {
        for slot in used.indices where used[slot] { body(keys[slot], values[slot]) }
    }

    /// Makes room for `additional` more keys without growing on the way.
    public mutating func reserve(_ additional: Int) {
        while (count + additional) * 2 > used.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let oldUsed = used
        let size = used.count * 2
        keys = Array(repeating: (0, 0, 0), count: size)
        values = Array(repeating: 0, count: size)
        used = Array(repeating: false, count: size)
        let mask = size - 1
        for index in oldUsed.indices where oldUsed[index] {
            let (a, b, c) = oldKeys[index]
            var slot = Self.mix(a, b, c) & mask
            while used[slot] { slot = (slot + 1) & mask }
            used[slot] = true
            keys[slot] = (a, b, c)
            values[slot] = oldValues[index]
        }
    }
}
