import Foundation
import DiplographCore
import Yams

/// A composed YAML node (Yams' `Node`; `Node` alone is the graph node).
typealias YAMLNode = Yams.Node

/// Reads typed fields out of composed YAML nodes, recording a `Diagnostic` with the
/// node's line and column for each problem instead of stopping at the first.
struct FieldReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ code: Diagnostic.Code, at node: YAMLNode?, _ message: String, hint: String) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(code: code, file: file, line: mark?.line ?? 0,
                                      column: mark?.column ?? 0, message: message, hint: hint))
    }

    /// A mapping's entries by key, after checking every key is one of `allowed`.
    mutating func fields(of node: YAMLNode, what: String, allowed: [String]) -> Fields? {
        guard let mapping = node.mapping else {
            report(.wrongType, at: node, "\(what) must be a mapping of fields", hint: "write it as `key: value` lines")
            return nil
        }
        var fields = Fields(node: node, what: what)
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(.wrongType, at: keyNode, "a field name in \(what) is not text", hint: "field names are plain words")
                continue
            }
            guard allowed.contains(key) else {
                let suggestion = closest(to: key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                report(.unknownField, at: keyNode, "unknown field '\(key)' in \(what)",
                       hint: "\(suggestion)allowed fields: \(allowed.joined(separator: ", "))")
                continue
            }
            fields.values[key] = value
            fields.keyNodes[key] = keyNode
        }
        return fields
    }

    /// Text of a scalar, or nil for a missing or null value (reported when required).
    mutating func string(_ fields: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = fields.values[key], !isNull(node) else {
            if required {
                report(.missingField, at: fields.node, "\(fields.what) has no '\(key)'", hint: "add `\(key): …`")
            }
            return nil
        }
        guard let scalar = node.scalar else {
            report(.wrongType, at: node, "'\(key)' in \(fields.what) must be text, not a list or mapping",
                   hint: "write a single value; quote it if it contains ': ' or '#'")
            return nil
        }
        let text = scalar.string
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            if required { report(.missingField, at: node, "'\(key)' in \(fields.what) is empty", hint: "give a value") }
            return nil
        }
        return text
    }

    /// A list of scalars; a single scalar counts as a one-element list.
    mutating func strings(_ fields: Fields, _ key: String) -> [(String, YAMLNode)] {
        guard let node = fields.values[key], !isNull(node) else { return [] }
        if let scalar = node.scalar { return [(scalar.string, node)] }
        guard let sequence = node.sequence else {
            report(.wrongType, at: node, "'\(key)' in \(fields.what) must be a list", hint: "write `\(key): [a, b]`")
            return []
        }
        var result: [(String, YAMLNode)] = []
        for item in sequence {
            if let scalar = item.scalar {
                result.append((scalar.string, item))
            } else {
                report(.wrongType, at: item, "an entry of '\(key)' in \(fields.what) is not text", hint: "list plain values")
            }
        }
        return result
    }

    /// The items of a list field (an absent field is an empty list).
    mutating func list(_ fields: Fields, _ key: String) -> [YAMLNode] {
        guard let node = fields.values[key], !isNull(node) else { return [] }
        guard let sequence = node.sequence else {
            report(.wrongType, at: node, "'\(key)' in \(fields.what) must be a list", hint: "start each entry with '- '")
            return []
        }
        return Array(sequence)
    }

    /// A mapping of text to text, e.g. `attributes`.
    mutating func dictionary(_ fields: Fields, _ key: String) -> [String: String] {
        guard let node = fields.values[key], !isNull(node) else { return [:] }
        guard let mapping = node.mapping else {
            report(.wrongType, at: node, "'\(key)' in \(fields.what) must be a mapping", hint: "write `name: value` lines")
            return [:]
        }
        var result: [String: String] = [:]
        for (keyNode, value) in mapping {
            if let name = keyNode.scalar?.string, let text = value.scalar?.string {
                result[name] = text
            } else {
                report(.wrongType, at: value, "'\(key)' values must be text", hint: "quote the value")
            }
        }
        return result
    }

    mutating func date(_ fields: Fields, _ key: String, required: Bool = false) -> EventDate? {
        guard let text = string(fields, key, required: required), let node = fields.values[key] else { return nil }
        do {
            return try EventDate(parsing: text)
        } catch {
            report(.badDate, at: node,
                   "'\(key)' in \(fields.what): \(error.message)", hint: error.hint)
            return nil
        }
    }

    mutating func span(_ fields: Fields, _ key: String) -> DateSpan? {
        guard let text = string(fields, key, required: true), let node = fields.values[key] else { return nil }
        do {
            return try DateSpan(parsing: text)
        } catch {
            report(error.code == .rangeEndsBeforeStart ? .rangeEndsBeforeStart : .badDate, at: node,
                   "'\(key)' in \(fields.what): \(error.message)", hint: error.hint)
            return nil
        }
    }

    /// A finite number within `range`.
    mutating func number(_ fields: Fields, _ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let text = string(fields, key), let node = fields.values[key] else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            report(.wrongType, at: node, "'\(key)' in \(fields.what) must be a number, not '\(text)'",
                   hint: "write a number such as -3.5")
            return nil
        }
        guard range.contains(value) else {
            report(.outOfRange, at: node, "'\(key)' \(text) in \(fields.what) is outside \(range.lowerBound)…\(range.upperBound)",
                   hint: "use the scale from \(range.lowerBound) (conflict) to \(range.upperBound) (cooperation)")
            return nil
        }
        return value
    }

    /// Checks an id is a slug: lowercase letters, digits, single hyphens.
    mutating func id(_ fields: Fields) -> (String, YAMLNode)? {
        guard let text = string(fields, "id", required: true), let node = fields.values["id"] else { return nil }
        guard Self.isSlug(text) else {
            report(.badID, at: node, "id '\(text)' in \(fields.what) is not a slug",
                   hint: "use lowercase letters, digits and single hyphens, e.g. ararat-mirzoyan")
            return nil
        }
        return (text, node)
    }

    static func isSlug(_ text: String) -> Bool {
        isSlug(text.utf8)
    }

    /// `isSlug` on UTF-8 bytes, for parsers that have no `String` yet.
    static func isSlug(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 200 else { return false }
        var previousWasHyphen = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }

    func isNull(_ node: YAMLNode) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The allowed word nearest to `word` in edit distance, if it is near enough.
    func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(word), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The fields of one mapping, by key, with the mapping itself for error positions.
struct Fields {
    let node: YAMLNode
    /// How messages name the record ("an event", then "event 'x'" once its id is read).
    var what: String
    var values: [String: YAMLNode] = [:]
    var keyNodes: [String: YAMLNode] = [:]

    init(node: YAMLNode, what: String) {
        self.node = node
        self.what = what
    }
}
