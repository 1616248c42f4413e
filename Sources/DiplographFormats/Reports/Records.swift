import DiplographCore

/// Rows of named values, written as an aligned table, JSON (an array of objects) or
/// CSV: what the analyses print. Numbers stay numbers in JSON and keep every digit in
/// CSV; the table rounds them to two decimals and aligns them right.
package struct Records: Sendable {
    /// How records are written.
    package enum Format: String, Sendable, CaseIterable {
        case table, json, csv
    }

    package let columns: [String]
    package private(set) var rows: [[JSONValue]] = []
    /// Lines the table prints under a row (the events that weigh most); JSON and CSV
    /// carry them as a column of their own.
    private var details: [Int: [String]] = [:]

    package init(columns: [String]) {
        self.columns = columns
    }

    package mutating func append(_ row: [JSONValue], details lines: [String] = []) {
        precondition(row.count == columns.count, "a row of \(row.count) values for \(columns.count) columns")
        if !lines.isEmpty { details[rows.count] = lines }
        rows.append(row)
    }

    package func render(_ format: Format, footer: String? = nil) -> String {
        switch format {
        case .table: table(footer: footer)
        case .json: JSONValue.array(rows.map { .object(Array(zip(columns, $0))) }).serialized() + "\n"
        case .csv: ([columns] + rows.map { $0.map(Self.csvText) }).map { $0.map(csvField).joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
        }
    }

    private func table(footer: String?) -> String {
        let cells = rows.map { $0.map(Self.tableText) }
        var widths = columns.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String], numeric: [Bool]) -> String {
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return numeric[index] ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let numericColumns = columns.indices.map { index in rows.contains { if case .number = $0[index] { true } else { false } } }
        var lines = [line(columns.map { $0.uppercased() }, numeric: numericColumns)]
        for (index, row) in cells.enumerated() {
            lines.append(line(row, numeric: rows[index].map { if case .number = $0 { true } else { false } }))
            lines += (details[index] ?? []).map { "    " + singleLine($0) }
        }
        if let footer { lines.append(footer) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func tableText(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .number(let number) where number.rounded() != number: String(format2: number)
        case .string(let text): singleLine(text)
        case .array(let items): items.map(tableText).joined(separator: "; ")
        default: value.serialized()
        }
    }

    private static func csvText(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        case .array(let items): items.map(csvText).joined(separator: ";")
        default: value.compact()
        }
    }
}

extension String {
    /// `value` with two decimals, `-0.00` written `0.00`.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let fraction = abs(hundredths) % 100
        self = "\(sign)\(abs(hundredths) / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
