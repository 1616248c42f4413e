import Foundation
import DiplographCore
import TestSupport

/// Writes GDELT 2.0-shaped event files of any size, deterministic for a seed.
///
/// Distributions follow what real GDELT files show: actor countries are Zipf-
/// distributed (a few very active dyads, a long tail of rare ones), a quarter of
/// the rows lack one actor, most events are verbal (CAMEO roots 01–05), several rows
/// share one source article, and rows average about 300 bytes.
struct GDELTGenerator {
    var random: SeededGenerator

    static let countries = [
        "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "TUR", "IND", "PAK", "JPN", "KOR", "PRK",
        "SYR", "IRQ", "AFG", "SAU", "EGY", "ARM", "AZE", "GEO", "BLR", "POL", "ITA", "ESP", "CAN", "MEX", "BRA",
        "ARG", "VEN", "COL", "NGA", "ZAF", "KEN", "ETH", "SDN", "LBY", "YEM", "QAT", "ARE", "JOR", "LBN", "PSE",
        "AUS", "NZL", "IDN", "PHL", "VNM", "THA", "MYS", "SGP", "MMR", "BGD", "LKA", "NPL", "KAZ", "UZB", "TKM",
        "KGZ", "TJK", "MNG", "CUB", "HTI", "DOM", "CHL", "PER", "BOL", "ECU", "URY", "PRY", "NLD", "BEL", "CHE",
        "AUT", "SWE", "NOR", "DNK", "FIN", "IRL", "PRT", "GRC", "CYP", "SRB", "HRV", "BIH", "ALB", "MKD", "BGR",
        "ROU", "HUN", "SVK", "CZE", "LTU", "LVA", "EST", "MDA", "SOM", "TZA", "UGA", "RWA", "COD", "AGO", "MOZ",
        "ZWE", "ZMB", "GHA", "CIV", "SEN", "MLI", "NER", "TCD", "CMR", "DZA", "MAR", "TUN", "OMN", "KWT", "BHR",
    ]
    static let roles = ["", "", "", "GOV", "MIL", "BUS", "MED", "OPP", "LEG", "JUD", "COP", "EDU"]
    /// CAMEO codes weighted toward the verbal roots, as in real files.
    static let codes: [(code: String, goldstein: Double, weight: Int)] = [
        ("010", 0.0, 14), ("012", -0.4, 3), ("020", 3.0, 4), ("036", 4.0, 5), ("040", 1.0, 16), ("042", 1.9, 6),
        ("043", 2.8, 6), ("046", 7.0, 4), ("051", 3.4, 6), ("057", 8.0, 2), ("061", 6.4, 2), ("071", 7.4, 2),
        ("090", -2.0, 2), ("100", -5.0, 2), ("111", -2.0, 4), ("112", -2.0, 5), ("120", -4.0, 2), ("130", -4.4, 2),
        ("141", -6.5, 2), ("173", -5.0, 2), ("190", -10.0, 3), ("193", -10.0, 2), ("180", -9.0, 1),
    ]

