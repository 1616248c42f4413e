import Foundation
import Graph

/// The native format as JSON lines (`.jsonl`, `.ndjson`): one object per line, for
/// datasets too large for one YAML or JSON document. Each line has a `type` —
/// `dataset`, `node`, `office` or `event` (the default) — and the fields of that record
/// in the native format. References may point to nodes defined on later lines.
///
/// Read with a byte-level scanner (`JSONScanner`) straight into an event table; every
/// problem is reported with its line and column, as for YAML.
public enum NativeJSONLinesLoader {
    public struct Loaded: Sendable {
        public let title: String?
        public let notes: [String]
        public let nodes: [Node]
        public let offices: [Office]
        public let table: EventTable
    }

    public static func load(path: String) throws(DatasetError) -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(diagnostics: [Diagnostic(code: .unreadableFile, file: path, line: 0, column: 0,
                                                         message: "cannot read the file", hint: "check the path")])
        }
        return try data.withUnsafeBytes { raw in
            Result { () throws(DatasetError) -> Loaded in
                var reader = Reader(file: path)
                if let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) { reader.read(base, raw.count) }
                return try reader.finish()
            }
        }.get()
    }

    /// Reads from bytes in memory (tests).
    public static func load(text: String, file: String) throws(DatasetError) -> Loaded {
        var bytes = Array(text.utf8)
        var reader = Reader(file: file)
        bytes.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { reader.read(UnsafePointer(base), buffer.count) }
        }
        return try reader.finish()
    }

    struct Reader {
        let file: String
        var builder = EventTableBuilder()
        var diagnostics: [Diagnostic] = []
        var title: String?
        var notes: [String] = []
        var offices: [Office] = []
        /// By node position: the line that defined it (0: not yet), and where it was
        /// first referenced with the kinds its roles allow.
        var defined: [Int] = []
        var references: [(line: Int, column: Int, allowed: Set<NodeKind>, role: String)?] = []
        var eventIDs = Set<String>()
        var line = 0

        init(file: String) {
            self.file = file
        }

        mutating func report(_ code: Diagnostic.Code, _ offset: Int, _ message: String, hint: String) {
            diagnostics.append(Diagnostic(code: code, file: file, line: line, column: offset + 1, message: message, hint: hint))
        }

        mutating func read(_ base: UnsafePointer<UInt8>, _ count: Int) {
            var start = 0
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
            while start < count {
                var end = start
                while end < count, base[end] != 10 { end += 1 }
                line += 1
                var scanner = JSONScanner(base: base, start: start, end: end)
                scanner.skipSpace()
                if scanner.position < end { readLine(&scanner, lineStart: start) }
                start = end + 1
            }
        }

        private mutating func readLine(_ scanner: inout JSONScanner, lineStart: Int) {
            let value: ScannedJSON
            do throws(JSONScanError) {
                value = try scanner.value()
                scanner.skipSpace()
                if scanner.position < scanner.end {
                    throw JSONScanError(offset: scanner.position, message: "text after the object")
                }
            } catch {
                report(.syntax, error.offset - lineStart, "not JSON: \(error.message)", hint: "one JSON object per line")
                return
            }
            guard case .object(let pairs) = value else {
                report(.wrongType, 0, "the line is not a JSON object", hint: "one JSON object per line")
                return
            }
            let record = Record(pairs: pairs, scanner: scanner, lineStart: lineStart)
            switch record.string("type") ?? "event" {
            case "event": readEvent(record)
            case "node": readNode(record)
            case "office": readOffice(record)
            case "dataset":
                title = title ?? record.string("title")
                notes += record.strings("notes")
            case let other:
                report(.unknownKind, record.offset("type"), "unknown record type '\(other)'",
                       hint: "use dataset, node, office or event")
            }
        }

        // MARK: Records

        private mutating func required(_ record: Record, _ key: StaticString, _ what: String) -> String? {
            guard let text = record.string(key), text.utf8.contains(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) else {
                report(.missingField, record.offset(key), "\(what) has no '\(key)'", hint: "add \"\(key)\": …")
                return nil
            }
            return text
        }

        private mutating func slugID(_ record: Record, _ what: String) -> String? {
            guard let id = required(record, "id", what) else { return nil }
            guard FieldReader.isSlug(id) else {
                report(.badID, record.offset("id"), "id '\(id)' is not a slug",
                       hint: "use lowercase letters, digits and single hyphens, e.g. ararat-mirzoyan")
                return nil
            }
            return id
        }

        private mutating func date(_ record: Record, _ key: StaticString, required isRequired: Bool) -> EventDate? {
            guard let text = record.string(key) else {
                if isRequired { report(.missingField, record.offset(key), "no '\(key)'", hint: "add \"\(key)\": \"YYYY-MM-DD\"") }
                return nil
            }
            do {
                return try EventDate(parsing: text)
            } catch {
                report(.badDate, record.offset(key), "'\(key)': \(error.message)", hint: error.hint)
                return nil
            }
        }

        /// A node reference: the node's position (a placeholder until its line is read).
        private mutating func position(_ id: String) -> Int {
            let position = Int(builder.node(id) { Node(id: id, kind: .organization, name: id) })
            if position == defined.count {
                defined.append(0)
                references.append(nil)
            }
            return position
        }

        private mutating func reference(_ id: String, _ record: Record, _ key: StaticString, role: String,
                                        allowed: Set<NodeKind>) -> Int32 {
            let node = position(id)
            if let previous = references[node] {
                if !allowed.isSuperset(of: previous.allowed) {
                    references[node] = (previous.line, previous.column, previous.allowed.intersection(allowed), previous.role)
                }
            } else {
                references[node] = (line, record.offset(key) + 1, allowed, role)
            }
            return Int32(node)
        }

        private mutating func readNode(_ record: Record) {
            guard let id = slugID(record, "a node"), let kindText = required(record, "kind", "node '\(id)'"),
                  let name = required(record, "name", "node '\(id)'") else { return }
            guard let kind = NodeKind(rawValue: kindText) else {
                report(.unknownKind, record.offset("kind"), "unknown node kind '\(kindText)'",
                       hint: "use one of: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
                return
            }
            let node = position(id)
            if defined[node] != 0 {
                report(.duplicateID, record.offset("id"), "duplicate id '\(id)'", hint: "it is first defined on line \(defined[node])")
                return
            }
            defined[node] = line
            var lifecycle: [LifecyclePhase] = []
            for phase in record.objects("lifecycle") {
                guard let status = phase.string("status"), let from = date(phase, "from", required: true) else { continue }
                lifecycle.append(LifecyclePhase(status: status, from: from, to: date(phase, "to", required: false)))
            }
            let aliases = record.strings("aliases")
            let attributes = record.dictionary("attributes")
            builder.update(Int32(node)) { node in
                node = Node(id: id, kind: kind, name: name, aliases: aliases, attributes: attributes, lifecycle: lifecycle)
            }
        }

        private mutating func readSources(_ record: Record, _ what: String) -> [Source]? {
            let items = record.objects("sources")
            guard !items.isEmpty else {
                report(.missingSource, record.offset("sources"), "\(what) has no source",
                       hint: "add \"sources\": [{\"publisher\": …}]")
                return nil
            }
            var sources: [Source] = []
            for item in items {
                let url = item.string("url")
                if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                    report(.badSource, item.offset("url"), "source url '\(url)' is not a web address", hint: "give an http(s) address")
                    return nil
                }
                let source = Source(publisher: item.string("publisher"), title: item.string("title"), url: url,
                                    date: date(item, "date", required: false), note: item.string("note"))
                guard source.publisher != nil || source.title != nil || url != nil else {
                    report(.badSource, item.offset("publisher"), "a source names no publisher, title or url",
                           hint: "say where the fact comes from")
                    return nil
                }
                sources.append(source)
            }
            return sources
        }

        private mutating func readOffice(_ record: Record) {
            guard let id = slugID(record, "an office"), let person = required(record, "person", "office '\(id)'"),
                  let post = required(record, "post", "office '\(id)'"),
                  let organization = required(record, "in", "office '\(id)'"),
                  let from = date(record, "from", required: true), let sources = readSources(record, "office '\(id)'")
            else { return }
            _ = reference(person, record, "person", role: "the office holder", allowed: [.person])
            _ = reference(organization, record, "in", role: "the state or organization of the post",
                          allowed: [.state, .organization])
            guard eventIDs.insert(id).inserted else {
                report(.duplicateID, record.offset("id"), "duplicate id '\(id)'", hint: "give each record its own id")
                return
            }
            offices.append(Office(id: id, person: person, post: post, organization: organization, from: from,
                                  to: date(record, "to", required: false), sources: sources))
        }

        private mutating func readEvent(_ record: Record) {
            guard let id = slugID(record, "an event"), let kindText = required(record, "kind", "event '\(id)'") else { return }
            guard let kind = EventKind(rawValue: kindText) else {
                report(.unknownKind, record.offset("kind"), "unknown event kind '\(kindText)'",
                       hint: "use one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
                return
            }
            guard let dateText = required(record, "date", "event '\(id)'"), let title = required(record, "title", "event '\(id)'")
            else { return }
            let span: DateSpan
            do {
                span = try DateSpan(parsing: dateText)
            } catch {
                report(error.code == .rangeEndsBeforeStart ? .rangeEndsBeforeStart : .badDate, record.offset("date"),
                       "'date': \(error.message)", hint: error.hint)
                return
            }
            var tone: Double?
            if let number = record.number("tone") {
                guard (-10...10).contains(number) else {
                    report(.outOfRange, record.offset("tone"), "tone \(number) is outside -10…10", hint: "use -10 (conflict) to 10")
                    return
                }
                tone = number
            }
            var stance: Stance?
            if kind == .statement, let text = record.string("stance") {
                guard let parsed = Stance(rawValue: text) else {
                    report(.unknownStance, record.offset("stance"), "unknown stance '\(text)'",
                           hint: "use one of: \(Stance.allCases.map(\.rawValue).joined(separator: ", "))")
                    return
                }
                stance = parsed
            }
            guard let sources = readSources(record, "event '\(id)'") else { return }
            let actorKinds: Set<NodeKind> = [.person, .state, .organization]
            func refs(_ key: StaticString, _ role: String, _ allowed: Set<NodeKind>) -> ArraySlice<Int32> {
                ArraySlice(record.strings(key).map { reference($0, record, key, role: role, allowed: allowed) })
            }
            let actors: ArraySlice<Int32>
            var targets: ArraySlice<Int32> = []
            switch kind {
            case .meeting: actors = refs("participants", "a participant", actorKinds)
            case .agreement: actors = refs("parties", "a party", actorKinds)
            case .statement:
                actors = refs("speaker", "the speaker", actorKinds)
                targets = refs("addressees", "an addressee", actorKinds)
            case .event:
                actors = refs("actors", "an actor", actorKinds)
                targets = refs("targets", "a target", actorKinds)
            }
            if actors.isEmpty, targets.isEmpty {
                report(.missingField, 0, "event '\(id)' names no participants", hint: "list who took part")
                return
            }
            guard eventIDs.insert(id).inserted else {
                report(.duplicateID, record.offset("id"), "duplicate id '\(id)'", hint: "give each event its own id")
                return
            }
            builder.append(id: id, kind: kind, date: span, title: title, actors: actors, targets: targets,
                           issues: refs("issues", "an issue", [.issue]), stance: stance, location: record.string("location"),
                           summary: record.string("summary"), quote: record.string("quote"), tone: tone, sources: sources,
                           attributes: record.dictionary("attributes"))
        }

        consuming func finish() throws(DatasetError) -> Loaded {
            let (nodes, table) = builder.finish()
            for (index, node) in nodes.enumerated() {
                guard let reference = references[index] else { continue }
                if defined[index] == 0 {
                    diagnostics.append(Diagnostic(code: .unknownReference, file: file, line: reference.line,
                                                  column: reference.column,
                                                  message: "\(reference.role) '\(node.id)' is not a node of the dataset",
                                                  hint: "add a line {\"type\": \"node\", \"id\": \"\(node.id)\", …}"))
                } else if !reference.allowed.contains(node.kind) {
                    diagnostics.append(Diagnostic(code: .wrongNodeKind, file: file, line: reference.line, column: reference.column,
                                                  message: "\(reference.role) '\(node.id)' is a \(node.kind.rawValue)",
                                                  hint: "reference a node of the right kind"))
                }
            }
            guard diagnostics.isEmpty else { throw DatasetError(diagnostics: diagnostics) }
            return Loaded(title: title, notes: notes, nodes: nodes, offices: offices, table: table)
        }
    }

    /// One scanned object with typed access to its fields.
    struct Record {
        let pairs: [(key: Range<Int>, value: ScannedJSON)]
        let scanner: JSONScanner
        let lineStart: Int

        func field(_ name: StaticString) -> (key: Range<Int>, value: ScannedJSON)? {
            for pair in pairs where scanner.keyIs(pair.key, name) { return pair }
            return nil
        }

        /// The column offset of a field's key (0 when absent), for error positions.
        func offset(_ name: StaticString) -> Int {
            field(name).map { $0.key.lowerBound - 1 - lineStart } ?? 0
        }

        func text(_ value: ScannedJSON) -> String? {
            if case .string(let range, let escaped) = value { return scanner.text(range, escaped: escaped) }
            return nil
        }

        func string(_ name: StaticString) -> String? {
            field(name).flatMap { text($0.value) }
        }

        func number(_ name: StaticString) -> Double? {
            guard case .number(let range)? = field(name)?.value else { return nil }
            return Double(String(decoding: UnsafeBufferPointer(start: scanner.base + range.lowerBound, count: range.count),
                                 as: UTF8.self))
        }

        func strings(_ name: StaticString) -> [String] {
            switch field(name)?.value {
            case .string?: return string(name).map { [$0] } ?? []
            case .array(let items)?: return items.compactMap(text)
            default: return []
            }
        }

        func objects(_ name: StaticString) -> [Record] {
            guard case .array(let items)? = field(name)?.value else { return [] }
            return items.compactMap { item in
                guard case .object(let pairs) = item else { return nil }
                return Record(pairs: pairs, scanner: scanner, lineStart: lineStart)
            }
        }

        func dictionary(_ name: StaticString) -> [String: String] {
            guard case .object(let pairs)? = field(name)?.value else { return [:] }
            var result: [String: String] = [:]
            for pair in pairs {
                if let key = scanner.text(pair.key, escaped: true), let value = text(pair.value) { result[key] = value }
            }
            return result
        }
    }
}
