@testable import DiplographCore
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

    @Test("A source table gives equal sources one index, with and without title or note, through an unindexed join",
          arguments: 0..<3)
    func sourceTable(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 55))
        // Coded data's sources (publisher, url, date) share the compact table; a title
        // or a note sends a source to the other one.
        func randomSource() -> Source {
            let number = Int.random(in: 0..<300, using: &generator)
            return Source(publisher: number % 7 == 0 ? nil : "publisher \(number % 5)",
                          title: number % 3 == 0 ? "title \(number % 4)" : nil,
                          url: number % 11 == 0 ? nil : "https://example.org/\(number)",
                          date: number % 2 == 0 ? EventDate(year: 2020, month: 1, day: 1 + number % 3) : nil,
                          note: number % 13 == 0 ? "note" : nil)
        }
        let sources = (0..<2_000).map { _ in randomSource() }
        var table = SourceTable()
        var first: [Source: Int32] = [:]
        for source in sources {
            let index = table.intern(source)
            #expect(first[source, default: index] == index)
            first[source] = first[source] ?? index
            #expect(table[Int(index)] == source)
        }
        #expect(table.count == Set(sources).count)
        // The last join: sources already here keep their index, the others follow.
        var other = SourceTable()
        let more = (0..<500).map { _ in randomSource() } + [Source(publisher: "only in the other", title: "a title")]
        for source in more { _ = other.intern(source) }
        var joined = table
        let map = joined.absorbUnindexed(other)
        for index in 0..<other.count {
            let source = other[index]
            #expect(joined[Int(map[index])] == source)
            if let known = first[source] { #expect(map[index] == known) } else { #expect(map[index] >= Int32(table.count)) }
        }
        #expect(joined.count == Set(sources + more).count)
    }

    @Test("A pool reserved with its lookup table interns as one that grows")
    func indexedReserve() {
        var reserved = StringPool(), growing = StringPool()
        reserved.reserve(strings: 3_000, bytes: 30_000, indexed: true)
        for number in 0..<5_000 {
            let word = "id-\(number % 3_500)"
            #expect(reserved.intern(word) == growing.intern(word))
        }
        #expect(reserved.count == 3_500 && reserved.find("id-3499") == 3_499 && reserved.find("id-3500") == nil)
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
