@testable import DiplographCore
import Testing
import TestSupport

@Suite("Analyses: interval relations, trend steps, trend, dyads, contacts, the record at a date")
struct AnalysisTests {
    /// Every relation decided by listing the event's days, not by comparing ends.
    static func byDays(_ relation: IntervalRelation, _ span: DayInterval, _ interval: DayInterval) -> Bool {
        let days = (span.first.ordinal...span.last!.ordinal).map { Day(ordinal: $0) }
        let start = interval.first
        switch relation {
        case .during: return days.allSatisfy(interval.contains)
        case .overlaps: return days.contains(where: interval.contains)
        case .before: return days.allSatisfy { $0.adding(days: 1) < start }
        case .meets: return days.allSatisfy { $0 < start } && days.contains(start.adding(days: -1))
        case .after: return interval.last.map { end in days.allSatisfy { $0 > end.adding(days: 1) } } ?? false
        case .metBy: return interval.last.map { end in days.allSatisfy { $0 > end } && days.contains(end.adding(days: 1)) } ?? false
        }
    }

    /// Dates of every precision, and ranges, whose ends fall around `day`.
    static func datesAround(_ day: Day) -> [DateSpan] {
        let (year, month, _) = day.components
        var spans: [DateSpan] = [DateSpan(EventDate(year: year)), DateSpan(EventDate(year: year, month: month))]
        for offset in -3...3 {
            let one = EventDate(day.adding(days: offset))
            spans.append(DateSpan(one))
            for length in [1, 2, 40] { spans.append(try! DateSpan(start: one, end: EventDate(day.adding(days: offset + length)))) }
            spans.append(try! DateSpan(start: one, end: EventDate(year: year + 1)))
        }
        let previous = day.adding(days: -1).components
        spans.append(DateSpan(EventDate(year: previous.year, month: previous.month)))
        spans.append(DateSpan(EventDate(year: year - 1)))
        return spans
    }

