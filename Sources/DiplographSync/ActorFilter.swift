/// Keeps the rows of a GDELT 2.0 events file in which either actor is one of the
/// followed: its country code is one of `codes`, or its full CAMEO code begins with
/// one (`ARM` keeps `ARMGOV`, Armenia's government, and `ARMMIL`).
package struct ActorFilter: Sendable, Equatable {
    /// Upper-case CAMEO codes, sorted, without repeats.
    package let codes: [String]

    package init(_ codes: [String]) {
        self.codes = Array(Set(codes.map { $0.uppercased() })).sorted()
    }

    /// The filter as the store keeps it, `ARM AZE`; empty when every row is kept.
    package var setting: String { codes.joined(separator: " ") }

    package var keepsEverything: Bool { codes.isEmpty }

    // Columns of a GDELT 2.0 export row, counted from 0.
    private static let actor1Code = 5, actor1Country = 7, actor2Code = 15, actor2Country = 17

    /// The lines of `text` to keep, newline-terminated.
    package func apply(to text: [UInt8]) -> [UInt8] {
        guard !keepsEverything else { return text }
        let wanted = codes.map { Array($0.utf8) }
        var kept: [UInt8] = []
        kept.reserveCapacity(text.count / 8)
        var lineStart = 0
        while lineStart < text.count {
            let lineEnd = text[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            let line = text[lineStart..<lineEnd]
            if keeps(line, wanted) {
                kept.append(contentsOf: line)
                kept.append(UInt8(ascii: "\n"))
            }
            lineStart = lineEnd + 1
        }
        return kept
    }

    private func keeps(_ line: ArraySlice<UInt8>, _ wanted: [[UInt8]]) -> Bool {
        var column = 0
        var fieldStart = line.startIndex
        var index = line.startIndex
        while index <= line.endIndex {
            if index == line.endIndex || line[index] == UInt8(ascii: "\t") {
                let field = line[fieldStart..<index]
                switch column {
                case Self.actor1Code, Self.actor2Code:
                    if wanted.contains(where: { field.starts(with: $0) }) { return true }
                case Self.actor1Country, Self.actor2Country:
                    if wanted.contains(where: { field.elementsEqual($0) }) { return true }
                default:
                    break
                }
                column += 1
                if column > Self.actor2Country { return false }
                fieldStart = index + 1
            }
            index += 1
        }
        return false
    }
}
