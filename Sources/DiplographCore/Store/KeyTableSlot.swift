/// A slot of a `KeyTable`: empty, or a key and its value.
protocol KeyTableSlot: Sendable {
    associatedtype Key
    /// An empty slot.
    init()
    init(key: Key, value: Int32)
    var isOccupied: Bool { get }
    var key: Key { get }
    var value: Int32 { get }
    func holds(_ key: Key) -> Bool
    static func hash(_ key: Key) -> Int
}

/// Three words and a value: 32 bytes.
struct PackedKeySlot: KeyTableSlot {
    private var a: UInt64 = 0
    private var b: UInt64 = 0
    private var c: UInt64 = 0
    private(set) var value: Int32 = 0
    private(set) var isOccupied = false

    init() {}

    init(key: (UInt64, UInt64, UInt64), value: Int32) {
        (a, b, c) = key
        self.value = value
        isOccupied = true
    }

    var key: (UInt64, UInt64, UInt64) { (a, b, c) }

    @inline(__always)
    func holds(_ key: (UInt64, UInt64, UInt64)) -> Bool {
        a == key.0 && b == key.1 && c == key.2
    }

    @inline(__always)
    static func hash(_ key: (UInt64, UInt64, UInt64)) -> Int {
        var hash = key.0 &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ (hash >> 32) ^ key.1) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 29) ^ key.2) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash ^ (hash >> 31))
    }
}

/// A word, a half word and a value: 16 bytes, half a `PackedKeySlot`, for the merge
/// keys of coded rows (a table of a million slots per core at a million rows: 16 MB
/// less memory each, and twice the slots per cache line).
struct CompactKeySlot: KeyTableSlot {
    private var a: UInt64 = 0
    private var b: UInt32 = 0
    /// The value + 1; 0: empty (so that an empty slot is all zero bits).
    private var stored: Int32 = 0

    init() {}

    /// - Precondition: `value` is not negative.
    init(key: (UInt64, UInt32), value: Int32) {
        (a, b) = key
        stored = value + 1
    }

    var isOccupied: Bool { stored != 0 }
    var key: (UInt64, UInt32) { (a, b) }
    var value: Int32 { stored - 1 }

    @inline(__always)
    func holds(_ key: (UInt64, UInt32)) -> Bool {
        a == key.0 && b == key.1
    }

    @inline(__always)
    static func hash(_ key: (UInt64, UInt32)) -> Int {
        var hash = key.0 &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ (hash >> 32) ^ UInt64(key.1)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: hash ^ (hash >> 31))
    }
}
