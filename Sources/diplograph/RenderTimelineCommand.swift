import ArgumentParser
import DiplographFormats
import DiplographCore

struct RenderTimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw a timeline: one lane per actor or issue, events on a time axis (SVG).",
        discussion: """
            Each lane shows the node's events as marks coloured by kind (a day is a dot; \\
            a month, a year or a range is a bar over the days it covers; a red outline \\
            marks negative tone), with offices and issue phases as bars behind them. \\
            Month or year ticks are chosen from the span. Without --lane, the busiest \\
            nodes of the period get lanes.

            Examples:
              diplograph render timeline --from 2022-10 --to 2023-12 -o Output/timeline-2023.svg
              diplograph render timeline --lane ararat-mirzoyan --lane lachin-corridor-blockade
              diplograph render timeline --data events.export.CSV --lane ARM --lane AZE -o gdelt.svg
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .customLong("lane"), help: ArgumentHelp("A node to give a lane (repeatable, in order).", valueName: "id"))
    var lanes: [String] = []

    @Option(help: ArgumentHelp("How many of the busiest nodes get lanes when no --lane is given.", valueName: "N"))
    var busiest: Int = 12

    @Option(help: ArgumentHelp("First date drawn (default: the first event's).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last date drawn (default: the last day in the data).", valueName: "date"))
    var to: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output .svg file (standard output when left out).", valueName: "path"))
    var output: String?

    @Option(help: "Diagram title.")
    var title: String?

    func validate() throws {
        guard busiest > 0 else { throw ValidationError("--busiest must be 1 or more") }
        if let output, !output.lowercased().hasSuffix(".svg") {
            throw ValidationError("-o: timeline diagrams are SVG; name a .svg file")
        }
    }

    func run() throws {
        let (first, last) = try Arguments.range(from: from, to: to)
        let store = try dataOptions.loadStore()
        let start = first?.firstDay ?? store.eventExtent?.first ?? store.lastDay
        let end = last?.lastDay ?? store.lastDay
        guard start <= end else { throw ValidationError("--to is before --from") }
        var chosen = try lanes.map { try Arguments.node($0, in: store, option: "--lane") }
        if chosen.isEmpty {
            chosen = TimelineDiagram.busiestLanes(busiest, of: store, in: DayInterval(first: start, last: end))
        }
        let svg = TimelineDiagram(store: store, lanes: chosen, from: start, to: end, title: title).svg()
        if let output {
            do {
                try AtomicFile.write(svg, to: output)
            } catch {
                throw InputError(error)
            }
            FileHandleOutput.note("wrote \(output) (timeline, \(chosen.count) lanes)")
        } else {
            print(svg, terminator: "")
        }
    }
}
