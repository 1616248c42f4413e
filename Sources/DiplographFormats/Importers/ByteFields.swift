import CByteScan

/// Field access over one line of a delimited file, by byte offsets into a buffer.
///
/// Hand-written because coded event files are large (a GDELT day is about 300 MB):
/// splitting with `String.split` or a general CSV library costs an allocation per
/// field, while this keeps offsets only and makes `String`s for the few fields used.
struct ByteFields {
    let base: UnsafePointer<UInt8>
    /// Start offsets of the fields, then one past the end of the last field, in the
    /// first `boundCount` elements (the array is kept full-size and written through
    /// a buffer: an append per field cost more than finding the field).
    private(set) var bounds = [Int](repeating: 0, count: 128)
    private var boundCount = 0

    init(base: UnsafePointer<UInt8>) {
        self.base = base
    }

    var count: Int { max(0, boundCount - 1) }

    /// Splits `start..<end` at every `separator` (no quoting: GDELT and ICEWS .tab
    /// files never quote).
    mutating func split(_ start: Int, _ end: Int, separator: UInt8 = 9) {
        boundCount = 0
        append(start)
        for index in start..<end where base[index] == separator { append(index + 1) }
        append(end + 1)
    }

    /// Splits the line that starts at `start` (up to the first line feed before
    /// `end`, without a carriage return before it) at every tab, and returns the
    /// offset of its line feed (or `end`).
    ///
    /// The bytes are compared 64 at a time in C (`diplograph_split_line`): with
    /// eight-byte words and bit tricks in Swift this was 9 % of a GDELT load's profile
    /// (`make bench`).
    mutating func splitLine(_ start: Int, _ end: Int) -> Int {
        while true {
            var found = 0
            let lineEnd = bounds.withUnsafeMutableBufferPointer { bounds in
                diplograph_split_line(base, start, end, bounds.baseAddress, bounds.count, &found)
            }
            if found <= bounds.count {
                boundCount = found
                return lineEnd
            }
            // More fields than room: split again with room for all.
            bounds = [Int](repeating: 0, count: max(found, bounds.count * 2))
        }
    }

    @inline(__always)
    private mutating func append(_ bound: Int) {
        if boundCount == bounds.count { bounds += repeatElement(0, count: bounds.count) }
        bounds[boundCount] = bound
        boundCount += 1
    }

    @inline(__always)
    func range(_ field: Int) -> Range<Int> {
        bounds[field]..<(bounds[field + 1] - 1)
    }

    func isEmpty(_ field: Int) -> Bool {
        range(field).isEmpty
    }

    func string(_ field: Int) -> String {
        let range = range(field)
        return String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// The field as text, or nil when empty or `NA`.
    func text(_ field: Int) -> String? {
        let range = range(field)
        if range.isEmpty { return nil }
        if range.count == 2, base[range.lowerBound] == 78, base[range.lowerBound + 1] == 65 { return nil }  // "NA"
        return string(field)
    }

    /// A non-negative integer made of digits only; nil otherwise.
    func integer(_ field: Int) -> Int? {
        integer(in: range(field))
    }

    func integer(in range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(base[index]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// A plain decimal such as `-7.0` or `3.4`, read on bytes; anything else (an
    /// exponent, many digits) goes through `double`.
    func decimal(_ field: Int) -> Double? {
        let range = range(field)
        guard !range.isEmpty, range.count <= 12 else { return double(field) }
        var index = range.lowerBound
        var negative = false
        if base[index] == 45 || base[index] == 43 {  // "-" or "+"
            negative = base[index] == 45
            index += 1
        }
        var whole = 0
        var fraction = 0
        var scale = 1
        var digits = 0
        var seenPoint = false
        while index < range.upperBound {
            let byte = base[index]
            if byte == 46, !seenPoint {  // "."
                seenPoint = true
            } else if byte >= 48, byte <= 57 {
                if seenPoint {
                    fraction = fraction * 10 + Int(byte - 48)
                    scale *= 10
                } else {
                    whole = whole * 10 + Int(byte - 48)
                }
                digits += 1
            } else {
                return double(field)
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let value = Double(whole) + Double(fraction) / Double(scale)
        return negative ? -value : value
    }

    /// A decimal number such as `-7.0` or `2.5e1`; nil when empty or malformed.
    func double(_ field: Int) -> Double? {
        let range = range(field)
        guard !range.isEmpty, range.count <= 32 else { return nil }
        return Double(string(field))
    }

    /// The field's bytes, valid as long as the buffer being split.
    @inline(__always)
    func bytes(_ field: Int) -> UnsafeBufferPointer<UInt8> {
        let range = range(field)
        return UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The host of a web address in the field, without `www.`; scanned on bytes, as
    /// this runs once per row (Foundation's URL parsing costs microseconds).
    func host(_ field: Int) -> String? {
        guard let range = hostRange(field) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// Where `host` finds the web host in the field, as offsets into the buffer.
    func hostRange(_ field: Int) -> Range<Int>? {
        let range = range(field)
        var start = range.lowerBound
        var found = false
        while start + 2 < range.upperBound {
            if base[start] == 58, base[start + 1] == 47, base[start + 2] == 47 {  // "://"
                start += 3
                found = true
                break
            }
            start += 1
        }
        guard found else { return nil }
        if range.upperBound - start > 4, base[start] == 119, base[start + 1] == 119, base[start + 2] == 119, base[start + 3] == 46 {
            start += 4  // "www."
        }
        var end = start
        while end < range.upperBound, base[end] != 47, base[end] != 63, base[end] != 35, base[end] != 58 { end += 1 }
        guard end > start else { return nil }
        return start..<end
    }

    /// `YYYYMMDD` at the start of the field (DATEADDED has a time after it).
    ///
    /// The eight digits are checked and read as one word (two of these per GDELT row:
    /// a loop over digits was 3 % of the load's profile).
    func compactDate(_ field: Int) -> EventDateParts? {
        let range = range(field)
        guard range.count >= 8 else { return nil }
        // Byte i of the word is digit i.
        let word = UInt64(littleEndian: UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self))
        // Digits are the bytes 0x30…0x39: high half 3, and still 3 once 6 is added
        // (no byte carries into the next: none is above 0x3F by then).
        guard word & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
              (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030 else { return nil }
        let digits = word &- 0x3030_3030_3030_3030
        // Pairs, then fours: tens times 10 plus ones at each step.
        let pairs = (digits &* 10 &+ (digits >> 8)) & 0x00FF_00FF_00FF_00FF
        let fours = ((pairs &* 100) &+ (pairs >> 16)) & 0x0000_FFFF_0000_FFFF
        let year = Int(fours & 0xFFFF)
        let monthDay = Int(fours >> 32)
        return EventDateParts(year: year, month: monthDay / 100, day: monthDay % 100)
    }
}

/// Year, month and day before they are checked to be a real date.
struct EventDateParts: Hashable {
    let year: Int
    let month: Int
    let day: Int
}

/// The index of the next `\n` at or after `start`, or `end`.
@inline(__always)
func nextLineEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    var index = start
    while index < end, base[index] != 10 { index += 1 }
    return index
}
