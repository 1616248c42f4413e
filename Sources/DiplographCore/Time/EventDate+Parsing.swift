extension EventDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, approximate ("circa") when followed by
    /// `~` as in EDTF or preceded by it as people write (`~2023-06`); the text form is
    /// EDTF's.
    ///
    /// Years run from 0001 to 9999 and are always four digits. Impossible dates such as
    /// `2023-02-29` or `2023-13-01` are rejected with a hint, never rolled over.
    ///
    /// - Complexity: O(n) in the length of `text`; no allocation on success.
    public init(parsing text: some StringProtocol) throws(TimeError) {
        var string = String(text)
        let parsed = string.withUTF8 { bytes in
            Result { () throws(TimeError) -> EventDate in try EventDate(utf8: bytes) }
        }
        self = try parsed.get()
    }

    /// Parses UTF-8 bytes, as `init(parsing:)` parses text; no allocation on success.
    package init(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(TimeError) {
        // Hand-written over UTF-8 bytes: coded event files call this once per row,
        // and DateFormatter/ISO8601 parsing is both slower and more permissive.
        var utf8 = bytes[...]
        var approximate = false
        if utf8.last == UInt8(ascii: "~") {
            approximate = true
            utf8 = utf8.dropLast()
        } else if utf8.first == UInt8(ascii: "~") {
            approximate = true
            utf8 = utf8.dropFirst()
        }
        // The text is made only for an error message.
        var source: String { String(decoding: bytes, as: UTF8.self) }
        guard !utf8.isEmpty else {
            throw TimeError(code: .empty, text: source, message: "the date is empty", hint: TimeError.formatHint)
        }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= utf8.count else { return nil }
            var value = 0
            for index in range {
                let byte = utf8[utf8.startIndex + index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        guard let year = number(0..<4) else { throw .malformed(source) }
        var month: Int?
        var day: Int?
        switch utf8.count {
        case 4:
            break
        case 7 where utf8[utf8.startIndex + 4] == dash:
            guard let parsed = number(5..<7) else { throw .malformed(source) }
            month = parsed
        case 10 where utf8[utf8.startIndex + 4] == dash && utf8[utf8.startIndex + 7] == dash:
            guard let parsedMonth = number(5..<7), let parsedDay = number(8..<10) else { throw .malformed(source) }
            month = parsedMonth
            day = parsedDay
        default:
            throw .malformed(source)
        }
        guard year >= 1 else {
            throw TimeError(code: .yearOutOfRange, text: source, message: "year \(Day.pad(year, 4)) does not exist",
                                 hint: "years run from 0001 to 9999")
        }
        if let month, !(1...12).contains(month) {
            throw TimeError(code: .monthOutOfRange, text: source, message: "month \(month) in '\(source)' does not exist",
                                 hint: "months run from 01 to 12")
        }
        if let month, let day {
            let length = Day.daysIn(month: month, year: year)
            guard (1...length).contains(day) else {
                throw TimeError(code: .dayOutOfRange, text: source,
                                     message: "'\(source)' is not a real date: \(Day.pad(year, 4))-\(Day.pad(month, 2)) has \(length) days",
                                     hint: "check the day, or give the month only (\(Day.pad(year, 4))-\(Day.pad(month, 2))) if the day is unknown")
            }
        }
        self.init(year: year, month: month, day: day, approximate: approximate)
    }
}
