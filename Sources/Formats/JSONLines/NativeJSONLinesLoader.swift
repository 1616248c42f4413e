import Foundation
import Graph

/// The native format as JSON lines (`.jsonl`, `.ndjson`): one object per line, for
/// datasets too large for one YAML or JSON document. Each line has a `type` —
/// `dataset`, `node`, `office` or `event` (the default) — and the fields of that record
/// in the native format. References may point to nodes defined on later lines.
///
/// Read with a byte-level scanner (`JSONScanner`) straight into an event table: ids,
/// titles, sources, node references and attribute sets are interned from bytes, so
/// an event line makes no `String` (`make bench`: native JSON lines). Every problem
/// is reported with its line and column, as for YAML.
public enum NativeJSONLinesLoader {
    public struct Loaded: Sendable {
        public let title: String?
        public let notes: [String]
        public let nodes: [Node]
        public let offices: [Office]
        public let table: EventTable
    }

    public static func load(path: String) throws(DatasetError) -> Loaded {
        if let mapped = MappedFile(path: path) {
            return try mapped.withBytes { base, count throws(DatasetError) in
                if let loaded = loadOnTwoCores(base: base, count: count, file: path, mapped: true) { return loaded }
                var reader = Reader(file: path)
                reader.read(base, 0, count, mapped: true)
                return try reader.finish()
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(diagnostics: [Diagnostic(code: .unreadableFile, file: path, line: 0, column: 0,
                                                         message: "cannot read the file", hint: "check the path")])
        }
        return try data.withUnsafeBytes { raw in
            Result { () throws(DatasetError) -> Loaded in
                try load(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, file: path)
            }
        }.get()
    }

    /// Reads from bytes in memory (tests).
    public static func load(text: String, file: String) throws(DatasetError) -> Loaded {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(DatasetError) -> Loaded in
                try load(buffer.baseAddress.map { UnsafePointer($0) }, buffer.count, file: file)
            }
        }.get()
    }

    static func load(_ base: UnsafePointer<UInt8>?, _ count: Int, file: String) throws(DatasetError) -> Loaded {
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

        /// Every name's length and bytes as two words (see `words`), for `code(of:)`.
        static let table: [(length: Int, words: (UInt64, UInt64), field: Field)] = allCases.map { field in
            let bytes = Array(field.key.utf8)
            return (bytes.count, bytes.withUnsafeBufferPointer(words), field)
        }

        /// Up to 16 bytes as two words, zero-padded.
        @inline(__always)
        static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
            guard let base = bytes.baseAddress else { return (0, 0) }
            var words: (UInt64, UInt64) = (0, 0)
            if bytes.count >= 8 {
                words.0 = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
                for index in 8..<bytes.count { words.1 |= UInt64(base[index]) << (8 * (index - 8)) }
            } else {
                for index in 0..<bytes.count { words.0 |= UInt64(base[index]) << (8 * index) }
            }
            return words
        }

        /// The code of a key's name, or 0: compared as integers (a line has a dozen
        /// keys, and a `memcmp` call each showed in the profile).
        static func code(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
            guard bytes.count <= 16 else { return 0 }
            let key = words(bytes)
            return table.withUnsafeBufferPointer { entries in
                for entry in entries where entry.length == bytes.count && entry.words == key { return entry.field.rawValue }
                return 0
            }
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

    static let eventKinds = ByteNames<EventKind>()
    static let stances = ByteNames<Stance>()

    /// Enum cases by the bytes of their raw value.
    struct ByteNames<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
        let names: [(bytes: [UInt8], value: Value)] = Value.allCases.map { (Array($0.rawValue.utf8), $0) }

        func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
            for name in names where name.bytes.count == bytes.count {
                if name.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) }) == 0 {
                    return name.value
                }
            }
            return nil
        }
    }
}
