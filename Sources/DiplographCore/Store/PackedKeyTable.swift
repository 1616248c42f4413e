/// A hash table from three 64-bit words to an `Int32` (see `KeyTable`), for the
/// parsers of other modules: their codes, node caches and relation keys.
package struct PackedKeyTable: Sendable {
    private var table: KeyTable<PackedKeySlot>

    package init(capacity: Int = 1024) {
        table = KeyTable(capacity: capacity)
    }

    package var count: Int { table.count }

    /// Makes room for `count` keys in all (see `KeyTable.reserve`).
    package mutating func reserve(_ count: Int) {
        table.reserve(count)
    }

    package func value(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> Int32? {
        table.value((a, b, c))
    }

    /// The value stored for the key, or `value` after storing it.
    package mutating func valueOrInsert(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ value: Int32) -> (value: Int32, inserted: Bool) {
        table.valueOrInsert((a, b, c), value)
    }

    /// Starts loading the slot where a lookup of the key begins (see `CPrefetch`).
    package func prefetch(_ a: UInt64, _ b: UInt64, _ c: UInt64) {
        table.prefetch((a, b, c))
    }

    /// `value` for several keys in a row (see `KeyTable.values`).
    package func values(_ keys: [(UInt64, UInt64, UInt64)], into results: inout [Int32?]) {
        table.values(keys, into: &results)
    }

    /// Calls `body` with every key and its value, in no particular order.
    package func forEach(_ body: ((UInt64, UInt64, UInt64), Int32) -> Void) {
        table.forEach(body)
    }
}
