/// Why a date text was rejected, with a hint that says how to write it instead: the
/// core's error.
public struct DateParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the text.
    public enum Code: String, Sendable, Hashable {
        case empty
        case malformed
        case yearOutOfRange
        case monthOutOfRange
        case dayOutOfRange
        case rangeEndsBeforeStart
    }

    /// What is wrong with the text.
    public let code: Code
    /// The text that was parsed.
    public let text: String
    /// What is wrong, quoting the text.
    public let message: String
    /// How to write the date instead.
    public let hint: String

    /// The message, then the hint in parentheses.
    public var description: String { "\(message) (\(hint))" }

    /// The problem as a diagnostic (code `bad-date`, or `range-ends-before-start`),
    /// for a caller that knows the file and line it came from.
    public func diagnostic(file: String = "", line: Int = 0, column: Int = 0) -> Diagnostic {
        Diagnostic(code: code == .rangeEndsBeforeStart ? .rangeEndsBeforeStart : .badDate, file: file, line: line,
                   column: column, message: message, hint: hint)
    }

    static let formatHint = "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ for approximate; a range is START/END"

    static func malformed(_ text: String) -> DateParseError {
        DateParseError(code: .malformed, text: text, message: "'\(text)' is not a date", hint: formatHint)
    }
}
