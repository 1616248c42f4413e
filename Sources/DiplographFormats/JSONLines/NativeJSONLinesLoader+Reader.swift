import Foundation
import DiplographCore

extension NativeJSONLinesLoader {
    /// Reads lines into an event table, collecting every problem.
    struct Reader {
        typealias Field = NativeJSONLinesLoader.Field

        let file: String
        var builder = EventTableBuilder()
        var diagnostics: [Diagnostic] = []
        var title: String?
        var notes: [String] = []
        var offices: [Office] = []
        /// The current line (1-based).
        var line = 0
        /// By node position: the line that defined it (0: not yet).
        var defined: [Int] = []
        /// By node position: where it was first referenced (line 0: never), in what
        /// role, and the kinds all its references allow (bits, see `bit(_:)`).
        var referenceLines: [Int] = []
        var referenceColumns: [Int] = []
        var referenceRoles: [String] = []
        var allowedKinds: [UInt8] = []
        /// Ids of events and offices, to find duplicates.
        var recordIDs = StringPool()
        /// Node positions by id (pool index → position), so a reference is looked up
        /// by its bytes.
        var nodeIDs = StringPool()
        var nodeOfID: [Int32] = []
        /// Attribute sets by the text of their object: coded data repeats a few sets.
        var attributeTexts = StringPool()
        var attributeSetOfText: [Int32] = []
        /// Reused from line to line: the tokens, and the line object's fields by code.
        var tape: [JSONToken] = []
        var topLevel = [Int32](repeating: -1, count: Int(Field.allCases.count) + 1)
        var actors: [Int32] = []
        var targets: [Int32] = []
        var issues: [Int32] = []
        var sources: [Int32] = []

        init(file: String) {
            self.file = file
        }

        mutating func report(_ code: Diagnostic.Code, _ offset: Int, _ message: String, hint: String) {
            diagnostics.append(Diagnostic(code: code, file: file, line: line, column: offset + 1, message: message, hint: hint))
        }

        /// Reads the lines of `base[start..<end]`, 16 MiB at a time; `mapped`: the
        /// bytes are a file mapping, whose pages are dropped once read (no value keeps a
        /// pointer into them), so memory does not grow by the file's size.
        mutating func read(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, mapped: Bool = false) {
            var chunkStart = start
            while chunkStart < end {
                let limit = min(end, chunkStart + (16 << 20))
                let chunkEnd = limit == end ? end : memchr(base + limit, 10, end - limit)
                    .map { UnsafeRawPointer(base).distance(to: $0) + 1 } ?? end
                readLines(base, chunkStart, chunkEnd)
                if mapped { MappedFile.dropPages(base, from: chunkStart, to: chunkEnd) }
                chunkStart = chunkEnd
            }
        }

        private mutating func readLines(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
            var start = start
            if start == 0, end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
            while start < end {
                let lineEnd = memchr(base + start, 10, end - start).map { UnsafeRawPointer(base).distance(to: $0) } ?? end
                line += 1
                readLine(base, start, lineEnd)
                start = lineEnd + 1
            }
        }

        private mutating func readLine(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
            var scanner = JSONScanner(base: base, start: start, end: end)
            scanner.skipSpace()
            guard scanner.position < end else { return }
            // (Swapped out and back, not copied: see `readEvent`.)
            var tokens: [JSONToken] = [], fields: [Int32] = []
            swap(&tokens, &tape)
            swap(&fields, &topLevel)
            defer {
                swap(&tokens, &tape)
                swap(&fields, &topLevel)
            }
            for code in fields.indices { fields[code] = -1 }
            // The tape keeps its length from line to line: the line's tokens are the
            // first `count`.
            let count: Int
            do throws(JSONScanError) {
                count = try scanner.scan(into: &tokens)
                scanner.skipSpace()
                if scanner.position < scanner.end {
                    throw JSONScanError(offset: scanner.position, message: "text after the object")
                }
            } catch {
                report(.syntax, error.offset - start, "not JSON: \(error.message)", hint: "one JSON object per line")
                return
            }
            guard tokens[0].kind == .object else {
                report(.wrongType, 0, "the line is not a JSON object", hint: "one JSON object per line")
                return
            }
            for index in 0..<count {
                let token = tokens[index]
                if token.nonASCII,
                   String(validating: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start),
                          as: UTF8.self) == nil {
                    report(.invalidEncoding, token.start - 1 - start, "text that is not UTF-8", hint: "save the file as UTF-8")
                    return
                }
                guard token.kind == .object else { continue }
                var key = index + 1
                while key < Int(token.next) {
                    let name = tokens[key]
                    let raw = UnsafeBufferPointer(start: base + name.start, count: name.end - name.start)
                    let code = name.escaped ? JSONScanner.decoded(raw)?.withUnsafeBufferPointer(Field.code) ?? 0
                                            : Field.code(of: raw)
                    tokens[key].field = code
                    if index == 0, code != 0, fields[Int(code)] < 0 { fields[Int(code)] = Int32(key + 1) }
                    key = Int(tokens[key + 1].next)
                }
            }
            tokens.withUnsafeBufferPointer { tokens in
                fields.withUnsafeBufferPointer { fields in
                    readRecord(JSONLine(base: base, tokens: UnsafeBufferPointer(rebasing: tokens[..<count]), topLevel: fields,
                                        start: start))
                }
            }
        }

