import ArgumentParser
import DiplographFormats
import Foundation
import DiplographCore

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List events in chronological order, filtered by actor, issue, kind and date.",
        discussion: """
            Filters combine with AND. --from and --to are inclusive and precision-aware: \
            --from 2023-06 starts on 2023-06-01, --to 2023 ends on 2023-12-31, and an \
            event dated only to a month matches if its month overlaps the range.

            Examples:
              diplograph timeline --actor ararat-mirzoyan --from 2023-01 --to 2023-12
              diplograph timeline --pair ararat-mirzoyan,antony-blinken
              diplograph timeline --actor armenia --actor azerbaijan --match all
              diplograph timeline --issue lachin-corridor-blockade --format markdown
              diplograph timeline --kind statement --format json
              diplograph timeline --during lachin-corridor-blockade:active --kind meeting
              diplograph timeline --during 2022-12-12..2023-09 --relation overlaps
              diplograph timeline --actor USA --format json --offset 100 --limit 50
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .customLong("actor"), help: ArgumentHelp("A node taking part (repeatable).", valueName: "id"))
    var actors: [String] = []

    @Option(help: "With several --actor: any of them or all of them must take part.")
    var match: TimelineQuery.ActorMatch = .any

    @Option(help: ArgumentHelp("Two nodes that both take part, comma-separated.", valueName: "id,id"))
    var pair: String?

    @Option(name: .customLong("issue"), help: ArgumentHelp("An issue the event concerns (repeatable).", valueName: "id"))
    var issues: [String] = []

    @Option(name: .customLong("kind"), help: ArgumentHelp("An event kind (repeatable).", valueName: "kind"))
    var kinds: [EventKind] = []

    @Option(help: ArgumentHelp("First date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last date, inclusive.", valueName: "date"))
    var to: String?

    @Option(help: "The output format.")
    var format: TimelineReport.Format = .table

    @Option(help: ArgumentHelp("Write at most this many events (a page of a long timeline).", valueName: "count"))
    var limit: Int?

    @Option(help: ArgumentHelp("Skip this many events first (with --limit: the page that starts there).", valueName: "count"))
    var offset = 0

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
    }

    func run() throws {
        let (first, last) = try Arguments.range(from: from, to: to)
        let store = try dataOptions.loadStore()
        var query = TimelineQuery(actorMatch: match, kinds: Set(kinds))
        query.actors = try actors.map { try Arguments.node($0, in: store, option: "--actor") }
        query.issues = try issues.map { try Arguments.node($0, in: store, option: "--issue") }
        if let pair {
            let (one, other) = try Arguments.pair(pair, in: store)
            query.pair = .init(one, other)
        }
        if first != nil || last != nil {
            query.range = DayInterval(first: first?.firstDay ?? Day(ordinal: Int32.min), last: last?.lastDay)
        }
        let events = store.timeline(query)
        let page = events.page(offset: offset, limit: limit)
        if page.count < events.count {
            // On standard error, so that the page itself stays data.
            let shown = page.isEmpty ? "none" : "\(offset + 1)–\(offset + page.count)"
            FileHandleOutput.note("events \(shown) of \(events.count) (--offset \(offset)\(limit.map { " --limit \($0)" } ?? ""))")
        }
        // Written as read, in constant memory; a reader that stops early (`| head`)
        // ends the command quietly.
        _ = TimelineReport(store: store, events: page).write(format, width: Terminal.width, toDescriptor: STDOUT_FILENO)
    }
}

enum Terminal {
    /// The terminal's width when standard output is one, else nil (no cutting).
    static var width: Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
    }
}

extension TimelineQuery.ActorMatch: ExpressibleByArgument {}
extension EventKind: ExpressibleByArgument {}
extension TimelineReport.Format: ExpressibleByArgument {}
extension DiffReport.Format: ExpressibleByArgument {}
