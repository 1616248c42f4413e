import ArgumentParser
import DiplographCore
import DiplographFormats

extension AnalysisFormat: ExpressibleByArgument {}
extension DyadQuery.Ranking: ExpressibleByArgument {}

/// What a trend follows, shared by `trend` and `render trend`.
struct TrendOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The dyad: two nodes, comma-separated.", valueName: "id,id"))
    var pair: String?

    @Option(help: ArgumentHelp("One node, instead of --pair.", valueName: "id"))
    var actor: String?

    @Option(help: ArgumentHelp("The length of each period: 1w (weeks from Monday), 1mo, 1q, 1y, 7d.", valueName: "step"))
    var every: String = "1mo"

    @Option(help: ArgumentHelp("First date, inclusive (default: the first event's).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last date, inclusive (default: the last event's).", valueName: "date"))
    var to: String?

    @Flag(help: "Only events in one direction: the pair's first acting on the second, or the actor acting.")
    var directed = false

    @Option(name: .customLong("kind"), help: ArgumentHelp("An event kind (repeatable).", valueName: "kind"))
    var kinds: [EventKind] = []

    @Flag(inversion: .prefixedNo, help: "Count the events of people holding an office in a node that day as the node's.")
    var officials = true

    func validate() throws {
        guard (pair == nil) != (actor == nil) else { throw ValidationError("give either --pair A,B or --actor A") }
    }

    func query(in store: any EventStore) throws -> TrendQuery {
        let subject: TrendQuery.Subject
        if let pair {
            let (first, second) = try Arguments.pair(pair, in: store)
            subject = .pair(first, second)
        } else {
            subject = .actor(try Arguments.node(actor ?? "", in: store, option: "--actor"))
        }
        let (first, last) = try Arguments.range(from: from, to: to)
        return TrendQuery(subject: subject, step: try Arguments.step(every, option: "--every"), from: first?.firstDay,
                          to: last?.lastDay, directed: directed, kinds: Set(kinds), officials: officials)
    }
}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "A dyad's or an actor's events period by period: kinds, cooperation and conflict, tone, sources.",
        discussion: """
            Each event counts in the period of its likeliest day (the middle of its span); \
            one whose date is approximate or reaches beyond that period is counted there \
            and also as uncertain. Cooperation and conflict follow GDELT's QuadClass: by \
            CAMEO root code for coded data (01–05 verbal cooperation, 06–09 material \
            cooperation, 10–14 verbal conflict, 15–20 material conflict), PLOVER's quad \
            code, and for native events their kind and stance. Tone is Goldstein's scale \
            for coded data. Every period from the first to the last is listed, empty ones too.

            Examples:
              diplograph trend --pair armenia,azerbaijan --every 1q
              diplograph trend --data 20191024143000.export.CSV --actor ARM --every 1y --format csv
              diplograph trend --pair USA,RUS --directed --from 2015 --to 2024 --format json
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var trendOptions: TrendOptions

    @Option(help: "The output format.")
    var format: AnalysisFormat = .table

    func run() throws {
        let store = try dataOptions.loadStore()
        print(TrendReport(store.trend(try trendOptions.query(in: store))).render(format), terminator: "")
    }
}

struct DyadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dyads",
        abstract: "Rank dyads by events, tone or change; with --compare, who warmed and who cooled.",
        discussion: """
            A dyad is two nodes that take part in an event together (as actors or \
            targets); an event of three parties counts for each of its three dyads. An \
            event counts in the days asked about when its likeliest day (the middle of \
            its span) lies in them. With --compare FROM..TO, each dyad also shows the \
            other days' events and tone and the change: summed tone up is "warmed", down \
            "cooled"; under each dyad the events that weigh most in that direction.

            Examples:
              diplograph dyads --from 2023 --to 2023 --top 10
              diplograph dyads --from 2023-07 --to 2023-12 --compare 2023-01..2023-06 --by change
              diplograph dyads --by tone --min-events 5 --format csv
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("First date, inclusive.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last date, inclusive.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Other days to compare with: FROM..TO (or FROM:TO), inclusive.", valueName: "dates"))
    var compare: String?

    @Option(help: ArgumentHelp("How many dyads to show; 0 for all.", valueName: "N"))
    var top: Int = 20

    @Option(help: "The order: count (most events), tone (lowest mean tone), change (largest change in summed tone; default with --compare).")
    var by: DyadQuery.Ranking?

    @Option(help: ArgumentHelp("Leave out dyads with fewer events (in either period when comparing).", valueName: "N"))
    var minEvents: Int = 1

    @Option(name: .customLong("kind"), help: ArgumentHelp("An event kind (repeatable).", valueName: "kind"))
    var kinds: [EventKind] = []

    @Option(help: "The output format.")
    var format: AnalysisFormat = .table

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
        guard minEvents >= 1 else { throw ValidationError("--min-events must be 1 or more") }
        if by == .change, compare == nil { throw ValidationError("--by change needs --compare FROM..TO") }
    }

    func run() throws {
        let store = try dataOptions.loadStore()
        let (first, last) = try Arguments.range(from: from, to: to)
        var other: DayInterval?
        if let compare {
            let text = compare.contains("..") ? compare : compare.replacingOccurrences(of: ":", with: "..")
            guard let (start, end) = try Arguments.dates(text, option: "--compare"), let start, let end else {
                throw ValidationError("--compare: give FROM..TO, e.g. 2023-01..2023-06")
            }
            other = DayInterval(first: start.firstDay, last: end.lastDay)
        }
        let query = DyadQuery(from: first?.firstDay, to: last?.lastDay, compare: other, top: top == 0 ? nil : top,
                              ranking: by ?? (other == nil ? .count : .change), minimumEvents: minEvents, kinds: Set(kinds))
        print(DyadsReport(store: store, dyads: store.dyads(query), comparing: other != nil).render(format), terminator: "")
    }
}

struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "When two nodes were in contact: first and last, how many, the longest and the current gap, per year.",
        discussion: """
            A contact is an event both take part in. A gap counts the days strictly \
            between one contact's last day and the next one's first; the current gap runs \
            from the last contact to --at (default: the last day in the data).

            Examples:
              diplograph contacts --pair ararat-mirzoyan,jeyhun-bayramov --kind meeting
              diplograph contacts --pair armenia,azerbaijan --at 2024-12-31 --format json
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("The two nodes, comma-separated.", valueName: "id,id"))
    var pair: String

    @Option(name: .customLong("kind"), help: ArgumentHelp("An event kind (repeatable), e.g. meeting.", valueName: "kind"))
    var kinds: [EventKind] = []

    @Option(help: ArgumentHelp("Measure the current gap to this date (its last day).", valueName: "date"))
    var at: String?

    @Flag(inversion: .prefixedNo, help: "Count the events of people holding an office in a node that day as the node's.")
    var officials = true

    @Option(help: "The output format.")
    var format: AnalysisFormat = .table

    func run() throws {
        let store = try dataOptions.loadStore()
        let pair = try Arguments.pair(pair, in: store)
        let asOf = try at.map { try Arguments.date($0, option: "--at").lastDay }
        let contacts = store.contacts(between: pair.0, and: pair.1, kinds: Set(kinds), asOf: asOf, officials: officials)
        print(ContactsReport(store: store, contacts: contacts, pair: pair).render(format), terminator: "")
    }
}

struct RevisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions",
        abstract: "What the record learned between two dates, grouped by the dates of the events it concerns.",
        discussion: """
            A source counts as learned on the day it was recorded (GDELT's DATEADDED, a \
            native source's date; its event's last day when it has none). Learned between \
            --from and --to means after the end of --from and by the end of --to. New \
            events had no source recorded before; revised ones gained sources.

            Examples:
              diplograph revisions --data 20191024143000.export.CSV --from 2019-10-23 --to 2019-10-24 --every 1y
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("The record as it stood at the end of this date…", valueName: "date"))
    var from: String

    @Option(help: ArgumentHelp("…against the end of this one.", valueName: "date"))
    var to: String

    @Option(help: ArgumentHelp("Group the events concerned by this step: 1w, 1mo, 1q, 1y.", valueName: "step"))
    var every: String = "1mo"

    @Option(help: "The output format.")
    var format: AnalysisFormat = .table

    func run() throws {
        let (first, last) = try Arguments.range(from: from, to: to)
        guard let first, let last, first.lastDay < last.lastDay else { throw ValidationError("--to must end after --from") }
        let step = try Arguments.step(every, option: "--every")
        let store = try dataOptions.loadStore()
        let periods = store.revisions(from: first.lastDay, to: last.lastDay, step: step)
        var records = Records(columns: ["period", "first_day", "last_day", "new_events", "revised_events", "new_sources", "new_event_ids"])
        for period in periods {
            records.append([.string(TrendReport.label(TrendPeriod(interval: period.interval), step: step)),
                            .string(period.interval.first.description), .text(period.interval.last?.description),
                            .number(Double(period.newEvents)), .number(Double(period.revisedEvents)),
                            .number(Double(period.newSources)), .array(period.newEventIDs.prefix(format == .table ? 5 : .max).map(JSONValue.string))])
        }
        let learned = periods.reduce(0) { $0 + $1.newEvents }
        print(records.render(format, footer: "\(learned) new event\(learned == 1 ? "" : "s") learned after \(first) and by \(last)"),
              terminator: "")
    }
}

struct RenderTrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Draw a trend: cooperation above and conflict below per period, mean tone, issue phases, the events (SVG).",
        discussion: """
            The same periods and counts as `diplograph trend`. Issue phases the events \
            concern (else every issue with a lifecycle) are bands above the plot; the \
            events are a rug under it, dashed where their date is uncertain, and the \
            uncertain share of each period's bar is hatched.

            Examples:
              diplograph render trend --pair armenia,azerbaijan --every 1q -o Output/trend-armenia-azerbaijan.svg
              diplograph render trend --data 20191024143000.export.CSV --actor USA --every 1y -o usa.svg
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var trendOptions: TrendOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Output .svg file (standard output when left out).", valueName: "path"))
    var output: String?

    @Option(help: "Diagram title.")
    var title: String?

    func validate() throws {
        if let output, !output.lowercased().hasSuffix(".svg") {
            throw ValidationError("-o: trend diagrams are SVG; name a .svg file")
        }
    }

    func run() throws {
        let store = try dataOptions.loadStore()
        let trend = store.trend(try trendOptions.query(in: store))
        let svg = TrendDiagram(store: store, trend: trend, title: title).svg()
        guard let output else { return print(svg, terminator: "") }
        do {
            try AtomicFile.write(svg, to: output)
        } catch {
            throw InputError(error)
        }
        FileHandleOutput.note("wrote \(output) (trend, \(trend.periods.count) periods, \(trend.events) events)")
    }
}
