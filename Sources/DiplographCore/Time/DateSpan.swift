/// The date of an event: one `EventDate`, or a range `start/end` of two.
///
/// A span covers every day from the first day of `start` to the last day of `end`,
/// both included: `2023-06-27/2023-06-29` covers three days, `2023-06` thirty.
public struct DateSpan: Sendable, Hashable {
    /// The first date (the whole span when it is not a range).
    public let start: EventDate
    /// The last date (equal to `start` when it is not a range).
    public let end: EventDate

    /// A single date.
    public init(_ date: EventDate) {
        start = date
        end = date
    }

    /// A range; `end` must not end before `start` begins.
    public init(start: EventDate, end: EventDate) throws(TimeError) {
        guard end.lastDay >= start.firstDay else {
            let text = "\(start)/\(end)"
            throw TimeError(code: .rangeEndsBeforeStart, text: text,
                                 message: "the range '\(text)' ends before it starts",
                                 hint: "write the earlier date first")
        }
        self.start = start
        self.end = end
    }

    /// Parses `DATE` or `DATE/DATE` (each as in `EventDate(parsing:)`).
    public init(parsing text: some StringProtocol) throws(TimeError) {
        if let slash = text.firstIndex(of: "/") {
            let first = try EventDate(parsing: text[text.startIndex..<slash])
            let second = try EventDate(parsing: text[text.index(after: slash)...])
            try self.init(start: first, end: second)
        } else {
            self.init(try EventDate(parsing: text))
        }
    }

    /// Parses UTF-8 bytes, as `init(parsing:)` parses text; no allocation on success.
    package init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(TimeError) {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else {
            self.init(try EventDate(utf8: bytes))
            return
        }
        let first = try EventDate(utf8: UnsafeBufferPointer(rebasing: bytes[..<slash]))
        let second = try EventDate(utf8: UnsafeBufferPointer(rebasing: bytes[(slash + 1)...]))
        try self.init(start: first, end: second)
    }

    /// Whether the span is a range of two different dates.
    public var isRange: Bool { start != end }
    /// The first day of `start`.
    public var firstDay: Day { start.firstDay }
    /// The last day of `end`.
    public var lastDay: Day { end.lastDay }

    /// The closed interval of days covered.
    public var days: DayInterval { DayInterval(first: firstDay, last: lastDay) }

    /// The coarsest precision among its ends.
    public var precision: EventDate.Precision { min(start.precision, end.precision) }
}

extension DateSpan: CustomStringConvertible {
    /// As written: `2023-06-27` or `2023-06-27/2023-06-29`.
    public var description: String {
        isRange ? "\(start)/\(end)" : start.description
    }
}

extension DateSpan: Comparable {
    /// Spans order by first day, then by last day, then by their text.
    public static func < (lhs: DateSpan, rhs: DateSpan) -> Bool {
        if lhs.firstDay != rhs.firstDay { return lhs.firstDay < rhs.firstDay }
        if lhs.lastDay != rhs.lastDay { return lhs.lastDay < rhs.lastDay }
        return lhs.description < rhs.description
    }
}
