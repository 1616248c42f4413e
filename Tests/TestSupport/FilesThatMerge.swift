import Foundation

/// GDELT files whose rows repeat each other's events: the fixtures of the merge rule
/// across files, for every persistent store. Each comes with the same rows in one file,
/// which one load reads as the oracle.
public enum FilesThatMerge {
    /// GDELT rows over three days (2023-06-25 to 27): the same dyads meet every day,
    /// citing twenty articles.
    public static func rows(seed: UInt64, count: Int) -> [GDELTRow] {
        var generator = SeededGenerator(seed: seed)
        let countries = [("ARM", "ARMENIA"), ("AZE", "AZERBAIJAN"), ("USA", "UNITED STATES"), ("RUS", "RUSSIA"), ("TUR", "TURKEY")]
        return (0..<count).map { index in
            let day = 25 + index * 3 / count
            let codes = ["040", "043", "051", "057", "112", "190"]
            let (a, b) = (countries.randomElement(using: &generator)!, countries.randomElement(using: &generator)!)
            return GDELTRow(id: 1000 + index, date: "202306\(day)", code: codes.randomElement(using: &generator)!)
                .actor1(code: a.0, name: a.1, country: a.0).actor2(code: b.0, name: b.1, country: b.0)
                .with(57, "https://news.example/\(Int.random(in: 0..<20, using: &generator))")
        }
    }

    public static func write(_ rows: ArraySlice<GDELTRow>, to path: String) throws {
        try Data((rows.map(\.line).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Three files of consecutive rows (seed 7, 300 rows): some rows of one day fall in
    /// the next file, so events merge across files.
    public static func consecutive() throws -> (files: [String], whole: String) {
        let rows = Self.rows(seed: 7, count: 300)
        return try written([rows[0..<90], rows[90..<210], rows[210...]])
    }

    /// Six files that each span every day, so that each joins events of every earlier
    /// one; seven articles are each cited by rows of every file (equal sources across
    /// files, which an event lists once). One load reads the files' rows in name order,
    /// as a store takes an event's row.
    public static func interleaved() throws -> (files: [String], whole: String) {
        let rows = Self.rows(seed: 9, count: 600).enumerated()
            .map { $0.element.with(60, "https://news.example/article-\($0.offset % 7)") }
        return try written((0..<6).map { part in rows.enumerated().filter { $0.offset % 6 == part }.map(\.element)[...] })
    }

    /// `parts` as files named `2023062N.export.CSV` in a new folder, and all of them in
    /// one file in a folder of its own.
    private static func written(_ parts: [ArraySlice<GDELTRow>]) throws -> (files: [String], whole: String) {
        let folder = TestPaths.temporaryFolder()
        var files: [String] = []
        for (number, part) in parts.enumerated() {
            let path = folder.appendingPathComponent("2023062\(number).export.CSV").path
            try write(part, to: path)
            files.append(path)
        }
        let whole = folder.appendingPathComponent("all").appendingPathComponent("whole.export.CSV").path
        try FileManager.default.createDirectory(atPath: (whole as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try write(ArraySlice(parts.joined()), to: whole)
        return (files, whole)
    }
}