    let codeTable: [Int]
    let countryWeights: [Double]

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
        var table: [Int] = []
        for (index, entry) in Self.codes.enumerated() { table += Array(repeating: index, count: entry.weight) }
        codeTable = table
        // Zipf with exponent 1.1: the first countries dominate.
        var weights: [Double] = []
        var total = 0.0
        for rank in 1...Self.countries.count {
            total += 1 / pow(Double(rank), 1.1)
            weights.append(total)
        }
        countryWeights = weights.map { $0 / total }
    }

    mutating func country() -> String {
        let draw = random.unit()
        var low = 0
        var high = countryWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if countryWeights[middle] < draw { low = middle + 1 } else { high = middle }
        }
        return Self.countries[low]
    }

    /// Days between a GDELT file's day and the day of one of its events.
    mutating func lateReportAge() -> Int {
        let draw = random.unit()
        return draw < 0.972 ? 0 : draw < 0.983 ? 365 : draw < 0.992 ? 30 : 1 + Int(random.next() % 7)
    }

    mutating func actorFields() -> [String] {
        if random.next() % 8 == 0 { return ["", "", "", "", "", "", "", "", "", ""] }
        let country = country()
        let role = Self.roles[Int(random.next() % UInt64(Self.roles.count))]
        return [country + role, role.isEmpty ? "COUNTRY \(country)" : "\(country) \(role)", country, "", "", "", "", role, "", ""]
    }

    /// Writes `rows` rows to `path` spanning `years` years back from 2025-06-30, their
    /// GLOBALEVENTIDs rising from `firstID`. With `newsDay`, the rows are a day of GDELT's
    /// 15-minute files instead, their event days shaped as in the real file of
    /// `../shared/data/gdelt`: 97.2 % that day, 1.1 % a year before, 0.9 % a month
    /// before, 0.8 % in the week before.
    /// Writes `rows` rows shaped as `shape` says (see `RealShape`): each row's event
    /// code drawn by the real file's frequencies, its article one of a few open at a
    /// time (rows of one article interleave with others', as GDELT's ids order them),
    /// cited by as many rows as a real article draws (`urlPerRow`: one), its address as
    /// long as a real one; DATEADDED the 15-minute slot of the row across the span (in
    /// row order), and the event's day that slot's day or, for a few, earlier (as
    /// `lateReportAge`).
    mutating func writeReal(rows: Int, years: Int, shape: RealShape, urlPerRow: Bool, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
        defer { try? handle.close() }
        let lastSlot = (20_269 + 1) * 96 - 1  // 2025-06-30 23:45, in 15-minute slots since 1970
        let slots = years * 365 * 96
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 22)
        var open: [(url: String, left: Int)] = []
        var id = 1_000_000_000
        for row in 0..<rows {
            id += 1 + Int(random.next() % 3)
            let slot = lastSlot - slots + 1 + Int(Double(row) * Double(slots) / Double(rows))
            let (year, month, day) = civil(slot / 96 - lateReportAge())
            let (addedYear, addedMonth, addedDay) = civil(slot / 96)
            let added = String(format: "%04d%02d%02d%02d%02d00", addedYear, addedMonth, addedDay, slot % 96 / 4, slot % 4 * 15)
            let sqlDate = String(format: "%04d%02d%02d", year, month, day)
            var first = actorFields()
            var second = actorFields()
            if first[0].isEmpty && second[0].isEmpty { first = actorFields(); second = actorFields() }
            let code = shape.codes[shape.codeDraws[Int(random.next() % UInt64(shape.codeDraws.count))]]
            if urlPerRow || open.count < 6 {
                let length = shape.urlLengths[Int(random.next() % UInt64(shape.urlLengths.count))]
                var url = "https://www.news\(random.next() % 5000).example.com/\(addedYear)/\(addedMonth)/story-\(random.next() % 100_000_000)"
                while url.utf8.count < length - 5 { url += "-" + String(random.next() % 1000) }
                url += ".html"
                open.append((url, urlPerRow ? 1 : shape.rowsPerURL[Int(random.next() % UInt64(shape.rowsPerURL.count))]))
            }
            let pick = urlPerRow ? open.count - 1 : Int(random.next() % UInt64(open.count))
            let url = open[pick].url
            open[pick].left -= 1
            if open[pick].left <= 0 { open.remove(at: pick) }
            let fields = rowFields(id: id, sqlDate: sqlDate, year: year, month: month, actors: (first, second),
                                   code: (code.code, code.goldstein, code.quad), row: row, added: added, url: url)
            Self.append(fields, to: &buffer, handle: handle)
        }
        handle.write(Data(buffer))
    }

    /// A row's 61 fields.
    mutating func rowFields(id: Int, sqlDate: String, year: Int, month: Int, actors: ([String], [String]),
                            code: (code: String, goldstein: Double, quad: String), row: Int, added: String, url: String) -> [String] {
        let geo = ["4", "Yerevan, Armenia", "AM", "AM11", "", "40.18", "44.51", "-2214662"]
        let blank = ["", "", "", "", "", "", "", ""]
        var fields: [String] = [String(id), sqlDate, String(sqlDate.prefix(6)), String(year),
                                String(format: "%.4f", Double(year) + Double(month) / 12)]
        fields += actors.0
        fields += actors.1
        fields += [row % 3 == 0 ? "1" : "0", code.code, String(code.code.prefix(3)), String(code.code.prefix(2)), code.quad,
                   String(code.goldstein), String(1 + random.next() % 20), "1", String(1 + random.next() % 10),
                   String(format: "%.6f", random.unit() * 10 - 5)]
        fields += (actors.0[0].isEmpty ? blank : geo) + (actors.1[0].isEmpty || row % 2 == 0 ? blank : geo) + geo
        fields += [added, url]
        return fields
    }

    /// Appends a row, handing the buffer to the file when it is nearly 4 MiB.
    static func append(_ fields: [String], to buffer: inout [UInt8], handle: FileHandle) {
        buffer += Array(fields.joined(separator: "\t").utf8)
        buffer.append(10)
        if buffer.count > (1 << 22) - 4096 {
            handle.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func write(rows: Int, years: Int, firstID: Int = 1_000_000_000, newsDay: Int? = nil, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteNoPermission) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
        defer { try? handle.close() }
        let lastDay = 20_269  // 2025-06-30 in days since 1970
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 22)
        var url = ""
        var id = firstID
        for row in 0..<rows {
            id += 1 + Int(random.next() % 3)
            // Later days carry more rows (coverage grows over time).
            let age = newsDay == nil ? Int(Double(years * 365) * pow(random.unit(), 1.6)) : lateReportAge()
            let (year, month, day) = civil((newsDay ?? lastDay) - age)
            let sqlDate = String(format: "%04d%02d%02d", year, month, day)
            var first = actorFields()
            var second = actorFields()
            if first[0].isEmpty && second[0].isEmpty { first = actorFields(); second = actorFields() }
            if !first[0].isEmpty, first[2] == second[2] { second = actorFields() }
            let code = Self.codes[codeTable[Int(random.next() % UInt64(codeTable.count))]]
            if row % 4 == 0 || url.isEmpty {
                url = "https://www.news\(random.next() % 5000).example.com/\(year)/\(month)/story-\(random.next() % 100_000_000).html"
            }
            let quad = code.goldstein >= 3 ? "2" : code.goldstein >= 0 ? "1" : code.goldstein > -5 ? "3" : "4"
            let fields = rowFields(id: id, sqlDate: sqlDate, year: year, month: month, actors: (first, second),
                                   code: (code.code, code.goldstein, quad), row: row, added: "20250630143000", url: url)
            Self.append(fields, to: &buffer, handle: handle)
        }
        handle.write(Data(buffer))
    }

    func civil(_ days: Int) -> (Int, Int, Int) {
        Day(ordinal: Int32(days)).components
    }
}

