import DiplographCore

/// One file of a GDELT 2.0 file list (`masterfilelist.txt`, `lastupdate.txt`): a line of
/// its size in bytes, its MD5 in hex and its address.
package struct ListedFile: Sendable, Hashable {
    package let url: String
    /// The address's last component, for example `20191024143000.export.CSV.zip`.
    package let name: String
    package let bytes: Int
    package let md5: String
    /// The 15-minute slot the file covers, `YYYYMMDDHHMMSS` in UTC, from its name.
    package let stamp: String
    /// The slot's day.
    package let day: Day

    /// A line of a list, or nil when it is not an events file (mentions, GKG) or not a
    /// line of three fields with a stamped name.
    init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 3, let bytes = Int(fields[0]), fields[1].count == 32,
              fields[1].allSatisfy(\.isHexDigit) else { return nil }
        let url = String(fields[2])
        let name = String(url.split(separator: "/").last ?? "")
        guard name.hasSuffix(".export.CSV.zip"), let (stamp, day) = Self.stamp(of: name) else { return nil }
        self.url = url
        self.name = name
        self.bytes = bytes
        self.md5 = fields[1].lowercased()
        self.stamp = stamp
        self.day = day
    }

    /// The stamp a GDELT file name begins with (`20191024143000.export.CSV.zip`) and
    /// its day, or nil when the name does not begin with a real date and time.
    static func stamp(of name: String) -> (stamp: String, day: Day)? {
        let stamp = name.prefix(14)
        guard stamp.count == 14, stamp.allSatisfy({ $0.isASCII && $0.isNumber }),
              let date = try? EventDate(parsing: "\(stamp.prefix(4))-\(stamp.dropFirst(4).prefix(2))-\(stamp.dropFirst(6).prefix(2))")
        else { return nil }
        return (String(stamp), date.firstDay)
    }

    /// The 15-minute slot a file name's stamp gives, counted from 1970.
    static func slot(of name: String) -> Int? {
        guard let (stamp, day) = stamp(of: name), let hours = Int(stamp.dropFirst(8).prefix(2)),
              let minutes = Int(stamp.dropFirst(10).prefix(2)) else { return nil }
        return Int(day.ordinal) * 96 + hours * 4 + minutes / 15
    }
}

/// What a file list gave: its event files, in time order, and how many of its lines
/// were neither an events file nor another of GDELT's (mentions, GKG) files.
package struct FileList: Sendable {
    package let files: [ListedFile]
    /// Lines that were not three fields of size, MD5 and address, with the first one's
    /// number: GDELT's master list has held a few broken lines over the years.
    package let unreadable: (count: Int, firstLine: Int?)

    package init(text: String) {
        var files: [ListedFile] = []
        var unreadable = 0
        var firstUnreadable: Int?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.last == "\r" ? line.dropLast() : line
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            if let file = ListedFile(line: line) {
                files.append(file)
            } else if !Self.isOtherGDELTFile(line) {
                unreadable += 1
                if firstUnreadable == nil { firstUnreadable = index + 1 }
            }
        }
        // By stamp, and the last listing of a name wins: a republished file keeps its slot.
        var byName: [String: ListedFile] = [:]
        for file in files { byName[file.name] = file }
        self.files = byName.values.sorted { ($0.stamp, $0.name) < ($1.stamp, $1.name) }
        self.unreadable = (unreadable, firstUnreadable)
    }

    private static func isOtherGDELTFile(_ line: Substring) -> Bool {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count == 3 && Int(fields[0]) != nil && fields[1].count == 32 && fields[2].hasSuffix(".zip")
    }
}
