/// A JSON value whose objects keep their key order, so reports read in a logical order
/// and are byte-for-byte stable. (Foundation's encoders either sort keys or do not
/// promise an order.)
package indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// Optional text: `null` when absent.
    package static func text(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// Pretty-printed with two-space indentation.
    package func serialized(indent: Int = 0) -> String {
        var output = ByteOutput()
        write(into: &output, indent: indent)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// On one line, no spaces: for JSON lines.
    package func compact() -> String {
        var output = ByteOutput()
        write(into: &output, indent: nil)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Writes the value pretty-printed as if nested `indent` levels deep, or on one
    /// line with no spaces when `indent` is nil.
    package func write(into output: inout ByteOutput, indent: Int?) {
        switch self {
        case .null: output.append("null")
        case .bool(let value): output.append(value ? "true" : "false")
        case .number(let value): output.append(Self.numberText(value))
        case .string(let value): output.appendJSONString(value)
        case .array(let items):
            if items.isEmpty { return output.append("[]") }
            output.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(0x2C) }
                newline(&output, indent.map { $0 + 1 })
                item.write(into: &output, indent: indent.map { $0 + 1 })
            }
            newline(&output, indent)
            output.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { return output.append("{}") }
            output.append(0x7B)
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { output.append(0x2C) }
                newline(&output, indent.map { $0 + 1 })
                output.appendJSONString(key)
                output.append(0x3A)
                if indent != nil { output.append(0x20) }
                value.write(into: &output, indent: indent.map { $0 + 1 })
            }
            newline(&output, indent)
            output.append(0x7D)
        }
    }

    /// A number as JSON: whole numbers without a fraction.
    package static func numberText(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A line break and the indentation of `level`; nothing on one line.
    private func newline(_ output: inout ByteOutput, _ level: Int?) {
        if let level { output.appendLineBreak(indentedBy: 2 * level) }
    }

    package static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            // U+0085, U+2028 and U+2029 are line breaks to YAML, which reads our JSON,
            // and it drops a raw U+FEFF as a byte-order mark: escape them all.
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
