import DiplographCore

/// Why reading or writing a file failed: every problem found, each with file, line,
/// column and what to do. Loading fails as a whole (nothing half-loaded), and a write
/// leaves the old file in place.
public struct FormatError: Error, Sendable, CustomStringConvertible {
    /// In file, line and column order.
    public let diagnostics: [Diagnostic]

    /// Several problems, sorted by file, line and column.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    /// One problem.
    public init(_ diagnostic: Diagnostic) {
        diagnostics = [diagnostic]
    }

    /// Every diagnostic, then how many there were.
    public var description: String {
        description(naming: [:])
    }

    /// The description with parameter names replaced (see `Diagnostic.description(naming:)`).
    public func description(naming names: [String: String]) -> String {
        let count = diagnostics.count
        return diagnostics.map { $0.description(naming: names) }.joined(separator: "\n")
            + "\n\(count) error\(count == 1 ? "" : "s"); nothing was written."
    }
}

/// The codes of problems found in files.
extension Diagnostic.Code {
    package static let unreadableFile: Self = "unreadable-file"
    package static let unwritableFile: Self = "unwritable-file"
    package static let unknownFormat: Self = "unknown-format"
    package static let wrongFormat: Self = "wrong-format"
    package static let invalidEncoding: Self = "invalid-encoding"
    package static let syntax: Self = "syntax"
    package static let unknownField: Self = "unknown-field"
    package static let missingField: Self = "missing-field"
    package static let missingColumn: Self = "missing-column"
    package static let wrongType: Self = "wrong-type"
    package static let badID: Self = "bad-id"
    package static let duplicateID: Self = "duplicate-id"
    package static let unknownReference: Self = "unknown-reference"
    package static let wrongNodeKind: Self = "wrong-node-kind"
    package static let unknownKind: Self = "unknown-kind"
    package static let unknownStance: Self = "unknown-stance"
    package static let missingSource: Self = "missing-source"
    package static let badSource: Self = "bad-source"
    package static let outOfRange: Self = "out-of-range"
    package static let tooFewParticipants: Self = "too-few-participants"
    package static let badRow: Self = "bad-row"
    package static let noRows: Self = "no-rows"
}

extension Diagnostic {
    /// A file that could not be opened.
    static func unreadable(_ path: String) -> Diagnostic {
        Diagnostic(code: .unreadableFile, file: path, message: "cannot read the file (missing, a folder, or no permission)",
                   hint: "check the path and that the file is readable")
    }
}
