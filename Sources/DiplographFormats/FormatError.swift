import DiplographCore

/// Why reading or writing a file failed: every problem found, each with file, line,
/// column and what to do. Loading fails as a whole (nothing half-loaded), and a write
/// leaves the old file in place.
public struct FormatError: Error, Sendable, CustomStringConvertible {
    /// In file, line and column order.
    public let diagnostics: [Diagnostic]

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
    public static let unreadableFile: Self = "unreadable-file"
    public static let unwritableFile: Self = "unwritable-file"
    public static let unknownFormat: Self = "unknown-format"
    public static let wrongFormat: Self = "wrong-format"
    public static let invalidEncoding: Self = "invalid-encoding"
    public static let syntax: Self = "syntax"
    public static let unknownField: Self = "unknown-field"
    public static let missingField: Self = "missing-field"
    public static let missingColumn: Self = "missing-column"
    public static let wrongType: Self = "wrong-type"
    public static let badID: Self = "bad-id"
    public static let duplicateID: Self = "duplicate-id"
    public static let unknownReference: Self = "unknown-reference"
    public static let wrongNodeKind: Self = "wrong-node-kind"
    public static let unknownKind: Self = "unknown-kind"
    public static let unknownStance: Self = "unknown-stance"
    public static let missingSource: Self = "missing-source"
    public static let badSource: Self = "bad-source"
    public static let outOfRange: Self = "out-of-range"
    public static let tooFewParticipants: Self = "too-few-participants"
    public static let badRow: Self = "bad-row"
    public static let noRows: Self = "no-rows"
}

extension Diagnostic {
    /// A file that could not be opened.
    static func unreadable(_ path: String) -> Diagnostic {
        Diagnostic(code: .unreadableFile, file: path, message: "cannot read the file (missing, a folder, or no permission)",
                   hint: "check the path and that the file is readable")
    }
}
