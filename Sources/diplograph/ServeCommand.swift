import ArgumentParser
import DiplographExplorer
import DiplographPostgres
import DiplographServer
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Explore the data in a browser: the graph at a date with a slider, diffs, timelines, search.",
        discussion: """
            Serves the explorer page and its JSON API (described at /api/openapi.json) \
            until Ctrl-C or SIGTERM. Nothing is written. The page lays the period out once \
            and keeps every node in place while the date moves; the address holds the \
            view (?at=2023-06-27&window=90d&focus=ararat-mirzoyan), so it can be shared.

            Binds 127.0.0.1 unless --host says otherwise; --port 0 takes a free port.

            Examples:
              diplograph serve
              diplograph serve --store gdelt.sqlite --port 8081
              diplograph serve --store postgres://analyst@db.example/caucasus
              diplograph serve --data events.csv --host 0.0.0.0
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0: every interface).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port (0: any free one).", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("Refuse drawings with more nodes than this (0: no limit).", valueName: "count"))
    var maxNodes = 5_000

    @Option(help: ArgumentHelp("Layout time budget per drawing in seconds, as render's --budget.", valueName: "seconds"))
    var budget: Double = 10

    @Option(help: ArgumentHelp("Stop a drawing that takes longer than this many seconds (it gets 503).", valueName: "seconds"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("Keep at most this many MB of answers for repeated requests (0: none).", valueName: "MB"))
    var cacheMb = 16

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard maxNodes >= 0 else { throw ValidationError("--max-nodes must be 0 or more") }
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard (0...65_536).contains(cacheMb) else { throw ValidationError("--cache-mb must be from 0 to 65536") }
    }

    func run() async throws {
        // Requests are answered in parallel: a PostgreSQL store reads over a connection per core.
        let (store, record) = try dataOptions.loadStore(connections: max(2, ProcessInfo.processInfo.activeProcessorCount))
        var api = ExplorerAPI(store: store, untitledName: dataOptions.untitledName)
        api.maxNodes = maxNodes
        api.budgetSeconds = budget
        // Graphviz runs in a worker process of this program, replaced every few hundred
        // drawings: what Graphviz leaks per layout ends with the worker, and a layout
        // past --timeout is stopped by ending it.
        api.drawing = DrawingWorker(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
                                    timeoutSeconds: timeout)
        // A worker that ended must not take the server with it when a request is written to it.
        signal(SIGPIPE, SIG_IGN)
        var server = ExplorerServer(api: api)
        server.host = host
        server.port = port
        server.cacheBytes = cacheMb << 20
        if let postgres = record as? PostgresStore {
            // Each file an ingest writes counts in the store: an answer cached before is not
            // used after.
            server.revision = { postgres.revision }
        } else if let path = dataOptions.storePath {
            // A store another program ingests into changes its WAL (or its file): an answer
            // cached before is not used after.
            server.revision = { Self.fileStamp(path + "-wal") + Self.fileStamp(path) }
        }
        let everywhere = !["127.0.0.1", "::1", "localhost"].contains(host)
        let name = dataOptions.untitledName
        try await server.run { address in
            // Unbuffered: a script that started the server waits for this line.
            var lines = "Serving \(name) at \(address) (Ctrl-C stops)\n"
            if everywhere {
                lines += "note: listening on \(host): anyone who can reach this machine on the network can read the data\n"
            }
            FileHandle.standardOutput.write(Data(lines.utf8))
        }
        print("Stopped.")
    }
}

/// The drawing worker `serve` starts: Graphviz calls read from standard input, answers
/// written to standard output (see `DrawingWorker`). Not for people.
extension ServeCommand {
    static func fileStamp(_ path: String) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { return "-" }
        return "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec):\(status.st_size);"
    }
}

struct GraphvizWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "graphviz-worker", shouldDisplay: false)

    func run() {
        GraphvizWorkerLoop.run()
    }
}
