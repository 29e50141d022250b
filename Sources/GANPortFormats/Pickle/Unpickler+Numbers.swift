/// Integer and float opcodes: `INT`, `LONG`, `FLOAT` (text), `LONG1`, `LONG4`.
extension Unpickler {
    /// `INT`: decimal text; `00`/`01` are the protocol-0 booleans.
    mutating func loadTextInt() throws {
        let line = try readLine()
        if line.count == 2, byte(at: line.lowerBound) == 0x30 {
            switch byte(at: line.lowerBound + 1) {
            case 0x30: return try push(.bool(false))
            case 0x31: return try push(.bool(true))
            default: break
            }
        }
        try push(try parseDecimal(line))
    }

    /// `LONG`: decimal text with an optional trailing `L`.
    mutating func loadTextLong() throws {
        var line = try readLine()
        if line.count > 1, byte(at: line.upperBound - 1) == UInt8(ascii: "L") { line = line.lowerBound..<(line.upperBound - 1) }
        try push(try parseDecimal(line))
    }

    /// Strict decimal: optional sign, digits, no leading zeros (CPython reads `010` as octal;
    /// refusing it avoids reading a different number than Python would).
    func parseDecimal(_ line: Range<Int>) throws -> PickleValue {
        let raw = Array(rawBytes(line))
        var digits = raw[...]
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              digits.count == 1 || digits.first != 0x30
        else {
            throw PickleError.malformedNumber(opcode: opcode.name, offset: opcodeOffset, text: text(line))
        }
        // 2.41 decimal digits per byte bounds the width before any arithmetic.
        let maxDigits = limits.maxBigIntBytes * 241 / 100 + 1
        guard digits.count <= maxDigits else {
            throw PickleError.bigIntTooWide(bytes: digits.count * 100 / 241, limit: limits.maxBigIntBytes,
                                            opcode: opcode.name, offset: opcodeOffset)
        }
        if digits.count <= 18 {
            var value: Int64 = 0
            for digit in digits { value = value * 10 + Int64(digit - 0x30) }
            return .int(negative ? -value : value)
        }
        let encoded = PickleBigInt.bytes(decimalDigits: Array(digits), negative: negative)
        return try integer(fromTwosComplement: encoded)
    }

    /// `.int` when it fits 64 bits, else `.bigInt` (width-checked).
    func integer(fromTwosComplement encoded: [UInt8]) throws -> PickleValue {
        if let small = PickleBigInt.int64(encoded) { return .int(small) }
        let minimal = PickleBigInt.minimal(encoded)
        guard minimal.count <= limits.maxBigIntBytes else {
            throw PickleError.bigIntTooWide(bytes: minimal.count, limit: limits.maxBigIntBytes, opcode: opcode.name,
                                            offset: opcodeOffset)
        }
        return .bigInt(minimal)
    }

    /// `LONG1` / `LONG4`: a length, then little-endian two's complement bytes.
    mutating func loadBinaryLong(lengthBytes: Int) throws {
        let length = try readDeclaredLength(lengthBytes: lengthBytes)
        guard length <= UInt64(limits.maxBigIntBytes) || length <= 8 else {
            throw PickleError.bigIntTooWide(bytes: Int(clamping: length), limit: limits.maxBigIntBytes,
                                            opcode: opcode.name, offset: opcodeOffset)
        }
        let range = try takeDeclared(length)
        try charge(range.count)
        try push(try integer(fromTwosComplement: Array(rawBytes(range))))
    }

    /// `FLOAT`: the text `repr(float)` writes: decimal or exponent notation, `inf`, `nan`.
    mutating func loadTextFloat() throws {
        let line = try readLine()
        let string = text(line)
        guard Self.isFloatLiteral(Array(rawBytes(line))), let value = Double(string) else {
            throw PickleError.malformedNumber(opcode: opcode.name, offset: opcodeOffset, text: string)
        }
        let lowered = string.lowercased()
        if value.isInfinite, !lowered.hasSuffix("inf"), !lowered.hasSuffix("infinity") {
            // CPython raises OverflowError for finite text that overflows (`1e999`).
            throw PickleError.malformedNumber(opcode: opcode.name, offset: opcodeOffset, text: string)
        }
        try push(.float(value))
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` or `inf`, `infinity`, `nan`.
    static func isFloatLiteral(_ text: [UInt8]) -> Bool {
        var i = 0
        if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") { i += 1 }
        let word = String(decoding: text[i...], as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" || word == "nan" { return true }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var mantissaDigits = 0
        while i < text.count, isDigit(text[i]) { i += 1; mantissaDigits += 1 }
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            while i < text.count, isDigit(text[i]) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if i < text.count, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            i += 1
            if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") { i += 1 }
            var exponentDigits = 0
            while i < text.count, isDigit(text[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return i == text.count
    }
}
