/// A strict, schema-driven scanner for the safetensors header JSON.
///
/// It accepts exactly the shape the format defines — an object whose values are tensor entries
/// `{"dtype": …, "shape": […], "data_offsets": [b, e]}` plus an optional `__metadata__` object of
/// strings — and rejects what general JSON parsers let through: duplicate keys at any level,
/// numbers that are not plain non-negative integers (`1.0`, `1e3`, `-0`, `+1`), integers above
/// 2^53, `data_offsets` of the wrong arity and unknown fields. JSON whitespace is allowed around
/// every token, including before and after the header object.
///
/// Nesting is bounded by construction: the scanner only descends into the three levels the schema
/// has (header → entry → integer array); any other value is refused by its first byte, never parsed.
struct SafetensorsHeaderScanner {
    /// Largest integer accepted in `shape` and `data_offsets` (exactly representable as a double).
    static let maximumInteger = 1 << 53

    private let bytes: UnsafeRawBufferPointer
    private let fileOffset: Int
    private var position = 0

    /// Scans `bytes` (valid UTF-8), which start at byte `fileOffset` of the file.
    static func scan(_ bytes: UnsafeRawBufferPointer, fileOffset: Int) throws -> SafetensorsHeader {
        var scanner = SafetensorsHeaderScanner(bytes: bytes, fileOffset: fileOffset)
        return try scanner.scanHeader()
    }

    private init(bytes: UnsafeRawBufferPointer, fileOffset: Int) {
        self.bytes = bytes
        self.fileOffset = fileOffset
    }

    // MARK: Schema

    private mutating func scanHeader() throws -> SafetensorsHeader {
        skipWhitespace()
        guard let first = peek() else { throw malformed("empty header") }
        guard first == UInt8(ascii: "{") else { throw SafetensorsError.wrongType(context: "header", expected: "a JSON object", offset: here) }
        var header = SafetensorsHeader(metadata: nil, entries: [])
        var seen = Set<[UInt8]>()
        try scanObject { scanner, key, keyBytes, keyOffset in
            guard seen.insert(keyBytes).inserted else {
                throw SafetensorsError.duplicateKey(key: key, context: "header", offset: keyOffset)
            }
            if key == "__metadata__" {
                header.metadata = try scanner.scanMetadata()
            } else {
                header.entries.append(try scanner.scanEntry(name: key))
            }
        }
        skipWhitespace()
        guard position == bytes.count else { throw SafetensorsError.trailingCharacters(offset: here) }
        return header
    }

    private mutating func scanMetadata() throws -> [(String, String)]? {
        if try consumeLiteral("null") { return nil }
        guard peek() == UInt8(ascii: "{") else {
            throw SafetensorsError.wrongType(context: "__metadata__", expected: "an object of strings", offset: here)
        }
        var pairs: [(String, String)] = []
        var seen = Set<[UInt8]>()
        try scanObject { scanner, key, keyBytes, keyOffset in
            guard seen.insert(keyBytes).inserted else {
                throw SafetensorsError.duplicateKey(key: key, context: "__metadata__", offset: keyOffset)
            }
            guard scanner.peek() == UInt8(ascii: "\"") else {
                throw SafetensorsError.nonStringMetadataValue(key: key, offset: scanner.here)
            }
            pairs.append((key, try scanner.scanString().string))
        }
        return pairs
    }

