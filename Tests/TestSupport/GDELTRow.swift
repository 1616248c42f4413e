/// Builds GDELT rows column by column.
public struct GDELTRow {
    public var fields: [String]

    public init(columns: Int = 61, id: Int = 1000, date: String = "20230627", code: String = "040") {
        fields = Array(repeating: "", count: columns)
        fields[0] = String(id)
        fields[1] = date
        fields[26] = code
        fields[27] = String(code.prefix(3))
        fields[28] = String(code.prefix(2))
        fields[29] = "1"
        fields[30] = "1.0"
        fields[columns == 61 ? 59 : 56] = columns == 61 ? "20230628143000" : "20230628"
        if columns != 57 { fields[columns - 1] = "https://www.example.org/news/\(id)" }
    }

    public func actor1(code: String, name: String, country: String = "", group: String = "") -> GDELTRow {
        actor(at: 5, code: code, name: name, country: country, group: group)
    }

    public func actor2(code: String, name: String, country: String = "", group: String = "") -> GDELTRow {
        actor(at: 15, code: code, name: name, country: country, group: group)
    }

    /// Code, name, country and known group sit in four columns from `first`.
    private func actor(at first: Int, code: String, name: String, country: String, group: String) -> GDELTRow {
        var row = self
        row.fields.replaceSubrange(first..<first + 4, with: [code, name, country, group])
        return row
    }

    public func with(_ index: Int, _ value: String) -> GDELTRow {
        var row = self
        row.fields[index] = value
        return row
    }

    public var line: String { fields.joined(separator: "\t") }
}
