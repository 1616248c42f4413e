import ArgumentParser

/// How large a drawing may get before Diplograph refuses it, so that a hostile or
/// unexpectedly large selection fails fast with advice instead of running a layout for
/// hours. The events are those selected for the drawing, the nodes those it would draw.
struct LimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse to draw more nodes than this (0: no limit).", valueName: "count"))
    var maxNodes = 5_000

    @Option(help: ArgumentHelp("Refuse to draw from more events than this (0: no limit).", valueName: "count"))
    var maxEvents = 0

    func check(nodes: Int, events: Int) throws {
        let advice = "narrow the selection with --top N, --min-events N, --focus ID --depth 1, --window or --from/--to"
        if maxNodes > 0, nodes > maxNodes {
            throw InputError(description: "the diagram would have \(nodes) nodes, over --max-nodes \(maxNodes); \(advice), "
                             + "or raise --max-nodes")
        }
        if maxEvents > 0, events > maxEvents {
            throw InputError(description: "the diagram would draw \(events) events, over --max-events \(maxEvents); \(advice), "
                             + "or raise --max-events")
        }
    }
}