    @Test("Allen's relations hold exactly as listing the days says, at every boundary, for every precision; the five disjoint ones partition")
    func relationsAtBoundaries() {
        let phases = [
            LifecyclePhase(status: "active", from: EventDate(year: 2022, month: 12, day: 12), to: EventDate(year: 2023, month: 9)),
            LifecyclePhase(status: "month", from: EventDate(year: 2023, month: 6), to: EventDate(year: 2023, month: 6)),
            LifecyclePhase(status: "day", from: EventDate(year: 2023, month: 6, day: 27), to: EventDate(year: 2023, month: 6, day: 27)),
            LifecyclePhase(status: "year", from: EventDate(year: 2024)),
        ]
        var checked = 0
        for phase in phases {
            let interval = phase.interval
            var spans = Self.datesAround(interval.first)
            if let last = interval.last { spans += Self.datesAround(last) }
            for span in spans {
                for relation in IntervalRelation.allCases {
                    #expect(relation.holds(for: span.days, to: interval) == Self.byDays(relation, span.days, interval),
                            "\(span) \(relation.rawValue) \(phase.status) \(interval)")
                    checked += 1
                }
                let disjoint: [IntervalRelation] = [.before, .meets, .overlaps, .metBy, .after]
                let holding = disjoint.filter { $0.holds(for: span.days, to: interval) }
                #expect(holding.count == 1 || (interval.last == nil && holding.isEmpty == false), "\(span): \(holding)")
            }
        }
        #expect(checked > 500)
        // The seed: June 2023 falls during the blockade's active phase; the meeting on 2023-06-27 too.
        let blockade = phases[0].interval
        #expect(IntervalRelation.during.holds(for: DateSpan(EventDate(year: 2023, month: 6)).days, to: blockade))
        #expect(IntervalRelation.meets.holds(for: DateSpan(EventDate(year: 2022, month: 12, day: 11)).days, to: blockade))
        #expect(!IntervalRelation.during.holds(for: DateSpan(EventDate(year: 2023)).days, to: blockade))
    }

    @Test("A timeline in a relation to an interval equals scanning every event", arguments: 0..<4)
    func relationTimelines(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let dataset = SyntheticData.dataset(events: 600, nodes: 20, using: &generator)
        let store = InMemoryStore(dataset)
        let scan = ScanStore(dataset)
        for _ in 0..<40 {
            let start = SyntheticData.randomDate(using: &generator).firstDay
            let interval = DayInterval(first: start, last: Bool.random(using: &generator) ? nil : start.adding(days: Int.random(in: 0...400, using: &generator)))
            var query = SyntheticData.query(nodes: 20, using: &generator)
            if Bool.random(using: &generator) { query.range = nil }
            for relation in IntervalRelation.allCases {
                let expected = scan.timeline(query).filter { Self.byDays(relation, $0.date.days, interval) }
                #expect(store.timeline(query, relation, to: interval).ids == expected.ids, "\(relation) \(interval) \(String(describing: query.range))")
                #expect(FilteredStore.events(relation, to: interval, in: store).timeline(query).ids == expected.ids)
            }
        }
    }

    @Test("Trend steps: every day falls in its period; periods follow each other without gaps; weeks start on Monday")
    func trendSteps() throws {
        var generator = SeededGenerator(seed: 9)
        for text in ["1d", "3d", "1w", "2w", "1mo", "2mo", "1q", "6mo", "1y", "5y"] {
            let step = try TrendStep(parsing: text)
            for _ in 0..<300 {
                let day = Day(ordinal: Int32.random(in: Day(year: 1, month: 1, day: 1).ordinal...Day(year: 9998, month: 1, day: 1).ordinal, using: &generator))
                let index = step.index(of: day)
                let interval = step.interval(ofIndex: index)
                #expect(interval.contains(day), "\(text): \(day) not in \(interval)")
                #expect(step.interval(ofIndex: index + 1).first == interval.last!.adding(days: 1), "\(text) after \(interval)")
            }
        }
        // 2023-06-26 was a Monday; 2023-06-27 falls in the week from it.
        #expect(try TrendStep(parsing: "1w").interval(ofIndex: TrendStep(parsing: "1w").index(of: Day(year: 2023, month: 6, day: 27))).first
                == Day(year: 2023, month: 6, day: 26))
        #expect(try TrendStep(parsing: "1q").interval(ofIndex: TrendStep(parsing: "1q").index(of: Day(year: 2023, month: 6, day: 27)))
                == DayInterval(first: Day(year: 2023, month: 4, day: 1), last: Day(year: 2023, month: 6, day: 30)))
        #expect(throws: TimeError.self) { try TrendStep(parsing: "0mo") }
    }

    @Test("Trend and dyads equal counting every event by hand", arguments: 0..<4)
    func trendAndDyadsByScan(seed: UInt64) throws {
        var generator = SeededGenerator(seed: 100 + seed)
        let dataset = SyntheticData.dataset(events: 800, nodes: 10, using: &generator)
        let store = InMemoryStore(dataset)
        let step = try TrendStep(parsing: ["1mo", "1q", "1y", "2w"][Int(seed)])
        let (a, b) = (SyntheticData.node(1), SyntheticData.node(2))
        for directed in [false, true] {
            let trend = store.trend(TrendQuery(subject: .pair(a, b), step: step, directed: directed))
            let followed = dataset.events.filter { event in
                directed ? event.actors.contains(a) && event.targets.contains(b)
                    : Set(event.actors + event.targets).isSuperset(of: [a, b])
            }
            #expect(trend.events == followed.count)
            for period in trend.periods {
                let inside = followed.filter { period.interval.contains($0.date.firstDay.adding(days: $0.date.firstDay.distance(to: $0.date.lastDay) / 2)) }
                #expect(period.events == inside.count, "\(period.interval)")
                #expect(abs(period.toneSum - inside.reduce(0) { $0 + ($1.tone ?? 0) }) < 1e-9)
                #expect(period.kinds.values.reduce(0, +) == period.events)
            }
        }
        let from = Day(year: 2021, month: 1, day: 1), to = Day(year: 2022, month: 12, day: 31)
        let dyads = store.dyads(DyadQuery(from: from, to: to))
        var counts: [String: Int] = [:]
        for event in dataset.events {
            let middle = event.date.firstDay.adding(days: event.date.firstDay.distance(to: event.date.lastDay) / 2)
            guard middle >= from, middle <= to else { continue }
            let parties = Set(event.actors + event.targets).sorted()
            for (index, one) in parties.enumerated() { for other in parties[(index + 1)...] { counts["\(one)|\(other)", default: 0] += 1 } }
        }
        #expect(Dictionary(uniqueKeysWithValues: dyads.map { ("\($0.first)|\($0.second)", $0.now.events) }) == counts)
        // The events that weigh most, without a comparison: the strongest tones either
        // way, earlier first among equals.
        for dyad in dyads.prefix(10) {
            let own = dataset.events.filter { event in
                let middle = event.date.firstDay.adding(days: event.date.firstDay.distance(to: event.date.lastDay) / 2)
                return middle >= from && middle <= to && Set(event.actors + event.targets).isSuperset(of: [dyad.first, dyad.second])
            }
            let expected = own.sorted { lhs, rhs in
                abs(lhs.tone!) != abs(rhs.tone!) ? abs(lhs.tone!) > abs(rhs.tone!)
                    : (lhs.date.firstDay, lhs.date.lastDay, lhs.id) < (rhs.date.firstDay, rhs.date.lastDay, rhs.id)
            }.prefix(3).map(\.id)
            #expect(dyad.weightiest.map(\.id) == Array(expected), "\(dyad.first) \(dyad.second)")
        }
        // Compared with the year before: the most cooperative when it warmed, the most hostile when it cooled.
        let compared = store.dyads(DyadQuery(from: from, to: to, compare: DayInterval(first: Day(year: 2020, month: 1, day: 1),
                                                                                       last: Day(year: 2020, month: 12, day: 31)), top: 10))
        for dyad in compared where dyad.now.events > 0 {
            let tones = dyad.weightiest.map { $0.tone! }
            let change = dyad.toneChange ?? 0
            #expect(change > 0 ? tones == tones.sorted(by: >) : change < 0 ? tones == tones.sorted() : true)
        }
    }

    @Test("Contacts: first, last, longest and current gap equal a scan of the pair's events")
    func contactsByScan() {
        var generator = SeededGenerator(seed: 31)
        let dataset = SyntheticData.dataset(events: 900, nodes: 8, using: &generator)
        let store = InMemoryStore(dataset)
        for (a, b) in [(1, 2), (3, 4), (2, 6)].map({ (SyntheticData.node($0.0), SyntheticData.node($0.1)) }) {
            let asOf = Day(year: 2023, month: 3, day: 1)
            let contacts = store.contacts(between: a, and: b, asOf: asOf)
            let events = dataset.events.filter { Set($0.actors + $0.targets).isSuperset(of: [a, b]) && $0.date.firstDay <= asOf }
                .sorted { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }
            #expect(contacts.events.count == events.count)
            // Busy days by listing them, then the longest run of silent days between two busy ones.
            var busy = Set<Int32>()
            for event in events { busy.formUnion(event.date.firstDay.ordinal...event.date.lastDay.ordinal) }
            let sorted = busy.sorted()
            let longest = zip(sorted, sorted.dropFirst()).map { Int($1 - $0) - 1 }.filter { $0 >= 0 }.max()
            if let gap = contacts.longestGap {
                #expect(gap.days == longest, "\(a) \(b)")
            }
            let lastBusy = sorted.last.map { Day(ordinal: $0) }
            #expect(contacts.currentGap?.days == lastBusy.flatMap { $0 < asOf ? $0.distance(to: asOf) - 1 : nil })
            #expect(contacts.perYear.reduce(0) { $0 + $1.count } == events.count)
        }
    }

    @Test("The record at a date keeps the sources recorded by then and the events with one; its snapshot equals one of those events alone",
          arguments: 0..<3)
    func knownAt(seed: UInt64) {
        var generator = SeededGenerator(seed: 70 + seed)
        var dataset = SyntheticData.dataset(events: 500, nodes: 12, using: &generator)
        for index in dataset.events.indices {
            let count = Int.random(in: 0...3, using: &generator)
            dataset.events[index].sources = (0..<count).map { number in
                let late = Int.random(in: -5...400, using: &generator)
                return Source(publisher: "p\(number)", date: Bool.random(using: &generator) ? nil
                              : EventDate(dataset.events[index].date.lastDay.adding(days: late)))
            }
        }
        let store = InMemoryStore(dataset)
        for _ in 0..<6 {
            let day = SyntheticData.randomDate(using: &generator).lastDay
            var known = dataset
            known.events = dataset.events.compactMap { event in
                let sources = event.sources.filter { ($0.date?.lastDay ?? event.date.lastDay) <= day }
                if event.sources.isEmpty { return event.date.lastDay <= day ? event : nil }
                guard !sources.isEmpty else { return nil }
                var kept = event
                kept.sources = sources
                return kept
            }
            let expected = ScanStore(known)
            let filtered = FilteredStore.known(at: day, in: store)
            let query = SyntheticData.query(nodes: 12, using: &generator)
            #expect(Array(filtered.timeline(query)) == Array(expected.timeline(query)))
            let snapshot = filtered.snapshot(at: day, windowDays: Bool.random(using: &generator) ? nil : 120)
            #expect(snapshot.relations == InMemoryStore(known).snapshot(at: day, windowDays: snapshot.windowDays).relations)
            #expect(filtered.timeline(TimelineQuery()).count < store.timeline(TimelineQuery()).count || known.events.count == dataset.events.count)
        }
    }
}

