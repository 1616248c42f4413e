import DiplographCore

/// Writes a timeline (events in chronological order) as a table, JSON, CSV or Markdown.
public struct TimelineReport: Sendable {
    /// How the timeline is written: an aligned `table`, `json`, `csv` (RFC 4180, formulas defused) or `markdown`.
    public enum Format: String, Sendable, CaseIterable {
        case table, json, csv, markdown
    }

    package let store: any EventStore
    package let events: EventList

    /// A report of `events`; `store` gives names.
    public init(store: any EventStore, events: EventList) {
        self.store = store
        self.events = events
    }

    /// The events in `format`; a table is cut to `width` columns when given. Control characters from the data never reach the output.
    public func render(_ format: Format, width: Int? = nil) -> String {
        switch format {
        case .table: table(width: width)
        case .json: json().serialized() + "\n"
        case .csv: csv()
        case .markdown: markdown()
        }
    }

    /// Who took part, by display name: actors, then `→ targets`.
    func partiesText(_ event: Event) -> String {
        let actors = event.actors.map(store.name(of:)).joined(separator: ", ")
        guard !event.targets.isEmpty else { return actors }
        return actors + " → " + event.targets.map(store.name(of:)).joined(separator: ", ")
    }

    func kindText(_ event: Event) -> String {
        event.stance.map { "\(event.kind.rawValue) (\($0.rawValue))" } ?? event.kind.rawValue
    }

    /// An aligned plain-text table. With `width`, the title column is cut to fit and
    /// ends with `…`; without, nothing is cut (for pipes and files).
    package func table(width: Int?) -> String {
        let header = ["DATE", "KIND", "PARTIES", "TITLE"]
        let rows = events.map { event in
            [event.date.description, kindText(event), partiesText(event), event.title].map(singleLine)
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        widths[2] = min(widths[2], 48)
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let limit = index == cells.count - 1 ? Int.max : widths[index]
                let fitted = cut(cell, to: limit)
                parts.append(index == cells.count - 1 ? fitted : fitted.padding(to: widths[index]))
            }
            var text = parts.joined(separator: "  ")
            if let width { text = cut(text, to: width) }
            return text
        }
        var lines = [line(header)]
        lines += rows.map(line)
        lines.append("\(events.count) event\(events.count == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    private func cut(_ text: String, to width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// An array of events with id, date (as written), precision, kind, parties,
    /// issues, title and every source.
    package func json() -> JSONValue {
        .array(events.map(Self.json(for:)))
    }

    package static func json(for event: Event) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(event.id)),
            ("date", .string(event.date.description)),
            ("precision", .string(String(describing: event.date.precision))),
            ("first_day", .string(event.date.firstDay.description)),
            ("last_day", .string(event.date.lastDay.description)),
            ("kind", .string(event.kind.rawValue)),
            ("participants", .array(event.actors.map(JSONValue.string))),
            ("targets", .array(event.targets.map(JSONValue.string))),
            ("issues", .array(event.issues.map(JSONValue.string))),
            ("title", .string(event.title)),
        ]
        if let stance = event.stance { pairs.append(("stance", .string(stance.rawValue))) }
        if let location = event.location { pairs.append(("location", .string(location))) }
        if let summary = event.summary { pairs.append(("summary", .string(summary))) }
        if let quote = event.quote { pairs.append(("quote", .string(quote))) }
        if let tone = event.tone { pairs.append(("tone", .number(tone))) }
        pairs.append(("sources", .array(event.sources.map { source in
            .object([
                ("publisher", .text(source.publisher)), ("title", .text(source.title)),
                ("url", .text(source.url)), ("date", .text(source.date?.description)),
                ("note", .text(source.note)),
            ])
        })))
        return .object(pairs)
    }

    package func csv() -> String {
        var lines = ["id,date,first_day,last_day,kind,stance,participants,targets,issues,title,location,tone,sources"]
        for event in events {
            let sources = event.sources.map { [$0.publisher, $0.title, $0.url].compactMap { $0 }.joined(separator: " — ") }
            lines.append([
                event.id, event.date.description, event.date.firstDay.description, event.date.lastDay.description,
                event.kind.rawValue, event.stance?.rawValue ?? "", event.actors.joined(separator: ";"),
                event.targets.joined(separator: ";"), event.issues.joined(separator: ";"), event.title,
                event.location ?? "", toneText(event.tone), sources.joined(separator: " | "),
            ].map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    package func markdown() -> String {
        var lines = ["| Date | Kind | Parties | Title | Sources |", "|---|---|---|---|---|"]
        for event in events {
            let sources = event.sources.map { $0.publisher ?? $0.title ?? $0.url ?? "" }.joined(separator: "; ")
            lines.append("| " + [event.date.description, kindText(event), partiesText(event), event.title, sources]
                .map(markdownCell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
