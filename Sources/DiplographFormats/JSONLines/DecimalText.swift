/// Decimal numbers read from bytes.
enum DecimalText {
    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The value of `-?digits(.digits)?`, or of any form `Double(String)` accepts.
    ///
    /// Hand-written because JSON-lines events carry a tone each and `Double(String)`
    /// allocates a string per number. Up to 15 digits the digits form an exact
    /// integer and the power of ten is exact, so one division gives the correctly
    /// rounded value, the same as `Double(String)` (Clinger's fast path); anything
    /// else takes that slower route.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let negative = bytes.first == 45
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var point = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 48, byte <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(byte - 48)
                digits += 1
                if point { fractionDigits += 1 }
            } else if byte == 46, !point, digits > 0 {
                point = true
            } else {
                return slow(bytes)
            }
            index += 1
        }
        guard digits > 0, digits <= 15, !point || fractionDigits > 0 else { return slow(bytes) }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static func slow(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count <= 64 else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
