@testable import DiplographFormats
import Testing
import TestSupport

/// The block-at-a-time line splitter must find exactly the fields and line end that a
/// byte-by-byte reading finds, wherever tabs, line feeds and carriage returns fall
/// relative to its 64-byte blocks, and in the tail shorter than a block.
@Suite("Splitting lines into fields")
struct ByteFieldsTests {
    @Test("splitLine gives the fields and line end of a byte-by-byte split", arguments: 0..<4)
    func matchesBytewise(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 5150))
        let alphabet: [UInt8] = [9, 9, 10, 13, 65, 66, 0xC3, 0xA9, 32] + Array(repeating: 65, count: 12)
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                var start = 0
                while start < buffer.count {
                    var fast = ByteFields(base: base)
                    let lineEnd = fast.splitLine(start, buffer.count)
                    // By definition: up to the first LF, a CR before it dropped, split at tabs.
                    let expectedEnd = bytes[start...].firstIndex(of: 10) ?? bytes.count
                    var contentEnd = expectedEnd
                    if contentEnd > start, bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
                    var slow = ByteFields(base: base)
                    slow.split(start, contentEnd)
                    #expect(lineEnd == expectedEnd)
                    #expect(fast.count == slow.count)
                    if fast.count == slow.count {
                        #expect((0..<fast.count).map(fast.range) == (0..<slow.count).map(slow.range))
                    }
                    start = lineEnd + 1
                }
            }
        }
    }

    @Test("compactDate reads eight digits as a digit-by-digit reading does, and nothing else")
    func compactDates() {
        var generator = SeededGenerator(seed: 8080)
        for round in 0..<20_000 {
            var bytes = (0..<8).map { _ in UInt8.random(in: 48...57, using: &generator) }
            // Half the fields have one byte that may be anything (most are not digits).
            if round % 2 == 0 { bytes[Int.random(in: 0..<8, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            bytes += [9, 10]
            let parts = bytes.withUnsafeBufferPointer { buffer -> EventDateParts? in
                var fields = ByteFields(base: buffer.baseAddress!)
                _ = fields.splitLine(0, buffer.count)
                return fields.compactDate(0)
            }
            let digits = bytes[0..<8]
            if digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
                #expect(parts == EventDateParts(year: value / 10000, month: value / 100 % 100, day: value % 100))
            } else {
                #expect(parts == nil, "\(Array(digits))")
            }
        }
    }

    @Test("A line of 100,000 fields grows the bounds")
    func manyFields() {
        let bytes = Array(repeating: UInt8(9), count: 99_999) + [10]
        bytes.withUnsafeBufferPointer { buffer in
            var fields = ByteFields(base: buffer.baseAddress!)
            #expect(fields.splitLine(0, buffer.count) == 99_999)
            #expect(fields.count == 100_000)
        }
    }
}
