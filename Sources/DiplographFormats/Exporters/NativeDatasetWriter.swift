import DiplographCore

/// Writes a dataset in the native format, as JSON. Loading the output gives an equal
/// dataset: every field the loader reads is written, dates as written (precision and
/// `~` kept), tone as the shortest decimal that reads back to the same number.
package enum NativeDatasetWriter {
    package static func json(_ dataset: Dataset) -> String {
        var top: [(String, JSONValue)] = []
        if dataset.title != nil || !dataset.notes.isEmpty {
            var meta: [(String, JSONValue)] = []
            if let title = dataset.title { meta.append(("title", .string(title))) }
            if !dataset.notes.isEmpty { meta.append(("notes", .array(dataset.notes.map(JSONValue.string)))) }
            top.append(("dataset", .object(meta)))
        }
        top.append(("nodes", .array(dataset.nodes.map(node))))
        top.append(("offices", .array(dataset.offices.map(office))))
        top.append(("events", .array(dataset.events.map(event))))
        return JSONValue.object(top).serialized() + "\n"
    }

    /// The dataset as JSON lines (see `NativeJSONLinesLoader`): a `dataset` line,
    /// then nodes, offices and events, one per line.
    package static func jsonLines(_ dataset: Dataset) -> String {
        var lines: [String] = []
        if dataset.title != nil || !dataset.notes.isEmpty {
            var meta: [(String, JSONValue)] = [("type", .string("dataset"))]
            if let title = dataset.title { meta.append(("title", .string(title))) }
            if !dataset.notes.isEmpty { meta.append(("notes", .array(dataset.notes.map(JSONValue.string)))) }
            lines.append(JSONValue.object(meta).compact())
        }
        func typed(_ type: String, _ value: JSONValue) -> String {
            guard case .object(let pairs) = value else { return value.compact() }
            return JSONValue.object([("type", .string(type))] + pairs).compact()
        }
        lines += dataset.nodes.map { typed("node", node($0)) }
        lines += dataset.offices.map { typed("office", office($0)) }
        lines += dataset.events.map { typed("event", event($0)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The part of `store` a selection covers: its events, the offices whose terms
    /// reach into the selection's days, and every node they refer to.
    package static func subset(of store: any EventStore, snapshot: Snapshot) -> Dataset {
        let first = snapshot.eventDays?.first
        let offices = store.offices.filter { office in
            snapshot.nodeIDs.contains(office.person)
                && office.term.overlaps(DayInterval(first: first ?? office.from.firstDay, last: snapshot.day))
        }
        var referenced = Set(snapshot.nodeIDs)
        for event in snapshot.events { referenced.formUnion(event.actors + event.targets + event.issues) }
        for office in offices { referenced.formUnion([office.person, office.organization]) }
        return Dataset(title: store.title, notes: store.notes, nodes: store.nodes.filter { referenced.contains($0.id) },
                       offices: offices, events: Array(snapshot.events))
    }

    /// The whole store as a dataset.
    package static func dataset(of store: any EventStore) -> Dataset {
        Dataset(title: store.title, notes: store.notes, nodes: store.nodes, offices: store.offices,
                events: Array(store.timeline(TimelineQuery())))
    }

    private static func sources(_ sources: [Source]) -> JSONValue {
        .array(sources.map { source in
            var pairs: [(String, JSONValue)] = []
            if let publisher = source.publisher { pairs.append(("publisher", .string(publisher))) }
            if let title = source.title { pairs.append(("title", .string(title))) }
            if let url = source.url { pairs.append(("url", .string(url))) }
            if let date = source.date { pairs.append(("date", .string(date.description))) }
            if let note = source.note { pairs.append(("note", .string(note))) }
            return .object(pairs)
        })
    }

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    private static func dictionary(_ values: [String: String]) -> JSONValue {
        .object(values.keys.sorted().map { ($0, .string(values[$0]!)) })
    }

    private static func node(_ node: Node) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(node.id)), ("kind", .string(node.kind.rawValue)), ("name", .string(node.name)),
        ]
        if !node.aliases.isEmpty { pairs.append(("aliases", strings(node.aliases))) }
        if !node.attributes.isEmpty { pairs.append(("attributes", dictionary(node.attributes))) }
        if !node.lifecycle.isEmpty {
            pairs.append(("lifecycle", .array(node.lifecycle.map { phase in
                var fields: [(String, JSONValue)] = [("status", .string(phase.status)), ("from", .string(phase.from.description))]
                if let to = phase.to { fields.append(("to", .string(to.description))) }
                return .object(fields)
            })))
        }
        return .object(pairs)
    }

    private static func office(_ office: Office) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(office.id)), ("person", .string(office.person)), ("post", .string(office.post)),
            ("in", .string(office.organization)), ("from", .string(office.from.description)),
        ]
        if let to = office.to { pairs.append(("to", .string(to.description))) }
        pairs.append(("sources", sources(office.sources)))
        return .object(pairs)
    }

    private static func event(_ event: Event) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(event.id)), ("kind", .string(event.kind.rawValue)),
            ("date", .string(event.date.description)), ("title", .string(event.title)),
        ]
        switch event.kind {
        // Meetings and agreements have no sides: imported ones may carry their second
        // party as a target, written here as one more participant.
        case .meeting: pairs.append(("participants", strings(event.parties)))
        case .agreement: pairs.append(("parties", strings(event.parties)))
        case .statement:
            if let speaker = event.actors.first { pairs.append(("speaker", .string(speaker))) }
            if !event.targets.isEmpty { pairs.append(("addressees", strings(event.targets))) }
            if let stance = event.stance { pairs.append(("stance", .string(stance.rawValue))) }
        case .event:
            pairs.append(("actors", strings(event.actors)))
            if !event.targets.isEmpty { pairs.append(("targets", strings(event.targets))) }
        }
        if !event.issues.isEmpty { pairs.append(("issues", strings(event.issues))) }
        if let location = event.location { pairs.append(("location", .string(location))) }
        if let summary = event.summary { pairs.append(("summary", .string(summary))) }
        if let quote = event.quote { pairs.append(("quote", .string(quote))) }
        if let tone = event.tone { pairs.append(("tone", .number(tone))) }
        if !event.attributes.isEmpty { pairs.append(("attributes", dictionary(event.attributes))) }
        pairs.append(("sources", sources(event.sources)))
        return .object(pairs)
    }
}