@Suite("Posting-list intersection")
struct IntersectionTests {
    @Test("Intersecting two ascending lists equals a set intersection, merged or searched", arguments: [1, 4, 40])
    func intersection(ratio: Int) {
        var generator = SeededGenerator(seed: UInt64(ratio))
        let short = Set((0..<200).map { _ in Int32.random(in: 0..<20_000, using: &generator) }).sorted()
        let long = Set((0..<(200 * ratio)).map { _ in Int32.random(in: 0..<20_000, using: &generator) }).sorted()
        let expected = Set(short).intersection(long).sorted()
        #expect(Array(InMemoryStore.intersection(short[...], long[...])) == expected)
        #expect(Array(InMemoryStore.intersection(short[5...], long[3...])) == Set(short[5...]).intersection(long[3...]).sorted())
    }
}

@Suite("Cooperation and conflict")
struct QuadClassTests {
    static func event(_ kind: EventKind, stance: Stance? = nil, _ attributes: [String: String] = [:]) -> Event {
        Event(id: "e", kind: kind, date: DateSpan(EventDate(year: 2023)), title: "t", actors: ["a"], stance: stance,
              attributes: attributes)
    }

    @Test("Each source of a class: CAMEO root codes as GDELT's QuadClass, PLOVER's quad code and type, native kinds and stances")
    func classes() {
        let cases: [(Event, QuadClass?)] = [
            (Self.event(.event, ["cameo": "057"]), .verbalCooperation), (Self.event(.event, ["cameo": "0871"]), .materialCooperation),
            (Self.event(.event, ["cameo": "090"]), .materialCooperation), (Self.event(.event, ["cameo": "141"]), .verbalConflict),
            (Self.event(.event, ["cameo": "150"]), .materialConflict), (Self.event(.meeting, ["cameo": "999"]), nil),
            (Self.event(.event, ["quad_code": "3"]), .verbalConflict), (Self.event(.event, ["plover": "ACCUSE"]), .verbalConflict),
            (Self.event(.event, ["plover": "AID"]), .materialCooperation), (Self.event(.event, ["plover": "UNKNOWN"]), nil),
            (Self.event(.meeting), .verbalCooperation), (Self.event(.agreement), .verbalCooperation),
            (Self.event(.statement, stance: .condemns), .verbalConflict), (Self.event(.statement, stance: .urges), .verbalCooperation),
            (Self.event(.statement), .verbalCooperation), (Self.event(.event), nil),
        ]
        for (event, expected) in cases {
            #expect(QuadClass(of: event) == expected, "\(event.kind) \(event.attributes)")
        }
    }
}