        /// Reads the record of a scanned line.
        private mutating func readRecord(_ view: JSONLine) {
            let type = view.field(0, .type)
            if type == nil || view.withBytes(type!, { "event".utf8.elementsEqual($0) }) ?? true {
                readEvent(view)
                return
            }
            switch view.string(type!) {
            case "node": readNode(view)
            case "office": readOffice(view)
            case "dataset":
                title = title ?? view.string(0, .title)
                notes += view.strings(0, .notes)
            case let other:
                report(.unknownKind, view.offset(0, .type), "unknown record type '\(other ?? "")'",
                       hint: "use dataset, node, office or event")
            }
        }

        // MARK: Fields

        /// A string field that is present and not blank.
        private mutating func required(_ view: JSONLine, _ object: Int, _ field: Field, _ what: @autoclosure () -> String) -> Int? {
            guard let token = view.field(object, field), !view.isBlank(token) else {
                report(.missingField, view.offset(object, field), "\(what()) has no '\(field.key)'",
                       hint: "add \"\(field.key)\": …")
                return nil
            }
            return token
        }

        private mutating func slugID(_ view: JSONLine, _ what: @autoclosure () -> String) -> Int? {
            guard let token = required(view, 0, .id, what()) else { return nil }
            guard view.withBytes(token, { FieldReader.isSlug($0) }) == true else {
                report(.badID, view.offset(0, .id), "id '\(view.string(token) ?? "")' is not a slug",
                       hint: "use lowercase letters, digits and single hyphens, e.g. ararat-mirzoyan")
                return nil
            }
            return token
        }

        private mutating func date(_ view: JSONLine, _ object: Int, _ field: Field, required isRequired: Bool) -> EventDate? {
            // Absent, not a string, or a broken escape: missing.
            guard let token = view.field(object, field),
                  let parsed = view.withBytes(token, { bytes in
                      Result { () throws(TimeError) -> EventDate in try EventDate(utf8: bytes) }
                  }) else {
                if isRequired {
                    report(.missingField, view.offset(object, field), "no '\(field.key)'", hint: "add \"\(field.key)\": \"YYYY-MM-DD\"")
                }
                return nil
            }
            switch parsed {
            case .success(let date): return date
            case .failure(let error):
                report(.badDate, view.offset(object, field), "'\(field.key)': \(error.message)", hint: error.hint)
                return nil
            }
        }

        /// An optional text of the event table (-1: none).
        private mutating func text(_ view: JSONLine, _ field: Field) -> Int32 {
            view.field(0, field).flatMap { token in view.withBytes(token) { builder.text($0) } } ?? -1
        }

        // MARK: Nodes

        /// A node reference by id: the node's position (a placeholder until its line
        /// is read).
        private mutating func position(_ id: UnsafeBufferPointer<UInt8>) -> Int32 {
            let known = nodeIDs.count
            let index = Int(nodeIDs.intern(id))
            if index < known { return nodeOfID[index] }
            let text = String(decoding: id, as: UTF8.self)
            let position = builder.node(text) { Node(id: text, kind: .organization, name: text) }
            nodeOfID.append(position)
            trackNodes(through: Int(position))
            return position
        }

        /// Room in the per-node records (not defined, not referenced) up to `position`.
        mutating func trackNodes(through position: Int) {
            while defined.count <= position {
                defined.append(0)
                referenceLines.append(0)
                referenceColumns.append(0)
                referenceRoles.append("")
                allowedKinds.append(0xFF)
            }
        }

