// Import a GDELT events file, take a snapshot and a diff, and write the snapshot as
// DOT. This program links no Graphviz: DiplographDOT is pure Swift.
// Run: swift run example-gdelt-diff FILE.export.CSV [OUTPUT.dot]
import DiplographCore
import DiplographDOT
import DiplographFormats
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let file = arguments.first else {
    print("usage: example-gdelt-diff FILE.export.CSV [OUTPUT.dot]")
    exit(2)
}
let loaded: DatasetReader.Loaded
do {
    loaded = try DatasetReader.load(path: file, options: LoadOptions(format: .gdelt))
} catch {
    print(error)
    exit(1)
}
if let report = loaded.report { print(report) }
let store = loaded.makeStore()

// The busiest relations over the last week of the data.
let last = store.lastDay
let snapshot = store.snapshot(Selection(day: last, windowDays: 7, top: 5))
print("\nThe strongest relations in the week to \(last):")
for relation in snapshot.relations {
    let tone = relation.meanTone.map { String(format: "%+.1f", $0) } ?? "no tone"
    print("  \(relation.key.id): \(relation.count) events, mean tone \(tone)")
}

// What the last day added to everything before it.
let diff = store.diff(from: last.adding(days: -1), to: last)
print("\nOn \(last): \(diff.eventsBetween.count) events, \(diff.relationsAdded.count) new relations, "
      + "\(diff.relationsChanged.count) relations changed, \(diff.nodesAdded.count) new actors")

if arguments.count > 1 {
    let dot = DiagramBuilder(store: store).snapshotDOT(snapshot)
    guard FileManager.default.createFile(atPath: arguments[1], contents: Data(dot.utf8)) else {
        print("cannot write \(arguments[1])")
        exit(1)
    }
    print("wrote \(arguments[1]) (DOT, \(dot.utf8.count) bytes)")
}
