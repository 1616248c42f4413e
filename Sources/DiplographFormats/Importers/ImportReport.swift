import DiplographCore

/// One problem with one row of a coded event file.
public struct RowProblem: Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with a row.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The row has more or fewer fields than the format's columns.
        case wrongColumnCount = "wrong-column-count"
        case badDate = "bad-date"
        case badNumber = "bad-number"
        /// Neither side of the event names an actor.
        case noActor = "no-actor"
        case badEventCode = "bad-event-code"
        /// An id seen before with different content (kept, with a suffix).
        case duplicateID = "duplicate-id"
        /// A row identical to an earlier one (dropped).
        case duplicateRow = "duplicate-row"
        case badJSON = "bad-json"
        case missingField = "missing-field"
        case invalidEncoding = "invalid-encoding"
        /// A quoted field still open at the end of the file.
        case unterminatedQuote = "unterminated-quote"
    }

    /// What was wrong.
    public let code: Code
    /// The file the row is in.
    public let file: String
    /// The row's 1-based line.
    public let line: Int
    /// What was wrong, in words.
    public let message: String

    /// Whether the row was still imported (a warning) or skipped.
    public let skipped: Bool

    /// `file:line: skipped|warning: message [code]`.
    public var description: String {
        "\(file):\(line): \(skipped ? "skipped" : "warning"): \(message) [\(code.rawValue)]"
    }
}

/// What an import read, kept, merged and skipped.
public struct ImportReport: Sendable, CustomStringConvertible {
    /// The format read, in words (`GDELT 2.0`, `ICEWS`).
    public var format: String = ""
    /// Data rows read (headers not counted).
    public var rowsRead = 0
    /// Rows that became an event or were merged into one.
    public var rowsImported = 0
    /// Rows left out because of a problem.
    public var rowsSkipped = 0
    /// Rows folded into an earlier event by the merge rule.
    public var rowsMerged = 0
    /// Of the rows merged, those that coded a meeting or agreement its report had
    /// coded before, from either side (A met B, B met A: one meeting).
    public var rowsSameReport = 0
    /// Events made, after merging.
    public var events = 0
    /// Nodes made from the rows' actors.
    public var nodes = 0
    /// Problems by code (all of them are counted).
    public var problemCounts: [RowProblem.Code: Int] = [:]
    /// The first problems, in file order (at most `LoadOptions.problemLimit`).
    public var problems: [RowProblem] = []

    mutating func record(_ problem: RowProblem, limit: Int) {
        problemCounts[problem.code, default: 0] += 1
        if problems.count < limit { problems.append(problem) }
    }

    /// A summary line, then the count of each problem.
    public var description: String {
        let reciprocal = rowsSameReport > 0 ? "; \(rowsSameReport) of them a meeting or agreement their report had given already, from either side" : ""
        var lines = ["\(format): \(rowsRead) rows read, \(rowsImported) imported (\(rowsMerged) merged into earlier events\(reciprocal)), "
            + "\(rowsSkipped) skipped → \(events) events, \(nodes) nodes"]
        for code in RowProblem.Code.allCases {
            if let count = problemCounts[code] { lines.append("  \(count) × \(code.rawValue)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// How a file is read: its format, and for coded event files how rows become events.
public struct LoadOptions: Sendable {
    /// How rows that describe the same event are merged.
    public enum MergeRule: String, Sendable, CaseIterable {
        /// Rows with the same actors, targets, event kind and day become one event
        /// with all their sources (one meeting reported by 40 articles is one event).
        case sameDay = "same-day"
        /// Every row is its own event.
        case none
    }

    /// The file's format; `.auto` detects it from the name and the first line.
    public var format: InputFormat
    /// Coded files: fail the whole load on the first row problem instead of skipping
    /// the row.
    public var strict: Bool
    /// Coded files: how rows that describe the same event are merged.
    public var merge: MergeRule
    /// How many row problems to keep with their text (all are counted).
    public var problemLimit: Int
    /// Called now and then with (bytes read, total bytes), for progress display; a
    /// file read on two cores calls it from both threads (bytes read then counts both).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// CSV events: a nodes file (`id`, `name`, `kind` columns).
    public var csvNodes: String?
    /// CSV events: field → column name, for columns not named as the importer expects
    /// (fields: `CSVEventsImporter.fields`).
    public var csvMapping: [String: String]
    /// CSV events: whether the first row names the columns; without it `csvMapping`
    /// gives each field its column's place (`date=4`, 1 for the first). With a header a
    /// number that names no column is a place too.
    public var csvHeader = true
    /// Quadruples: the day a date of `0` stands for, when dates are numbers of days.
    public var epoch: EventDate?
    /// Quadruples: a CAMEO code file whose event names the relations are matched to
    /// (ICEWS's `CAMEO_codefile.txt` or GDELT's `CAMEO.eventcodes.txt`).
    public var cameoNames: String?
    /// GDELT: a table of CAMEO country codes and names (`CAMEO.country.txt`:
    /// `CODE<TAB>LABEL`), so that a country the file names only by its code is drawn
    /// and listed by its name.
    public var countryNames: String?

    /// Options; by default the format is detected, bad rows skipped and same-day rows merged.
    public init(format: InputFormat = .auto, strict: Bool = false, merge: MergeRule = .sameDay, problemLimit: Int = 1000,
                progress: (@Sendable (Int, Int) -> Void)? = nil, csvNodes: String? = nil, csvMapping: [String: String] = [:]) {
        self.format = format
        self.strict = strict
        self.merge = merge
        self.problemLimit = problemLimit
        self.progress = progress
        self.csvNodes = csvNodes
        self.csvMapping = csvMapping
    }
}

/// An imported event table with its nodes, and the report of how it was made.
package struct ImportResult: Sendable {
    package let nodes: [Node]
    package let table: EventTable
    package let report: ImportReport

    /// The events as values, in import order (for small files and tests; a store
    /// reads the table directly).
    package var dataset: Dataset {
        Dataset(nodes: nodes, events: (0..<table.count).map { table[$0] })
    }
}