        private mutating func reference(_ id: UnsafeBufferPointer<UInt8>, column: Int, role: String, allowed: UInt8) -> Int32 {
            let node = position(id)
            let index = Int(node)
            if referenceLines[index] == 0 {
                referenceLines[index] = line
                referenceColumns[index] = column
                referenceRoles[index] = role
            }
            allowedKinds[index] &= allowed
            return node
        }

        /// The references of a field (one id or a list) into `list`.
        private mutating func references(_ view: JSONLine, _ field: Field, role: String, allowed: UInt8,
                                         into list: inout [Int32]) {
            list.removeAll(keepingCapacity: true)
            guard let token = view.field(0, field) else { return }
            let column = view.offset(0, field) + 1
            view.forEachString(token) { element in
                if let node = view.withBytes(element, { reference($0, column: column, role: role, allowed: allowed) }) {
                    list.append(node)
                }
            }
        }

        private mutating func readNode(_ view: JSONLine) {
            guard let idToken = slugID(view, "a node"), let id = view.string(idToken),
                  let kindText = required(view, 0, .kind, "node '\(id)'").flatMap(view.string),
                  let name = required(view, 0, .name, "node '\(id)'").flatMap(view.string) else { return }
            guard let kind = NodeKind(rawValue: kindText) else {
                report(.unknownKind, view.offset(0, .kind), "unknown node kind '\(kindText)'",
                       hint: "use one of: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
                return
            }
            var copy = id
            let node = Int(copy.withUTF8 { position($0) })
            if defined[node] != 0 {
                report(.duplicateID, view.offset(0, .id), "duplicate id '\(id)'", hint: "it is first defined on line \(defined[node])")
                return
            }
            defined[node] = line
            var lifecycle: [LifecyclePhase] = []
            if let phases = view.field(0, .lifecycle) {
                for phase in view.elements(phases) where view.tokens[phase].kind == .object {
                    guard let status = view.string(phase, .status), let from = date(view, phase, .from, required: true)
                    else { continue }
                    lifecycle.append(LifecyclePhase(status: status, from: from, to: date(view, phase, .to, required: false)))
                }
            }
            let aliases = view.strings(0, .aliases)
            let attributes = view.field(0, .attributes).map(view.dictionary) ?? [:]
            builder.update(Int32(node)) { node in
                node = Node(id: id, kind: kind, name: name, aliases: aliases, attributes: attributes, lifecycle: lifecycle)
            }
        }

        // MARK: Records

        /// The sources of a record into `sources`; false (after a report) when a
        /// source is unusable or there is none.
        private mutating func readSources(_ view: JSONLine, _ what: @autoclosure () -> String) -> Bool {
            sources.removeAll(keepingCapacity: true)
            if let list = view.field(0, .sources) {
                for item in view.elements(list) where view.tokens[item].kind == .object {
                    // One pass over the source's fields (the first of each name counts).
                    var (publisher, title, url, note): (Int?, Int?, Int?, Int?) = (nil, nil, nil, nil)
                    var key = item + 1
                    while key < Int(view.tokens[item].next) {
                        let value = key + 1
                        if view.tokens[value].kind == .string, !view.tokens[value].escaped || view.withBytes(value, { _ in true }) != nil {
                            switch Field(rawValue: view.tokens[key].field) {
                            case .publisher?: publisher = publisher ?? value
                            case .title?: title = title ?? value
                            case .url?: url = url ?? value
                            case .note?: note = note ?? value
                            default: break
                            }
                        }
                        key = Int(view.tokens[value].next)
                    }
                    if let url, view.withBytes(url, Self.isWebAddress) != true {
                        report(.badSource, view.offset(item, .url), "source url '\(view.string(url) ?? "")' is not a web address",
                               hint: "give an http(s) address")
                        return false
                    }
                    let date = date(view, item, .date, required: false)
                    guard publisher != nil || title != nil || url != nil else {
                        report(.badSource, view.offset(item, .publisher), "a source names no publisher, title or url",
                               hint: "say where the fact comes from")
                        return false
                    }
                    func intern(_ token: Int?) -> Int32 {
                        token.flatMap { view.withBytes($0) { builder.sourceText($0) } } ?? -1
                    }
                    let publisherIndex = publisher.flatMap { view.withBytes($0) { builder.sourcePublisher($0) } } ?? -1
                    sources.append(builder.source(publisher: publisherIndex, title: intern(title), url: intern(url),
                                                  date: date, note: intern(note)))
                }
            }
            guard !sources.isEmpty else {
                report(.missingSource, view.offset(0, .sources), "\(what()) has no source", hint: "add \"sources\": [{\"publisher\": …}]")
                return false
            }
            return true
        }

        /// Whether `bytes` start with `https://` or `http://`.
        static func isWebAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= 7, let base = bytes.baseAddress else { return false }
            let head = UnsafeRawPointer(base).loadUnaligned(as: UInt32.self)
            guard head == UInt32(littleEndian: 0x7074_7468) else { return false }  // "http"
            if bytes.count >= 8, base[4] == 115, base[5] == 58, base[6] == 47, base[7] == 47 { return true }  // "s://"
            return base[4] == 58 && base[5] == 47 && base[6] == 47  // "://"
        }

