import Foundation
import DiplographCore

/// The native format as JSON lines (`.jsonl`, `.ndjson`): one object per line, for
/// datasets too large for one YAML or JSON document. Each line has a `type` —
/// `dataset`, `node`, `office` or `event` (the default) — and the fields of that record
/// in the native format. References may point to nodes defined on later lines.
///
/// Read with a byte-level scanner (`JSONScanner`) straight into an event table: ids,
/// titles, sources, node references and attribute sets are interned from bytes, so
/// an event line makes no `String` (`make bench`: native JSON lines). Every problem
/// is reported with its line and column, as for YAML.
package enum NativeJSONLinesLoader {
    package struct Loaded: Sendable {
        package let title: String?
        package let notes: [String]
        package let nodes: [Node]
        package let offices: [Office]
        package var table: EventTable

        /// Builds the store, handing the table over: a reference left in the loaded
        /// value would make the store's work in place (renumbering, reordering) copy
        /// each column first.
        package consuming func makeStore() -> InMemoryStore {
            var this = self
            let table = this.table
            this.table = EventTable()
            return InMemoryStore(title: this.title, notes: this.notes, nodes: this.nodes, offices: this.offices, table: table)
        }
    }

    package static func load(path: String) throws(FormatError) -> Loaded {
        if let mapped = MappedFile(path: path) {
            return try mapped.withBytes { base, count throws(FormatError) in
                if let loaded = loadOnTwoCores(base: base, count: count, file: path, mapped: true) { return loaded }
                var reader = Reader(file: path)
                reader.read(base, 0, count, mapped: true)
                return try reader.finish()
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(diagnostics: [Diagnostic(code: .unreadableFile, file: path, line: 0, column: 0,
                                                         message: "cannot read the file", hint: "check the path")])
        }
        return try data.withUnsafeBytes { raw in
            Result { () throws(FormatError) -> Loaded in
                try load(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, file: path)
            }
        }.get()
    }

    /// Reads from bytes in memory (tests).
    package static func load(text: String, file: String) throws(FormatError) -> Loaded {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(FormatError) -> Loaded in
                try load(buffer.baseAddress.map { UnsafePointer($0) }, buffer.count, file: file)
            }
        }.get()
    }

    static func load(_ base: UnsafePointer<UInt8>?, _ count: Int, file: String) throws(FormatError) -> Loaded {
        var reader = Reader(file: file)
        if let base { reader.read(base, 0, count) }
        return try reader.finish()
    }

    /// The field names the reader knows, as codes stored on key tokens (0: other).
    enum Field: UInt8, CaseIterable {
        case type = 1, id, kind, name, date, title, participants, parties, speaker, addressees, actors, targets, issues
        case stance, location, summary, quote, tone, sources, attributes, aliases, lifecycle, status, from, to
        case person, post, `in`, publisher, url, note, notes

        /// The name as written in a file.
        var key: String {
            self == .in ? "in" : String(describing: self)
        }

        static let names = ByteNames(allCases.map { ($0.key, $0) })

        /// The code of a key's name, or 0.
        static func code(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
            names.value(bytes)?.rawValue ?? 0
        }
    }

    /// Node kinds as bits, for the kinds a node's references allow.
    static func bit(_ kind: NodeKind) -> UInt8 {
        switch kind {
        case .person: 1
        case .state: 2
        case .organization: 4
        case .issue: 8
        }
    }

    static let actorKinds = bit(.person) | bit(.state) | bit(.organization)

    static let eventKinds = ByteNames(EventKind.allCases.map { ($0.rawValue, $0) })
    static let stances = ByteNames(Stance.allCases.map { ($0.rawValue, $0) })

    /// Values by the bytes of their names (see `NameIndex`).
    struct ByteNames<Value: Sendable>: Sendable {
        private let index: NameIndex
        private let values: [Value]

        init(_ names: [(String, Value)]) {
            index = NameIndex(names.map(\.0))
            values = names.map(\.1)
        }

        @inline(__always)
        func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
            index.position(of: bytes).map { values[$0] }
        }
    }

    /// Positions of names by their bytes, compared as two words (the first 16 bytes;
    /// longer names are compared in full after): a line has a dozen keys and a kind
    /// or stance, and a `memcmp` call each showed in the profile. Not generic, so
    /// that the lookup is compiled once, inline (the generic one called closures).
    struct NameIndex: Sendable {
        private let names: [(words: (UInt64, UInt64), count: Int)]
        private let bytes: [[UInt8]]
        /// Open addressing over 256 slots: a name's position + 1, or 0. (A scan of
        /// the names took a tenth of reading a JSON line: every key of every object
        /// is looked up, and `url` was thirtieth.)
        private let slots: [UInt8]

        init(_ names: [String]) {
            precondition(names.count < 128)
            bytes = names.map { Array($0.utf8) }
            self.names = bytes.map { bytes in (bytes.withUnsafeBufferPointer(Self.words), bytes.count) }
            var slots = [UInt8](repeating: 0, count: 256)
            for (position, name) in self.names.enumerated() {
                var slot = Self.slot(name.words, name.count)
                while slots[slot] != 0 { slot = (slot + 1) & 255 }
                slots[slot] = UInt8(position + 1)
            }
            self.slots = slots
        }

        @inline(__always)
        private static func slot(_ words: (UInt64, UInt64), _ count: Int) -> Int {
            Int(truncatingIfNeeded: ((words.0 ^ (words.1 &* 31) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        }

        /// The first 16 bytes as two words, zero-padded.
        @inline(__always)
        private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
            guard let base = bytes.baseAddress else { return (0, 0) }
            var words: (UInt64, UInt64) = (0, 0)
            if bytes.count >= 8 {
                words.0 = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
                for index in 8..<min(16, bytes.count) { words.1 |= UInt64(base[index]) << (8 * (index - 8)) }
            } else {
                for index in 0..<bytes.count { words.0 |= UInt64(base[index]) << (8 * index) }
            }
            return words
        }

        func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            let key = Self.words(bytes)
            var slot = Self.slot(key, bytes.count)
            while slots[slot] != 0 {
                let position = Int(slots[slot]) - 1
                if names[position].words == key, names[position].count == bytes.count,
                   bytes.count <= 16 || self.bytes[position].elementsEqual(bytes) {
                    return position
                }
                slot = (slot + 1) & 255
            }
            return nil
        }
    }
}
