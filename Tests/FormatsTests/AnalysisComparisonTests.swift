import DiplographCore
import DiplographFormats
import Foundation
import Testing
import TestSupport

/// Trend and dyads on the real GDELT and ICEWS samples, against a plain Python
/// computation over the same file's rows (csv module only). Loaded without merging,
/// so that one row is one event on both sides.
@Suite("Analyses against Python on the real samples")
struct AnalysisComparisonTests {
    static let gdelt = TestPaths.shared.appendingPathComponent("data/gdelt/20191024143000.export.CSV").path
    static let icews = TestPaths.shared.appendingPathComponent("data/icews/events.2018-06-01.tab").path

    /// GDELT: per month of SQLDATE, rows with the actor's country on either side: count,
    /// Goldstein sum, QuadClass column counts, distinct SOURCEURL; dyads of two
    /// different country codes: count and Goldstein sum, in two spans of days.
    static let gdeltScript = """
        import csv, json, sys
        path, actor = sys.argv[1], sys.argv[2]
        def day(r): return r[1][:4] + '-' + r[1][4:6] + '-' + r[1][6:8]
        trend, now, before = {}, {}, {}
        with open(path, encoding='utf-8', newline='') as f:
            for r in csv.reader(f, delimiter='\\t', quoting=csv.QUOTE_NONE):
                a, b = r[7].lower(), r[17].lower()
                tone = float(r[30]) if r[30] else None
                if actor in (a, b):
                    t = trend.setdefault(day(r)[:7], {'events': 0, 'tone_sum': 0.0, 'toned': 0, 'quads': [0, 0, 0, 0], 'sources': set()})
                    t['events'] += 1
                    if tone is not None: t['tone_sum'] += tone; t['toned'] += 1
                    t['quads'][int(r[29]) - 1] += 1
                    t['sources'].add(r[60])
                if a and b and a != b:
                    table = now if day(r) >= '2019-10-01' else before
                    d = table.setdefault('|'.join(sorted((a, b))), {'events': 0, 'tone_sum': 0.0})
                    d['events'] += 1
                    d['tone_sum'] += tone or 0.0
        for t in trend.values(): t['sources'] = len(t['sources'])
        print(json.dumps({'trend': trend, 'now': now, 'before': before}))
        """

    @Test("GDELT: an actor's monthly trend and the dyads compared across two spans equal Python's",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func gdeltAgainstPython() throws {
        let store = InMemoryStore(try DatasetReader.load(path: Self.gdelt, options: LoadOptions(merge: .none)).dataset)
        let output = try ExternalTool.run(["python3", "-", Self.gdelt, "usa"], input: Self.gdeltScript)
        #expect(output.status == 0, "\(output.standardError)")
        let python = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: [String: [String: Any]]])

        let trend = store.trend(TrendQuery(subject: .actor("usa"), step: try TrendStep(parsing: "1mo")))
        let expected = try #require(python["trend"])
        let busy = trend.periods.filter { $0.events > 0 }
        #expect(busy.count == expected.count && busy.count >= 2, "months with events: \(busy.count) against \(expected.count)")
        for period in busy {
            let month = String(period.interval.first.description.prefix(7))
            let row = try #require(expected[month], "Python has no \(month)")
            #expect(period.events == row["events"] as? Int, "\(month) events")
            #expect(period.rows == period.events)
            #expect(abs(period.toneSum - (row["tone_sum"] as? Double ?? .nan)) < 1e-9, "\(month) tone sum")
            #expect(period.tonedEvents == row["toned"] as? Int)
            #expect(QuadClass.allCases.map { period.classes[$0] ?? 0 } == row["quads"] as? [Int], "\(month) QuadClass")
            #expect(period.sources == row["sources"] as? Int, "\(month) sources")
        }

