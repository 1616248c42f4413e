import NIOCore
import PostgresNIO

/// Rows in COPY's text format: tab between values, `\N` for null, backslash escapes
/// for backslash, tab, newline and carriage return; every other byte as it is.
/// Values are written straight into the buffer (a file's million events are several
/// million values: made as `String`s or passed as existentials, they took most of an
/// ingest's own time).
struct CopyRows {
    /// What one write to the server carries.
    static let chunkBytes = 1 << 20

    private(set) var buffer = ByteBufferAllocator().buffer(capacity: 0)
    /// Whether the next value starts a row (no tab before it).
    private var rowStart = true

    /// A row of `values` (nil: NULL).
    mutating func row(_ values: (any CopyValue)?...) {
        for value in values {
            if let value { value.write(to: &self) } else { null() }
        }
        endRow()
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        rowStart = true
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    mutating func text(_ value: String?) {
        guard var value else { return null() }
        separate()
        value.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n")
                                          || $0 == UInt8(ascii: "\r") }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    mutating func integer(_ value: Int64) {
        separate()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: digits[start...])))
        }
    }

    /// The shortest text that reads back as the same number.
    mutating func double(_ value: Double?) {
        guard let value else { return null() }
        separate()
        buffer.writeString(value.description)
    }

    private mutating func separate() {
        if rowStart {
            rowStart = false
        } else {
            buffer.writeInteger(UInt8(ascii: "\t"))
        }
    }

    mutating func clear() {
        buffer.clear()
        rowStart = true
    }

    /// COPYs what the rows hold into `table`.
    func copy(into table: String, _ columnNames: [String], _ connection: PostgresConnection) async throws {
        guard buffer.readableBytes > 0 else { return }
        try await connection.copyFrom(table: table, columns: columnNames, logger: Session.logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// COPYs the rows `make` writes for items 0..<count into `table`, a chunk at a time.
    static func stream(into table: String, _ columnNames: [String], count: Int, _ connection: PostgresConnection,
                       _ make: (Int, inout CopyRows) -> Void) async throws {
        guard count > 0 else { return }
        try await connection.copyFrom(table: table, columns: columnNames, logger: Session.logger) { writer in
            var rows = CopyRows()
            rows.buffer.reserveCapacity(chunkBytes + 4096)
            for index in 0..<count {
                make(index, &rows)
                if rows.buffer.readableBytes >= chunkBytes {
                    try await writer.write(rows.buffer)
                    rows.clear()
                }
            }
            if rows.buffer.readableBytes > 0 { try await writer.write(rows.buffer) }
        }
    }
}

/// A value COPY's text format can carry.
protocol CopyValue {
    func write(to rows: inout CopyRows)
}

extension String: CopyValue {
    func write(to rows: inout CopyRows) { rows.text(self) }
}

extension Int64: CopyValue {
    func write(to rows: inout CopyRows) { rows.integer(self) }
}

extension Double: CopyValue {
    func write(to rows: inout CopyRows) { rows.double(self) }
}
