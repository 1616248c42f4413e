import ArgumentParser
import Foundation
import DiplographFormats
import DiplographCore
import DiplographDOT
import DiplographGraphviz

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the relationship graph at a date, a timeline, or a trend.",
        discussion: """
            `render` (or `render graph`) draws the relationship graph; `render timeline` \
            draws lanes of events on a time axis; `render trend` a dyad's or an actor's \
            series. See each one's --help.
            """,
        subcommands: [RenderGraphCommand.self, RenderTimelineCommand.self, RenderTrendCommand.self],
        defaultSubcommand: RenderGraphCommand.self
    )
}

struct RenderGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the relationship graph at a date (SVG, PNG, PDF or DOT).",
        discussion: """
            The snapshot holds the offices held on that day, each issue's status, and \
            the relations of the events up to that day: all of them, or with --window \
            only those reaching into the closed window [date − window, date]; \
            --from/--to instead count the events that overlap that closed range. A date \
            given to the month or year means its last day (--at 2023-06 is 2023-06-30).

            People are drawn inside the state or organization they serve on that day; \
            meetings are solid lines, statements dashed or dotted arrows by stance, \
            colour follows mean tone. Rendering runs in-process through libgvc.

            Examples:
              diplograph render --at 2023-06-27 -o Output/caucasus-2023-06-27.svg
              diplograph render --at 2023-06-27 --window 90d -o snapshot.png
              diplograph render --at 2023-06-27 --focus ararat-mirzoyan --depth 1 -o ego.svg
              diplograph render --from 2023-01 --to 2023-12 --top 20 -o Output/2023.svg
              diplograph render --at 2025-08 --engine neato --format dot > graph.dot
              diplograph render --every 1mo --from 2022-10 --to 2023-12 --window 90d -o Output/series/
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var selectionOptions: SelectionOptions
    @OptionGroup var diagram: DiagramOptions

    @Option(help: ArgumentHelp("Draw a series: one frame per step from --from to --to (1mo, 3mo, 1y, 2w, 7d), "
                               + "nodes pinned where the union of all frames puts them; -o names a folder.",
                               valueName: "step"))
    var every: String?

    func run() throws {
        if let every { return try runSeries(every) }
        let destination = diagram.destination
        _ = try destination.outputFormat()
        let store = try dataOptions.loadStore()
        let snapshot = store.snapshot(try selectionOptions.selection(in: store))
        try diagram.limits.check(nodes: snapshot.nodeIDs.count, events: snapshot.events.count)
        var builder = DiagramBuilder(store: store, includeIsolated: diagram.includeIsolated)
        builder.untitledName = dataOptions.untitledName
        try destination.write { engine in
            builder.forceDirected = engine != .dot
            return builder.snapshotDOT(snapshot, title: diagram.title)
        }
    }
}

extension RenderGraphCommand {
    /// The frame days: the last day of each step from `--from` to `--to`.
    func frameDays(_ step: String) throws -> [Day] {
        guard let fromText = selectionOptions.from, let toText = selectionOptions.to else {
            throw ValidationError("--every needs --from and --to")
        }
        let first = try Arguments.date(fromText, option: "--from")
        let last = try Arguments.date(toText, option: "--to").lastDay
        do {
            return try Period(parsing: step).frames(from: first, through: last)
        } catch {
            throw ValidationError("--every: \(error.message) (\(error.hint))")
        }
    }

    func runSeries(_ step: String) throws {
        guard let folder = diagram.output else { throw ValidationError("--every: give -o FOLDER for the frames") }
        let format = diagram.format ?? .svg
        guard format != .dot else { throw ValidationError("--format: frames are svg, png or pdf") }
        let days = try frameDays(step)
        let store = try dataOptions.loadStore()
        var options = selectionOptions
        options.from = nil
        options.to = nil
        var base = try options.selection(in: store)
        base.windowDays = try selectionOptions.window.map(Arguments.window)
        let snapshots = days.map { day -> Snapshot in
            var selection = base
            selection.day = day
            return store.snapshot(selection)
        }
        try diagram.limits.check(nodes: Snapshot.union(snapshots)?.nodeIDs.count ?? 0, events: snapshots.map(\.events.count).max() ?? 0)
        let destination = diagram.destination
        do {
            let layout = try SeriesLayout.layout(store: store, snapshots: snapshots, engine: destination.layoutEngine(),
                                                 includeIsolated: diagram.includeIsolated)
            for (day, snapshot) in zip(days, snapshots) {
                let bytes = try SeriesLayout.frame(store: store, snapshot: snapshot, layout: layout, format: format,
                                                   includeIsolated: diagram.includeIsolated)
                let path = (folder as NSString).appendingPathComponent("frame-\(day).\(format.rawValue)")
                do {
                    try AtomicFile.write(bytes, to: path)
                } catch {
                    throw InputError(error)
                }
            }
        } catch let error as GraphvizError {
            throw InputError(error)
        }
        FileHandleOutput.note("wrote \(days.count) frames to \(folder) (\(days.first!) … \(days.last!)), positions pinned")
    }
}
