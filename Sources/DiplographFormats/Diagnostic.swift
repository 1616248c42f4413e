/// One problem found in an input file, with where it is and what to do about it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case unreadableFile = "unreadable-file"
        case invalidEncoding = "invalid-encoding"
        case syntax
        case unknownField = "unknown-field"
        case missingField = "missing-field"
        case wrongType = "wrong-type"
        case badID = "bad-id"
        case duplicateID = "duplicate-id"
        case badDate = "bad-date"
        case rangeEndsBeforeStart = "range-ends-before-start"
        case unknownReference = "unknown-reference"
        case wrongNodeKind = "wrong-node-kind"
        case unknownKind = "unknown-kind"
        case unknownStance = "unknown-stance"
        case missingSource = "missing-source"
        case badSource = "bad-source"
        case outOfRange = "out-of-range"
        case tooFewParticipants = "too-few-participants"
    }

    public let code: Code
    public let file: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column (in Unicode scalars), or 0 with `line`.
    public let column: Int
    public let message: String
    /// What to do about it.
    public let hint: String

    public init(code: Code, file: String, line: Int, column: Int, message: String, hint: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message` then the hint on its own line, the form
    /// editors and terminals recognise.
    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(place): error: \(message)\n    hint: \(hint)"
    }
}

/// All the problems of a dataset: loading fails as a whole, and reports every
/// problem it found, not only the first.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    /// In file, line and column order.
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    public var description: String {
        let count = diagnostics.count
        return diagnostics.map(\.description).joined(separator: "\n")
            + "\n\(count) error\(count == 1 ? "" : "s"); nothing was written."
    }
}
