import CByteScan
#if canImport(Glibc)
import Glibc
#endif

/// One value of a scanned JSON line, holding a byte range instead of a string: text
/// is decoded only when a field is used.
///
/// Tokens lie in document order in one flat array (a "tape"): a container is followed
/// by its contents — an object by key, value, key, value, … — and `next` is the index
/// just after its last descendant, so a sibling is one jump away.
///
/// Hand-written because native JSON-lines files hold millions of events: Foundation's
/// `JSONDecoder` reads about 17 MB/s here, and a tree of enums and arrays per line
/// cost more in allocation than the scanning itself (`make bench`: native JSON lines).
/// The tape is reused from line to line, so a line allocates nothing.
struct JSONToken {
    enum Kind: UInt8 {
        case string, number, `true`, `false`, null, array, object
    }

    var kind: Kind
    /// A string holds a backslash escape (decode before use).
    var escaped: Bool
    /// A string holds bytes beyond ASCII (check that they are UTF-8).
    var nonASCII: Bool
    /// For an object's keys: a code the reader gives to the names it knows.
    var field: UInt8
    /// The index after this token and everything inside it.
    var next: Int32
    /// Strings: the bytes between the quotes. Containers: from the opening bracket to
    /// after the closing one. Others: the literal's bytes.
    var start: Int
    var end: Int
}

struct JSONScanError: Error {
    /// Byte offset in the buffer.
    let offset: Int
    let message: String
}

/// Scans one JSON value from `bytes[start..<end]` onto a tape.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    var position: Int
    let end: Int
    /// Nesting allowed before the scanner refuses (hostile input must not overflow
    /// the stack).
    static let maximumDepth = 64
    /// The tape being written during `scan`, and the tokens written so far. (Written
    /// through a pointer: appending to an array checked its uniqueness and capacity
    /// for every token, a few percent of reading a JSON line.)
    private var tokens: UnsafeMutablePointer<JSONToken>?
    private var tokenCount = 0
    private var tokenCapacity = 0

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

    /// Writes the next value, and everything inside it, at the start of `tape`, and
    /// returns how many tokens it took; the elements after those are left as they
    /// were. `tape` grows when the bytes left could need more tokens than it has (a
    /// token takes at least one byte), so a reused tape rarely does.
    mutating func scan(into tape: inout [JSONToken]) throws(JSONScanError) -> Int {
        let room = end - position + 1
        if tape.count < room {
            tape += repeatElement(JSONToken(kind: .null, escaped: false, nonASCII: false, field: 0, next: 0, start: 0, end: 0),
                                  count: room - tape.count)
        }
        return try tape.withUnsafeMutableBufferPointer { (buffer) throws(JSONScanError) -> Int in
            (tokens, tokenCount, tokenCapacity) = (buffer.baseAddress, 0, buffer.count)
            defer { tokens = nil }
            try value(depth: 0)
            return tokenCount
        }
    }

    /// `scan`, leaving `tape` holding exactly the value's tokens.
    mutating func value(into tape: inout [JSONToken]) throws(JSONScanError) {
        tape.removeAll(keepingCapacity: true)
        let count = try scan(into: &tape)
        tape.removeSubrange(count...)
    }

    private mutating func value(depth: Int) throws(JSONScanError) {
        guard depth < Self.maximumDepth else { throw JSONScanError(offset: position, message: "nested too deeply") }
        skipSpace()
        guard position < end else { throw JSONScanError(offset: position, message: "a value was expected") }
        switch base[position] {
        case 123: try container(depth: depth, object: true)  // {
        case 91: try container(depth: depth, object: false)  // [
        case 34: try string()  // "
        case 116: try literal("true", .true)
        case 102: try literal("false", .false)
        case 110: try literal("null", .null)
        default: try number()
        }
    }

    @inline(__always)
    private mutating func append(_ kind: JSONToken.Kind, _ start: Int, escaped: Bool = false, nonASCII: Bool = false) {
        // Cannot fail: every token takes a byte of its own, and `scan` made room for all.
        precondition(tokenCount < tokenCapacity)
        tokens![tokenCount] = JSONToken(kind: kind, escaped: escaped, nonASCII: nonASCII, field: 0,
                                        next: Int32(tokenCount + 1), start: start, end: position)
        tokenCount += 1
    }

    private mutating func literal(_ word: StaticString, _ kind: JSONToken.Kind) throws(JSONScanError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= end, memcmp(base + position, word.utf8Start, count) == 0 else {
            throw JSONScanError(offset: position, message: "unexpected text")
        }
        position += count
        append(kind, position - count)
    }

    private mutating func number() throws(JSONScanError) {
        let start = position
        while position < end {
            let byte = base[position]
            guard (byte >= 48 && byte <= 57) || byte == 45 || byte == 43 || byte == 46 || byte == 101 || byte == 69 else { break }
            position += 1
        }
        guard position > start else { throw JSONScanError(offset: start, message: "unexpected character") }
        append(.number, start)
    }

    private mutating func string() throws(JSONScanError) {
        position += 1
        let start = position
        var escaped = false
        var nonASCII = false
        // The bytes before the next quote, backslash, control character or byte
        // beyond ASCII are skipped at once, sixteen at a time (in C: Swift has no
        // SIMD compare to a mask); most text, and most keys, need no more.
        while position < end {
            position = diplograph_json_string_stop(base, position, end)
            guard position < end else { break }
            let byte = base[position]
            if byte == 34 { break }
            if byte == 92 {
                escaped = true
                position += 1
            } else if byte < 32 {
                throw JSONScanError(offset: position, message: "a control character inside a string")
            } else {
                nonASCII = true
            }
            position += 1
        }
        guard position < end else { throw JSONScanError(offset: start - 1, message: "unterminated string") }
        append(.string, start, escaped: escaped, nonASCII: nonASCII)
        position += 1
    }

    private mutating func container(depth: Int, object: Bool) throws(JSONScanError) {
        let start = position
        let index = tokenCount
        append(object ? .object : .array, start)
        let close: UInt8 = object ? 125 : 93
        position += 1
        skipSpace()
        if position < end, base[position] == close {
            position += 1
        } else {
            while true {
                if object {
                    skipSpace()
                    guard position < end, base[position] == 34 else {
                        throw JSONScanError(offset: position, message: "a quoted field name expected")
                    }
                    try string()
                    skipSpace()
                    guard position < end, base[position] == 58 else { throw JSONScanError(offset: position, message: "':' expected") }
                    position += 1
                }
                try value(depth: depth + 1)
                skipSpace()
                guard position < end else {
                    throw JSONScanError(offset: position, message: object ? "unterminated object" : "unterminated array")
                }
                if base[position] == 44 { position += 1; continue }
                if base[position] == close { position += 1; break }
                throw JSONScanError(offset: position, message: object ? "',' or '}' expected" : "',' or ']' expected")
            }
        }
        tokens![index].end = position
        tokens![index].next = Int32(tokenCount)
    }

    /// The text of a scanned string, with JSON escapes decoded; nil when it is not
    /// UTF-8 or an escape is broken.
    static func text(_ base: UnsafePointer<UInt8>, _ token: JSONToken) -> String? {
        let raw = UnsafeBufferPointer(start: base + token.start, count: token.end - token.start)
        guard token.escaped else { return String(validating: raw, as: UTF8.self) }
        return decoded(raw).flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// The bytes of a string with escapes decoded (not yet checked to be UTF-8).
    static func decoded(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
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
                bytes.append(contentsOf: String(Character(unicode)).utf8)
            default: bytes.append(next)  // \" \\ \/
            }
        }
        return bytes
    }

    private static func hex(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32? {
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
}
