import ArgumentParser
import DiplographFormats
import DiplographCore
import DiplographDOT
import DiplographGraphviz

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed in the graph between two dates.",
        discussion: """
            Compares the snapshots at FROM and TO (see `render --help` for what a \
            snapshot holds): issue statuses, offices taken and left, nodes and \
            relations added, removed or changed (count, mean tone), and the events \
            after FROM up to and including TO. With -o, also draws the diff: added \
            green, removed red and dashed, changed amber.

            Examples:
              diplograph diff 2023-01-01 2024-01-01
              diplograph diff 2023-01-01 2025-12-31 --format json
              diplograph diff 2023-01-01 2024-01-01 -o Output/diff-2023.svg
              diplograph diff 2023-05 2023-07 --window 90d
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: ArgumentHelp("The earlier date.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The later date.", valueName: "to"))
    var to: String

    @Option(help: ArgumentHelp("Look-back window for both snapshots (default: cumulative).", valueName: "window"))
    var window: String?

    @Option(help: "The report on standard output.")
    var format: DiffReport.Format = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Also draw the diff to this file (.svg, .png, .pdf, .dot).", valueName: "path"))
    var output: String?

    @Option(help: "Graphviz layout engine for -o (default: auto, by the graph's size).")
    var engine: EngineName = .auto

    @OptionGroup var limits: LimitOptions

    func run() throws {
        let first = try Arguments.date(from, option: "from").lastDay
        let second = try Arguments.date(to, option: "to").lastDay
        guard first <= second else { throw ValidationError("'\(to)' is before '\(from)'; give the earlier date first") }
        let windowDays = try window.map(Arguments.window)
        let diagram = DiagramOutput(output: output, format: nil, engine: engine)
        if output != nil {
            _ = try diagram.outputFormat()
        }
        let store = try dataOptions.loadStore()
        let diff = store.diff(from: first, to: second, windowDays: windowDays)
        print(DiffReport(store: store, diff: diff).render(format), terminator: "")
        if output != nil {
            let (before, after) = (diff.before, diff.after)
            try limits.check(nodes: Set(before.nodeIDs + after.nodeIDs).count,
                             events: max(before.events.count, after.events.count))
            var builder = DiagramBuilder(store: store)
            builder.untitledName = dataOptions.untitledName
            try diagram.write { engine in
                builder.forceDirected = engine != .dot
                return builder.diffDOT(diff)
            }
        }
    }
}
