// Render the relationship graph on a day as SVG, in-process through Graphviz.
// Run from the repository: swift run example-render-svg [OUTPUT.svg] [DATE]
import DiplographCore
import DiplographDOT
import DiplographFormats
import DiplographGraphviz
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let output = arguments.first ?? "snapshot.svg"
let day = try EventDate(parsing: arguments.count > 1 ? arguments[1] : "2023-06-27").lastDay

let store = try InMemoryStore(loading: "Data")
let snapshot = store.snapshot(at: day, windowDays: 90)

var builder = DiagramBuilder(store: store)
let rendering = try GraphvizRenderer.render(format: .svg, engine: nil, budgetSeconds: 10) { engine in
    builder.forceDirected = engine != .dot
    return builder.snapshotDOT(snapshot)
}
guard FileManager.default.createFile(atPath: output, contents: Data(rendering.bytes)) else {
    print("cannot write \(output)")
    exit(1)
}
print("wrote \(output): \(snapshot.nodeIDs.count) nodes, \(snapshot.relations.count) relations, "
      + "engine \(rendering.choice.engine.rawValue) (\(rendering.choice.reason))")
