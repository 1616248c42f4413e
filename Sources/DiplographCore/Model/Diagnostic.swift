/// One problem, with where it is and what to do about it: what every Diplograph error
/// carries, whatever the layer (a date, a file being loaded, a drawing).
///
/// Messages and hints speak of the library's parameters in backquotes ("`format`",
/// "`strict`"); a program with its own names for them passes those to
/// `description(naming:)` (the command-line tool names its flags).
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is: a stable, kebab-case name (`bad-date`,
    /// `unknown-reference`) that programs can match on.
    public struct Code: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public init(stringLiteral value: String) {
            rawValue = value
        }
    }

    /// What kind of problem it is.
    public let code: Code
    /// The file concerned, or "" when the problem is not in a file.
    public let file: String
    /// 1-based line, or 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column (in Unicode scalars), or 0 with `line`.
    public let column: Int
    /// What is wrong.
    public let message: String
    /// What to do about it.
    public let hint: String

    /// A diagnostic; `file` is "" and `line` and `column` 0 when they do not apply.
    public init(code: Code, file: String = "", line: Int = 0, column: Int = 0, message: String, hint: String) {
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
        description(naming: [:])
    }

    /// The description with each backquoted parameter name that `names` lists
    /// replaced by the caller's name for it ("`format`" → "--input-format").
    public func description(naming names: [String: String]) -> String {
        func named(_ text: String) -> String {
            names.reduce(text) { $0.replacingAll("`\($1.key)`", with: $1.value) }
        }
        let place = file.isEmpty ? "" : (line > 0 ? "\(file):\(line):\(column): " : "\(file): ")
        return "\(place)error: \(named(message))\n    hint: \(named(hint))"
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// The codes of problems the core finds in dates.
extension Diagnostic.Code {
    package static let badDate: Self = "bad-date"
    package static let rangeEndsBeforeStart: Self = "range-ends-before-start"
    package static let badPeriod: Self = "bad-period"
}
