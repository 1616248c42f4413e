#if canImport(Glibc)
import Glibc
#endif

/// A JSON value read from a byte buffer, holding byte ranges instead of strings:
/// strings are decoded only when a field is used.
///
/// Hand-written because native JSON-lines files hold millions of events and
/// Foundation's `JSONDecoder` reads about 17 MB/s here; this reads one line in one
/// pass with no allocation beyond the arrays and objects it returns.
enum ScannedJSON {
    case string(Range<Int>, escaped: Bool)
    case number(Range<Int>)
    case bool(Bool)
    case null
    case array([ScannedJSON])
    case object([(key: Range<Int>, value: ScannedJSON)])
}

struct JSONScanError: Error {
    /// Byte offset in the line.
    let offset: Int
    let message: String
}

/// Scans one JSON value from `bytes[start..<end]`.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    var position: Int
    let end: Int
    /// Nesting allowed before the scanner refuses (hostile input must not overflow
    /// the stack).
    static let maximumDepth = 64

    init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        position = start
        self.end = end
    }

    mutating func skipSpace() {
        while position < end, base[position] == 32 || base[position] == 9 || base[position] == 13 || base[position] == 10 {
            position += 1
        }
    }

    mutating func value(depth: Int = 0) throws(JSONScanError) -> ScannedJSON {
        guard depth < Self.maximumDepth else { throw JSONScanError(offset: position, message: "nested too deeply") }
        skipSpace()
        guard position < end else { throw JSONScanError(offset: position, message: "a value was expected") }
        switch base[position] {
        case 123: return try object(depth: depth)  // {
        case 91: return try array(depth: depth)  // [
        case 34: return try string()  // "
        case 116: return try literal("true", .bool(true))
        case 102: return try literal("false", .bool(false))
        case 110: return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func literal(_ word: StaticString, _ result: ScannedJSON) throws(JSONScanError) -> ScannedJSON {
        let count = word.utf8CodeUnitCount
        guard position + count <= end, memcmp(base + position, word.utf8Start, count) == 0 else {
            throw JSONScanError(offset: position, message: "unexpected text")
        }
        position += count
        return result
    }

    private mutating func number() throws(JSONScanError) -> ScannedJSON {
        let start = position
        while position < end {
            let byte = base[position]
            guard (byte >= 48 && byte <= 57) || byte == 45 || byte == 43 || byte == 46 || byte == 101 || byte == 69 else { break }
            position += 1
        }
        guard position > start else { throw JSONScanError(offset: start, message: "unexpected character") }
        return .number(start..<position)
    }

    private mutating func string() throws(JSONScanError) -> ScannedJSON {
        position += 1
        let start = position
        var escaped = false
        while position < end {
            let byte = base[position]
            if byte == 34 { break }
            if byte == 92 {
                escaped = true
                position += 1
            } else if byte < 32 {
                throw JSONScanError(offset: position, message: "a control character inside a string")
            }
            position += 1
        }
        guard position < end else { throw JSONScanError(offset: start - 1, message: "unterminated string") }
        let range = start..<position
        position += 1
        return .string(range, escaped: escaped)
    }

    private mutating func array(depth: Int) throws(JSONScanError) -> ScannedJSON {
        position += 1
        var items: [ScannedJSON] = []
        skipSpace()
        if position < end, base[position] == 93 {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard position < end else { throw JSONScanError(offset: position, message: "unterminated array") }
            if base[position] == 44 { position += 1; continue }
            if base[position] == 93 { position += 1; return .array(items) }
            throw JSONScanError(offset: position, message: "',' or ']' expected")
        }
    }

    private mutating func object(depth: Int) throws(JSONScanError) -> ScannedJSON {
        position += 1
        var pairs: [(key: Range<Int>, value: ScannedJSON)] = []
        skipSpace()
        if position < end, base[position] == 125 {
            position += 1
            return .object(pairs)
        }
        while true {
            skipSpace()
            guard position < end, base[position] == 34, case .string(let key, _) = try string() else {
                throw JSONScanError(offset: position, message: "a quoted field name expected")
            }
            skipSpace()
            guard position < end, base[position] == 58 else { throw JSONScanError(offset: position, message: "':' expected") }
            position += 1
            pairs.append((key, try value(depth: depth + 1)))
            skipSpace()
            guard position < end else { throw JSONScanError(offset: position, message: "unterminated object") }
            if base[position] == 44 { position += 1; continue }
            if base[position] == 125 { position += 1; return .object(pairs) }
            throw JSONScanError(offset: position, message: "',' or '}' expected")
        }
    }

    /// The text of a scanned string, with JSON escapes decoded.
    func text(_ range: Range<Int>, escaped: Bool) -> String? {
        let raw = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        guard escaped else { return String(validating: raw, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == 92, index + 1 < raw.count else {
                bytes.append(byte)
                index += 1
                continue
            }
            let next = raw[index + 1]
            index += 2
            switch next {
            case 110: bytes.append(10)
            case 116: bytes.append(9)
            case 114: bytes.append(13)
            case 98: bytes.append(8)
            case 102: bytes.append(12)
            case 117:
                guard index + 4 <= raw.count, var scalar = hex(raw, index) else { return nil }
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= raw.count, raw[index] == 92, raw[index + 1] == 117,
                   let low = hex(raw, index + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                bytes.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: bytes.append(next)  // \" \\ \/
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private func hex(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32? {
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            let byte = raw[index]
            let digit: UInt8
            switch byte {
            case 48...57: digit = byte - 48
            case 97...102: digit = byte - 87
            case 65...70: digit = byte - 55
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Whether the bytes at `range` spell `name`.
    func keyIs(_ range: Range<Int>, _ name: StaticString) -> Bool {
        range.count == name.utf8CodeUnitCount && memcmp(base + range.lowerBound, name.utf8Start, range.count) == 0
    }
}
