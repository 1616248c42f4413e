import ArgumentParser
import Graph
import GraphvizBackend

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the relationship graph at a date (SVG, PNG, PDF or DOT).",
        discussion: """
            The snapshot holds the offices held on that day, each issue's status, and \
            the relations of the events up to that day: all of them, or with --window \
            only those reaching into the closed window [date − window, date]. A date \
            given to the month or year means its last day (--at 2023-06 is 2023-06-30).

            People are drawn inside the state or organization they serve on that day; \
            meetings are solid lines, statements dashed or dotted arrows by stance, \
            colour follows mean tone. Rendering runs in-process through libgvc.

            Examples:
              diplograph render --at 2023-06-27 -o Output/caucasus-2023-06-27.svg
              diplograph render --at 2023-06-27 --window 90d -o snapshot.png
              diplograph render --at 2023-06-27 --focus ararat-mirzoyan --depth 1 -o ego.svg
              diplograph render --at 2025-08 --engine neato --format dot > graph.dot
            """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var diagram: DiagramOptions

    @Option(help: ArgumentHelp("The snapshot date.", valueName: "date"))
    var at: String

    @Option(help: ArgumentHelp("Look-back window, e.g. 90d, 12w, 1y (default: every earlier event).", valueName: "window"))
    var window: String?

    @Option(help: ArgumentHelp("Draw only the network around this node.", valueName: "id"))
    var focus: String?

    @Option(help: "With --focus: how many relation hops to include.")
    var depth: Int = 1

    func validate() throws {
        guard depth >= 0 else { throw ValidationError("--depth must be 0 or more") }
    }

    func run() throws {
        let day = try Arguments.date(at, option: "--at").lastDay
        let windowDays = try window.map(Arguments.window)
        let destination = diagram.destination
        _ = try destination.outputFormat()
        _ = try destination.layoutEngine()
        let store = try dataOptions.loadStore()
        var snapshot = store.snapshot(at: day, windowDays: windowDays)
        if let focus {
            snapshot = snapshot.focused(on: try Arguments.node(focus, in: store, option: "--focus"), depth: depth)
        }
        let dot = DiagramBuilder(store: store).snapshotDOT(snapshot, title: diagram.title)
        try destination.write(dot: dot)
    }
}
