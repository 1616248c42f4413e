@testable import Graph
import Testing
import TestSupport

/// The hash tables of the import path: whatever the order and batching, a key or a
/// string gets one index, and the same one every time.
@Suite("Interning tables")
struct InterningTests {
    @Test("A string pool gives equal strings one index, across growth and absorbing", arguments: 0..<3)
    func stringPool(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 31))
        let words = (0..<5_000).map { _ in String(Int.random(in: 0..<3_000, using: &generator), radix: 36) + "-x" }
        var pool = StringPool()
        var first: [String: Int32] = [:]
        for word in words {
            let index = pool.intern(word)
            #expect(first[word, default: index] == index)
            first[word] = first[word] ?? index
            #expect(pool[index] == word)
        }
        #expect(pool.count == Set(words).count)
        #expect(pool.find("absent") == nil)
        var other = StringPool()
        for word in words.reversed() { _ = other.intern(word + "!") }
        var joined = pool
        let map = joined.absorb(other)
        for index in 0..<other.count { #expect(joined[map[index]] == other[Int32(index)]) }
        // The last join: strings already here keep their index, the others are
        // stored once each after the ones here.
        var overlapping = StringPool()
        for word in words.suffix(2_000) + ["only-in-other-1", "only-in-other-2"] { _ = overlapping.intern(word) }
        var last = pool
        let lastMap = last.absorbUnindexed(overlapping)
        for index in 0..<overlapping.count {
            let word = overlapping[Int32(index)]
            #expect(last[lastMap[index]] == word)
            if let known = first[word] { #expect(lastMap[index] == known) } else { #expect(lastMap[index] >= Int32(pool.count)) }
        }
        #expect(last.count == pool.count + 2)
        #expect(pool.sharesAString(with: overlapping))
        #expect(!pool.sharesAString(with: other))
    }

    @Test("Arrays asking for huge pages hold what plain arrays hold, below and above the size that asks")
    func hugePageArrays() {
        for count in [0, 1, 1_000, 3 << 20, 8 << 20, (8 << 20) + 5] {
            let array = [Int64](repeating: -7, onHugePagesCount: count)
            #expect(array.count == count)
            #expect(array.allSatisfy { $0 == -7 })
        }
    }

    @Test("Batched lookups give what one key at a time gives", arguments: 0..<3)
    func batchedLookups(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 77))
        var table = PackedKeyTable(capacity: 16)
        for value in 0..<Int32(500) {
            _ = table.valueOrInsert(UInt64.random(in: 0..<400, using: &generator), 7, UInt64.random(in: 0..<3, using: &generator),
                                    value)
        }
        var results: [Int32?] = []
        for _ in 0..<300 {
            // Present and absent keys, repeated within a batch.
            let keys = (0..<Int.random(in: 1...16, using: &generator)).map { _ in
                (UInt64.random(in: 0..<800, using: &generator), UInt64(7), UInt64.random(in: 0..<3, using: &generator))
            }
            table.values(keys, into: &results)
            #expect(results == keys.map { table.value($0.0, $0.1, $0.2) })
        }
    }

    @Test("The compact table keeps every value from 0, through growth, and finds nothing it was not given", arguments: 0..<3)
    func compactTable(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 78))
        var table = KeyTable<CompactKeySlot>(capacity: 4)
        var expected: [String: Int32] = [:]
        for value in 0..<Int32(2_000) {
            let key = (UInt64.random(in: 0..<1_500, using: &generator) << 40, UInt32.random(in: 0..<2, using: &generator))
            let (stored, inserted) = table.valueOrInsert(key, value)
            #expect(inserted == (expected["\(key)"] == nil))
            if inserted { expected["\(key)"] = value }
            #expect(stored == expected["\(key)"])
        }
        #expect(table.count == expected.count)
        var results: [Int32?] = []
        let keys = (0..<3_000).map { (UInt64($0 / 2) << 40, UInt32($0 % 2)) }
        for batch in stride(from: 0, to: keys.count, by: 16) {
            let batchKeys = keys[batch..<min(keys.count, batch + 16)]
            table.values(Array(batchKeys), into: &results)
            #expect(results == batchKeys.map { expected["\($0)"] })
        }
    }
}
