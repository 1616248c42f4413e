import ArgumentParser
import DiplographCore

/// Which part of the graph `render` and `export` show; both apply it the same way.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Snapshot date (default: the last day in the data). A month or year means its last day.", valueName: "date"))
    var at: String?

    @Option(help: ArgumentHelp("Look-back window before --at, e.g. 90d, 12w, 1y (default: every earlier event).", valueName: "window"))
    var window: String?

    @Option(help: ArgumentHelp("Only events from this date on (inclusive); with --to, instead of --at/--window.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only events up to this date (inclusive).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Only the network around this node.", valueName: "id"))
    var focus: String?

    @Option(help: "With --focus: how many relation hops to include.")
    var depth: Int = 1

    @Option(help: ArgumentHelp("Keep only the N strongest relations (most events, then strongest tone).", valueName: "N"))
    var top: Int?

    @Option(help: ArgumentHelp("Keep only relations with at least N events.", valueName: "N"))
    var minEvents: Int?

    func validate() throws {
        guard depth >= 0 else { throw ValidationError("--depth must be 0 or more") }
        if let top, top < 0 { throw ValidationError("--top must be 0 or more") }
        if let minEvents, minEvents < 1 { throw ValidationError("--min-events must be 1 or more") }
        if at != nil, from != nil || to != nil {
            throw ValidationError("give either --at (with --window) or --from/--to, not both")
        }

    }

    /// The selection these options describe, with node ids checked against `store`.
    func selection(in store: any EventStore) throws -> Selection {
        var selection: Selection
        if window != nil, from != nil || to != nil {
            throw ValidationError("--window goes with --at (or --every); --from and --to already bound the events")
        }
        if from != nil || to != nil {
            let (first, last) = try Arguments.range(from: from, to: to)
            selection = .range(from: first, to: last)
        } else {
            selection = Selection(day: try at.map { try Arguments.date($0, option: "--at").lastDay },
                                  windowDays: try window.map(Arguments.window))
        }
        selection.focus = try focus.map { try Arguments.node($0, in: store, option: "--focus") }
        selection.depth = depth
        selection.top = top
        selection.minEvents = minEvents
        return selection
    }
}
