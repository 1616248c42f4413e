import ArgumentParser
import Graph
import GraphvizBackend

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the relationship graph at a date, or a timeline.",
        discussion: """
            `render` (or `render graph`) draws the relationship graph; `render timeline` \
            draws lanes of events on a time axis. See each one's --help.
            """,
        subcommands: [RenderGraphCommand.self, RenderTimelineCommand.self],
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
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var selectionOptions: SelectionOptions
    @OptionGroup var diagram: DiagramOptions

    func run() throws {
        let destination = diagram.destination
        _ = try destination.outputFormat()
        _ = try destination.layoutEngine()
        let store = try dataOptions.loadStore()
        let snapshot = store.snapshot(try selectionOptions.selection(in: store))
        let dot = DiagramBuilder(store: store, includeIsolated: diagram.includeIsolated).snapshotDOT(snapshot, title: diagram.title)
        try destination.write(dot: dot)
    }
}