        /// Whether `id` is new among events and offices (reported when not).
        private mutating func isNewRecord(_ id: UnsafeBufferPointer<UInt8>, _ view: JSONLine, hint: String) -> Bool {
            let known = recordIDs.count
            guard Int(recordIDs.intern(id)) >= known else {
                report(.duplicateID, view.offset(0, .id), "duplicate id '\(String(decoding: id, as: UTF8.self))'", hint: hint)
                return false
            }
            return true
        }

        private mutating func readOffice(_ view: JSONLine) {
            guard let idToken = slugID(view, "an office"), let id = view.string(idToken),
                  let person = required(view, 0, .person, "office '\(id)'").flatMap(view.string),
                  let post = required(view, 0, .post, "office '\(id)'").flatMap(view.string),
                  let organization = required(view, 0, .in, "office '\(id)'").flatMap(view.string),
                  let from = date(view, 0, .from, required: true), readSources(view, "office '\(id)'")
            else { return }
            let sourceValues = sources.map { builder.sourceValue($0) }
            for (text, field, role, allowed) in [(person, Field.person, "the office holder", bit(.person)),
                                                 (organization, .in, "the state or organization of the post",
                                                  bit(.state) | bit(.organization))] {
                var copy = text
                _ = copy.withUTF8 { reference($0, column: view.offset(0, field) + 1, role: role, allowed: allowed) }
            }
            var copy = id
            guard copy.withUTF8({ isNewRecord($0, view, hint: "give each record its own id") }) else { return }
            offices.append(Office(id: id, person: person, post: post, organization: organization, from: from,
                                  to: date(view, 0, .to, required: false), sources: sourceValues))
        }

