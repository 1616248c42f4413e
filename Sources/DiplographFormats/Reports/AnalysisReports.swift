import DiplographCore

/// A trend, one row per period: events by kind, rows, the four classes of
/// cooperation and conflict, mean and summed tone, distinct sources, uncertain dates.
public struct TrendReport: Sendable {
    /// How the report is written.
    public typealias Format = AnalysisFormat

    /// The trend reported.
    public let trend: Trend

    /// A report of `trend`.
    public init(_ trend: Trend) {
        self.trend = trend
    }

    /// The label of a period: `2023` for years, `2023-06` for months, `2023-Q2` for
    /// quarters, else its first day.
    public static func label(_ period: TrendPeriod, step: TrendStep) -> String {
        let first = step.interval(ofIndex: step.index(of: period.interval.first)).first
        let (year, month, _) = first.components
        switch (step.period.unit, step.period.count) {
        case (.year, 1): return Day.pad(year, 4)
        case (.month, 1): return Day.pad(year, 4) + "-" + Day.pad(month, 2)
        case (.month, 3): return Day.pad(year, 4) + "-Q\((month - 1) / 3 + 1)"
        default: return first.description
        }
    }

    /// The records; with `collapsingEmpty`, runs of three or more empty periods are
    /// one line under the period before them (for the table only: data formats keep
    /// every period).
    package func records(collapsingEmpty: Bool = false) -> Records {
        var records = Records(columns: ["period", "first_day", "last_day", "events"] + EventKind.allCases.map(\.rawValue)
            + ["rows"] + QuadClass.allCases.map { $0.label.replacingOccurrences(of: "-", with: "_") }
            + ["unclassified", "tone_mean", "tone_sum", "sources", "uncertain"])
        var index = 0
        let periods = trend.periods
        while index < periods.count {
            let period = periods[index]
            index += 1
            var empties = 0
            while collapsingEmpty, index + empties < periods.count, periods[index + empties].events == 0 { empties += 1 }
            let skipped = empties >= 3 ? periods[index..<(index + empties)] : []
            index += skipped.count
            var row: [JSONValue] = [.string(Self.label(period, step: trend.query.step)), .string(period.interval.first.description),
                                    .text(period.interval.last?.description), .number(Double(period.events))]
            row += EventKind.allCases.map { .number(Double(period.kinds[$0] ?? 0)) }
            row.append(.number(Double(period.rows)))
            row += QuadClass.allCases.map { .number(Double(period.classes[$0] ?? 0)) }
            row += [.number(Double(period.unclassified)), period.meanTone.map(JSONValue.number) ?? .null,
                    .number(period.toneSum), .number(Double(period.sources)), .number(Double(period.uncertain))]
            let step = trend.query.step
            records.append(row, details: skipped.first.map { first in
                ["… \(skipped.count) periods without events, \(Self.label(first, step: step)) to \(Self.label(skipped.last!, step: step))"]
            } ?? [])
        }
        return records
    }

    /// The trend in `format`.
    public func render(_ format: Format) -> String {
        let uncertain = trend.uncertain
        let footer = "\(trend.events) event\(trend.events == 1 ? "" : "s") in \(trend.periods.count) period\(trend.periods.count == 1 ? "" : "s")"
            + (uncertain > 0 ? "; \(uncertain) with uncertain dates, counted in their likeliest period" : "")
        return records(collapsingEmpty: format == .table).render(format, footer: footer)
    }
}

/// How an analysis is written: an aligned `table`, `json` or `csv`.
public enum AnalysisFormat: String, Sendable, CaseIterable {
    case table, json, csv

    var records: Records.Format {
        switch self {
        case .table: .table
        case .json: .json
        case .csv: .csv
        }
    }
}

extension Records {
    package func render(_ format: AnalysisFormat, footer: String?) -> String {
        render(format.records, footer: footer)
    }
}

/// Ranked dyads; when compared, the change against the other days and the events that
/// weigh most in it.
public struct DyadsReport: Sendable {
    /// How the report is written.
    public typealias Format = AnalysisFormat

    let store: any EventStore
    /// The dyads, ranked.
    public let dyads: [Dyad]
    let comparing: Bool

    /// A report of `dyads`, names from `store`; `comparing` adds the change columns.
    public init(store: any EventStore, dyads: [Dyad], comparing: Bool) {
        self.store = store
        self.dyads = dyads
        self.comparing = comparing
    }

