import Foundation
import DiplographCore
import Yams

/// Collects the records of every file of a dataset, then checks what crosses files:
/// unique ids and resolvable references of the right node kind.
struct DatasetAssembler {
    private var diagnostics: [Diagnostic] = []
    private var title: String?
    private var notes: [String] = []
    private var nodes: [DiplographCore.Node] = []
    private var offices: [Office] = []
    private var events: [Event] = []
    /// Where each id was defined (nodes share one namespace, events and offices another).
    private var nodeDefinitions: [String: Place] = [:]
    private var recordDefinitions: [String: Place] = [:]
    /// References to check once every file is read.
    private var references: [Reference] = []

    struct Place {
        let file: String
        let line: Int
        let column: Int

        init(file: String, node: YAMLNode) {
            self.file = file
            line = node.mark?.line ?? 0
            column = node.mark?.column ?? 0
        }
    }

    struct Reference {
        let id: String
        let place: Place
        let role: String
        let allowed: Set<NodeKind>
    }

    static let actorKinds: Set<NodeKind> = [.person, .state, .organization]

    mutating func read(_ text: String, file: String) {
        var reader = FieldReader(file: file)
        defer { diagnostics += reader.diagnostics }
        let root: YAMLNode?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file))
            return
        } catch {
            diagnostics.append(Diagnostic(code: .syntax, file: file, line: 0, column: 0,
                                          message: "\(error)", hint: "check the YAML/JSON syntax"))
            return
        }
        guard let root else { return }  // An empty file adds nothing.
        guard let top = reader.fields(of: root, what: "the file", allowed: NativeDatasetLoader.sections) else { return }
        if let meta = top.values["dataset"],
           let fields = reader.fields(of: meta, what: "'dataset'", allowed: ["title", "notes"]) {
            if title == nil { title = reader.string(fields, "title") }
            notes += reader.strings(fields, "notes").map(\.0)
        }
        for item in reader.list(top, "nodes") { readNode(item, &reader) }
        for item in reader.list(top, "offices") { readOffice(item, &reader) }
        for item in reader.list(top, "events") { readEvent(item, &reader) }
    }

    // MARK: Records

    private mutating func readNode(_ item: YAMLNode, _ reader: inout FieldReader) {
        guard var fields = reader.fields(of: item, what: "a node",
                                         allowed: ["id", "kind", "name", "aliases", "attributes", "lifecycle", "note"])
        else { return }
        let id = reader.id(fields)
        let what = id.map { "node '\($0.0)'" } ?? "a node"
        fields.what = what
        let kindText = reader.string(fields, "kind", required: true)
        let kind = kindText.flatMap(NodeKind.init(rawValue:))
        if let kindText, kind == nil {
            reader.report(.unknownKind, at: fields.values["kind"], "unknown node kind '\(kindText)' in \(what)",
                          hint: "use one of: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = reader.string(fields, "name", required: true)
        var attributes = reader.dictionary(fields, "attributes")
        if let note = reader.string(fields, "note") { attributes["note"] = note }
        var lifecycle: [LifecyclePhase] = []
        for phaseNode in reader.list(fields, "lifecycle") {
            guard let phase = reader.fields(of: phaseNode, what: "a lifecycle phase of \(what)",
                                            allowed: ["status", "from", "to"]) else { continue }
            let status = reader.string(phase, "status", required: true)
            let from = reader.date(phase, "from", required: true)
            let to = reader.date(phase, "to")
            if let from, let to, to.lastDay < from.firstDay {
                reader.report(.rangeEndsBeforeStart, at: phase.values["to"],
                              "lifecycle phase of \(what) ends (\(to)) before it starts (\(from))",
                              hint: "swap 'from' and 'to', or fix the year")
            }
            if let status, let from { lifecycle.append(LifecyclePhase(status: status, from: from, to: to)) }
        }
        if !lifecycle.isEmpty, let kind, kind != .issue {
            reader.report(.wrongNodeKind, at: fields.keyNodes["lifecycle"], "\(what) is a \(kind.rawValue) and has a lifecycle",
                          hint: "only issues have a lifecycle; make the node kind 'issue' or drop 'lifecycle'")
        }
        guard let (nodeID, idNode) = id, let kind, let name else { return }
        guard define(nodeID, at: Place(file: reader.file, node: idNode), in: \.nodeDefinitions, &reader, idNode) else { return }
        nodes.append(DiplographCore.Node(id: nodeID, kind: kind, name: name, aliases: reader.strings(fields, "aliases").map(\.0),
                          attributes: attributes, lifecycle: lifecycle))
    }

    private mutating func readOffice(_ item: YAMLNode, _ reader: inout FieldReader) {
        guard var fields = reader.fields(of: item, what: "an office",
                                         allowed: ["id", "person", "post", "in", "from", "to", "sources"])
        else { return }
        let id = reader.id(fields)
        let what = id.map { "office '\($0.0)'" } ?? "an office"
        fields.what = what
        let person = reference(fields, "person", role: "the office holder", allowed: [.person], &reader)
        let organization = reference(fields, "in", role: "the state or organization of the post",
                                     allowed: [.state, .organization], &reader)
        let post = reader.string(fields, "post", required: true)
        let from = reader.date(fields, "from", required: true)
        let to = reader.date(fields, "to")
        if let from, let to, to.lastDay < from.firstDay {
            reader.report(.rangeEndsBeforeStart, at: fields.values["to"], "\(what) ends (\(to)) before it starts (\(from))",
                          hint: "swap 'from' and 'to', or fix the year")
        }
        let sources = readSources(fields, what: what, &reader)
        guard let (officeID, idNode) = id, let person, let organization, let post, let from, let sources else { return }
        guard define(officeID, at: Place(file: reader.file, node: idNode), in: \.recordDefinitions, &reader, idNode) else { return }
        offices.append(Office(id: officeID, person: person, post: post, organization: organization,
                              from: from, to: to, sources: sources))
    }

    /// Fields every event may have, then those of each kind (the actor roles).
    static let commonEventFields = ["id", "kind", "date", "after", "before", "title", "issues", "location", "summary", "quote",
                                    "tone", "sources", "attributes"]
    static let roleFields: [EventKind: [String]] = [
        .meeting: ["participants"], .agreement: ["parties"],
        .statement: ["speaker", "addressees", "stance"], .event: ["actors", "targets"],
    ]

    private mutating func readEvent(_ item: YAMLNode, _ reader: inout FieldReader) {
        // The kind decides which role fields are allowed, so read it first.
        let kindNode = item.mapping?["kind"]
        let kindText = kindNode?.scalar?.string
        let kind = kindText.flatMap(EventKind.init(rawValue:))
        let allowed = Self.commonEventFields + (kind.flatMap { Self.roleFields[$0] } ?? Self.roleFields.values.flatMap { $0 })
        guard var fields = reader.fields(of: item, what: "an event", allowed: allowed) else { return }
        let id = reader.id(fields)
        let what = id.map { "event '\($0.0)'" } ?? "an event"
        fields.what = what
        if kindNode == nil {
            reader.report(.missingField, at: item, "\(what) has no 'kind'",
                          hint: "add `kind:` with one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
        } else if kind == nil {
            reader.report(.unknownKind, at: kindNode, "unknown event kind '\(kindText ?? "")' in \(what)",
                          hint: "use one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let date = eventDate(fields, item, &reader)
        let title = reader.string(fields, "title", required: true)
        let issues = references(fields, "issues", role: "an issue", allowed: [.issue], &reader)
        let tone = reader.number(fields, "tone", in: -10...10)
        let sources = readSources(fields, what: what, &reader)

        var actors: [NodeID] = []
        var targets: [NodeID] = []
        var stance: Stance?
        switch kind {
        case .meeting:
            actors = references(fields, "participants", role: "a participant", allowed: Self.actorKinds, &reader)
            if fields.values["participants"] != nil, Set(actors).count < 2 {
                reader.report(.tooFewParticipants, at: fields.values["participants"],
                              "\(what) is a meeting with fewer than two participants",
                              hint: "list at least two participants, or make it a statement or an event")
            } else if fields.values["participants"] == nil {
                reader.report(.missingField, at: item, "\(what) has no 'participants'", hint: "list who met")
            }
        case .agreement:
            actors = references(fields, "parties", role: "a party", allowed: Self.actorKinds, &reader)
            if fields.values["parties"] == nil {
                reader.report(.missingField, at: item, "\(what) has no 'parties'", hint: "list who agreed")
            }
        case .statement:
            if let speaker = reference(fields, "speaker", role: "the speaker", allowed: Self.actorKinds, &reader) {
                actors = [speaker]
            }
            targets = references(fields, "addressees", role: "an addressee", allowed: Self.actorKinds, &reader)
            if let stanceText = reader.string(fields, "stance") {
                stance = Stance(rawValue: stanceText)
                if stance == nil {
                    let suggestion = reader.closest(to: stanceText, in: Stance.allCases.map(\.rawValue))
                    reader.report(.unknownStance, at: fields.values["stance"], "unknown stance '\(stanceText)' in \(what)",
                                  hint: (suggestion.map { "did you mean '\($0)'? " } ?? "")
                                      + "use one of: \(Stance.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
        case .event:
            actors = references(fields, "actors", role: "an actor", allowed: Self.actorKinds, &reader)
            targets = references(fields, "targets", role: "a target", allowed: Self.actorKinds, &reader)
            if actors.isEmpty, fields.values["actors"] == nil {
                reader.report(.missingField, at: item, "\(what) has no 'actors'", hint: "list who acted")
            }
        case nil:
            break
        }
        guard let (eventID, idNode) = id, let kind, let date, let title, let sources else { return }
        guard define(eventID, at: Place(file: reader.file, node: idNode), in: \.recordDefinitions, &reader, idNode) else { return }
        events.append(Event(id: eventID, kind: kind, date: date, title: title, actors: actors, targets: targets,
                            issues: issues, stance: stance, location: reader.string(fields, "location"),
                            summary: reader.string(fields, "summary"), quote: reader.string(fields, "quote"),
                            tone: tone, sources: sources, attributes: reader.dictionary(fields, "attributes")))
    }

    /// `date`, narrowed by `after` and `before` when given; or, with no date, the days
    /// between those bounds (see `DateSpan.between`).
    private func eventDate(_ fields: Fields, _ item: YAMLNode, _ reader: inout FieldReader) -> DateSpan? {
        let bounded = fields.values["after"] != nil || fields.values["before"] != nil
        guard bounded else { return reader.span(fields, "date") }
        let span = fields.values["date"] == nil ? nil : reader.span(fields, "date")
        if fields.values["date"] != nil, span == nil { return nil }
        let after = reader.date(fields, "after"), before = reader.date(fields, "before")
        if fields.values["after"] != nil, after == nil { return nil }
        if fields.values["before"] != nil, before == nil { return nil }
        do {
            return try DateSpan.between(after: after, before: before, within: span)
        } catch {
            reader.report(error.code == .rangeEndsBeforeStart ? .rangeEndsBeforeStart : .missingField,
                          at: fields.values["after"] ?? fields.values["before"] ?? item,
                          "\(fields.what): \(error.message)", hint: error.hint)
            return nil
        }
    }

    private mutating func readSources(_ fields: Fields, what: String, _ reader: inout FieldReader) -> [Source]? {
        let items = reader.list(fields, "sources")
        guard !items.isEmpty else {
            reader.report(.missingSource, at: fields.values["sources"] ?? fields.node, "\(what) has no source",
                          hint: "add `sources:` with at least one entry giving a publisher, title or url")
            return nil
        }
        var sources: [Source] = []
        for item in items {
            guard let source = reader.fields(of: item, what: "a source of \(what)",
                                             allowed: ["publisher", "title", "url", "date", "note"]) else { return nil }
            let url = reader.string(source, "url")
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                reader.report(.badSource, at: source.values["url"], "source url '\(url)' of \(what) is not a web address",
                              hint: "give an http:// or https:// address")
            }
            let entry = Source(publisher: reader.string(source, "publisher"), title: reader.string(source, "title"),
                               url: url, date: reader.date(source, "date"), note: reader.string(source, "note"))
            if entry.publisher == nil, entry.title == nil, entry.url == nil {
                reader.report(.badSource, at: item, "a source of \(what) names no publisher, title or url",
                              hint: "say where the fact comes from")
            }
            sources.append(entry)
        }
        return sources
    }

    // MARK: Ids and references

    private mutating func define(_ id: String, at place: Place, in table: WritableKeyPath<DatasetAssembler, [String: Place]>,
                                 _ reader: inout FieldReader, _ node: YAMLNode) -> Bool {
        if let first = self[keyPath: table][id] {
            reader.report(.duplicateID, at: node, "duplicate id '\(id)'",
                          hint: "it is first defined at \(first.file):\(first.line):\(first.column); give each record its own id")
            return false
        }
        self[keyPath: table][id] = place
        return true
    }

    private mutating func reference(_ fields: Fields, _ key: String, role: String, allowed: Set<NodeKind>,
                                    _ reader: inout FieldReader) -> NodeID? {
        guard let id = reader.string(fields, key, required: true), let node = fields.values[key] else { return nil }
        references.append(Reference(id: id, place: Place(file: reader.file, node: node), role: role, allowed: allowed))
        return id
    }

    private mutating func references(_ fields: Fields, _ key: String, role: String, allowed: Set<NodeKind>,
                                     _ reader: inout FieldReader) -> [NodeID] {
        reader.strings(fields, key).map { id, node in
            references.append(Reference(id: id, place: Place(file: reader.file, node: node), role: role, allowed: allowed))
            return id
        }
    }

    /// Checks every reference, then returns the dataset or every problem found.
    func finish() throws(FormatError) -> Dataset {
        var all = diagnostics
        var kinds: [NodeID: NodeKind] = [:]
        for node in nodes { kinds[node.id] = node.kind }
        let ids = kinds.keys.sorted()
        for reference in references {
            let place = reference.place
            guard let kind = kinds[reference.id] else {
                // Nodes dropped for their own errors are already reported; do not pile on.
                guard nodeDefinitions[reference.id] == nil else { continue }
                let near = FieldReader(file: place.file).closest(to: reference.id, in: ids)
                all.append(Diagnostic(code: .unknownReference, file: place.file, line: place.line, column: place.column,
                                      message: "\(reference.role) '\(reference.id)' is not a node of the dataset",
                                      hint: (near.map { "did you mean '\($0)'? " } ?? "")
                                          + "define it under `nodes:` or fix the id"))
                continue
            }
            if !reference.allowed.contains(kind) {
                let expected = reference.allowed.map(\.rawValue).sorted().joined(separator: " or ")
                all.append(Diagnostic(code: .wrongNodeKind, file: place.file, line: place.line, column: place.column,
                                      message: "\(reference.role) '\(reference.id)' is a \(kind.rawValue), expected \(expected)",
                                      hint: "reference a node of the right kind"))
            }
        }
        guard all.isEmpty else { throw FormatError(diagnostics: all) }
        return Dataset(title: title, notes: notes, nodes: nodes, offices: offices, events: events)
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        let hint = "check the YAML/JSON syntax at that place (indentation, quotes, ': ' inside unquoted text)"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(code: .syntax, file: file, line: mark.line, column: mark.column, message: detail, hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(code: .syntax, file: file, line: context.mark.line, column: context.mark.column,
                              message: "a mapping repeats the key(s) \(duplicates.joined(separator: ", "))",
                              hint: "give each field once")
        case let .reader(problem, _, _, _):
            return Diagnostic(code: .invalidEncoding, file: file, line: 0, column: 0, message: problem, hint: "save the file as UTF-8")
        default:
            return Diagnostic(code: .syntax, file: file, line: 0, column: 0, message: "\(error)", hint: hint)
        }
    }
}