        let compared = store.dyads(DyadQuery(from: Day(year: 2019, month: 10, day: 1), compare: DayInterval(first: Day(year: 1, month: 1, day: 1), last: Day(year: 2019, month: 9, day: 30))))
        let states = compared.filter { store.node($0.first)?.kind == .state && store.node($0.second)?.kind == .state }
        let now = try #require(python["now"]), before = try #require(python["before"])
        #expect(Set(states.map { "\($0.first)|\($0.second)" }) == Set(now.keys).union(before.keys))
        for dyad in states {
            let key = "\(dyad.first)|\(dyad.second)"
            #expect(dyad.now.events == (now[key]?["events"] as? Int ?? 0), "\(key) events")
            #expect(dyad.before?.events == (before[key]?["events"] as? Int ?? 0), "\(key) events before")
            let change = (now[key]?["tone_sum"] as? Double ?? 0) - (before[key]?["tone_sum"] as? Double ?? 0)
            #expect(abs((dyad.toneChange ?? .nan) - change) < 1e-9, "\(key) change in summed tone")
        }
        #expect(states.contains { ($0.before?.events ?? 0) > 0 }, "the sample's 2018 rows give some dyads an earlier span")
    }

    /// ICEWS: country actors (sectors NA) by name; duplicate rows once.
    static let icewsScript = """
        import csv, json, sys
        seen, per_day, dyads = set(), {}, {}
        with open(sys.argv[1], encoding='utf-8', newline='') as f:
            rows = csv.reader(f, delimiter='\\t', quoting=csv.QUOTE_NONE)
            header = next(rows)
            col = {name.strip(): i for i, name in enumerate(header)}
            for r in rows:
                if tuple(r) in seen: continue
                seen.add(tuple(r))
                get = lambda name: (r[col[name]].strip() if r[col[name]].strip() != 'NA' else '')
                s = get('Source Name') if not get('Source Sectors') else ''
                t = get('Target Name') if not get('Target Sectors') else ''
                tone = float(get('Intensity')) if get('Intensity') else 0.0
                root = int(get('CAMEO Code')[:2]) if get('CAMEO Code') else 0
                quad = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
                for name in {s, t} - {''}:
                    p = per_day.setdefault(name, {'events': 0, 'tone_sum': 0.0})
                    p['events'] += 1; p['tone_sum'] += tone
                if s and t and s != t:
                    d = dyads.setdefault('|'.join(sorted((s, t))), {'events': 0, 'tone_sum': 0.0, 'cooperation': 0})
                    d['events'] += 1; d['tone_sum'] += tone; d['cooperation'] += quad <= 2
        print(json.dumps({'per_day': per_day, 'dyads': dyads}))
        """

    @Test("ICEWS: country dyads ranked by count and a country's daily trend equal Python's",
          .enabled(if: TestPaths.hasShared, "../shared/data is absent; CI has it"))
    func icewsAgainstPython() throws {
        let store = InMemoryStore(try DatasetReader.load(path: Self.icews, options: LoadOptions(merge: .none)).dataset)
        let output = try ExternalTool.run(["python3", "-", Self.icews], input: Self.icewsScript)
        #expect(output.status == 0, "\(output.standardError)")
        let python = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: [String: [String: Any]]])
        let expectedDyads = try #require(python["dyads"])
        let states = store.dyads(DyadQuery()).filter { store.node($0.first)?.kind == .state && store.node($0.second)?.kind == .state }
        let byName = Dictionary(uniqueKeysWithValues: states.map { dyad in
            ([store.name(of: dyad.first), store.name(of: dyad.second)].sorted().joined(separator: "|"), dyad)
        })
        #expect(Set(byName.keys) == Set(expectedDyads.keys))
        for (key, row) in expectedDyads {
            let dyad = try #require(byName[key], "no dyad \(key)")
            #expect(dyad.now.events == row["events"] as? Int, "\(key) events")
            #expect(abs(dyad.now.toneSum - (row["tone_sum"] as? Double ?? .nan)) < 1e-9, "\(key) tone")
            let cooperation = (dyad.now.classes[.verbalCooperation] ?? 0) + (dyad.now.classes[.materialCooperation] ?? 0)
            #expect(cooperation == row["cooperation"] as? Int, "\(key) cooperation")
        }
        // The ranking is by count, ties by ids: counts never rise down the list.
        #expect(zip(states, states.dropFirst()).allSatisfy { $0.now.events >= $1.now.events })

        let perDay = try #require(python["per_day"])
        for name in ["Armenia", "Azerbaijan", "Russia", "United States"] {
            let node = try #require(store.nodes.first { $0.name == name && $0.kind == .state }, "no state \(name)")
            let trend = store.trend(TrendQuery(subject: .actor(node.id), step: try TrendStep(parsing: "1d")))
            #expect(trend.periods.count == 1 && trend.periods.first?.interval.first == Day(year: 2018, month: 6, day: 1))
            #expect(trend.events == perDay[name]?["events"] as? Int, "\(name) events")
            #expect(abs((trend.periods.first?.toneSum ?? .nan) - (perDay[name]?["tone_sum"] as? Double ?? .nan)) < 1e-9, "\(name) tone")
        }
    }
}
