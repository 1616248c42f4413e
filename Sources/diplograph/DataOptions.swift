import ArgumentParser
import DiplographFormats
import DiplographSQLite
import Foundation
import DiplographCore

/// Options every command that reads a dataset shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A dataset folder or file: native .yaml/.yml/.json, or a GDELT, ICEWS, PLOVER or CSV event file (default: Data/).",
        valueName: "path"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp(
        "Ask a store made by `diplograph ingest` instead of reading files (default with no --data: $DIPLOGRAPH_STORE when set).",
        valueName: "store"))
    var store: String?

    @Option(help: ArgumentHelp("The file's format (default: auto, from the name and first line).", valueName: "format"))
    var inputFormat: InputFormat = .auto

    @Flag(help: "Coded files: stop at the first bad row instead of skipping it.")
    var strict = false

    @Option(help: ArgumentHelp("Coded files: same-day (rows with the same actors, kind and day are one event) or none.",
                               valueName: "rule"))
    var merge: LoadOptions.MergeRule = .sameDay

    @Option(name: .customLong("nodes"), help: ArgumentHelp("CSV: a nodes file (id, name, kind).", valueName: "path"))
    var csvNodes: String?

    @Option(name: .customLong("map"), help: ArgumentHelp("CSV: field=column, e.g. source=From, or date=4 by place (repeatable).", valueName: "field=column"))
    var csvMapping: [String] = []

    @Flag(help: "CSV: the file has no header row; map every field by its column's place (--map date=4 --map source=1).")
    var noHeader = false

    @OptionGroup var codeTableOptions: CodeTableOptions

    @Option(help: ArgumentHelp(
        "Answer as the record stood at the end of this date: sources recorded later are left out, and events none of whose sources was recorded by then.",
        valueName: "date"))
    var knownAt: String?

    @Flag(help: "Leave out events whose date is approximate (written with ~).")
    var certainOnly = false

    @Option(help: ArgumentHelp(
        "Only events in --relation to an issue's lifecycle (ISSUE, or ISSUE:PHASE for one status) or to dates (FROM..TO, either end may be left out).",
        valueName: "interval"))
    var during: String?

    @Option(help: ArgumentHelp("With --during: during (inside, the default), overlaps, before, after, meets (ends the day before), met-by (begins the day after).",
                               valueName: "relation"))
    var relation: IntervalRelation?

    /// The store asked for: `--store`, else `$DIPLOGRAPH_STORE` when no `--data`.
    var storePath: String? {
        store ?? (data == nil ? StoreOptions.fromEnvironment : nil)
    }

    /// What the data comes from, for messages.
    var source: String { storePath ?? data ?? "Data" }

    /// What drawings of data without a title of its own are titled by: the file's or
    /// the store's name.
    var untitledName: String { ((storePath ?? data ?? "Data") as NSString).lastPathComponent }

    func validate() throws {
        if store != nil, data != nil { throw ValidationError("give either --data or --store, not both") }
    }

    /// Opens the store, or loads and checks the dataset; every problem becomes one
    /// `InputError`. What an import of a coded file read and skipped goes to standard
    /// error.
    func loadStore() throws -> any EventStore {
        try loadStore(connections: 1).store
    }

    /// The store as `loadStore()` gives it, and the one it filters (the opened store or
    /// the loaded dataset); a PostgreSQL store reads over `connections` connections.
    func loadStore(connections: Int) throws -> (store: any EventStore, record: any EventStore) {
        let knownDay = try knownAt.map { try Arguments.date($0, option: "--known-at").lastDay }
        if relation != nil, during == nil { throw ValidationError("--relation goes with --during") }
        let record = try loadRecord(connections: connections)
        var store = record
        if let during {
            store = FilteredStore.events(relation ?? .during, to: try Arguments.interval(during, in: store), in: store)
        }
        if certainOnly { store = FilteredStore.certainOnly(store) }
        if let knownDay { store = FilteredStore.known(at: knownDay, in: store) }
        return (store, record)
    }

    private func loadRecord(connections: Int) throws -> any EventStore {
        if let storePath { return try StoreOptions.open(storePath, create: false, connections: connections) }
        let data = self.data ?? "Data"
        var mapping: [String: String] = [:]
        for entry in csvMapping {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, CSVEventsImporter.fields.contains(parts[0]) else {
                throw ValidationError("--map: '\(entry)' is not field=column with a field among \(CSVEventsImporter.fields.joined(separator: ", "))")
            }
            mapping[parts[0]] = parts[1]
        }
        var options = LoadOptions(format: inputFormat, strict: strict, merge: merge, progress: Progress.reporter(for: data),
                                  csvNodes: csvNodes, csvMapping: mapping)
        options.csvHeader = !noHeader
        try codeTableOptions.apply(to: &options)
        if noHeader, inputFormat == .auto { options.format = .csv }
        let loaded: DatasetReader.Loaded
        do {
            loaded = try DatasetReader.load(path: data, options: options)
        } catch {
            throw InputError(error)
        }
        if let report = loaded.report { Self.note(report) }
        return loaded.makeStore()
    }

    /// What an import of a coded file read and skipped, on standard error.
    static func note(_ report: ImportReport) {
        FileHandleOutput.note(report.description)
        for problem in report.problems.prefix(10) { FileHandleOutput.note("  " + problem.description) }
        let more = report.problemCounts.values.reduce(0, +) - min(10, report.problems.count)
        if more > 0 { FileHandleOutput.note("  … and \(more) more") }
    }
}

