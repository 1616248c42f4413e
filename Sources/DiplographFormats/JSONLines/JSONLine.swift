/// One scanned line: its bytes and its tape of tokens, with typed access to the
/// fields of its objects. Objects are found by token index; a field by the code the
/// reader gave its key (see `NativeJSONLinesLoader.Field`).
struct JSONLine {
    typealias Field = NativeJSONLinesLoader.Field

    let base: UnsafePointer<UInt8>
    /// The tape and the field index, borrowed from the reader for the line's reading
    /// (buffers, not arrays: passing the view and iterating its lists retained and
    /// released arrays many times a line, in the JSON-lines profile).
    let tokens: UnsafeBufferPointer<JSONToken>
    /// The value token of each field of the line's object (token 0) by code, or -1.
    let topLevel: UnsafeBufferPointer<Int32>
    /// Byte offset of the line in the buffer.
    let start: Int

    /// The value token of `object`'s first field with code `field`.
    ///
    /// - Complexity: O(1) for the line's object, O(k) in the fields of others.
    func field(_ object: Int, _ field: Field) -> Int? {
        if object == 0 { return topLevel[Int(field.rawValue)] < 0 ? nil : Int(topLevel[Int(field.rawValue)]) }
        guard tokens[object].kind == .object else { return nil }
        var key = object + 1
        let end = Int(tokens[object].next)
        while key < end {
            if tokens[key].field == field.rawValue { return key + 1 }
            key = Int(tokens[key + 1].next)
        }
        return nil
    }

    /// The 0-based column of the field's key (its quote), or 0 when absent.
    func offset(_ object: Int, _ field: Field) -> Int {
        self.field(object, field).map { tokens[$0 - 1].start - 1 - start } ?? 0
    }

    /// The elements of an array token (none for other kinds).
    func elements(_ array: Int) -> Elements {
        let isArray = tokens[array].kind == .array
        return Elements(tokens: tokens, index: isArray ? array + 1 : 0, end: isArray ? Int(tokens[array].next) : 0)
    }

    struct Elements: Sequence, IteratorProtocol {
        let tokens: UnsafeBufferPointer<JSONToken>
        var index: Int
        let end: Int

        mutating func next() -> Int? {
            guard index < end else { return nil }
            defer { index = Int(tokens[index].next) }
            return index
        }
    }

    /// Calls `body` with a string token's bytes, escapes decoded; nil when the token is
    /// not a string or an escape is broken. Text beyond ASCII was checked to be UTF-8
    /// when the line was read.
    func withBytes<Result>(_ token: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let value = tokens[token]
        guard value.kind == .string else { return nil }
        let raw = UnsafeBufferPointer(start: base + value.start, count: value.end - value.start)
        guard value.escaped else { return body(raw) }
        return JSONScanner.decoded(raw)?.withUnsafeBufferPointer(body)
    }

    func string(_ token: Int) -> String? {
        tokens[token].kind == .string ? JSONScanner.text(base, tokens[token]) : nil
    }

    func string(_ object: Int, _ field: Field) -> String? {
        self.field(object, field).flatMap(string)
    }

    /// A string, or each string of an array (other values are skipped).
    func forEachString(_ token: Int, _ body: (Int) -> Void) {
        switch tokens[token].kind {
        case .string: body(token)
        case .array: for element in elements(token) where tokens[element].kind == .string { body(element) }
        default: break
        }
    }

    func strings(_ object: Int, _ field: Field) -> [String] {
        guard let token = self.field(object, field) else { return [] }
        var result: [String] = []
        forEachString(token) { if let text = string($0) { result.append(text) } }
        return result
    }

    /// A number token's value.
    func number(_ token: Int) -> Double? {
        let value = tokens[token]
        guard value.kind == .number else { return nil }
        return DecimalText.double(UnsafeBufferPointer(start: base + value.start, count: value.end - value.start))
    }

    /// An object of string values as a dictionary (other values are skipped).
    func dictionary(_ object: Int) -> [String: String] {
        guard tokens[object].kind == .object else { return [:] }
        var result: [String: String] = [:]
        var key = object + 1
        while key < Int(tokens[object].next) {
            if let name = string(key), let value = string(key + 1) { result[name] = value }
            key = Int(tokens[key + 1].next)
        }
        return result
    }

    /// Whether a string token holds only spaces, tabs and line breaks (or nothing).
    func isBlank(_ token: Int) -> Bool {
        withBytes(token) { bytes in !bytes.contains { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 } } ?? true
    }
}
