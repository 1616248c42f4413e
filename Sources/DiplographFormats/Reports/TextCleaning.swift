import Foundation

/// C0 and C1 control characters: the ones terminal escape sequences are made of.
func isControlCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
}

/// Text made safe for a terminal or a one-line cell: control characters (which
/// include terminal escape sequences) are dropped, line breaks become spaces.
func singleLine(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
        if scalar == "\n" || scalar == "\r" || scalar == "\t" {
            result.unicodeScalars.append(" ")
        } else if !isControlCharacter(scalar) {
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text
/// that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a
/// leading apostrophe unless it is a number.
func csvField(_ text: String) -> String {
    // Most fields need nothing: one pass over the bytes says so (the general path
    // below made a 47,000-event timeline's CSV take most of its time: `make bench`).
    // 0xC2 leads the C1 controls' encodings (and a few printable signs, which take the
    // general path).
    var bytes = text
    if bytes.withUTF8({ ByteOutput.isPlainCSV($0, leading: true) }) { return text }
    // Control characters other than line breaks and tabs (terminal escapes among
    // them) are dropped: CSV often ends up printed to a terminal.
    var value = String(String.UnicodeScalarView(text.unicodeScalars.filter {
        $0 == "\n" || $0 == "\r" || $0 == "\t" || !isControlCharacter($0)
    }))
    if let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first), Double(value) == nil {
        value = "'" + value
    }
    // By scalar: "\r\n" is one Character, equal to neither line break.
    guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Text for a Markdown table cell or heading, shown literally and inert: one line;
/// `&`, `<` and `>` as entities (no raw HTML, no `<javascript:…>` autolink); and
/// backslash escapes for what Markdown would read as links, code, emphasis or a cell
/// border (`[` `]` `` ` `` `*` `_` `|` and the backslash itself).
func markdownCell(_ text: String) -> String {
    var result = ""
    for character in singleLine(text) {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\\", "`", "*", "_", "[", "]", "|": result += "\\" + String(character)
        default: result.append(character)
        }
    }
    return result
}

/// A tone as a signed number with one decimal (`−2.5` is written `-2.5`).
func toneText(_ tone: Double?) -> String {
    guard let tone else { return "" }
    let tenths = Int((tone * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
}

extension ByteOutput {
    /// `csvField(parts.joined(separator: separator))` without joining when every part
    /// needs nothing (`separator` itself needing nothing).
    mutating func appendCSVField(joining parts: [String], separator: StaticString) {
        guard parts.count > 1 else { return appendCSVField(parts.first ?? "") }
        for (index, part) in parts.enumerated() {
            var part = part
            guard part.withUTF8({ Self.isPlainCSV($0, leading: index == 0) }) else {
                return append(csvField(parts.joined(separator: separator.description)))
            }
        }
        for (index, part) in parts.enumerated() {
            if index > 0 { append(separator) }
            append(part)
        }
    }

    /// The same for parts given as bytes.
    mutating func appendCSVField(joiningBytes parts: [UnsafeBufferPointer<UInt8>], separator: StaticString) {
        guard parts.count > 1 else { return appendCSVField(bytes: parts.first ?? UnsafeBufferPointer(start: nil, count: 0)) }
        for (index, part) in parts.enumerated() where !Self.isPlainCSV(part, leading: index == 0) {
            return append(csvField(parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: separator.description)))
        }
        for (index, part) in parts.enumerated() {
            if index > 0 { append(separator) }
            append(part)
        }
    }

    /// Whether text goes into CSV as it is: no quote, comma, control character or C1
    /// lead byte, and when `leading`, no formula sign first.
    static func isPlainCSV(_ utf8: UnsafeBufferPointer<UInt8>, leading: Bool) -> Bool {
        if leading, let first = utf8.first, "=+-@".utf8.contains(first) { return false }
        for byte in utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") {
            return false
        }
        return true
    }

    /// `csvField(text)`, scanning the bytes once in place: most fields need nothing
    /// (scanning through `String.UTF8View` for that took a tenth of a long timeline's
    /// CSV: `make bench`).
    mutating func appendCSVField(_ text: String) {
        var text = text
        text.withUTF8 { appendCSVField(bytes: $0) }
    }

    /// `csvField` of text given as bytes.
    mutating func appendCSVField(bytes utf8: UnsafeBufferPointer<UInt8>) {
        if Self.isPlainCSV(utf8, leading: true) { append(utf8) } else { append(csvField(String(decoding: utf8, as: UTF8.self))) }
    }
}

extension ByteOutput {
    /// `toneText(tone)` written as digits (it never needs CSV quoting: a sign, digits
    /// and a point). Its own digits, not `toneText`'s string: a long timeline's CSV
    /// ran 7 % faster so (`diplograph-bench measure-output`, three alternating pairs).
    mutating func appendTone(_ tone: Double?) {
        guard let tone else { return }
        let tenths = Int((tone * 10).rounded())
        if tenths < 0 { append(UInt8(ascii: "-")) }
        append(String(abs(tenths) / 10))
        append(UInt8(ascii: "."))
        append(0x30 + UInt8(abs(tenths) % 10))
    }
}
