import Foundation

/// Throw-away PostgreSQL servers for the tests, started by `Scripts/pg-server.sh`
/// (initdb in a temporary folder, a loopback port, an unprivileged user) and stopped
/// when the test process exits; `make test` also stops any left behind. A missing
/// PostgreSQL is an error that says how to get it, never a skip.
public enum TestPostgres {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// A started server: its address without a database, and its folder.
    public struct Server: Sendable {
        public let port: Int
        public let folder: String

        /// `postgres://diplograph@127.0.0.1:PORT/DATABASE`.
        public func address(_ database: String) -> String {
            "postgres://diplograph@127.0.0.1:\(port)/\(database)"
        }

        /// Makes an empty database with a name of its own; its address.
        public func newDatabase() throws -> String {
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try psql("CREATE DATABASE \(name)")
            return address(name)
        }

        /// Runs SQL with psql against `database` (the maintenance database by default).
        @discardableResult
        public func psql(_ sql: String, database: String = "postgres") throws -> String {
            let output = try TestPostgres.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                               address(database), "-c", sql])
            guard output.status == 0 else {
                throw Unavailable(description: "psql failed: \(output.standardError)")
            }
            return output.standardOutput
        }

        /// Stops the server at once (immediate mode), as a crash would.
        public func stop() {
            _ = try? TestPostgres.run([TestPostgres.script, "stop", folder])
        }

        /// Starts a stopped server again on its port.
        public func restart() throws {
            let output = try TestPostgres.run([TestPostgres.script, "restart", folder, String(port)])
            guard output.status == 0 else { throw Unavailable(description: "restart failed: \(output.standardError)") }
        }
    }

    static let script = TestPaths.repository.appendingPathComponent("Scripts/pg-server.sh").path

    /// The server the tests share, started on first use.
    public static func shared() throws -> Server {
        try sharedServer.get()
    }

    private static let sharedServer = Result { try start() }

    /// Starts a server of its own (for tests that stop one).
    public static func start() throws -> Server {
        let folder = TestPaths.temporaryFolder().appendingPathComponent("postgres").path
        var lastError = ""
        for _ in 0..<5 {
            let port = freePort()
            let output = try run([script, "start", folder, String(port)])
            if output.status == 0 {
                let server = Server(port: port, folder: folder)
                register(server)
                return server
            }
            lastError = output.standardError
            if lastError.contains("not found") { break }
            try? FileManager.default.removeItem(atPath: folder)
        }
        throw Unavailable(description: "a PostgreSQL server could not be started (`make test` installs Debian's postgresql): \(lastError)")
    }

    nonisolated(unsafe) private static var started: [Server] = []
    private static let lock = NSLock()

    private static func register(_ server: Server) {
        lock.lock()
        defer { lock.unlock() }
        if started.isEmpty { atexit { TestPostgres.stopAll() } }
        started.append(server)
    }

    private static func stopAll() {
        lock.lock()
        let servers = started
        lock.unlock()
        for server in servers { server.stop() }
    }

    /// Runs a program and waits for it with `waitpid`, its output through a file.
    /// (Foundation's `Process` missed the exit of the script that starts a server,
    /// which leaves a daemon behind, and waited for ever.)
    static func run(_ arguments: [String]) throws -> ExternalTool.Output {
        let output = TestPaths.temporaryFolder().appendingPathComponent("output").path
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard spawned == 0 else { throw Unavailable(description: "could not run \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ExternalTool.Output(status: exited, standardOutput: text, standardError: text)
    }

    /// A port nobody listens on now (the kernel's choice for port 0).
    public static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
