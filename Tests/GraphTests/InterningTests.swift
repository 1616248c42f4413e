@testable import Graph
import Testing
import TestSupport

/// The hash tables of the import path: whatever the order and batching, a key or a
/// string gets one index, and the same one every time.
@Suite("Interning tables")
struct InterningTests {
    @Test("A string pool gives equal strings one index, across growth, absorbing and appending", arguments: 0..<3)
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
        var appended = pool
        let start = appended.appendUnindexed(other)
        for index in 0..<other.count { #expect(appended[start + Int32(index)] == other[Int32(index)]) }
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
        for count in [0, 1, 1_000, 3 << 20, (3 << 20) + 5] {
            let array = [Int64](repeating: -7, onHugePagesCount: count)
            #expect(array.count == count)
            #expect(array.allSatisfy { $0 == -7 })
        }
    }

    @Test("Batched lookups give what one key at a time gives", arguments: 0..<3)
    func batchedLookups(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 77))
        var single = PackedKeyTable(capacity: 16)
        var batched = PackedKeyTable(capacity: 16)
        var results: [(value: Int32, inserted: Bool)] = []
        var next: Int32 = 0
        for _ in 0..<300 {
            // Few distinct keys, so batches repeat keys (within and across batches).
            let keys = (0..<Int.random(in: 1...16, using: &generator)).map { _ in
                (UInt64.random(in: 0..<40, using: &generator), UInt64(7), UInt64.random(in: 0..<3, using: &generator))
            }
            var expected: [(Int32, Bool)] = []
            var value = next
            for key in keys {
                let result = single.valueOrInsert(key.0, key.1, key.2, value)
                if result.inserted { value += 1 }
                expected.append(result)
            }
            batched.valuesOrInsert(keys, firstValue: next, into: &results)
            #expect(results.map(\.value) == expected.map(\.0))
            #expect(results.map(\.inserted) == expected.map(\.1))
            next = value
        }
        #expect(single.count == batched.count)
    }
}
