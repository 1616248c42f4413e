/// Records of a delimited text file (CSV or TSV): RFC 4180 quoting (a field that
/// starts with `"` may hold delimiters, `""` and line breaks), LF or CRLF line ends,
/// and the line number each record starts on.
struct DelimitedRecords: Sequence, IteratorProtocol {
    let bytes: [UInt8]
    let delimiter: UInt8
    private var position = 0
    private var line = 1
    /// The line of the record whose quoted field is still open at the end of the
    /// file (that record has swallowed the rest of the file), if any.
    private(set) var unterminatedQuoteLine: Int?

    init(bytes: [UInt8], delimiter: UInt8) {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// The fields of the next non-empty record and the line it starts on.
    mutating func next() -> (line: Int, fields: [String])? {
        while position < bytes.count {
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var atFieldStart = true
            var ended = false
            while position < bytes.count, !ended {
                let byte = bytes[position]
                position += 1
                if quoted {
                    if byte == 34 {
                        if position < bytes.count, bytes[position] == 34 {
                            field.append(34)
                            position += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        if byte == 10 { line += 1 }
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case 34 where atFieldStart:
                    quoted = true
                    atFieldStart = false
                case delimiter:
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    atFieldStart = true
                case 10:
                    line += 1
                    ended = true
                case 13 where position < bytes.count && bytes[position] == 10:
                    continue
                default:
                    field.append(byte)
                    atFieldStart = false
                }
            }
            if quoted { unterminatedQuoteLine = startLine }
            fields.append(String(decoding: field, as: UTF8.self))
            if fields.count == 1, fields[0].isEmpty { continue }
            return (startLine, fields)
        }
        return nil
    }
}
