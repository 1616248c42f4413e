import DiplographCore
import DiplographSQLite
import Dispatch
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One connection to the server, used from synchronous code: `EventStore`'s queries
/// wait on postgres-nio's futures (never on a Swift task, so that a caller on the
/// concurrency pool cannot starve the work it waits for); the ingest, which needs
/// COPY (async only), runs as a task the calling thread waits for.
final class Session: Sendable {
    let address: PostgresAddress
    /// The connection that writes (and reads).
    let connection: PostgresConnection
    /// The connections reads take in turn: a server process answers one statement at a
    /// time, so readers in parallel (the explorer's requests) need several.
    private let readers: [PostgresConnection]
    private let nextReader = Atomic<Int>(0)
    /// Silent: postgres-nio logs at debug and trace only, and nothing of ours goes there.
    static let logger = Logger(label: "diplograph.postgres") { _ in SwiftLogNoOpLogHandler() }

    init(_ address: PostgresAddress, connections: Int = 1) throws(StoreError) {
        self.address = address
        let configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        var opened: [PostgresConnection] = []
        do {
            for number in 1...max(1, connections) {
                opened.append(try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(),
                                                             configuration: configuration, id: number, logger: Self.logger).wait())
            }
        } catch {
            Self.close(opened)
            throw Self.storeError(error, address: address)
        }
        connection = opened[0]
        readers = opened
    }

    deinit {
        Self.close(readers)
    }

    /// postgres-nio requires a connection to be closed before it goes.
    private static func close(_ connections: [PostgresConnection]) {
        for connection in connections {
            let closing: EventLoopFuture<Void> = connection.close()
            try? closing.wait()
        }
    }

    private var reader: PostgresConnection {
        readers.count == 1 ? connection : readers[nextReader.add(1, ordering: .relaxed).oldValue % readers.count]
    }

    /// All rows of a statement with bound values. (Taken one by one as they arrive:
    /// postgres-nio's collected result copied its growing list of rows as each batch
    /// came in, most of a million-event diff's time.)
    func rows(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws(StoreError) -> [PostgresRow] {
        let collected = Collected()
        try each(sql, binds) { row in collected.rows.append(row) }
        return collected.rows
    }

    /// Calls `body` with each row as it arrives.
    func each(_ sql: String, _ binds: PostgresBindings = PostgresBindings(),
              _ body: @escaping @Sendable (PostgresRow) throws -> Void) throws(StoreError) {
        do {
            _ = try reader.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: Self.logger, body).wait()
        } catch {
            throw Self.storeError(error, address: address)
        }
    }

    /// Runs async work on the connection and waits for it. The work runs on a queue of
    /// its own, not on the concurrency pool: a caller on the pool (a test, a server)
    /// that blocks here would otherwise hold a thread the work needs, and with every
    /// thread so held, wait for ever.
    func waiting<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws(StoreError) -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome<T>()
        let connection = connection
        let work = Task(executorPreference: QueueExecutor.shared) {
            do {
                outcome.set(.success(try await body(connection)))
            } catch {
                outcome.set(.failure(error))
            }
            done.signal()
        }
        // A server that goes away in the middle of a COPY can leave postgres-nio waiting
        // for a reply that never comes; the closed connection ends the wait.
        while done.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
            guard connection.isClosed else { continue }
            work.cancel()
            guard done.wait(timeout: .now() + .seconds(2)) == .success, case .success(let value)? = outcome.get() else {
                throw Self.gone(address)
            }
            return value
        }
        switch outcome.get()! {
        case .success(let value): return value
        case .failure(let error as StoreError): throw error
        case .failure(let error): throw Self.storeError(error, address: address)
        }
    }

    static func gone(_ address: PostgresAddress) -> StoreError {
        StoreError(Diagnostic(code: "store-gone", file: address.description,
                              message: "the PostgreSQL server closed the connection; what was being written was not committed",
                              hint: "check that the server is running, then run the command again"))
    }

    /// A failure said in the user's terms, naming the server without the password.
    static func storeError(_ error: any Error, address: PostgresAddress) -> StoreError {
        if let error = error as? StoreError { return error }
        let place = address.description
        guard let error = error as? PSQLError else {
            return StoreError(Diagnostic(code: "store-failed", file: place, message: "the store could not be used: \(error)",
                                         hint: "check the address and that the server is running"))
        }
        if [.serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(error.code) { return gone(address) }
        let state = error.serverInfo?[.sqlState] ?? ""
        let said = error.serverInfo?[.message] ?? ""
        let (code, message, hint): (Diagnostic.Code, String, String) = switch (error.code, state) {
        case (.connectionError, _):
            ("store-unreachable", "no PostgreSQL server answers at \(address.host):\(address.port)",
             "start the server, or check the host and port in the address")
        case (_, "28P01"), (_, "28000"), (.authMechanismRequiresPassword, _), (.saslError, _):
            ("store-refused", "the server refused user '\(address.user)' (wrong or missing password?)",
             "check the user, and give the password in the address or in PGPASSWORD")
        case (_, "3D000"):
            ("no-store", "there is no database '\(address.database)' on the server",
             "create it first (createdb \(address.database)), or check the name in the address")
        case (_, "53100"):
            ("store-full", "the server's disk is full; nothing of this file was written",
             "make room on the server's disk, then run the ingest again")
        case (_, "57P01"), (_, "57P02"), (_, "57P03"):
            ("store-gone", "the PostgreSQL server is shutting down; what was being written was not committed",
             "start the server again, then run the command again")
        default:
            ("store-failed", "the PostgreSQL server reported: \(said.isEmpty ? "\(error.code)" : said)\(state.isEmpty ? "" : " (\(state))")",
             "check the address and that the database is a Diplograph store")
        }
        return StoreError(Diagnostic(code: code, file: place, message: message, hint: hint))
    }
}

/// Rows appended by the connection's event loop, one at a time, and read by the thread
/// that waited for the statement to end.
private final class Collected: @unchecked Sendable {
    var rows: [PostgresRow] = []
}

/// A result handed from a task to the thread waiting for it.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    private let lock = DispatchQueue(label: "diplograph.postgres.outcome")
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { lock.sync { result = value } }
    func get() -> Result<T, any Error>? { lock.sync { result } }
}

/// Runs tasks' jobs on one serial dispatch queue, outside the concurrency pool.
private final class QueueExecutor: TaskExecutor {
    static let shared = QueueExecutor()
    private let queue = DispatchQueue(label: "diplograph.postgres.work")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
