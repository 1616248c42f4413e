import CPrefetch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many strings in one byte buffer: one allocation for a million ids or URLs, where
/// `[String]` would make one each.
package struct StringColumn: Sendable, Hashable {
    private(set) var bytes: [UInt8] = []
    /// `ends[i]` is one past the last byte of string `i`.
    private(set) var ends: [Int] = []

    package init() {}

    package var count: Int { ends.count }

    mutating func reserve(strings: Int, bytes byteCount: Int) {
        ends.reserveCapacity(strings)
        bytes.reserveCapacity(byteCount)
    }

    @discardableResult
    mutating func append(_ string: String) -> Int32 {
        bytes.append(contentsOf: string.utf8)
        ends.append(bytes.count)
        return Int32(ends.count - 1)
    }

    @discardableResult
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        bytes.append(contentsOf: buffer)
        ends.append(bytes.count)
        return Int32(ends.count - 1)
    }

    /// Appends every string of `other`; the first gets index `count` (as before).
    mutating func append(contentsOf other: StringColumn) {
        let offset = bytes.count
        bytes += other.bytes
        ends.reserveCapacity(ends.count + other.ends.count)
        for end in other.ends { ends.append(end + offset) }
    }

    /// Appends the strings of `other` at `picked` (in that order), with no column in
    /// between: joining the halves of a ten-million-row import spent a second on
    /// gathered copies that were then appended (`make bench`).
    ///
    /// - Complexity: O(n + b) for the n strings picked, of b bytes in all.
    mutating func append(_ other: StringColumn, picking picked: [Int]) {
        ends.reserveCapacity(ends.count + picked.count)
        var total = bytes.count
        for old in picked {
            total += other.range(old).count
            ends.append(total)
        }
        bytes.reserveCapacity(total)
        other.bytes.withUnsafeBufferPointer { source in
            for old in picked { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[other.range(old)])) }
        }
    }

    /// The strings in `order` (`order[new]` is the old index), copied through raw
    /// buffers.
    ///
    /// - Complexity: O(n + b) for n strings of b bytes in all.
    func reordered(_ order: [Int]) -> StringColumn {
        var result = StringColumn()
        var total = 0
        result.ends = order.map { old in
            total += range(old).count
            return total
        }
        result.bytes = bytes.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
                var target = 0
                for old in order {
                    let range = range(old)
                    if !range.isEmpty {
                        (buffer.baseAddress! + target).initialize(from: source.baseAddress! + range.lowerBound, count: range.count)
                    }
                    target += range.count
                }
                initialized = total
            }
        }
        return result
    }

    func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    package subscript(index: Int) -> String {
        let range = range(index)
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    /// Calls `body` with the bytes of string `index`.
    func withBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = range(index)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether string `index` has exactly these bytes.
    func equals(_ index: Int, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = range(index)
        guard range.count == other.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + range.lowerBound, other.baseAddress!, range.count) == 0
        }
    }

    /// Whether string `lhs` sorts before string `rhs` (by bytes: code point order).
    func less(_ lhs: Int, _ rhs: Int) -> Bool {
        let left = range(lhs)
        let right = range(rhs)
        return bytes.withUnsafeBufferPointer { buffer in
            let common = min(left.count, right.count)
            let order = memcmp(buffer.baseAddress! + left.lowerBound, buffer.baseAddress! + right.lowerBound, common)
            return order != 0 ? order < 0 : left.count < right.count
        }
    }

    /// Open addressing over `slots` (0 empty, else string index + 1, a power of two
    /// long): the index of the string equal to `buffer` if there is one, and the slot
    /// where the search ended (where it would be inserted).
    func lookup(_ buffer: UnsafeBufferPointer<UInt8>, in slots: [Int32]) -> (index: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(buffer)) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot] - 1)
            if equals(index, buffer) { return (index, slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    func hashValue(of index: Int) -> UInt64 {
        let range = range(index)
        return bytes.withUnsafeBufferPointer { buffer in
            StringColumn.hash(UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }

    /// Eight bytes at a time, multiply-xorshift mixed: URLs are long, and this runs
    /// once per row of a coded file. Good enough for open addressing, not for security.
    static func hash(_ buffer: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(buffer.count)
        guard let base = buffer.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= buffer.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < buffer.count {
            tail |= UInt64(base[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}

/// Strings stored once each: equal strings get the same index. Lookups hash bytes,
/// so a parser can intern a field without making a `String` first.
package struct StringPool: Sendable, Hashable {
    private(set) var column = StringColumn()
    /// Open addressing, kept at most half full: 0 is empty, else the top 32 bits of
    /// the string's hash above its index + 1. A string's first slot is given by the
    /// top bits of its hash (as many as the table needs), so growing places entries
    /// without hashing a string again; and a probe compares bytes only when the
    /// stored bits match. (Pools of a million URLs or ids spent most of their time
    /// comparing strings that could not match: `make bench`.)
    private var slots = [UInt64](repeating: 0, count: 64)
    /// 64 minus log2 of the slot count.
    private var shift: UInt64 = 58

    package init() {}

    package var count: Int { column.count }

    /// Makes room for `strings` strings of `bytes` bytes in all. The lookup table
    /// still grows as strings come, unless `indexed`: then it is made big enough for
    /// them too (for a pool of strings nearly all new, like a file's ids: growing to
    /// a million slots moved every string again at each doubling, and took twice the
    /// memory on the way).
    package mutating func reserve(strings: Int, bytes: Int, indexed: Bool = false) {
        column.reserve(strings: strings, bytes: bytes)
        var size = slots.count
        while indexed, strings * 2 > size { size *= 2 }
        if size > slots.count { grow(to: size) }
    }

    package subscript(index: Int32) -> String { column[Int(index)] }

    /// Calls `body` with the bytes of string `index`.
    func withBytes<Result>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        column.withBytes(Int(index), body)
    }

    package mutating func intern(_ string: String) -> Int32 {
        var copy = string
        return copy.withUTF8 { intern($0) }
    }

    package mutating func intern(_ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = StringColumn.hash(buffer)
        let (found, slot) = lookup(buffer, hash: hash)
        if let found { return found }
        let index = column.append(buffer)
        slots[slot] = (hash >> 32) << 32 | UInt64(index + 1)
        if column.count * 2 > slots.count { grow(to: slots.count * 2) }
        return index
    }

    /// Starts loading the slot where interning `buffer` begins (see `CPrefetch`).
    package func prefetch(_ buffer: UnsafeBufferPointer<UInt8>) {
        let slot = Int(StringColumn.hash(buffer) >> shift)
        slots.withUnsafeBufferPointer { diplograph_prefetch($0.baseAddress! + slot) }
    }

    private func lookup(_ buffer: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(hash >> shift)
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry >> 32 == hash >> 32, column.equals(Int(entry & 0xFFFF_FFFF) - 1, buffer) {
                return (Int32(entry & 0xFFFF_FFFF) - 1, slot)
            }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    /// Interns every string of `other`; element `i` is the index here of its string `i`.
    package mutating func absorb(_ other: StringPool) -> [Int32] {
        // Room first: growing on the way would move every entry here, maybe twice.
        column.reserve(strings: count + other.count, bytes: column.bytes.count + other.column.bytes.count)
        var size = slots.count
        while (count + other.count) * 2 > size { size *= 2 }
        if size > slots.count { grow(to: size) }
        var map: [Int32] = []
        map.reserveCapacity(other.count)
        for index in 0..<other.count { map.append(other.column.withBytes(index) { intern($0) }) }
        return map
    }

    /// `absorb` for a pool that nothing is interned into afterwards: each string of
    /// `other` is looked up here, and those not found are appended without entering
    /// the lookup table (`intern` and `find` do not see them), so it never grows. (The
    /// last join of a two-core import spent most of its source work growing this
    /// table to millions of slots, only to drop it: `make bench`, 10 M rows.)
    ///
    /// - Complexity: O(b) in the bytes of `other`.
    mutating func absorbUnindexed(_ other: StringPool) -> [Int32] {
        column.reserve(strings: count + other.count, bytes: column.bytes.count + other.column.bytes.count)
        var map: [Int32] = []
        map.reserveCapacity(other.count)
        var found: [Int32?] = []
        for batch in stride(from: 0, to: other.count, by: 16) {
            let strings = batch..<min(other.count, batch + 16)
            lookUp(strings, of: other, into: &found)
            for index in strings {
                map.append(found[index - batch] ?? other.column.withBytes(index) { column.append($0) })
            }
        }
        return map
    }

    /// Whether a string of `other` is also here; nothing copied or added.
    ///
    /// - Complexity: O(b) in the bytes of `other`.
    package func sharesAString(with other: StringPool) -> Bool {
        var found: [Int32?] = []
        for batch in stride(from: 0, to: other.count, by: 16) {
            lookUp(batch..<min(other.count, batch + 16), of: other, into: &found)
            if found.contains(where: { $0 != nil }) { return true }
        }
        return false
    }

    /// The index here of each of `other`'s strings at `strings` (nil: not here). The
    /// first slots of all of them are fetched before any is read, so their cache
    /// misses overlap instead of queueing.
    private func lookUp(_ strings: Range<Int>, of other: StringPool, into found: inout [Int32?]) {
        found.removeAll(keepingCapacity: true)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: strings.count) { hashes in
            slots.withUnsafeBufferPointer { slots in
                for index in strings {
                    let hash = other.column.withBytes(index) { StringColumn.hash($0) }
                    hashes[index - strings.lowerBound] = hash
                    diplograph_prefetch(slots.baseAddress! + Int(hash >> shift))
                }
            }
            for index in strings {
                found.append(other.column.withBytes(index) { lookup($0, hash: hashes[index - strings.lowerBound]).index })
            }
        }
    }

    /// The index of `string` if it is in the pool.
    package func find(_ string: String) -> Int32? {
        var copy = string
        return copy.withUTF8 { buffer in lookup(buffer, hash: StringColumn.hash(buffer)).index }
    }

    private mutating func grow(to size: Int) {
        var bigger = [UInt64](repeating: 0, onHugePagesCount: size)
        let mask = size - 1
        let bits = UInt64(size.trailingZeroBitCount)
        for entry in slots where entry != 0 {
            var slot = Int(entry >> (64 - bits))
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = entry
        }
        slots = bigger
        shift = 64 - bits
    }
}
