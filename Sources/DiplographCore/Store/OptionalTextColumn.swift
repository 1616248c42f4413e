/// Per event, an index into the table's texts, or -1 for none. Coded data has no
/// locations, summaries or quotes: such a column holds no values at all until some
/// event has one. (Three columns of -1 took 12 bytes an event, each written, copied
/// when the halves of a file are joined, and reordered: `make bench`, page faults.)
struct OptionalTextColumn: Sendable {
    /// Empty while every value is -1; from the first other value on, one per event.
    private(set) var values: [Int32] = []
    private(set) var count = 0

    /// - Complexity: O(1).
    subscript(index: Int) -> Int32 {
        values.isEmpty ? -1 : values[index]
    }

    /// - Complexity: amortized O(1); O(n) once, for the first value other than -1.
    mutating func append(_ value: Int32) {
        if values.isEmpty {
            if value < 0 {
                count += 1
                return
            }
            values = [Int32](repeating: -1, count: count)
        }
        values.append(value)
        count += 1
    }

    /// Appends the values of `other` at `picked` (all when nil), each through
    /// `transform` (which must keep -1 as -1).
    mutating func append(_ other: OptionalTextColumn, picking picked: [Int]?, _ transform: @escaping (Int32) -> Int32) {
        let added = picked?.count ?? other.count
        if other.values.isEmpty {
            if !values.isEmpty { values.append(contentsOf: repeatElement(-1, count: added)) }
        } else {
            if values.isEmpty { values = [Int32](repeating: -1, count: count) }
            appendPicked(&values, other.values, picked, transform)
        }
        count += added
    }

    /// Puts the values in `order` (see `EventTable.reorder`), through `scratch`.
    mutating func reorder(_ order: [Int], _ scratch: UnsafeMutableRawPointer) {
        if !values.isEmpty { gatherInPlace(&values, order, scratch) }
    }
}
