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

    /// The whole days from `first` through `last` (one day when they are equal, and
    /// `first` alone when `last` is earlier): a span read back from stored days.
    package init(days first: Day, through last: Day) {
        let (start, end) = (EventDate(first), EventDate(last))
        self = start == end ? DateSpan(start) : ((try? DateSpan(start: start, end: end)) ?? DateSpan(start))
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

    /// Whether either end is marked approximate (`~`): the event lies somewhere in
    /// the span, or about then.
    public var isApproximate: Bool { start.isApproximate || end.isApproximate }

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

extension DateSpan {
    /// The days strictly after `after` and strictly before `before` (each bound
    /// optional), within `span` when given: an event known only to lie between two
    /// dates ("after 2023-05-01, before 2023-07" is 2023-05-02 through 2023-06-30).
    ///
    /// The ends of a span the bounds cut are marked approximate, since the event lies
    /// somewhere in it; a span the bounds leave as it is stays as written, and one the
    /// bounds narrow to a single day is that day, certain.
    ///
    /// - Throws: `TimeError` when no span is given and a bound is missing, or when no
    ///   day lies between the bounds.
    public static func between(after: EventDate?, before: EventDate?, within span: DateSpan?) throws(TimeError) -> DateSpan {
        let text = "after \(after.map(String.init(describing:)) ?? "…"), before \(before.map(String.init(describing:)) ?? "…")"
        let lower = [span?.firstDay, after?.lastDay.adding(days: 1)].compactMap { $0 }.max()
        let upper = [span?.lastDay, before?.firstDay.adding(days: -1)].compactMap { $0 }.min()
        guard let lower, let upper, span != nil || (after != nil && before != nil) else {
            throw TimeError(code: .empty, text: text, message: "an event needs a date, or both 'after' and 'before'",
                            hint: "add the missing bound, or a date such as ~2023-06")
        }
        guard lower <= upper else {
            throw TimeError(code: .rangeEndsBeforeStart, text: text, message: "no day lies \(text)\(span.map { " within \($0)" } ?? "")",
                            hint: "check the bounds: each is excluded, so 'after' must end at least two days before 'before' begins")
        }
        if let span, span.firstDay == lower, span.lastDay == upper { return span }
        if lower == upper { return DateSpan(EventDate(lower)) }
        func date(_ day: Day) -> EventDate {
            let (year, month, dayOfMonth) = day.components
            return EventDate(year: year, month: month, day: dayOfMonth, approximate: true)
        }
        return try DateSpan(start: date(lower), end: date(upper))
    }
}
