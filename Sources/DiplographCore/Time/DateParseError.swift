/// Why a date text was rejected, with a hint that says how to write it instead.
public struct DateParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case empty
        case malformed
        case yearOutOfRange
        case monthOutOfRange
        case dayOutOfRange
        case rangeEndsBeforeStart
    }

    public let code: Code
    /// The text that was parsed.
    public let text: String
    public let message: String
    public let hint: String

    public var description: String { "\(message) (\(hint))" }

    static let formatHint = "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ for approximate; a range is START/END"

    static func malformed(_ text: String) -> DateParseError {
        DateParseError(code: .malformed, text: text, message: "'\(text)' is not a date", hint: formatHint)
    }
}
