import ArgumentParser
import DiplographCore
import DiplographFormats
import DiplographPostgres
import DiplographSQLite
import Foundation

/// What the store commands ask of a store, an SQLite file or a PostgreSQL database.
protocol CommandStore: EventStore {
    /// The file, or the server's address without its password.
    var location: String { get }
    var statistics: SQLiteStore.Statistics { get }
    var files: [SQLiteStore.StoredFile] { get }
    func check() -> [String]
    func ingest(_ paths: [String], options: LoadOptions, dryRun: Bool,
                progress: (IngestResult) -> Void) throws(StoreError) -> [IngestResult]
}

extension SQLiteStore: CommandStore {
    var location: String { path }
}

extension PostgresStore: CommandStore {
    var location: String { address.description }
}

/// `--store` for the commands that write or inspect a store.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The store: a file, or postgres://user@host:port/database (default: $DIPLOGRAPH_STORE, else diplograph.sqlite here).",
        valueName: "store"))
    var store: String?

    var path: String {
        store ?? Self.fromEnvironment ?? "diplograph.sqlite"
    }

    /// `$DIPLOGRAPH_STORE`, when set and not empty.
    static var fromEnvironment: String? {
        ProcessInfo.processInfo.environment["DIPLOGRAPH_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func open(create: Bool) throws -> any CommandStore {
        try Self.open(path, create: create)
    }

    /// Whether nothing is stored at `path` yet: no file (a PostgreSQL database is made
    /// by its owner, and answers for itself).
    var isMissing: Bool {
        !PostgresAddress.isAddress(path) && !FileManager.default.fileExists(atPath: path)
    }

    /// The SQLite store at `path`, or the PostgreSQL store at a `postgres://` address.
    static func open(_ path: String, create: Bool, connections: Int = 1) throws -> any CommandStore {
        do {
            if PostgresAddress.isAddress(path) {
                return try PostgresStore(address: path, create: create, connections: connections)
            }
            return try SQLiteStore(path: path, create: create)
        } catch {
            throw InputError(error)
        }
    }

    func requireSQLite(for command: String) throws {
        guard !PostgresAddress.isAddress(path) else {
            throw InputError(description: "\(command) writes to an SQLite store only, for now; "
                             + "sync into a file, then ingest its folder into PostgreSQL")
        }
    }

    /// The SQLite store at `path`, for what only it does (sync); a PostgreSQL address is
    /// refused with what to do.
    func openSQLite(create: Bool, for command: String) throws -> SQLiteStore {
        try requireSQLite(for: command)
        do {
            return try SQLiteStore(path: path, create: create)
        } catch {
            throw InputError(error)
        }
    }
}

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add files to a store, once: the same file again changes nothing, a corrected one replaces its rows.",
        discussion: """
            Each file goes in in one transaction: all of it or none. A folder of native \
            YAML/JSON files is one dataset; another folder's data files go in by name \
            order. Coded rows that repeat an event already stored (same actors, targets, \
            kind and day) add their sources to it, as within one file. Query the store \
            with --store on every other command.

            Examples:
              diplograph ingest Data/ --store caucasus.sqlite
              diplograph ingest 20191024143000.export.CSV --store gdelt.sqlite
              diplograph ingest exports/ --store gdelt.sqlite --dry-run
              diplograph timeline --store gdelt.sqlite --actor ARM --actor AZE
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to ingest.", valueName: "path"))
    var paths: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The files' format (default: auto, from each name and first line).", valueName: "format"))
    var inputFormat: InputFormat = .auto

    @Flag(help: "Coded files: stop at the first bad row instead of skipping it.")
    var strict = false

    @Option(help: ArgumentHelp("Coded files: same-day (default) or none.", valueName: "rule"))
    var merge: LoadOptions.MergeRule = .sameDay

    @Flag(help: "Print the plan (new, unchanged, replaced) and write nothing.")
    var dryRun = false

    @OptionGroup var codeTableOptions: CodeTableOptions

    func run() throws {
        if dryRun, storeOptions.isMissing {
            // No store yet: every file is new, and planning makes no store.
            let files = paths.flatMap(SQLiteStore.files(at:))
            for file in files { print("\((file as NSString).standardizingPath): new: would be added") }
            print("plan for \(storeOptions.path) (no store yet): \(files.count) new, 0 unchanged, 0 replaced; nothing written")
            return
        }
        let store = try storeOptions.open(create: true)
        var options = LoadOptions(format: inputFormat, strict: strict, merge: merge)
        try codeTableOptions.apply(to: &options)
        var counts: [IngestResult.Action: Int] = [:]
        do {
            _ = try store.ingest(paths, options: options, dryRun: dryRun) { result in
                counts[result.action, default: 0] += 1
                let detail = switch (result.action, dryRun) {
                case (.unchanged, _): "unchanged (same checksum), nothing to do"
                case (.new, true): "new: would be added"
                case (.replaced, true): "changed: would replace its rows"
                case (.new, false): "added: \(result.events) events, \(result.mergedIntoStored) merged into stored events"
                case (.replaced, false): "replaced: \(result.events) events, \(result.mergedIntoStored) merged into stored events"
                }
                print("\(result.file): \(detail)")
                if let report = result.report { DataOptions.note(report) }
            }
        } catch {
            throw InputError(error)
        }
        let summary = [IngestResult.Action.new, .unchanged, .replaced].map { "\(counts[$0] ?? 0) \($0.rawValue)" }
        print("\(dryRun ? "plan" : "done") for \(store.location): " + summary.joined(separator: ", ") + (dryRun ? "; nothing written" : ""))
    }
}

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "What a store holds, where it came from, and whether it is sound.",
        subcommands: [StoreInitCommand.self, StoreStatsCommand.self, StoreFilesCommand.self, StoreCheckCommand.self]
    )
}

struct StoreInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make an empty store (an ingest makes one too); on PostgreSQL, --distributed spreads it with Citus.",
        discussion: """
            With --distributed, the tables are distributed with Citus's create_distributed_table \
            and create_reference_table (the README lists them) when the citus extension is \
            installed in the database; without it, the store stays one PostgreSQL database, \
            the command says so and exits 1.

            Examples:
              diplograph store init --store postgres://analyst@db.example/caucasus --distributed
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "PostgreSQL with Citus: distribute the tables over the cluster's machines.")
    var distributed = false

    func run() throws {
        let store = try storeOptions.open(create: true)
        guard distributed else {
            print("\(store.location): a store (schema \(store.statistics.schema))")
            return
        }
        guard let postgres = store as? PostgresStore else {
            throw InputError(description: "--distributed needs a PostgreSQL store with Citus (postgres://…); \(store.location) is a file")
        }
        let done: Bool
        do {
            done = try postgres.distribute()
        } catch {
            throw InputError(error)
        }
        guard done else {
            throw InputError(description: "\(store.location): the citus extension is not installed in this database, so the "
                             + "store stays on one server; install Citus, CREATE EXTENSION citus, then run this again")
        }
        print("\(store.location): distributed with Citus (events by rowid; participants, event sources and "
              + "contributions with them; sources by id; the rest reference tables)")
    }
}

struct StoreStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Files, rows, events, nodes, dates, size.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(create: false)
        let stats = store.statistics
        print("store: \(store.location) (\(stats.bytes) bytes, schema \(stats.schema))")
        print("files: \(stats.files), rows read: \(stats.rows)")
        print("events: \(stats.events), nodes: \(store.nodes.count), offices: \(store.offices.count), sources: \(stats.sources)")
        if let extent = store.eventExtent { print("dates: \(extent.first) to \(extent.last)") }
    }
}

struct StoreFilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "files", abstract: "What came from which file, when, its checksum.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(create: false)
        for file in store.files {
            print("\(file.name)\t\(file.format)\t\(file.rows) rows\t\(file.events) events\t\(file.ingestedAt)\tsha256:\(file.checksum)")
        }
    }
}

struct StoreCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "SQLite's integrity check and Diplograph's own invariants; exit 1 on a fault.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(create: false)
        let faults = store.check()
        guard faults.isEmpty else {
            throw InputError(description: faults.map { "\(store.location): fault: \($0)" }.joined(separator: "\n"))
        }
        print("\(store.location): sound (integrity check ok, every event has its parties, sources and files)")
    }
}
