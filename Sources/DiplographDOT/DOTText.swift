/// Builds DOT source text. Every value goes through `quoted`, so no label, id or
/// attribute taken from data can end a string, open a new statement, or be read by
/// Graphviz as an escape (`\N`, `\l`) or an HTML-like label.
struct DOTText {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ header: String) {
        line(header + " {")
        depth += 1
    }

    mutating func close() {
        depth -= 1
        line("}")
    }

    /// `name="value", ...` in the order given (order matters for stable output).
    static func attributes(_ pairs: KeyValuePairs<String, String>) -> String {
        pairs.map { "\($0.key)=\(quoted($0.value))" }.joined(separator: ", ")
    }

    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(quoted($0.1))" }.joined(separator: ", ")
    }

    /// A DOT double-quoted string whose label text shows `value` literally.
    ///
    /// Backslashes and quotes are escaped for DOT; `&`, `<` and `>` become entities
    /// (Graphviz decodes entities in labels, so a literal `&lt;` must stay literal);
    /// a newline becomes DOT's centred line break; other control characters, which
    /// include terminal escapes, are dropped.
    static func quoted(_ value: String) -> String {
        var result = "\""
        result.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
