import DiplographCore

/// Writes a timeline (events in chronological order) as a table, JSON, CSV or Markdown.
public struct TimelineReport: Sendable {
    /// How the timeline is written: an aligned `table`, `json`, `jsonl` (JSON lines: one
    /// event per line), `csv` (RFC 4180, formulas defused) or `markdown`.
    public enum Format: String, Sendable, CaseIterable {
        case table, json, jsonl, csv, markdown
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
        var output = ByteOutput()
        write(format, width: width, into: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Writes the events in `format` to a file descriptor (standard output: 1) as they
    /// are read, in constant memory; see `render(_:width:)`. Returns false when the
    /// descriptor would not take them all (a reader that went away).
    public func write(_ format: Format, width: Int? = nil, toDescriptor descriptor: Int32) -> Bool {
        var output = ByteOutput(descriptor: descriptor)
        write(format, width: width, into: &output)
        output.flush()
        return !output.failed
    }

    package func write(_ format: Format, width: Int?, into output: inout ByteOutput) {
        switch format {
        case .table: table(width: width, into: &output)
        case .json:
            guard !events.isEmpty else { return output.append("[]\n") }
            output.append("[")
            for (index, event) in events.enumerated() {
                output.append(index == 0 ? "\n  " : ",\n  ")
                Self.writeJSON(event, into: &output, indent: 1)
                output.recordEnded()
            }
            output.append("\n]\n")
        case .jsonl:
            for event in events {
                Self.writeJSON(event, into: &output, indent: nil)
                output.append(0x0A)
                output.recordEnded()
            }
        case .csv: csv(into: &output)
        case .markdown: markdown(into: &output)
        }
    }

    /// The events as one JSON array on one line: `--format json`'s objects without the
    /// indentation (a third fewer bytes), for the explorer's API.
    package func compactJSON() -> [UInt8] {
        var output = ByteOutput()
        output.append("[")
        for (index, event) in events.enumerated() {
            if index > 0 { output.append(",") }
            Self.writeJSON(event, into: &output, indent: nil)
        }
        output.append("]\n")
        return output.bytes
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
    /// ends with `…`; without, nothing is cut (for pipes and files). Two passes over
    /// the events, the first for the columns' widths, so that no row is kept.
    package func table(width: Int?, into output: inout ByteOutput) {
        let header = ["DATE", "KIND", "PARTIES", "TITLE"]
        func cells(_ event: Event) -> [String] {
            [event.date.description, kindText(event), partiesText(event), event.title].map(singleLine)
        }
        var widths = header.map(\.count)
        for event in events {
            for (index, cell) in cells(event).dropLast().enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        widths[2] = min(widths[2], 48)
        func line(_ cells: [String]) {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let limit = index == cells.count - 1 ? Int.max : widths[index]
                let fitted = cut(cell, to: limit)
                parts.append(index == cells.count - 1 ? fitted : fitted.padding(to: widths[index]))
            }
            var text = parts.joined(separator: "  ")
            if let width { text = cut(text, to: width) }
            output.append(text)
            output.append(0x0A)
            output.recordEnded()
        }
        line(header)
        for event in events { line(cells(event)) }
        output.append("\(events.count) event\(events.count == 1 ? "" : "s")\n")
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

    package func csv(into output: inout ByteOutput) {
        output.append("id,date,first_day,last_day,kind,stance,participants,targets,issues,title,location,tone,sources\r\n")
        // Field by field, joining lists only when they have several items (the arrays
        // and joins per event were a third of a long timeline's CSV: `make bench`).
        func list(_ items: [String]) {
            if !items.isEmpty { output.appendCSVField(joining: items, separator: ";") }
        }
        // A store's own columns: their bytes copied, no event made.
        if events.forEachRow({ Self.writeCSV($0, into: &output) }) { return }
        for event in events {
            output.appendCSVField(event.id)
            output.append(0x2C)
            output.appendCSVField(event.date.description)
            output.append(0x2C)
            output.appendDay(event.date.firstDay)
            output.append(0x2C)
            output.appendDay(event.date.lastDay)
            output.append(0x2C)
            output.append(event.kind.rawValue)
            output.append(0x2C)
            output.append(event.stance?.rawValue ?? "")
            output.append(0x2C)
            list(event.actors)
            output.append(0x2C)
            list(event.targets)
            output.append(0x2C)
            list(event.issues)
            output.append(0x2C)
            output.appendCSVField(event.title)
            output.append(0x2C)
            output.appendCSVField(event.location ?? "")
            output.append(0x2C)
            output.appendTone(event.tone)
            output.append(0x2C)
            // Publisher — title — address, sources apart by " | ".
            if event.sources.count == 1, let only = event.sources.first {
                output.appendCSVField(joining: [only.publisher, only.title, only.url].compactMap { $0 }, separator: " — ")
            } else {
                output.appendCSVField(event.sources.map { source in
                    [source.publisher, source.title, source.url].compactMap { $0 }.joined(separator: " — ")
                }.joined(separator: " | "))
            }
            output.append("\r\n")
            output.recordEnded()
        }
    }

    /// One CSV line from a row of the store's columns: the same text as from its
    /// `Event`.
    static func writeCSV(_ row: EventRow, into output: inout ByteOutput) {
        row.withID { output.appendCSVField(bytes: $0) }
        output.append(0x2C)
        output.appendCSVField(row.date.description)
        output.append(0x2C)
        output.appendDay(row.firstDay)
        output.append(0x2C)
        output.appendDay(row.lastDay)
        output.append(0x2C)
        output.append(row.kind.rawValue)
        output.append(0x2C)
        output.append(row.stance?.rawValue ?? "")
        for role in [EventRow.Role.actors, .targets, .issues] {
            output.append(0x2C)
            let parties = row.parties(role)
            if parties.count == 1 {
                output.appendCSVField(row.nodeID(parties[parties.startIndex]))
            } else if !parties.isEmpty {
                output.appendCSVField(joining: parties.map(row.nodeID), separator: ";")
            }
        }
        output.append(0x2C)
        row.withTitle { output.appendCSVField(bytes: $0) }
        output.append(0x2C)
        output.appendCSVField(row.location ?? "")
        output.append(0x2C)
        output.appendTone(row.tone)
        output.append(0x2C)
        if row.sourceCount == 1 {
            row.withSource(0) { publisher, title, url in
                output.appendCSVField(joiningBytes: [publisher, title, url].compactMap { $0 }, separator: " — ")
            }
        } else if row.sourceCount > 1 {
            // Copied part by part when every part goes in as it is (merged coded
            // events cite dozens of articles); else joined and quoted.
            var plain = true
            for index in 0..<row.sourceCount where plain {
                row.withSource(index) { publisher, title, url in
                    for (part, text) in [publisher, title, url].compactMap({ $0 }).enumerated() where plain {
                        plain = ByteOutput.isPlainCSV(text, leading: index == 0 && part == 0)
                    }
                }
            }
            if plain {
                for index in 0..<row.sourceCount {
                    if index > 0 { output.append(" | ") }
                    row.withSource(index) { publisher, title, url in
                        for (part, text) in [publisher, title, url].compactMap({ $0 }).enumerated() {
                            if part > 0 { output.append(" — ") }
                            output.append(text)
                        }
                    }
                }
            } else {
                let sources = (0..<row.sourceCount).map { index in
                    row.withSource(index) { publisher, title, url in
                        [publisher, title, url].compactMap { $0.map { String(decoding: $0, as: UTF8.self) } }.joined(separator: " — ")
                    }
                }
                output.appendCSVField(sources.joined(separator: " | "))
            }
        }
        output.append("\r\n")
        output.recordEnded()
    }

    package func markdown(into output: inout ByteOutput) {
        output.append("| Date | Kind | Parties | Title | Sources |\n|---|---|---|---|---|\n")
        for event in events {
            let sources = event.sources.map { $0.publisher ?? $0.title ?? $0.url ?? "" }.joined(separator: "; ")
            output.append("| " + [event.date.description, kindText(event), partiesText(event), event.title, sources]
                .map(markdownCell).joined(separator: " | ") + " |\n")
            output.recordEnded()
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
