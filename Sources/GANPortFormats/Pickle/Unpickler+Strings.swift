/// String and bytes opcodes.
///
/// `STRING`, `BINSTRING` and `SHORT_BINSTRING` (Python 2 `str`) give a `.string` when their
/// bytes are valid UTF-8 and `.bytes` otherwise, like `pickle.load(encoding='bytes')` would
/// for binary data. Unicode opcodes must hold valid UTF-8. Bytes are zero-copy slices.
extension Unpickler {
    /// `STRING`: a quoted, escaped line (protocol 0).
    mutating func loadQuotedString() throws {
        let line = try readLine()
        let raw = rawBytes(line)
        guard raw.count >= 2, let quote = raw.first, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""),
              raw[raw.count - 1] == quote
        else {
            throw PickleError.malformedString(opcode: opcode.name, offset: opcodeOffset,
                                              reason: "the STRING argument must be quoted")
        }
        let inner = UnsafeRawBufferPointer(rebasing: raw[1..<(raw.count - 1)])
        let decoded: [UInt8]
        do {
            decoded = try PickleText.escapeDecode(inner)
        } catch let PickleText.DecodeError.invalid(reason) {
            throw PickleError.malformedString(opcode: opcode.name, offset: opcodeOffset, reason: reason)
        }
        try charge(decoded.count)
        let value: PickleValue = decoded.withUnsafeBytes { buffer in
            PickleText.string(utf8: buffer).map(PickleValue.string) ?? .bytes(ByteSlice(decoded))
        }
        try push(value)
    }

    /// `BINSTRING` (signed 4-byte length) / `SHORT_BINSTRING` (1-byte length).
    mutating func loadBinaryString(lengthBytes: Int) throws {
        let length = try readDeclaredLength(lengthBytes: lengthBytes)
        let range = try takeDeclared(length)
        try charge(range.count)
        if let string = PickleText.string(utf8: rawBytes(range)) {
            try push(.string(string))
        } else {
            try push(.bytes(payload(range)))
        }
    }

    /// `UNICODE`: a `raw-unicode-escape` line (protocol 0).
    mutating func loadRawUnicode() throws {
        let line = try readLine()
        let string: String
        do {
            string = try PickleText.rawUnicodeEscape(rawBytes(line))
        } catch let PickleText.DecodeError.invalid(reason) {
            throw PickleError.malformedString(opcode: opcode.name, offset: opcodeOffset, reason: reason)
        }
        try charge(string.utf8.count)
        try push(.string(string))
    }

    /// `SHORT_BINUNICODE`, `BINUNICODE`, `BINUNICODE8`: a length, then UTF-8.
    mutating func loadUnicode(lengthBytes: Int) throws {
        let range = try takeDeclared(try readLength(lengthBytes))
        try charge(range.count)
        guard let string = PickleText.string(utf8: rawBytes(range)) else {
            throw PickleError.invalidUTF8(opcode: opcode.name, offset: opcodeOffset)
        }
        try push(.string(string))
    }

    /// `SHORT_BINBYTES`, `BINBYTES`, `BINBYTES8`, `BYTEARRAY8`: a length, then raw bytes.
    mutating func loadBytes(lengthBytes: Int) throws {
        let range = try takeDeclared(try readLength(lengthBytes))
        try charge(range.count)
        try push(.bytes(payload(range)))
    }
}
