import DiplographCore
import DiplographSQLite
import Foundation

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database`
/// (`postgresql://` too). The password comes from the address or, when it has none,
/// from `PGPASSWORD`; it is never part of `description`, so that no message, error or
/// log shows it.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    /// The user to connect as.
    public let user: String
    /// The server's host name or address.
    public let host: String
    /// The server's port (5432 when the address gives none).
    public let port: Int
    /// The database that holds the store.
    public let database: String
    package let password: String?

    /// Whether `text` names a PostgreSQL store rather than an SQLite file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads an address; `environment` gives `PGPASSWORD` when the address has no password.
    ///
    /// - Throws: `StoreError` naming what is missing, with the address shown without
    ///   its password.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        guard Self.isAddress(text), let parts = URLComponents(string: text), let host = parts.host, !host.isEmpty else {
            throw StoreError(Diagnostic(code: "bad-store-address", file: Self.redacted(text),
                                        message: "this is not a PostgreSQL address",
                                        hint: "write it as postgres://user@host:port/database"))
        }
        let database = String(parts.path.drop { $0 == "/" })
        guard let user = parts.user, !user.isEmpty, !database.isEmpty else {
            throw StoreError(Diagnostic(code: "bad-store-address", file: Self.redacted(text),
                                        message: "the address names no user or no database",
                                        hint: "write it as postgres://user@host:port/database"))
        }
        self.user = user.removingPercentEncoding ?? user
        self.host = host
        port = parts.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        password = parts.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"]
    }

    /// The address without a password.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)"
    }

    /// `text` with anything between `://user:` and `@` blanked, for messages about an
    /// address that could not be read.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
