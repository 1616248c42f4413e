import ArgumentParser
import DiplographCore
import DiplographSQLite
import DiplographSync
import Foundation

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Keep a store current with a publisher's files.",
        subcommands: [SyncGDELTCommand.self]
    )
}

struct SyncGDELTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdelt",
        abstract: "Fetch GDELT 2.0's events files that the store lacks, verify them, and ingest them one by one.",
        discussion: """
            Reads GDELT's file list (lastupdate.txt for the newest file, masterfilelist.txt \
            for a range or to fill a gap since the last sync), plans the events files the \
            store does not hold with the listed MD5, and for each in time order: downloads \
            it, checks its size and MD5, unzips it, ingests it in one transaction. An \
            interruption (even kill -9) keeps every file done; the next sync goes on. A \
            second sync of the same store stops at once (or waits, with --wait).

            --since and --until take dates (2019, 2019-10, 2019-10-24) and are closed: \
            --since 2019-10-24 --until 2019-10-24 is that day's 96 files, 00:00 to 23:45 UTC.

            Exit codes: 0 every planned file is in, 1 some failed (listed at the end) or the \
            list could not be read, 2 bad usage.

            Examples:
              diplograph sync gdelt --store gdelt.sqlite
              diplograph sync gdelt --since 2025-06-01 --until 2025-06-07 --store gdelt.sqlite --dry-run
              diplograph sync gdelt --filter-actor ARM AZE --store caucasus.sqlite --keep-files zips/
              */15 * * * * diplograph sync gdelt --store /data/gdelt.sqlite >> /var/log/gdelt-sync.log 2>&1
            """
    )

    @Option(help: ArgumentHelp("Files of slots from this day on (closed).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Files of slots up to this day (closed).", valueName: "date"))
    var until: String?

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Where the lists and files are (default: GDELT 2.0's server).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Keep each verified zip in this folder, and use it instead of downloading again.",
                               valueName: "folder"))
    var keepFiles: String?

    @Flag(help: "Print the plan (files, bytes, first and last) and fetch nothing.")
    var dryRun = false

    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("Keep only rows where either actor's country or CAMEO code is one of these (ARM AZE).",
                               valueName: "code"))
    var filterActor: [String] = []

    @Flag(help: "Wait for another sync of the same store instead of stopping.")
    var wait = false

    @Option(help: ArgumentHelp("Tries of one file on connection errors, timeouts and 5xx.", valueName: "count"))
    var tries = 4

    @Option(help: ArgumentHelp("Seconds without a byte from the server before a try is given up.", valueName: "seconds"))
    var timeout = 30.0

    @Option(help: .hidden)
    var retryDelay = 1.0

    func validate() throws {
        guard tries >= 1 else { throw ValidationError("--tries must be at least 1") }
        guard timeout > 0, retryDelay >= 0 else { throw ValidationError("--timeout must be positive") }
        if let bad = filterActor.first(where: { $0.count < 3 || !$0.allSatisfy({ $0.isASCII && $0.isLetter }) }) {
            throw ValidationError("--filter-actor \(bad): CAMEO codes are letters, three or more (ARM, USAGOV)")
        }
        if let baseURL, URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--base-url \(baseURL): an http or https address is needed")
        }
    }

    func run() async throws {
        let since = try since.map { try Arguments.date($0, option: "--since") }
        let until = try until.map { try Arguments.date($0, option: "--until") }
        if let since, let until, until.lastDay < since.firstDay {
            throw ValidationError("--until \(until) is before --since \(since)")
        }
        var base = baseURL.flatMap(URL.init(string:)) ?? SyncOptions.gdeltBase
        if !base.absoluteString.hasSuffix("/") { base = URL(string: base.absoluteString + "/") ?? base }
        let options = SyncOptions(
            since: since?.firstDay, until: until?.lastDay, baseURL: base, keepFiles: keepFiles,
            filter: ActorFilter(filterActor),
            policy: RetryPolicy(attempts: tries, firstDelay: retryDelay, timeout: timeout))

        let path = storeOptions.path
        try storeOptions.requireSQLite(for: "sync")
        // A plan reads the store and writes nothing: it needs no lock, and no store.
        var lock: SyncLock?
        if !dryRun {
            do {
                lock = try SyncLock(store: path, wait: wait)
            } catch {
                throw InputError(description: error.description)
            }
        }
        defer { withExtendedLifetime(lock) {} }
        let store = dryRun && storeOptions.isMissing ? nil : try storeOptions.openSQLite(create: true, for: "sync")
        let sync = GDELTSync(store: store, options: options)
        let plan: SyncPlan
        do {
            plan = try await sync.plan()
        } catch .filterChanged(let store, let stored, let asked) {
            throw ValidationError(SyncError.filterChanged(store: store, stored: stored, asked: asked).description)
        } catch {
            throw InputError(description: error.description)
        }
        if plan.unreadable.count > 0 {
            FileHandleOutput.note("\(plan.list): note: \(plan.unreadable.count) lines not understood and skipped "
                                  + "(the first is line \(plan.unreadable.firstLine ?? 0))")
        }
        print(Self.describe(plan) + (store == nil ? " (no store yet)" : ""))
        guard !dryRun, let store, !plan.files.isEmpty else { return }
        var meter = SyncProgress(plan: plan)
        let summary: SyncSummary
        do {
            summary = try await sync.run(plan) { event in
                switch event {
                case let .retrying(file, attempt, reason):
                    meter.note("\(file.name): try \(attempt) failed: \(reason); trying again")
                case let .ingested(file, result, downloaded):
                    meter.advance(file: file, rows: result.report?.rowsRead ?? 0, downloaded: downloaded)
                    let merged = result.mergedIntoStored > 0 ? ", \(result.mergedIntoStored) merged into stored events" : ""
                    let what = result.action == .unchanged ? "the same rows are in already" : "\(result.events) events\(merged)"
                    print("\(file.name): \(downloaded ? "downloaded" : "from --keep-files"), \(what)")
                case let .failed(file, reason):
                    meter.advance(file: file, rows: 0, downloaded: false)
                    print("\(file.name): FAILED: \(reason)")
                }
            }
        } catch {
            throw InputError(description: error.description)
        }
        meter.finish()
        print(Self.describe(summary, of: plan, in: store.path))
        if !summary.failed.isEmpty {
            let list = summary.failed.map { "  \($0.file.name): \($0.reason)" }.joined(separator: "\n")
            throw InputError(description: "\(summary.failed.count) of \(plan.files.count) files failed and were not ingested:\n"
                             + list + "\n  hint: the next sync tries again the files that were there but did not arrive whole; "
                             + "files the server does not have are tried again only by a sync with --since")
        }
    }

    static func describe(_ plan: SyncPlan) -> String {
        let stored = plan.stored > 0 ? " (\(plan.stored) of \(plan.listed) listed already in the store)" : ""
        guard let first = plan.files.first, let last = plan.files.last else {
            return "plan from \(plan.list): nothing new\(plan.listed > 0 ? stored : " (no events files in the range)")"
        }
        let span = first == last ? first.name : "\(first.name) to \(last.name)"
        let count = plan.files.count == 1 ? "1 file" : "\(plan.files.count) files"
        return "plan from \(plan.list): \(count), \(Self.bytes(plan.bytes)), \(span)\(stored)"
    }

    static func describe(_ summary: SyncSummary, of plan: SyncPlan, in store: String) -> String {
        "done for \(store): \(summary.ingested.count) of \(plan.files.count) files in, \(summary.failed.count) failed; "
            + "\(summary.rows) rows read, \(summary.events - summary.merged) events added, \(summary.merged) merged into "
            + "stored events; \(Self.bytes(summary.downloadedBytes)) downloaded"
    }

    static func bytes(_ count: Int) -> String {
        count < 1 << 20 ? "\(count / 1024) KiB" : String(format: "%.1f MiB", Double(count) / Double(1 << 20))
    }
}

/// The progress line on a terminal (standard error): files, bytes, rows per second.
struct SyncProgress {
    let plan: SyncPlan
    let started = Date()
    let onTerminal = isatty(STDERR_FILENO) != 0
    var files = 0
    var bytes = 0
    var rows = 0

    init(plan: SyncPlan) {
        self.plan = plan
    }

    mutating func advance(file: ListedFile, rows: Int, downloaded: Bool) {
        files += 1
        bytes += file.bytes
        self.rows += rows
        guard onTerminal else { return }
        let rate = Double(self.rows) / max(Date().timeIntervalSince(started), 0.001)
        FileHandle.standardError.write(Data(("\r\u{1B}[K\(files)/\(plan.files.count) files, "
            + "\(SyncGDELTCommand.bytes(bytes)) of \(SyncGDELTCommand.bytes(plan.bytes)), \(Int(rate)) rows/s").utf8))
    }

    func note(_ text: String) {
        FileHandle.standardError.write(Data(((onTerminal ? "\r\u{1B}[K" : "") + text + "\n").utf8))
    }

    func finish() {
        if onTerminal, files > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
