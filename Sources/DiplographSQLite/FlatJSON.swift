import DiplographFormats

/// Attributes as a JSON object of strings, `{"key":"value",…}` with keys sorted: what
/// the store writes in `events.attributes`, readable by any JSON tool. Written and read
/// by hand because every event read parses one (JSONDecoder took most of a timeline's
/// time on a 100 k-event store).
package enum FlatJSON {
    package static func encode(_ attributes: [String: String]) -> String {
        guard !attributes.isEmpty else { return "{}" }
        return "{" + attributes.keys.sorted().map { JSONValue.quote($0) + ":" + JSONValue.quote(attributes[$0]!) }
            .joined(separator: ",") + "}"
    }

    /// The object `encode` wrote; nil for anything else.
    package static func decode(_ text: String) -> [String: String]? {
        var scalars = text.unicodeScalars[...]
        func skipSpace() {
            while let first = scalars.first, first == " " || first == "\n" || first == "\t" || first == "\r" {
                scalars.removeFirst()
            }
        }
        func string() -> String? {
            guard scalars.first == "\"" else { return nil }
            scalars.removeFirst()
            var result = String.UnicodeScalarView()
            while let scalar = scalars.popFirst() {
                switch scalar {
                case "\"": return String(result)
                case "\\":
                    guard let escaped = scalars.popFirst() else { return nil }
                    switch escaped {
                    case "n": result.append("\n")
                    case "r": result.append("\r")
                    case "t": result.append("\t")
                    case "b": result.append("\u{8}")
                    case "f": result.append("\u{C}")
                    case "u":
                        let digits = String(String.UnicodeScalarView(scalars.prefix(4)))
                        guard digits.count == 4, let value = UInt32(digits, radix: 16),
                              let decoded = Unicode.Scalar(value) else { return nil }
                        scalars.removeFirst(4)
                        result.append(decoded)
                    default: result.append(escaped)
                    }
                default: result.append(scalar)
                }
            }
            return nil
        }
        skipSpace()
        guard scalars.popFirst() == "{" else { return nil }
        var attributes: [String: String] = [:]
        skipSpace()
        if scalars.first == "}" { return attributes }
        while true {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard scalars.popFirst() == ":" else { return nil }
            skipSpace()
            guard let value = string() else { return nil }
            attributes[key] = value
            skipSpace()
            switch scalars.popFirst() {
            case ",": continue
            case "}": return attributes
            default: return nil
            }
        }
    }
}
