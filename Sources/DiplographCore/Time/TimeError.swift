/// Why a date, a range, a period or a series of dates was rejected, with a hint that
/// says what to write instead: the core's error.
public struct TimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the text.
    public enum Code: String, Sendable, Hashable {
        /// No text at all.
        case empty
        /// Not a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally `~`).
        case malformed
        /// A year outside 0001…9999.
        case yearOutOfRange
        /// A month outside 01…12.
        case monthOutOfRange
        /// A day its month does not have.
        case dayOutOfRange
        /// A range whose end comes before its start.
        case rangeEndsBeforeStart
        /// Not a period (`90d`, `12w`, `3mo`, `1y`), or one of a unit not allowed there.
        case malformedPeriod
        /// A series with no date, or with too many.
        case frameCount
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

    /// The problem as a diagnostic (code `bad-date`, `range-ends-before-start` or
    /// `bad-period`),
    /// for a caller that knows the file and line it came from.
    public func diagnostic(file: String = "", line: Int = 0, column: Int = 0) -> Diagnostic {
        let kind: Diagnostic.Code = switch code {
        case .rangeEndsBeforeStart: .rangeEndsBeforeStart
        case .malformedPeriod, .frameCount: .badPeriod
        default: .badDate
        }
        return Diagnostic(code: kind, file: file, line: line,
                   column: column, message: message, hint: hint)
    }

    static let formatHint = "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ for approximate; a range is START/END"

    static func malformed(_ text: String) -> TimeError {
        TimeError(code: .malformed, text: text, message: "'\(text)' is not a date", hint: formatHint)
    }
}
