import DiplographCore

/// TimelineJS's JSON: one slide per event, issue lifecycles as eras.
///
/// Dates honour precision: a month-precision date has no `day`, a year-precision
/// one only a `year`. TimelineJS renders text as HTML, so every text is escaped and
/// only the http(s) source links the loader accepted become links.
package enum TimelineJSExporter {
    package static func export(store: any EventStore, snapshot: Snapshot) -> String {
        let events: [JSONValue] = snapshot.events.map { event in
            var text = event.summary.map { "<p>\(htmlEscaped($0))</p>" } ?? ""
            if let quote = event.quote { text += "<blockquote>\(htmlEscaped(quote))</blockquote>" }
            let parties = event.parties.map { htmlEscaped(store.name(of: $0)) }.joined(separator: ", ")
            if !parties.isEmpty { text += "<p>\(parties)</p>" }
            let sources = event.sources.map(sourceHTML).joined(separator: "; ")
            if !sources.isEmpty { text += "<p>Sources: \(sources)</p>" }
            var pairs: [(String, JSONValue)] = [
                ("unique_id", .string(event.id)),
                ("start_date", dateObject(event.date.start)),
            ]
            if event.date.isRange { pairs.append(("end_date", dateObject(event.date.end))) }
            if event.date.isApproximate {
                pairs.append(("display_date", .string("c. \(event.date)")))
            }
            pairs.append(("text", .object([("headline", .string(htmlEscaped(event.title))), ("text", .string(text))])))
            pairs.append(("group", .string(event.kind.rawValue)))
            return .object(pairs)
        }
        var eras: [JSONValue] = []
        for id in snapshot.nodeIDs {
            guard let node = store.node(id), node.kind == .issue else { continue }
            for (status, interval) in node.statusIntervals {
                let end = interval.last ?? max(snapshot.day, interval.first)
                eras.append(.object([
                    ("start_date", dateObject(EventDate(interval.first))),
                    ("end_date", dateObject(EventDate(end))),
                    ("text", .object([("headline", .string(htmlEscaped("\(node.name): \(status)")))])),
                ]))
            }
        }
        return JSONValue.object([
            ("title", .object([("text", .object([
                ("headline", .string(htmlEscaped(store.title ?? "Diplograph timeline"))),
                ("text", .string(htmlEscaped(ExportGraph(store: store, snapshot: snapshot).description))),
            ]))])),
            ("events", .array(events)),
            ("eras", .array(eras)),
        ]).serialized() + "\n"
    }

    static func dateObject(_ date: EventDate) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("year", .string(String(date.year)))]
        if let month = date.month { pairs.append(("month", .string(String(month)))) }
        if let day = date.day { pairs.append(("day", .string(String(day)))) }
        return .object(pairs)
    }

    static func sourceHTML(_ source: Source) -> String {
        let name = htmlEscaped(source.publisher ?? source.title ?? source.url ?? "source")
        guard let url = source.url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return name }
        return "<a href=\"\(xmlEscaped(url))\">\(name)</a>"
    }
}