    private mutating func scanEntry(name: String) throws -> SafetensorsHeaderEntry {
        guard peek() == UInt8(ascii: "{") else {
            throw SafetensorsError.wrongType(context: "tensor \"\(name)\"", expected: "an object", offset: here)
        }
        var dtype: SafetensorsDType?
        var shape: [Int]?
        var offsets: [Int]?
        var seen = Set<[UInt8]>()
        try scanObject { scanner, key, keyBytes, keyOffset in
            guard seen.insert(keyBytes).inserted else {
                throw SafetensorsError.duplicateKey(key: key, context: "tensor \"\(name)\"", offset: keyOffset)
            }
            switch key {
            case "dtype":
                guard scanner.peek() == UInt8(ascii: "\"") else {
                    throw SafetensorsError.wrongType(context: "dtype of tensor \"\(name)\"", expected: "a string", offset: scanner.here)
                }
                let text = try scanner.scanString().string
                guard let known = SafetensorsDType(rawValue: text) else { throw SafetensorsError.unknownDType(tensor: name, dtype: text) }
                dtype = known
            case "shape":
                shape = try scanner.scanIntegers(tensor: name, field: "shape")
            case "data_offsets":
                let arrayOffset = scanner.here
                let values = try scanner.scanIntegers(tensor: name, field: "data_offsets")
                guard values.count == 2 else {
                    throw SafetensorsError.dataOffsetsArity(tensor: name, count: values.count, offset: arrayOffset)
                }
                offsets = values
            default:
                throw SafetensorsError.unknownField(tensor: name, field: key, offset: keyOffset)
            }
        }
        guard let dtype else { throw SafetensorsError.missingField(tensor: name, field: "dtype") }
        guard let shape else { throw SafetensorsError.missingField(tensor: name, field: "shape") }
        guard let offsets else { throw SafetensorsError.missingField(tensor: name, field: "data_offsets") }
        return SafetensorsHeaderEntry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    private mutating func scanIntegers(tensor: String, field: String) throws -> [Int] {
        guard peek() == UInt8(ascii: "[") else {
            throw SafetensorsError.wrongType(context: "\(field) of tensor \"\(tensor)\"", expected: "an array of integers", offset: here)
        }
        position += 1
        var values: [Int] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return values }
        while true {
            skipWhitespace()
            values.append(try scanInteger(tensor: tensor, field: field))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return values }
            throw malformed(peek() == nil ? "unexpected end inside an array" : "expected ',' or ']'")
        }
    }

    /// A plain decimal integer: `0` or `[1-9][0-9]*`, at most 2^53.
    private mutating func scanInteger(tensor: String, field: String) throws -> Int {
        let start = position
        let startOffset = here
        while let byte = peek(), SafetensorsHeaderScanner.isNumberByte(byte) { position += 1 }
        guard position > start else {
            if peek() == nil { throw malformed("unexpected end inside an array") }
            throw SafetensorsError.wrongType(context: "\(field) of tensor \"\(tensor)\"", expected: "an array of integers", offset: startOffset)
        }
        let token = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
        let allDigits = token.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard allDigits, token.count == 1 || token[0] != UInt8(ascii: "0") else {
            throw SafetensorsError.notAnInteger(tensor: tensor, field: field, offset: startOffset)
        }
        var value = 0
        for digit in token {
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
            guard value <= SafetensorsHeaderScanner.maximumInteger else {
                throw SafetensorsError.integerTooLarge(tensor: tensor, field: field, offset: startOffset)
            }
        }
        return value
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    // MARK: JSON syntax

    /// Scans `{ "key": value, … }`; `member` scans each value (the scanner stands on its first byte).
    private mutating func scanObject(
        _ member: (inout SafetensorsHeaderScanner, String, [UInt8], Int) throws -> Void
    ) throws {
        position += 1  // "{"
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw malformed(peek() == nil ? "unexpected end inside an object" : "expected a string key")
            }
            let keyOffset = here
            let key = try scanString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw malformed("expected ':' after a key") }
            skipWhitespace()
            guard peek() != nil else { throw malformed("unexpected end inside an object") }
            try member(&self, key.string, key.bytes, keyOffset)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return }
            throw malformed(peek() == nil ? "unexpected end inside an object" : "expected ',' or '}'")
        }
    }

    /// Scans a string literal (the scanner stands on its opening quote) and decodes its escapes.
    private mutating func scanString() throws -> (string: String, bytes: [UInt8]) {
        position += 1  // opening quote
        var decoded: [UInt8] = []
        while true {
            guard let byte = peek() else { throw malformed("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return (String(decoding: decoded, as: UTF8.self), decoded)
            case UInt8(ascii: "\\"):
                position += 1
                try scanEscape(into: &decoded)
            case 0x00..<0x20:
                throw malformed("control character in a string")
            default:
                decoded.append(byte)
                position += 1
            }
        }
    }

    private mutating func scanEscape(into decoded: inout [UInt8]) throws {
        guard let byte = peek() else { throw malformed("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try scanHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else { throw malformed("lone surrogate in \\u escape") }
                let low = try scanHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw malformed("lone surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw malformed("lone surrogate in \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw malformed("invalid \\u escape") }
            decoded.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            position -= 1
            throw malformed("invalid escape")
        }
    }

    private mutating func scanHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw malformed("unterminated \\u escape") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw malformed("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    // MARK: Bytes

    private var here: Int { fileOffset + position }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    private mutating func consumeLiteral(_ literal: StaticString) throws -> Bool {
        let text = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard peek() == text.first else { return false }
        guard bytes.count - position >= text.count,
              bytes[position..<(position + text.count)].elementsEqual(text) else { throw malformed("invalid literal") }
        position += text.count
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private func malformed(_ reason: String) -> SafetensorsError {
        .malformedJSON(offset: here, reason: reason)
    }
}
