import Foundation
import Formats
import Graph

// Diplograph's side of `make bench`:
//   diplograph-bench generate --rows N [--seed S] [--years Y] --output FILE
//   diplograph-bench measure --file FILE
// `measure` prints one JSON object per workload on standard output; the driver
// (Benchmarks/bench.py) runs the baselines on the same file and prints the table.

func argument(_ name: String, _ arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Peak resident memory of this process so far, in MB.
func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func report(_ workload: String, _ fields: [String: Any]) {
    var object = fields
    object["workload"] = workload
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "generate":
    let rows = Int(argument("--rows", arguments) ?? "1000000")!
    let seed = UInt64(argument("--seed", arguments) ?? "42")!
    let years = Int(argument("--years", arguments) ?? "10")!
    let output = argument("--output", arguments)!
    var generator = GDELTGenerator(seed: seed)
    let start = now()
    try generator.write(rows: rows, years: years, to: output)
    FileHandle.standardError.write(Data("generated \(rows) rows in \(String(format: "%.1f", now() - start)) s: \(output)\n".utf8))

case "measure-naive":
    // The obvious library route (String, split), for comparison with the hand-written
    // scanner: it only splits the fields, it builds nothing.
    let file = argument("--file", arguments)!
    let start = now()
    let text = try String(contentsOfFile: file, encoding: .utf8)
    var fields = 0
    for line in text.split(separator: "\n") { fields += line.split(separator: "\t", omittingEmptySubsequences: false).count }
    report("parse-naive", ["seconds": now() - start, "fields": fields, "peak_mb": peakMemoryMB()])

case "measure":
    let file = argument("--file", arguments)!
    let size = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1e6

    var start = now()
    let loaded = try DatasetReader.load(path: file, format: .gdelt)
    let parsed = now() - start
    let importReport = loaded.report!
    let store = loaded.makeStore()
    let loadSeconds = now() - start
    report("load", ["seconds": loadSeconds, "parse_seconds": parsed, "index_seconds": loadSeconds - parsed,
                    "rows": importReport.rowsRead, "events": store.events.count, "nodes": store.nodes.count,
                    "megabytes": size, "peak_mb": peakMemoryMB()])

    // One actor's timeline over one year: the busiest actor and a typical one.
    let last = store.lastDay
    let year = DayInterval(first: last.adding(days: -365), last: last)
    let ranked = store.nodes.map(\.id).sorted { store.eventCount(of: $0) > store.eventCount(of: $1) }
    for (label, actor) in [("busiest", ranked[0]), ("typical", ranked[ranked.count / 4])] {
        var times: [Double] = []
        var count = 0
        for _ in 0..<200 {
            start = now()
            count = store.timelineEvents(TimelineQuery(actors: [actor], range: year)).count
            times.append(now() - start)
        }
        report("timeline-\(label)", ["microseconds": median(times) * 1e6, "actor": actor, "events": count])
    }

    var times: [Double] = []
    var relations = 0
    for _ in 0..<10 {
        start = now()
        relations = store.snapshot(at: last, windowDays: 90).relations.count
        times.append(now() - start)
    }
    report("snapshot-90d", ["milliseconds": median(times) * 1e3, "relations": relations])

    for (label, days) in [("diff-5y", 5 * 365), ("diff-1m", 30)] {
        times = []
        var changes = 0
        for _ in 0..<5 {
            start = now()
            let diff = store.diff(from: last.adding(days: -days), to: last)
            changes = diff.relationsAdded.count + diff.relationsChanged.count
            times.append(now() - start)
        }
        report(label, ["milliseconds": median(times) * 1e3, "changes": changes])
    }

    start = now()
    relations = store.relationGraph().count
    report("relation-graph", ["seconds": now() - start, "relations": relations])

    // Native JSON lines of the same events (written once, then read back, timed).
    let lines = file + ".native.jsonl"
    if !FileManager.default.fileExists(atPath: lines) {
        try AtomicFile.write(NativeDatasetWriter.jsonLines(NativeDatasetWriter.dataset(of: store)), to: lines)
    }
    start = now()
    let native = try NativeJSONLinesLoader.load(path: lines)
    let nativeStore = GraphStore(nodes: native.nodes, offices: native.offices, table: native.table)
    report("jsonl-load", ["seconds": now() - start, "events": nativeStore.events.count,
                          "megabytes": Double((try FileManager.default.attributesOfItem(atPath: lines)[.size] as? Int) ?? 0) / 1e6])
    report("peak", ["peak_mb": peakMemoryMB()])

default:
    FileHandle.standardError.write(Data("usage: diplograph-bench generate|measure …\n".utf8))
    exit(2)
}
