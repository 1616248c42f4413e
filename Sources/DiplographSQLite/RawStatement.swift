import Foundation
import GRDB
import GRDBSQLite

/// One prepared statement run many times with values bound through SQLite's C API: the
/// ingest's hot path. (Through GRDB each value is boxed as an existential and each row
/// built into an arguments array: 100 k events took 6–7 s; bound directly, the same
/// work costs a fraction of that.)
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed") }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        handle = statement
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// SQLite copies the text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), Self.transient)
        }
    }

    typealias Value = BatchedInsert.Value

    /// Binds `values` to the parameters from the first on (texts copied).
    func bind(_ values: [Value]) {
        for (index, value) in values.enumerated() {
            switch value {
            case .integer(let number): bind(Int32(index + 1), number)
            case .real(let number): bind(Int32(index + 1), number)
            case .text(let text): bind(Int32(index + 1), text)
            case .null: bind(Int32(index + 1), nil as String?)
            }
        }
    }

    /// Whether column `column` of the current row is NULL.
    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// Binds bytes that stay where they are until the statement has run (no copy).
    func bind(_ index: Int32, unchanging bytes: UnsafeBufferPointer<UInt8>) {
        _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                              Int32(bytes.count), nil)
    }

    /// Runs a query with the values bound, calling `row` for each result row, then
    /// clears the bindings.
    func query(_ row: (RawStatement) throws -> Void) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
            }
            try row(self)
        }
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// Calls `body` with the bytes of text column `column` of the current row (empty for NULL).
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_text(handle, column) else {
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { try body(UnsafeBufferPointer(rebasing: $0[0..<0])) }
        }
        return try body(UnsafeBufferPointer(start: pointer, count: count))
    }

    func string(_ column: Int32) -> String {
        withText(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether text column `column` of the current row holds exactly `text`.
    func text(_ column: Int32, equals text: String) -> Bool {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let pointer = sqlite3_column_text(handle, column) else { return text.isEmpty }
        var text = text
        return text.withUTF8 { bytes in
            bytes.count == count && (count == 0 || memcmp(bytes.baseAddress!, pointer, count) == 0)
        }
    }

    /// Runs the statement once with the values bound, then clears them.
    func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
    }
}

/// Rows for one table gathered and inserted `batch` to a statement: one step of
/// SQLite's machine per batch instead of per row, for the tables an event writes
/// several rows into (its parties, its sources).
final class BatchedInsert {
    enum Value {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null

        static func text(_ value: String?) -> Value { value.map { .text($0) } ?? .null }

        /// The value for GRDB's statements.
        var databaseValue: DatabaseValue {
            switch self {
            case .integer(let number): number.databaseValue
            case .real(let number): number.databaseValue
            case .text(let text): text.databaseValue
            case .null: .null
            }
        }
        static func real(_ value: Double?) -> Value { value.map { .real($0) } ?? .null }
    }

    private let connection: Database
    private let prefix: String
    private let width: Int
    private let batch: Int
    private let full: RawStatement
    private var values: [Value] = []
    private var texts: [UInt8] = []

    /// `prefix` is the statement up to `VALUES` (`INSERT INTO t (a, b)`); each row has
    /// `width` values.
    init(_ db: Database, _ prefix: String, width: Int, batch: Int = 128) throws {
        connection = db
        self.prefix = prefix
        self.width = width
        self.batch = batch
        full = try RawStatement(db, Self.sql(prefix, width: width, rows: batch))
        values.reserveCapacity(width * batch)
    }

    private static func sql(_ prefix: String, width: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return prefix + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Adds one row's values (`width` of them, in column order).
    func add(_ row: Value...) throws {
        values += row
        if values.count == width * batch { try flush() }
    }

    /// Inserts the rows gathered so far.
    func flush() throws {
        guard !values.isEmpty else { return }
        let statement = values.count == width * batch
            ? full : try RawStatement(connection, Self.sql(prefix, width: width, rows: values.count / width))
        // The batch's texts side by side in one buffer, bound where they lie: SQLite's
        // own copy of each text was an allocation and a free per value (the ingest
        // profile).
        texts.removeAll(keepingCapacity: true)
        for value in values {
            if case .text(var text) = value { text.withUTF8 { texts.append(contentsOf: $0) } }
            texts.append(0)
        }
        defer { values.removeAll(keepingCapacity: true) }
        try texts.withUnsafeBufferPointer { buffer in
            var offset = 0
            for (index, value) in values.enumerated() {
                switch value {
                case .integer(let number): statement.bind(Int32(index + 1), number)
                case .real(let number): statement.bind(Int32(index + 1), number)
                case .text(let text):
                    let count = text.utf8.count
                    statement.bind(Int32(index + 1), unchanging: UnsafeBufferPointer(rebasing: buffer[offset..<offset + count]))
                    offset += count
                case .null: statement.bind(Int32(index + 1), nil as String?)
                }
                offset += 1
            }
            do {
                try statement.run()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw BatchConstraintError()
            }
        }
    }
}

/// A batch broke a constraint; none of its rows went in.
struct BatchConstraintError: Error {}