        private mutating func readEvent(_ view: JSONLine) {
            guard let idToken = slugID(view, "an event") else { return }
            // The id's and the first url's table slots, on their way while the rest of
            // the line is read (each is a cache miss in tables of a million).
            _ = view.withBytes(idToken) { recordIDs.prefetch($0) }
            if let list = view.field(0, .sources) {
                var items = view.elements(list)
                if let item = items.next(), let url = view.field(item, .url) {
                    _ = view.withBytes(url) { builder.prefetch(url: $0) }
                }
            }
            // Names for messages, made only when there is something to say.
            var what: String { "event '\(view.string(idToken) ?? "")'" }
            guard let kindToken = required(view, 0, .kind, what) else { return }
            guard let kind = view.withBytes(kindToken, { eventKinds.value($0) }) ?? nil else {
                report(.unknownKind, view.offset(0, .kind), "unknown event kind '\(view.string(kindToken) ?? "")'",
                       hint: "use one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
                return
            }
            guard let dateToken = required(view, 0, .date, what), let titleToken = required(view, 0, .title, what) else { return }
            let parsed = view.withBytes(dateToken) { bytes in
                Result { () throws(TimeError) -> DateSpan in try DateSpan(utf8: bytes) }
            }
            guard case .success(let span)? = parsed else {
                if case .failure(let error)? = parsed {
                    report(error.code == .rangeEndsBeforeStart ? .rangeEndsBeforeStart : .badDate, view.offset(0, .date),
                           "'date': \(error.message)", hint: error.hint)
                }
                return
            }
            var tone: Double?
            if let token = view.field(0, .tone), view.tokens[token].kind == .number {
                guard let number = view.number(token) else {
                    report(.wrongType, view.offset(0, .tone), "'tone' is not a number", hint: "use -10 (conflict) to 10")
                    return
                }
                guard (-10...10).contains(number) else {
                    report(.outOfRange, view.offset(0, .tone), "tone \(number) is outside -10…10", hint: "use -10 (conflict) to 10")
                    return
                }
                tone = number
            }
            var stance: Stance?
            if kind == .statement, let token = view.field(0, .stance), view.tokens[token].kind == .string {
                guard let parsed = view.withBytes(token, { stances.value($0) }) ?? nil else {
                    report(.unknownStance, view.offset(0, .stance), "unknown stance '\(view.string(token) ?? "")'",
                           hint: "use one of: \(Stance.allCases.map(\.rawValue).joined(separator: ", "))")
                    return
                }
                stance = parsed
            }
            guard readSources(view, what) else { return }
            // The lists are taken out while references are read (they change `self`).
            // (Swapped, not copied: a copy costs a retain and a release per list.)
            var actors: [Int32] = [], targets: [Int32] = [], issues: [Int32] = []
            swap(&actors, &self.actors)
            swap(&targets, &self.targets)
            swap(&issues, &self.issues)
            defer {
                swap(&actors, &self.actors)
                swap(&targets, &self.targets)
                swap(&issues, &self.issues)
            }
            targets.removeAll(keepingCapacity: true)
            switch kind {
            case .meeting: references(view, .participants, role: "a participant", allowed: actorKinds, into: &actors)
            case .agreement: references(view, .parties, role: "a party", allowed: actorKinds, into: &actors)
            case .statement:
                references(view, .speaker, role: "the speaker", allowed: actorKinds, into: &actors)
                references(view, .addressees, role: "an addressee", allowed: actorKinds, into: &targets)
            case .event:
                references(view, .actors, role: "an actor", allowed: actorKinds, into: &actors)
                references(view, .targets, role: "a target", allowed: actorKinds, into: &targets)
            }
            if actors.isEmpty, targets.isEmpty {
                report(.missingField, 0, "\(what) names no participants", hint: "list who took part")
                return
            }
            guard view.withBytes(idToken, { isNewRecord($0, view, hint: "give each event its own id") }) == true else { return }
            references(view, .issues, role: "an issue", allowed: bit(.issue), into: &issues)
            let title = view.withBytes(titleToken) { builder.text($0) } ?? -1
            let location = text(view, .location), summary = text(view, .summary), quote = text(view, .quote)
            let attributes = attributeSet(view)
            view.withBytes(idToken) { id in
                builder.appendInterned(id: id, kind: kind, date: span, title: title, actors: actors, targets: targets,
                                       issues: issues, stance: stance, location: location, summary: summary,
                                       quote: quote, tone: tone, sources: sources, attributeSet: attributes)
            }
        }

        /// The attribute set of the line's `attributes` object (0, the empty set, when
        /// there is none), looked up by the object's text first.
        private mutating func attributeSet(_ view: JSONLine) -> Int32 {
            guard let token = view.field(0, .attributes), view.tokens[token].kind == .object else { return 0 }
            let value = view.tokens[token]
            let known = attributeTexts.count
            let index = Int(attributeTexts.intern(UnsafeBufferPointer(start: view.base + value.start,
                                                                      count: value.end - value.start)))
            if index < known { return attributeSetOfText[index] }
            let set = builder.attributeSet(view.dictionary(token))
            attributeSetOfText.append(set)
            return set
        }

        consuming func finish() throws(FormatError) -> Loaded {
            let (nodes, table) = builder.finish()
            for (index, node) in nodes.enumerated() where referenceLines[index] != 0 {
                if defined[index] == 0 {
                    diagnostics.append(Diagnostic(code: .unknownReference, file: file, line: referenceLines[index],
                                                  column: referenceColumns[index],
                                                  message: "\(referenceRoles[index]) '\(node.id)' is not a node of the dataset",
                                                  hint: "add a line {\"type\": \"node\", \"id\": \"\(node.id)\", …}"))
                } else if allowedKinds[index] & bit(node.kind) == 0 {
                    diagnostics.append(Diagnostic(code: .wrongNodeKind, file: file, line: referenceLines[index],
                                                  column: referenceColumns[index],
                                                  message: "\(referenceRoles[index]) '\(node.id)' is a \(node.kind.rawValue)",
                                                  hint: "reference a node of the right kind"))
                }
            }
            guard diagnostics.isEmpty else { throw FormatError(diagnostics: diagnostics) }
            return Loaded(title: title, notes: notes, nodes: nodes, offices: offices, table: table)
        }
    }
}
