import Foundation
import DiplographCore

/// GDELT event files: 2.0 (61 tab-separated columns, `.export.CSV`) and 1.0 daily
/// files (57 columns, 58 from April 2013 with SOURCEURL). No header row.
///
/// Mapping, row by row:
/// - Actor1/Actor2 → nodes. An actor with a CAMEO country code is that country's
///   `state` node (id: the code in lower case, alias: the code, so `--actor ARM`
///   finds it); one with a known-group code (IGOs, NGOs, rebels) an `organization`
///   by that code; any other named actor an `organization` by its actor code. A row
///   with neither actor is skipped (`no-actor`); with one, the event has one side.
/// - EventCode → kind and stance by the table in `CAMEO`; the code is kept, as text,
///   in the `cameo` attribute (QuadClass follows from its root, so it is not kept).
/// - GoldsteinScale → tone (both run −10…+10).
/// - SQLDATE → the day-precision date; DATEADDED → the source's date; SOURCEURL →
///   the source (publisher: the web host).
/// - GLOBALEVENTID → the id `gdelt-<id>`.
package enum GDELTImporter {
    static let actor1 = ActorColumns(code: 5, name: 6, country: 7, knownGroup: 8)
    static let actor2 = ActorColumns(code: 15, name: 16, country: 17, knownGroup: 18)
    static let eventCode = 26
    static let quadClass = 29
    static let goldstein = 30

    struct ActorColumns {
        let code: Int
        let name: Int
        let country: Int
        let knownGroup: Int
    }

    /// Column positions that differ between versions.
    struct Layout {
        let columns: Int
        let dateAdded: Int
        let sourceURL: Int?
        let name: String

        static func forColumnCount(_ count: Int) -> Layout? {
            switch count {
            case 61: Layout(columns: 61, dateAdded: 59, sourceURL: 60, name: "GDELT 2.0 events")
            case 58: Layout(columns: 58, dateAdded: 56, sourceURL: 57, name: "GDELT 1.0 daily events")
            case 57: Layout(columns: 57, dateAdded: 56, sourceURL: nil, name: "GDELT 1.0 daily events (no SOURCEURL)")
            default: nil
            }
        }
    }

    /// Whether `line` looks like a GDELT row: a known column count, a numeric id and
    /// an eight-digit SQLDATE.
    static func looksLikeGDELT(_ line: Substring) -> Bool {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard Layout.forColumnCount(fields.count) != nil else { return false }
        return fields[0].allSatisfy(\.isNumber) && fields[1].count == 8 && fields[1].allSatisfy(\.isNumber)
    }

    /// Streams the file in blocks of 16 MiB: memory stays bounded by the block and
    /// the events made, not by the file's size.
    package static func load(path: String, options: LoadOptions) throws(FormatError) -> ImportResult {
        if let result = loadOnTwoCores(path: path, options: options) { return result }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FormatError(.unreadable(path))
        }
        defer { try? handle.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var parser = Parser(file: path, options: options)
        var carry: [UInt8] = []
        var consumed = 0
        while true {
            let block: Data
            do {
                block = try handle.read(upToCount: 16 << 20) ?? Data()
            } catch {
                throw FormatError(Diagnostic(code: .unreadableFile, file: path, message: "reading failed (\(error.localizedDescription))",
                                             hint: "check the disk and the file, then try again"))
            }
            if block.isEmpty { break }
            consumed += block.count
            carry.append(contentsOf: block)
            // Parse every complete line; keep the unfinished one for the next block.
            guard let lastNewline = carry.lastIndex(of: 10) else { continue }
            try carry.withUnsafeBufferPointer { (buffer) throws(FormatError) in
                try parser.parse(buffer.baseAddress!, 0, lastNewline + 1)
            }
            carry.removeSubrange(0...lastNewline)
            options.progress?(consumed, total)
        }
        if !carry.isEmpty {
            carry.append(10)
            try carry.withUnsafeBufferPointer { (buffer) throws(FormatError) in
                try parser.parse(buffer.baseAddress!, 0, buffer.count)
            }
        }
        return parser.finish()
    }

    /// Parses a whole file held in memory (tests, and callers that have the bytes).
    package static func load(bytes raw: UnsafeRawBufferPointer, file: String,
                            options: LoadOptions) throws(FormatError) -> ImportResult {
        var parser = Parser(file: file, options: options)
        if let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 {
            try parser.parse(base, 0, raw.count)
        }
        return parser.finish()
    }

    /// The state of one file's import, carried from block to block.
    struct Parser {
        let file: String
        var assembly: ImportAssembly
        var layout: Layout?
        var cache = NodeCache()
        /// Per CAMEO code (its bytes packed in an integer): the mapping and the
        /// interned title and attributes, worked out once.
        /// (A packed table and a list: a `Dictionary` hashed the code with SipHash on
        /// every row.)
        var codeSlots = PackedKeyTable(capacity: 512)
        var codes: [(kind: EventKind, stance: Stance?, title: Int32, attributes: Int32)] = []
        /// The event id being written: `gdelt-` then the number; and the pending row's.
        var idBuffer: [UInt8] = Array("gdelt-".utf8)
        var pendingID: [UInt8] = Array("gdelt-".utf8)
        var seenIDs = RisingIDSet()
        /// The row read, checked and not yet added (see `commitPending`).
        /// (Not an optional, and read in place: a row copied in and out cost 5 % of
        /// the load's profile.)
        var pending = ReadRow.placeholder
        var hasPending = false
        /// The last url read (its bytes where they lie, in the bytes `parse` reads),
        /// its row's DATEADDED and its source's index. GDELT writes the rows coded
        /// from one article together (in the real sample in `../shared/data` a third
        /// of the rows repeat the url of the row before): a repeat is compared with the
        /// last url's bytes, still in cache, instead of hashed and looked up in a table
        /// of a million.
        /// (The bytes as an address and a count: a parser is handed between threads.)
        var lastURL = (address: UInt(0), count: 0, recorded: EventDate?.none, index: Int32(-1))
        var lineNumber = 0
        /// Lines before the bytes this parser reads, for the line numbers it writes into
        /// the ids of repeated rows; nil until needed when counting them costs a pass
        /// over the bytes before (`linesBefore` does: the second half of a two-core read).
        var lineOffset: Int? = 0
        var linesBefore: (base: UInt, count: Int)?

        init(file: String, options: LoadOptions) {
            self.file = file
            assembly = ImportAssembly(options: options, format: "GDELT")
        }

        consuming func finish() -> ImportResult {
            assembly.finish()
        }

        /// Parses the lines in `start..<end` (the last one may lack its newline).
        mutating func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(FormatError) {
            // The bytes of an earlier call may be gone (a block read over, pages dropped).
            lastURL.address = 0
            var fields = ByteFields(base: base)
            var lineStart = start
            while lineStart < end {
                let lineEnd = fields.splitLine(lineStart, end)
                lineNumber += 1
                // One empty field: a blank line (or a lone CR), skipped.
                if fields.count > 1 || !fields.isEmpty(0) { try row(fields) }
                lineStart = lineEnd + 1
            }
            commitPending(base)
        }

        private mutating func row(_ fields: ByteFields) throws(FormatError) {
            assembly.report.rowsRead += 1
            if layout == nil {
                layout = Layout.forColumnCount(fields.count)
                if let layout { assembly.report.format = layout.name }
            }
            guard let layout, fields.count == layout.columns else {
                try assembly.problem(.wrongColumnCount, file: file, line: lineNumber,
                                     "\(fields.count) tab-separated fields; GDELT rows have 61 (2.0) or 57/58 (1.0)")
                return
            }
            guard let id = fields.integer(0) else {
                try assembly.problem(.badNumber, file: file, line: lineNumber, "GLOBALEVENTID '\(fields.string(0))' is not a number")
                return
            }
            guard let parts = fields.compactDate(1), let date = validDate(parts) else {
                try assembly.problem(.badDate, file: file, line: lineNumber, "SQLDATE '\(fields.string(1))' is not a real YYYYMMDD date")
                return
            }
            guard let mapping = try codeMapping(fields) else { return }
            let first = actor(actor1, fields, &cache, &assembly)
            let second = actor(actor2, fields, &cache, &assembly)
            guard first != nil || second != nil else {
                try assembly.problem(.noActor, file: file, line: lineNumber, "neither Actor1 nor Actor2 is coded")
                return
            }
            var tone: Double?
            if !fields.isEmpty(goldstein) {
                guard let value = fields.decimal(goldstein), (-10...10).contains(value) else {
                    try assembly.problem(.badNumber, file: file, line: lineNumber,
                                         "GoldsteinScale '\(fields.string(goldstein))' is not a number from -10 to 10")
                    return
                }
                tone = value
            }
            let recorded = fields.compactDate(layout.dateAdded).flatMap(validDate)
            var url: Range<Int>?
            var host: Range<Int>?
            var source: Int32 = -1
            if let column = layout.sourceURL, !fields.isEmpty(column) {
                let bytes = fields.bytes(column)
                if recorded != lastURL.recorded || !lastURLMatches(bytes) {
                    (lastURL.address, lastURL.count) = (UInt(bitPattern: bytes.baseAddress), bytes.count)
                    assembly.builder.prefetch(url: bytes)
                    lastURL.recorded = recorded
                    url = fields.range(column)
                    host = fields.hostRange(column)
                }
            } else {
                source = Array("GDELT".utf8).withUnsafeBufferPointer { publisher in
                    Array("GLOBALEVENTID \(id)".utf8).withUnsafeBufferPointer { note in
                        assembly.builder.source(publisher: publisher, url: nil, date: recorded, note: note)
                    }
                }
            }
            assembly.builder.prefetchMerge(kind: mapping.kind, first: date.firstDay, last: date.lastDay, actor: first,
                                           target: second)
            idBuffer.removeSubrange(6...)
            if !seenIDs.insert(id) {
                if lineOffset == nil, let before = linesBefore {
                    lineOffset = MappedFile.lineCount(UnsafePointer(bitPattern: before.base)!, before.count)
                }
                let line = lineNumber + (lineOffset ?? 0)
                try assembly.problem(.duplicateID, file: file, line: lineNumber,
                                     "GLOBALEVENTID \(id) appears again; kept as gdelt-\(id)-line-\(line)", skipped: false)
                idBuffer += Array("\(id)-line-\(line)".utf8)
            } else {
                // The id's own digits, unless it has leading zeros (`gdelt-` takes the number).
                let digits = fields.bytes(0)
                if digits.count > 1 && digits[0] == 48 {
                    GDELTImporter.appendDigits(id, to: &idBuffer)
                } else {
                    idBuffer.append(contentsOf: digits)
                }
            }
            // The row before this one is added now, with this row's table slots on
            // their way meanwhile (a miss each in tables of a million, which the
            // earlier prefetch in the same row only half hid: `make bench`).
            commitPending(fields.base)
            hasPending = true
            pending = ReadRow(kind: mapping.kind, date: DateSpan(date), title: mapping.title, actor: first, target: second,
                              stance: mapping.stance, tone: tone, attributeSet: mapping.attributes, recorded: recorded,
                              url: url, host: host, source: source)
            swap(&idBuffer, &pendingID)
        }

        private func lastURLMatches(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
            guard lastURL.address != 0, lastURL.count == url.count, let base = url.baseAddress else { return false }
            return memcmp(UnsafeRawPointer(bitPattern: lastURL.address)!, base, url.count) == 0
        }

        /// Adds the row read last: its source (unless it repeats the one before) and
        /// its event. Called by the next row, and at the end of the bytes.
        mutating func commitPending(_ base: UnsafePointer<UInt8>) {
            guard hasPending else { return }
            hasPending = false
            var source = pending.source
            if let url = pending.url {
                source = assembly.builder.source(
                    publisher: pending.host.map { UnsafeBufferPointer(start: base + $0.lowerBound, count: $0.count) },
                    url: UnsafeBufferPointer(start: base + url.lowerBound, count: url.count), date: pending.recorded)
                lastURL.index = source
            } else if source < 0 {
                source = lastURL.index
            }
            pendingID.withUnsafeBufferPointer { id in
                assembly.addRow(id: id, kind: pending.kind, date: pending.date, title: pending.title, actor: pending.actor,
                                target: pending.target, stance: pending.stance, tone: pending.tone, source: source,
                                attributeSet: pending.attributeSet)
            }
        }

        /// The kind, stance, title and attributes of the row's CAMEO code, or nil
        /// (reported) when it is not a CAMEO code.
        private mutating func codeMapping(_ fields: ByteFields) throws(FormatError)
            -> (kind: EventKind, stance: Stance?, title: Int32, attributes: Int32)? {
            let range = fields.range(eventCode)
            var packed: UInt64 = UInt64(range.count)
            if range.count <= 6 {
                for index in range { packed = packed << 8 | UInt64(fields.base[index]) }
                if let known = codeSlots.value(packed, 0, 0) { return codes[Int(known)] }
            }
            let code = fields.string(eventCode)
            guard let mapping = CAMEO.mapping(for: code) else {
                try assembly.problem(.badEventCode, file: file, line: lineNumber, "EventCode '\(code)' is not a CAMEO code")
                return nil
            }
            let title = assembly.builder.text("\(CAMEO.rootNames[String(code.prefix(2))] ?? "event") (CAMEO \(code))")
            let entry = (mapping.kind, mapping.stance, title, assembly.builder.attributeSet(["cameo": code]))
            if range.count <= 6 {
                _ = codeSlots.valueOrInsert(packed, 0, 0, Int32(codes.count))
                codes.append(entry)
            }
            return entry
        }
    }

    /// A row read and checked, waiting for `Parser.commitPending`. `url` and `host`
    /// are offsets in the bytes being parsed; without `url`, `source` is the row's
    /// source, or -1 for the last url's.
    struct ReadRow {
        let kind: EventKind
        let date: DateSpan
        let title: Int32
        let actor: Int32?
        let target: Int32?
        let stance: Stance?
        let tone: Double?
        let attributeSet: Int32
        let recorded: EventDate?
        var url: Range<Int>?
        var host: Range<Int>?
        var source: Int32 = -1

        static let placeholder = ReadRow(kind: .meeting, date: DateSpan(EventDate(year: 1)), title: 0, actor: nil, target: nil,
                                         stance: nil, tone: nil, attributeSet: 0, recorded: nil)
    }

    /// The ids seen so far. GDELT ids rise through a file, so they are kept in a sorted
    /// array (binary search) and only out-of-order ones in a hash set.
    struct RisingIDSet {
        private var rising: [Int] = []
        private var others = Set<Int>()
        /// The smallest and largest ids added.
        private(set) var range: ClosedRange<Int>?

        /// Makes room for `count` ids in order, so the list is not copied to grow.
        mutating func reserve(_ count: Int) {
            rising.reserveCapacity(count)
        }

        /// Adds `id`; false when it was there already.
        mutating func insert(_ id: Int) -> Bool {
            range = range.map { min($0.lowerBound, id)...max($0.upperBound, id) } ?? id...id
            if let last = rising.last, id <= last {
                var low = 0
                var high = rising.count
                while low < high {
                    let middle = (low + high) / 2
                    if rising[middle] < id { low = middle + 1 } else { high = middle }
                }
                if low < rising.count, rising[low] == id { return false }
                return others.insert(id).inserted
            }
            rising.append(id)
            return true
        }
    }

    /// Appends the decimal digits of a non-negative number.
    static func appendDigits(_ number: Int, to buffer: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 && count < 24
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }


    /// Node ids by actor code, so a code's node is worked out once per file.
    struct NodeCache {
        /// Codes of up to eight bytes, packed into an integer: position, or -1 for
        /// "no actor". Longer codes use `ids`.
        var packed = PackedKeyTable(capacity: 4096)
        var ids: [String: Int32?] = [:]
    }

    /// The node position of one actor of the row, or nil when the row does not code it.
    private static func actor(_ columns: ActorColumns, _ fields: ByteFields, _ cache: inout NodeCache,
                              _ assembly: inout ImportAssembly) -> Int32? {
        let range = fields.range(columns.code)
        // Without a code the node comes from the other columns alone: not cached.
        if range.isEmpty { return uncachedActor(columns, fields, "", &assembly) }
        var key: UInt64 = 0
        if range.count <= 8 {
            for index in range { key = key << 8 | UInt64(fields.base[index]) }
            if let known = cache.packed.value(key, UInt64(range.count), 0) { return known < 0 ? nil : known }
        }
        let code = fields.string(columns.code)
        if range.count > 8, let cached = cache.ids[code] { return cached }
        let id = uncachedActor(columns, fields, code, &assembly)
        if range.count <= 8 {
            _ = cache.packed.valueOrInsert(key, UInt64(range.count), 0, id ?? -1)
        } else {
            cache.ids[code] = id
        }
        return id
    }

    /// The node position of an actor worked out from its columns (see `actor`).
    private static func uncachedActor(_ columns: ActorColumns, _ fields: ByteFields, _ code: String,
                                      _ assembly: inout ImportAssembly) -> Int32? {
        let id: Int32?
        if let country = fields.text(columns.country) {
            let name = country == code ? fields.text(columns.name).map(titleCased) : nil
            // A pure country actor names the country (the node may exist by code).
            id = assembly.position(country.lowercased(), kind: .state, name: name ?? country, alias: country)
            if let name { assembly.rename(country.lowercased(), to: name) }
        } else if let group = fields.text(columns.knownGroup) {
            id = assembly.position(group.lowercased(), kind: .organization,
                                   name: fields.text(columns.name).map(titleCased) ?? group, alias: group)
        } else if !code.isEmpty, let name = fields.text(columns.name) {
            id = assembly.position(slug(code), kind: .organization, name: titleCased(name), alias: code)
        } else {
            id = nil
        }
        return id
    }

    static func validDate(_ parts: EventDateParts) -> EventDate? {
        guard (1...9999).contains(parts.year), (1...12).contains(parts.month),
              (1...Day.daysIn(month: parts.month, year: parts.year)).contains(parts.day) else { return nil }
        return EventDate(year: parts.year, month: parts.month, day: parts.day)
    }

    /// The host of a web address without `www.` (`https://www.bbc.co.uk/x` → `bbc.co.uk`).
    static func host(of url: String) -> String? {
        var bytes = Array(url.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var fields = ByteFields(base: UnsafePointer(buffer.baseAddress!))
            fields.split(0, buffer.count, separator: 0)
            return fields.host(0)
        }
    }
}
