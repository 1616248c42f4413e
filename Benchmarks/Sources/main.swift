import Foundation
import DiplographFormats
import DiplographCore
import DiplographDOT
import DiplographGraphviz
import TestSupport

// Diplograph's side of `make bench`:
//   diplograph-bench generate --rows N [--seed S] [--years Y] [--shape classic|real|url-per-row
//                             --like REAL.export.CSV [--cameo CAMEO.eventcodes.txt]] --output FILE
//   diplograph-bench measure --file FILE [--skip-jsonl] [--load-only]   (--load-only: stop after the load, for a profiler)
//   diplograph-bench measure-jsonl --file FILE.native.jsonl   (the JSON-lines read alone)
//   diplograph-bench measure-output --file FILE [--actor ID]   (one timeline written in each format)
//   diplograph-bench profile-diff --file FILE [--days N] [--count C]   (one diff, repeated)
//   diplograph-bench measure-analyses --file FILE   (trend, dyads, --known-at)
//   diplograph-bench render-loop [--count N] [--data PATH]   (for `make valgrind`)
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

/// Graph (a): 200 nodes, edges i → (7i+13) mod 200 and i → (7i+26) mod 200.
func hardGraphDOT() -> String {
    var lines = ["digraph hard {"]
    for index in 0..<200 {
        lines.append("n\(index) -> n\((7 * index + 13) % 200);")
        lines.append("n\(index) -> n\((7 * index + 26) % 200);")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
}

// As the `diplograph` program does (so the figures are the program's).
ProcessMemory.reuseFreedMemory()
let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "generate":
    let rows = Int(argument("--rows", arguments) ?? "1000000")!
    let seed = UInt64(argument("--seed", arguments) ?? "42")!
    let years = Int(argument("--years", arguments) ?? "10")!
    let firstID = Int(argument("--first-id", arguments) ?? "1000000000")!
    // --news-day D: a day of 15-minute files (days since 1970), see `GDELTGenerator.write`.
    let newsDay = argument("--news-day", arguments).flatMap { Int($0) }
    let output = argument("--output", arguments)!
    var generator = GDELTGenerator(seed: seed)
    let start = now()
    // --shape real|url-per-row --like REAL.export.CSV [--cameo CAMEO.eventcodes.txt]:
    // shaped as the real file is (see `GDELTGenerator.writeReal`).
    if let shape = argument("--shape", arguments), shape != "classic" {
        guard let like = argument("--like", arguments), shape == "real" || shape == "url-per-row" else {
            FileHandle.standardError.write(Data("--shape real|url-per-row needs --like FILE (a real GDELT 2.0 export)\n".utf8))
            exit(2)
        }
        try generator.writeReal(rows: rows, years: years, shape: try RealShape(like: like, cameo: argument("--cameo", arguments)),
                                urlPerRow: shape == "url-per-row", to: output)
    } else {
        try generator.write(rows: rows, years: years, firstID: firstID, newsDay: newsDay, to: output)
    }
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
    // And Foundation's JSONDecoder over the native JSON lines of the same events,
    // decoding each line into plain Codable values (the first 30 MB, scaled up: the
    // whole file takes tens of seconds this way).
    let lines = file + ".native.jsonl"
    if let data = FileManager.default.contents(atPath: lines) {
        struct NaiveSource: Decodable { let publisher: String?; let url: String?; let date: String? }
        struct NaiveLine: Decodable {
            let type: String?, id: String?, kind: String?, date: String?, title: String?, name: String?
            let participants: [String]?, actors: [String]?, targets: [String]?, addressees: [String]?
            let tone: Double?, attributes: [String: String]?, sources: [NaiveSource]?
        }
        let sample = data.prefix(30_000_000)
        let decoder = JSONDecoder()
        var decoded = 0
        let decodeStart = now()
        for line in sample.split(separator: 10) where (try? decoder.decode(NaiveLine.self, from: line)) != nil { decoded += 1 }
        let seconds = now() - decodeStart
        report("jsonl-naive", ["seconds": seconds * Double(data.count) / Double(sample.count), "sample_seconds": seconds,
                               "lines": decoded])
    }

case "render-loop":
    // `make valgrind`: many renders in one process (snapshots of the bundled data on
    // different days, three engines, SVG and PNG), so that a leak per render shows
    // as a multiple of the count.
    let count = Int(argument("--count", arguments) ?? "200")!
    let store = InMemoryStore(try NativeDatasetLoader.load(path: argument("--data", arguments) ?? "Data"))
    let engines: [LayoutEngine] = [.dot, .sfdp, .neato]
    var bytes = 0
    for index in 0..<count {
        let day = Day(year: 2020, month: 1, day: 1).adding(days: 7 * index)
        var builder = DiagramBuilder(store: store)
        builder.forceDirected = engines[index % 3] != .dot
        let dot = builder.snapshotDOT(store.snapshot(at: day, windowDays: 365))
        bytes += try GraphvizRenderer.render(dot: dot, engine: engines[index % 3], format: index % 2 == 0 ? .svg : .png).count
    }
    FileHandle.standardError.write(Data("rendered \(count) diagrams, \(bytes) bytes\n".utf8))

case "layout-a-dot":
    // Graph (a) of the layout benchmark as DOT, for the `dot` program baseline.
    print(hardGraphDOT(), terminator: "")

case "measure-layouts":
    let file = argument("--file", arguments)!
    // (a) the hard case, in-process with --engine auto.
    let hard = hardGraphDOT()
    let counts = try GraphvizRenderer.counts(dot: hard)
    let choice = LayoutEngine.automatic(nodes: counts.nodes, edges: counts.edges)
    var start = now()
    let hardSVG = try GraphvizRenderer.render(dot: hard, engine: choice.engine, format: .svg)
    report("layout-a", ["seconds": now() - start, "engine": choice.engine.rawValue, "bytes": hardSVG.count])

    // (b) the top-200 aggregated snapshot of the GDELT-shaped events, loaded events to SVG.
    let store = try DatasetReader.load(path: file, options: LoadOptions(format: .gdelt)).makeStore()
    start = now()
    let top = store.snapshot(Selection(day: store.lastDay, windowDays: 365, top: 200))
    let queried = now() - start
    let dot = DiagramBuilder(store: store).snapshotDOT(top)
    let built = now() - start - queried
    let topCounts = try GraphvizRenderer.counts(dot: dot)
    let topEngine = LayoutEngine.automatic(nodes: topCounts.nodes, edges: topCounts.edges).engine
    let graphvizStart = now()
    _ = try GraphvizRenderer.render(dot: dot, engine: topEngine, format: .svg)
    let graphvizSeconds = now() - graphvizStart
    report("layout-b", ["seconds": now() - start, "engine": topEngine.rawValue, "graphviz_seconds": graphvizSeconds,
                        "overhead_ms": built * 1e3, "query_ms": queried * 1e3, "nodes": topCounts.nodes, "edges": topCounts.edges])

    // 2,000 nodes and 10,000 relations (synthetic, deterministic).
    var random = SeededGenerator(seed: 7)
    var lines = ["digraph big {", "node [shape=ellipse, fontsize=9];"]
    for index in 0..<10_000 {
        let from = Int(random.next() % 2000)
        var to = Int(pow(random.unit(), 2) * 2000)
        if to == from { to = (to + 1) % 2000 }
        lines.append("n\(from) -> n\(to) [id=\"e\(index)\"];")
    }
    lines.append("}")
    let bigDOT = lines.joined(separator: "\n")
    let bigCounts = try GraphvizRenderer.counts(dot: bigDOT)
    let bigEngine = LayoutEngine.automatic(nodes: bigCounts.nodes, edges: bigCounts.edges).engine
    start = now()
    _ = try GraphvizRenderer.render(dot: bigDOT, engine: bigEngine, format: .svg)
    report("layout-2000", ["seconds": now() - start, "engine": bigEngine.rawValue, "nodes": bigCounts.nodes])

    // A series of 24 monthly frames with pinned positions, top 200 relations each.
    start = now()
    var frames: [Snapshot] = []
    var day = store.lastDay
    for _ in 0..<24 {
        frames.insert(store.snapshot(Selection(day: day, windowDays: 90, top: 200)), at: 0)
        day = day.adding(days: -30)
    }
    let pinned = try SeriesLayout.layout(store: store, snapshots: frames, engine: nil)
    for frame in frames { _ = try SeriesLayout.frame(store: store, snapshot: frame, layout: pinned, format: .svg) }
    report("layout-series", ["seconds": now() - start, "frames": frames.count, "nodes": pinned.positions.count])

case "measure-jsonl":
    // The native JSON-lines read alone (written by `measure`), for profiling.
    let lines = argument("--file", arguments)!
    let start = now()
    let native = try NativeJSONLinesLoader.load(path: lines)
    let read = now() - start
    let nativeStore = native.makeStore()
    report("jsonl-load", ["seconds": now() - start, "read_seconds": read, "events": nativeStore.events.count,
                          "peak_mb": peakMemoryMB()])

case "profile-diff":
    // One diff, many times, for a profiler (`--days` apart, ending at the last day).
    let store = try DatasetReader.load(path: argument("--file", arguments)!, options: LoadOptions(format: .gdelt)).makeStore()
    let days = Int(argument("--days", arguments) ?? "30")!
    let count = Int(argument("--count", arguments) ?? "1000")!
    let last = store.lastDay
    var times: [Double] = []
    for _ in 0..<count {
        let start = now()
        let diff = store.diff(from: last.adding(days: -days), to: last)
        _ = diff.relationsAdded.count + diff.relationsChanged.count
        times.append(now() - start)
    }
    report("profile-diff", ["milliseconds": median(times) * 1e3, "days": days])

case "measure-output":
    // One actor's whole timeline written to /dev/null in each format, five times each,
    // in one process after one load: the writing alone, as `timeline` does it.
    let file = argument("--file", arguments)!
    let actor = argument("--actor", arguments) ?? "usa"
    let store = try DatasetReader.load(path: file, options: LoadOptions(format: .gdelt)).makeStore()
    let events = store.timeline(TimelineQuery(actors: [actor]))
    let sink = open("/dev/null", O_WRONLY)
    // The floor: making each event from the store's columns, writing nothing.
    var making: [Double] = []
    var made = 0
    for _ in 0..<5 {
        let start = now()
        for event in events { made &+= event.sources.count }
        making.append(now() - start)
    }
    report("output-events-made", ["seconds": median(making), "events": events.count, "sources": made / 5])
    for format in TimelineReport.Format.allCases where format != .markdown {
        let timeline = TimelineReport(store: store, events: events)
        let bytes = timeline.render(format).utf8.count
        var times: [Double] = []
        for _ in 0..<5 {
            let start = now()
            _ = timeline.write(format, toDescriptor: sink)
            times.append(now() - start)
        }
        let seconds = median(times)
        report("output-\(format.rawValue)", ["seconds": seconds, "bytes": bytes, "events": events.count,
                                             "megabytes_per_second": Double(bytes) / 1e6 / seconds])
    }
    close(sink)

case "measure":
    let file = argument("--file", arguments)!
    let size = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1e6

    var start = now()
    let loaded = try DatasetReader.load(path: file, options: LoadOptions(format: .gdelt))
    let parsed = now() - start
    let importReport = loaded.report!
    let store = loaded.makeStore()
    let loadSeconds = now() - start
    report("load", ["seconds": loadSeconds, "parse_seconds": parsed, "index_seconds": loadSeconds - parsed,
                    "rows": importReport.rowsRead, "events": store.events.count, "nodes": store.nodes.count,
                    "megabytes": size, "peak_mb": peakMemoryMB()])
    if arguments.contains("--load-only") { exit(0) }

    // One actor's timeline over one year: the busiest actor and a typical one.
    let last = store.lastDay
    let year = DayInterval(first: last.adding(days: -365), last: last)
    let ranked = store.nodes.map(\.id).sorted { store.eventCount(of: $0) > store.eventCount(of: $1) }
    for (label, actor) in [("busiest", ranked[0]), ("typical", ranked[ranked.count / 4])] {
        var times: [Double] = []
        var count = 0
        for _ in 0..<200 {
            start = now()
            count = store.timeline(TimelineQuery(actors: [actor], range: year)).count
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
        // The same diff with every change read (a diff makes its relations when they
        // are read): what a report or a diagram of it costs in the engine.
        times = []
        var tones = 0.0
        for _ in 0..<5 {
            start = now()
            let diff = store.diff(from: last.adding(days: -days), to: last)
            for relation in diff.relationsAdded { tones += relation.meanTone ?? 0 }
            for change in diff.relationsChanged { tones += (change.after.meanTone ?? 0) - (change.before.meanTone ?? 0) }
            times.append(now() - start)
        }
        report(label + "-read", ["milliseconds": median(times) * 1e3, "tones": tones])
    }

    start = now()
    relations = store.relationGraph().count
    report("relation-graph", ["seconds": now() - start, "relations": relations])

    // Native JSON lines of the same events (written once, then read back, timed).
    if arguments.contains("--skip-jsonl") { break }
    let lines = file + ".native.jsonl"
    if !FileManager.default.fileExists(atPath: lines) {
        try AtomicFile.write(NativeDatasetWriter.jsonLines(NativeDatasetWriter.dataset(of: store)), to: lines)
    }
    start = now()
    let native = try NativeJSONLinesLoader.load(path: lines)
    let nativeStore = native.makeStore()
    report("jsonl-load", ["seconds": now() - start, "events": nativeStore.events.count,
                          "megabytes": Double((try FileManager.default.attributesOfItem(atPath: lines)[.size] as? Int) ?? 0) / 1e6])
    report("peak", ["peak_mb": peakMemoryMB()])

case "measure-analyses":
    // The analyses of #17 on one loaded file: the busiest dyad's monthly trend over
    // the whole file (ten years of generated data), the last year's dyad ranking, with
    // and without the year before compared, and a timeline with and without --known-at.
    let file = argument("--file", arguments)!
    let store = try DatasetReader.load(path: file, options: LoadOptions(format: .gdelt)).makeStore()
    let last = store.lastDay
    let ranked = store.nodes.map(\.id).sorted { store.eventCount(of: $0) > store.eventCount(of: $1) }
    let (first, second) = (ranked[0], ranked[1])
    func timed<T>(_ runs: Int, _ body: () -> T) -> (Double, T) {
        var times: [Double] = []
        var result: T?
        for _ in 0..<runs {
            let start = now()
            result = body()
            times.append(now() - start)
        }
        return (median(times), result!)
    }
    let monthly = TrendQuery(subject: .pair(first, second), step: try TrendStep(parsing: "1mo"))
    let (trendSeconds, trend) = timed(Int(argument("--trend-runs", arguments) ?? "21")!) { store.trend(monthly) }
    report("trend-dyad-monthly", ["milliseconds": trendSeconds * 1e3, "pair": "\(first),\(second)", "periods": trend.periods.count,
                                  "events": trend.events])
    let year = DayInterval(first: last.adding(days: -364), last: last)
    let before = DayInterval(first: last.adding(days: -729), last: last.adding(days: -365))
    let (rankSeconds, ranking) = timed(5) { store.dyads(DyadQuery(from: year.first, to: year.last, top: 20)) }
    report("dyads-year", ["milliseconds": rankSeconds * 1e3, "top": ranking.first.map { "\($0.first),\($0.second)" } ?? "",
                          "events": ranking.first?.now.events ?? 0])
    let (compareSeconds, compared) = timed(5) {
        store.dyads(DyadQuery(from: year.first, to: year.last, compare: before, top: 20, ranking: .change))
    }
    report("dyads-year-compare", ["milliseconds": compareSeconds * 1e3, "top": compared.first.map { "\($0.first),\($0.second)" } ?? ""])
    // Every event read, as the timeline command reads them to print them; known at
    // the file's last day (every source of the generated file is recorded on it, so
    // every event is kept and every source checked).
    let query = TimelineQuery(actors: [ranked[ranked.count / 4]], range: year)
    let (plainSeconds, plain) = timed(21) { Array(store.timeline(query)).count }
    let known = FilteredStore.known(at: last, in: store)
    let (knownSeconds, knownCount) = timed(21) { Array(known.timeline(query)).count }
    report("timeline-known-at", ["microseconds": knownSeconds * 1e6, "plain_microseconds": plainSeconds * 1e6,
                                 "ratio": knownSeconds / plainSeconds, "events": plain, "known": knownCount])

default:
    FileHandle.standardError.write(Data("usage: diplograph-bench generate|measure …\n".utf8))
    exit(2)
}
