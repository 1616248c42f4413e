import DiplographCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report's bytes on their way out: appended as UTF-8 and handed to a file
/// descriptor a block at a time, so that a timeline of any length is written in
/// constant memory; without a descriptor, kept (for `render`, which returns a string).
/// (Reports built as one `String` first took 17 s for a 240,000-event timeline's JSON,
/// most of it copying the growing string: `make bench`.)
package struct ByteOutput {
    package private(set) var bytes: [UInt8] = []
    private let descriptor: Int32?
    /// Whether a write to the descriptor failed (a closed pipe); later output is dropped.
    package private(set) var failed = false
    private static let block = 1 << 18

    /// Output to `descriptor`, or kept in `bytes` when nil.
    package init(descriptor: Int32? = nil) {
        self.descriptor = descriptor
        bytes.reserveCapacity(descriptor == nil ? 1 << 12 : Self.block + (1 << 12))
    }

    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// `text` as it is.
    package mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes as they are.
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes.append(contentsOf: bytes)
    }

    /// `text` as it is.
    package mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `count` spaces.
    package mutating func appendSpaces(_ count: Int) {
        guard count > 0 else { return }
        if count < Self.lineBreakAndSpaces.count { bytes.append(contentsOf: Self.lineBreakAndSpaces[1...count]) } else {
            bytes.append(contentsOf: repeatElement(0x20, count: count))
        }
    }

    /// A line break and `count` spaces: JSON's indentation, in one copy.
    package mutating func appendLineBreak(indentedBy count: Int) {
        if count < Self.lineBreakAndSpaces.count { bytes.append(contentsOf: Self.lineBreakAndSpaces[0...count]) } else {
            bytes.append(0x0A)
            appendSpaces(count)
        }
    }

    private static let lineBreakAndSpaces: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 64)

    /// Hands what is buffered to the descriptor once a block has gathered; call it
    /// between records.
    @inline(__always)
    package mutating func recordEnded() {
        if descriptor != nil, bytes.count >= Self.block { flush() }
    }

    /// Hands everything buffered to the descriptor.
    package mutating func flush() {
        guard let descriptor else { return }
        defer { bytes.removeAll(keepingCapacity: true) }
        guard !failed else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += written
            }
        }
    }

    /// `day.description` (`YYYY-MM-DD`) written as digits, for the years `Day.description`
    /// pads to four (others as it writes them).
    package mutating func appendDay(_ day: Day) {
        let (year, month, date) = day.components
        guard (0...9999).contains(year) else { return append(day.description) }
        for divisor in [1000, 100, 10, 1] { bytes.append(0x30 + UInt8(year / divisor % 10)) }
        bytes.append(0x2D)
        bytes.append(0x30 + UInt8(month / 10))
        bytes.append(0x30 + UInt8(month % 10))
        bytes.append(0x2D)
        bytes.append(0x30 + UInt8(date / 10))
        bytes.append(0x30 + UInt8(date % 10))
    }

    /// `text` as a JSON string, escaped as `JSONValue.quote` escapes it, straight from
    /// its UTF-8 (runs that need nothing are copied whole).
    package mutating func appendJSONString(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if byte >= 0x20, byte < 0x7F, byte != 0x22, byte != 0x5C {
                    index += 1
                    continue
                }
                // The escapes: (the scalar, how many bytes it took), or nil for a byte
                // that passes (any other UTF-8).
                var escaped: (UInt32, Int)?
                switch byte {
                case 0x22, 0x5C, 0..<0x20, 0x7F: escaped = (UInt32(byte), 1)
                case 0xC2 where index + 1 < count && (0x80...0x9F).contains(utf8[index + 1]):
                    escaped = (UInt32(utf8[index + 1]), 2)
                case 0xE2 where index + 2 < count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escaped = (utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029, 3)
                case 0xEF where index + 2 < count && utf8[index + 1] == 0xBB && utf8[index + 2] == 0xBF:
                    escaped = (0xFEFF, 3)
                default: escaped = nil
                }
                guard let (scalar, length) = escaped else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(scalar)
                index += length
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        bytes.append(0x22)
    }

    private mutating func appendEscape(_ scalar: UInt32) {
        bytes.append(0x5C)
        switch scalar {
        case 0x22: bytes.append(0x22)
        case 0x5C: bytes.append(0x5C)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) { bytes.append(digits[Int((scalar >> UInt32(shift)) & 0xF)]) }
        }
    }
}