    package var records: Records {
        var columns = ["rank", "first", "second", "first_name", "second_name", "events", "tone_mean", "tone_sum",
                       "cooperation", "conflict"]
        if comparing {
            columns += ["before_events", "before_tone_mean", "before_tone_sum", "change_events", "change_tone_mean",
                        "change_tone_sum", "direction"]
        }
        columns.append("weightiest")
        var records = Records(columns: columns)
        for (index, dyad) in dyads.enumerated() {
            var row: [JSONValue] = [.number(Double(index + 1)), .string(dyad.first), .string(dyad.second),
                                    .string(store.name(of: dyad.first)), .string(store.name(of: dyad.second))]
            row += Self.tally(dyad.now)
            if comparing, let before = dyad.before {
                row += [.number(Double(before.events)), before.meanTone.map(JSONValue.number) ?? .null, .number(before.toneSum),
                        .number(Double(dyad.countChange ?? 0)), dyad.meanToneChange.map(JSONValue.number) ?? .null,
                        .number(dyad.toneChange ?? 0), .string(Self.direction(dyad.toneChange ?? 0))]
            }
            row.append(.array(dyad.weightiest.map { .string($0.id) }))
            records.append(row, details: dyad.weightiest.map { event in
                "\(event.date)  \(toneText(event.tone))  \(event.title)  [\(event.id)]"
            })
        }
        return records
    }

    private static func tally(_ tally: DyadTally) -> [JSONValue] {
        let cooperation = (tally.classes[.verbalCooperation] ?? 0) + (tally.classes[.materialCooperation] ?? 0)
        let conflict = (tally.classes[.verbalConflict] ?? 0) + (tally.classes[.materialConflict] ?? 0)
        return [.number(Double(tally.events)), tally.meanTone.map(JSONValue.number) ?? .null, .number(tally.toneSum),
                .number(Double(cooperation)), .number(Double(conflict))]
    }

    private static func direction(_ change: Double) -> String {
        change > 0 ? "warmed" : change < 0 ? "cooled" : "unchanged"
    }

    /// The dyads in `format`.
    public func render(_ format: Format) -> String {
        records.render(format, footer: "\(dyads.count) dyad\(dyads.count == 1 ? "" : "s")")
    }
}

/// The contacts of two nodes: first and last, how many, the longest and the current
/// silence, and the count per year.
public struct ContactsReport: Sendable {
    /// How the report is written.
    public typealias Format = AnalysisFormat

    let store: any EventStore
    /// The contacts reported.
    public let contacts: Contacts
    let pair: (NodeID, NodeID)

    /// A report of the contacts of `pair`, names from `store`.
    public init(store: any EventStore, contacts: Contacts, pair: (NodeID, NodeID)) {
        self.store = store
        self.contacts = contacts
        self.pair = pair
    }

    package var summary: [(String, JSONValue)] {
        func event(_ event: Event?) -> JSONValue {
            event.map { .object([("id", .string($0.id)), ("date", .string($0.date.description)), ("title", .string($0.title))]) } ?? .null
        }
        func gap(_ gap: Contacts.Gap?) -> JSONValue {
            gap.map { .object([("after", .string($0.after.description)), ("until", .string($0.until.description)),
                               ("days", .number(Double($0.days)))]) } ?? .null
        }
        return [
            ("first", .string(pair.0)), ("second", .string(pair.1)), ("contacts", .number(Double(contacts.events.count))),
            ("first_contact", event(contacts.first)), ("last_contact", event(contacts.last)),
            ("longest_gap", gap(contacts.longestGap)), ("current_gap", gap(contacts.currentGap)),
            ("as_of", .string(contacts.asOf.description)),
            ("per_year", .array(contacts.perYear.map { .object([("year", .number(Double($0.year))), ("contacts", .number(Double($0.count)))]) })),
        ]
    }

    /// The contacts in `format`: a summary and a table per year; JSON, one object;
    /// CSV, one row per year.
    public func render(_ format: Format) -> String {
        var years = Records(columns: ["year", "contacts"])
        for entry in contacts.perYear { years.append([.number(Double(entry.year)), .number(Double(entry.count))]) }
        switch format {
        case .json: return JSONValue.object(summary).serialized() + "\n"
        case .csv: return years.render(Records.Format.csv, footer: nil)
        case .table:
            let names = "\(store.name(of: pair.0)) and \(store.name(of: pair.1))"
            guard let first = contacts.first, let last = contacts.last else {
                return singleLine("no contact between \(names) up to \(contacts.asOf)") + "\n"
            }
            var lines = ["contacts between \(names): \(contacts.events.count)",
                         "first:   \(first.date)  \(first.title)", "last:    \(last.date)  \(last.title)"]
            if let gap = contacts.longestGap { lines.append("longest gap: \(gap.days) days, \(gap.after) to \(gap.until)") }
            lines.append(contacts.currentGap.map { "current gap: \($0.days) days since \($0.after) (as of \(contacts.asOf))" }
                ?? "current gap: none (in contact on \(contacts.asOf))")
            return lines.map(singleLine).joined(separator: "\n") + "\n\n" + years.render(Records.Format.table, footer: nil)
        }
    }
}