extension InputFormat: ExpressibleByArgument {}
extension IntervalRelation: ExpressibleByArgument {}
extension LoadOptions.MergeRule: ExpressibleByArgument {}

/// Progress of a large import on standard error, only when it is a terminal.
enum Progress {
    static func reporter(for path: String) -> (@Sendable (Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) != 0,
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
              size > 64 << 20 else { return nil }
        return { done, total in
            let percent = total == 0 ? 100 : done * 100 / total
            FileHandle.standardError.write(Data("\rreading \(percent)%\(done >= total ? "\n" : "")".utf8))
        }
    }
}

/// Parsing helpers for command-line values, with messages that say what to write.
enum Arguments {
    static func date(_ text: String, option: String) throws -> EventDate {
        do {
            return try EventDate(parsing: text)
        } catch {
            throw ValidationError("\(option): \(error.message) (\(error.hint))")
        }
    }

    /// `--from` and `--to` as dates, the second not before the first (`option` names
    /// both in messages when they come from one argument, as `--compare` does).
    static func range(from: String?, to: String?, option: String? = nil) throws -> (EventDate?, EventDate?) {
        let first = try from.map { try date($0, option: option ?? "--from") }
        let last = try to.map { try date($0, option: option ?? "--to") }
        if let first, let last, last.lastDay < first.firstDay {
            throw ValidationError(option.map { "\($0): \(last) is before \(first)" } ?? "--to \(last) is before --from \(first)")
        }
        return (first, last)
    }

    /// `FROM..TO` (either end may be left out) as dates, or nil when `text` has no `..`.
    static func dates(_ text: String, option: String) throws -> (EventDate?, EventDate?)? {
        guard let dots = text.range(of: "..") else { return nil }
        let (from, to) = (String(text[..<dots.lowerBound]), String(text[dots.upperBound...]))
        return try range(from: from.isEmpty ? nil : from, to: to.isEmpty ? nil : to, option: option)
    }

    /// `--during`: `FROM..TO` (dates; either end may be left out), or `ISSUE` or
    /// `ISSUE:PHASE`, an issue's lifecycle or the phases with one status.
    static func interval(_ text: String, in store: any EventStore) throws -> DayInterval {
        if let (first, last) = try dates(text, option: "--during") {
            return DayInterval(first: first?.firstDay ?? Day(ordinal: .min), last: last?.lastDay)
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let issue = try node(parts.first ?? text, in: store, option: "--during")
        let status = parts.count > 1 ? parts[1] : nil
        guard let interval = store.node(issue)?.lifecycleInterval(status: status) else {
            let statuses = Set(store.node(issue)?.lifecycle.map(\.status) ?? []).sorted()
            throw ValidationError("--during: '\(issue)' has " + (statuses.isEmpty ? "no lifecycle; give dates as FROM..TO"
                : "no phase '\(status ?? "")'; its phases: \(statuses.joined(separator: ", "))"))
        }
        return interval
    }

    /// A trend's step: `1w`, `1mo`, `1q`, `1y`, `7d`.
    static func step(_ text: String, option: String) throws -> TrendStep {
        do {
            return try TrendStep(parsing: text)
        } catch {
            throw ValidationError("\(option): \(error.message) (or 1q for quarters)")
        }
    }

    /// `--pair A,B`: two node ids, checked.
    static func pair(_ text: String, in store: any EventStore, option: String = "--pair") throws -> (NodeID, NodeID) {
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard ids.count == 2 else { throw ValidationError("\(option): give two ids separated by a comma") }
        return (try node(ids[0], in: store, option: option), try node(ids[1], in: store, option: option))
    }

    /// A window: `90d`, `12w`, `1y` or a plain number of days.
    static func window(_ text: String) throws -> Int {
        do {
            return try Period.windowDays(parsing: text)
        } catch {
            throw ValidationError("--window: \(error.message) (\(error.hint))")
        }
    }

    /// Checks that `id` names a node, suggesting near ids when it does not.
    static func node(_ id: String, in store: any EventStore, option: String) throws -> NodeID {
        if let resolved = store.resolve(id) { return resolved }
        let near = store.nodes.map(\.id).filter { $0.contains(id) || id.contains($0) }.prefix(5)
        let hint = near.isEmpty ? "run `diplograph validate --list` to see node ids" : "did you mean \(near.joined(separator: ", "))?"
        throw ValidationError("\(option): no node '\(id)' in the dataset; \(hint)")
    }
}

/// The code tables coded files are read with: what quadruples and GDELT need beyond
/// the file.
struct CodeTableOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Quadruples: the day a date of 0 stands for, when dates are numbers of days (ICEWS14: 2014-01-01).",
                               valueName: "date"))
    var epoch: String?

    @Option(help: ArgumentHelp("Quadruples: a CAMEO code file whose event names the relations are matched to (ICEWS's CAMEO_codefile.txt or GDELT's CAMEO.eventcodes.txt; default: CAMEO's 20 root names).",
                               valueName: "path"))
    var cameoNames: String?

    @Option(help: ArgumentHelp("GDELT: a table of CAMEO country codes and names (CAMEO.country.txt), so that countries GDELT gives only by code are named.",
                               valueName: "path"))
    var countryNames: String?

    /// `options` with the epoch and the names files.
    func apply(to options: inout LoadOptions) throws {
        options.epoch = try epoch.map { try Arguments.date($0, option: "--epoch") }
        options.cameoNames = cameoNames
        options.countryNames = countryNames
    }
}
