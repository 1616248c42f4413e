import DiplographCore
import DiplographFormats
import Foundation
import Testing
import TestSupport

/// Trend and dyads on the real GDELT and ICEWS samples, against a plain Python
/// computation over the same file's rows (csv module only). Loaded without merging,
/// so that one row is one event on both sides, but for the rule `fold` spells out: a
/// meeting or agreement row whose report coded the other side before is part of that
/// event (its tone joins the event's mean).
@Suite("Analyses against Python on the real samples")
struct AnalysisComparisonTests {
    static let gdelt = TestPaths.shared.appendingPathComponent("data/gdelt/20191024143000.export.CSV").path
    static let icews = TestPaths.shared.appendingPathComponent("data/icews/events.2018-06-01.tab").path

    /// Rows to events: `fold(report, code, day, a, b, row)` returns the event dict a row
    /// belongs to: a new one, or for a meeting (CAMEO 04…) or agreement (057…) between
    /// two different nodes that the same report gave before, from either side, the
    /// event its first row became.
    static let fold = """
        events, pairs = [], {}
        def fold(report, code, day, a, b, row):
            kind = 'agreement' if code.startswith('057') else 'meeting' if code.startswith('04') else None
            if kind and a and b and a != b:
                key = (report, kind, day, min(a, b), max(a, b))
                if key in pairs:
                    event = events[pairs[key]]
                    event['rows'].append(row)
                    return event
                pairs[key] = len(events)
            event = {'rows': [row]}
            events.append(event)
            return event
        def mean_tone(event):
            tones = [t for t in (r['tone'] for r in event['rows']) if t is not None]
            return sum(tones) / len(tones) if tones else None
        """

    /// GDELT: per month of SQLDATE, events with the actor's country on either side:
    /// count, Goldstein mean's sum, QuadClass column counts, distinct SOURCEURL; dyads
    /// of two different country codes: count and tone sum, in two spans of days.
    /// A side's node: its country, else its known group, else its code.
    static let gdeltScript = """
        import csv, json, sys
        \(fold)
        path, actor = sys.argv[1], sys.argv[2]
        def day(r): return r[1][:4] + '-' + r[1][4:6] + '-' + r[1][6:8]
        def node(r, first): return (r[first + 2] or r[first + 3] or r[first]).lower()
        with open(path, encoding='utf-8', newline='') as f:
            for r in csv.reader(f, delimiter='\\t', quoting=csv.QUOTE_NONE):
                row = {'a': r[7].lower(), 'b': r[17].lower(), 'day': day(r), 'quad': int(r[29]), 'url': r[60],
                       'tone': float(r[30]) if r[30] else None}
                fold(r[60], r[26], r[1], node(r, 5), node(r, 15), row)
        trend, now, before = {}, {}, {}
        for event in events:
            first = event['rows'][0]
            a, b, tone = first['a'], first['b'], mean_tone(event)
            if actor in (a, b):
                t = trend.setdefault(first['day'][:7], {'events': 0, 'rows': 0, 'tone_sum': 0.0, 'toned': 0, 'quads': [0, 0, 0, 0], 'sources': set()})
                t['events'] += 1; t['rows'] += len(event['rows'])
                if tone is not None: t['tone_sum'] += tone; t['toned'] += 1
                t['quads'][first['quad'] - 1] += 1
                t['sources'].update(r['url'] for r in event['rows'])
            if a and b and a != b:
                table = now if first['day'] >= '2019-10-01' else before
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
            #expect(period.rows == row["rows"] as? Int, "\(month) rows")
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

    /// ICEWS: country actors (sectors NA) by name; duplicate rows once; a report is a
    /// story's sentence.
    static let icewsScript = """
        import csv, json, sys
        \(fold)
        seen = set()
        with open(sys.argv[1], encoding='utf-8', newline='') as f:
            rows = csv.reader(f, delimiter='\\t', quoting=csv.QUOTE_NONE)
            header = next(rows)
            col = {name.strip(): i for i, name in enumerate(header)}
            for r in rows:
                if tuple(r) in seen: continue
                seen.add(tuple(r))
                get = lambda name: (r[col[name]].strip() if r[col[name]].strip() != 'NA' else '')
                root = int(get('CAMEO Code')[:2]) if get('CAMEO Code') else 0
                row = {'s': get('Source Name') if not get('Source Sectors') else '',
                       't': get('Target Name') if not get('Target Sectors') else '',
                       'tone': float(get('Intensity')) if get('Intensity') else None,
                       'quad': 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4}
                fold((get('Story ID'), get('Sentence Number')), get('CAMEO Code'), get('Event Date'),
                     get('Source Name'), get('Target Name'), row)
        per_day, dyads = {}, {}
        for event in events:
            first = event['rows'][0]
            s, t, tone = first['s'], first['t'], mean_tone(event) or 0.0
            for name in {s, t} - {''}:
                p = per_day.setdefault(name, {'events': 0, 'tone_sum': 0.0})
                p['events'] += 1; p['tone_sum'] += tone
            if s and t and s != t:
                d = dyads.setdefault('|'.join(sorted((s, t))), {'events': 0, 'tone_sum': 0.0, 'cooperation': 0})
                d['events'] += 1; d['tone_sum'] += tone; d['cooperation'] += first['quad'] <= 2
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
