import Foundation

/// GDELT events as people re-save them: with a header row of GDELT's column names, as
/// BigQuery exports its events tables and R and pandas write them back — commas or
/// tabs, fields quoted or not, `NA` or nothing for a missing value, the columns in any
/// order, extra columns (a row-name index) ignored. Each record is laid out as GDELT's
/// own tab-separated row and read by the same parser, so that the events, problems and
/// line numbers are those of the original file.
extension GDELTImporter {
    /// GDELT 2.0's event columns, in the order of its files (GDELT's codebook).
    static let columnNames = [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name", "Actor1CountryCode",
        "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
        "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
        "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
        "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
        "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
        "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
        "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
        "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
        "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
    ].map { $0.uppercased() }

    /// GDELT 1.0's daily files lack the three ADM2 columns (and, before April 2013, SOURCEURL).
    private static let onlyInVersion2: Set = ["ACTOR1GEO_ADM2CODE", "ACTOR2GEO_ADM2CODE", "ACTIONGEO_ADM2CODE"]

    /// Whether `line` is a header of GDELT's event column names.
    static func looksLikeGDELTHeader(_ line: Substring) -> Bool {
        let names = Set(headerNames(line))
        return names.contains("GLOBALEVENTID") && names.contains("SQLDATE") && names.contains("EVENTCODE")
    }

    /// A header line's names, upper-cased, without quotes or a byte-order mark.
    private static func headerNames(_ line: Substring) -> [String] {
        let delimiter: Character = line.contains("\t") ? "\t" : ","
        return line.split(separator: delimiter, omittingEmptySubsequences: false).map { name in
            name.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF} \r")).uppercased()
        }
    }

    /// Reads a file with a header of GDELT's column names (see above).
    package static func loadWithHeader(path: String, options: LoadOptions) throws(FormatError) -> ImportResult {
        guard let data = FileManager.default.contents(atPath: path) else { throw FormatError(.unreadable(path)) }
        let bytes = [UInt8](data)
        let firstLineEnd = bytes.firstIndex(of: 10) ?? bytes.count
        let delimiter: UInt8 = bytes[..<firstLineEnd].contains(9) ? 9 : UInt8(ascii: ",")
        var records = DelimitedRecords(bytes: bytes, delimiter: delimiter)
        guard let header = records.next() else {
            return try load(bytes: UnsafeRawBufferPointer(start: nil, count: 0), file: path, options: options)
        }
        let names = header.fields.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF} \r")).uppercased()
        }
        let given = Set(names)
        var layout = columnNames
        if given.isDisjoint(with: onlyInVersion2) {
            layout.removeAll { onlyInVersion2.contains($0) }
            if !given.contains("SOURCEURL") { layout.removeLast() }
        }
        let target = names.map { layout.firstIndex(of: $0) }
        var converted: [UInt8] = []
        converted.reserveCapacity(bytes.count + bytes.count / 4)
        var line = 1
        while let record = records.next() {
            // Blank lines keep the parser's line numbers those of this file.
            while line < record.line {
                converted.append(10)
                line += 1
            }
            var fields = [String](repeating: "", count: layout.count)
            for (index, value) in record.fields.enumerated() where index < target.count {
                guard let column = target[index] else { continue }
                fields[column] = cleaned(value)
            }
            for (index, field) in fields.enumerated() {
                if index > 0 { converted.append(9) }
                converted.append(contentsOf: field.utf8)
            }
            converted.append(10)
            line += 1
        }
        var result: Result<ImportResult, FormatError>?
        converted.withUnsafeBytes { raw in
            result = Result { () throws(FormatError) in try load(bytes: raw, file: path, options: options) }
        }
        return try result!.get()
    }

    /// A value as GDELT's own files write it: `NA` (R) is missing; an integer a float
    /// column made `4.0` (pandas, when the column has gaps) is `4`; tabs and line breaks
    /// inside a quoted field become spaces.
    private static func cleaned(_ value: String) -> String {
        if value == "NA" { return "" }
        if value.hasSuffix(".0"), value.dropLast(2).allSatisfy(\.isNumber), value.count > 2 { return String(value.dropLast(2)) }
        guard value.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return value }
        return String(value.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
