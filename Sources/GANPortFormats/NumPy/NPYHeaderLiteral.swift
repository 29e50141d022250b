/// A strict parser for the Python dict literal in a `.npy` header:
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` followed by spaces.
///
/// Only what NumPy writes is accepted: string keys, string / boolean / integer-tuple values,
/// optional trailing commas, whitespace between tokens. No escapes, no expressions.
struct NPYHeaderLiteral {
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case tuple([Int])
    }

    private let bytes: [UInt8]
    private let baseOffset: Int
    private let name: String
    private var cursor = 0

    /// Parses `bytes` (the header text, which starts at `baseOffset` in the file) into its
    /// entries in order. Duplicate and unknown keys are left to the caller.
    static func parse(_ bytes: [UInt8], baseOffset: Int, name: String) throws -> [(key: String, value: Value)] {
        var parser = NPYHeaderLiteral(bytes: bytes, baseOffset: baseOffset, name: name)
        return try parser.parseDict()
    }

    private init(bytes: [UInt8], baseOffset: Int, name: String) {
        self.bytes = bytes
        self.baseOffset = baseOffset
        self.name = name
    }

    private mutating func parseDict() throws -> [(key: String, value: Value)] {
        try expect("{")
        var entries: [(key: String, value: Value)] = []
        while try peek() != UInt8(ascii: "}") {
            let key = try parseString()
            try expect(":")
            entries.append((key, try parseValue(key: key)))
            guard try peek() == UInt8(ascii: ",") else { break }
            cursor += 1
        }
        try expect("}")
        skipWhitespace()
        guard cursor == bytes.count else { throw malformed("unexpected text after the dict") }
        return entries
    }

    private mutating func parseValue(key: String) throws -> Value {
        switch try peek() {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "("):
            return .tuple(try parseTuple(key: key))
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            if key == "descr" { throw NumPyError.structuredDType(name: name) }
            throw NumPyError.invalidValue(name: name, key: key, reason: "is a list or dict")
        default:
            let word = takeWhile { $0.isLetter }
            if word == "True" { return .bool(true) }
            if word == "False" { return .bool(false) }
            throw malformed("expected a string, True, False or a tuple")
        }
    }

    /// `()`, `(n,)` or `(n, m, …)` with an optional trailing comma; `(n)` is not a tuple.
    private mutating func parseTuple(key: String) throws -> [Int] {
        try expect("(")
        var items: [Int] = []
        var sawComma = false
        while try peek() != UInt8(ascii: ")") {
            if try peek() == UInt8(ascii: "-") {
                throw NumPyError.invalidValue(name: name, key: key, reason: "has a negative dimension")
            }
            let digits = takeWhile { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty else { throw malformed("expected a non-negative integer") }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "L") { cursor += 1 }  // Python 2 long
            guard let value = Int(digits) else { throw NumPyError.shapeOverflow(name: name) }
            items.append(value)
            sawComma = false
            guard try peek() == UInt8(ascii: ",") else { break }
            cursor += 1
            sawComma = true
        }
        try expect(")")
        guard items.count != 1 || sawComma else { throw NumPyError.invalidValue(name: name, key: key, reason: "is not a tuple") }
        return items
    }

    /// A quoted string without escapes; printable ASCII only.
    private mutating func parseString() throws -> String {
        let quote = try peek()
        guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else { throw malformed("expected a quoted string") }
        cursor += 1
        let start = cursor
        while cursor < bytes.count, bytes[cursor] != quote {
            guard bytes[cursor] >= 0x20, bytes[cursor] < 0x7F, bytes[cursor] != UInt8(ascii: "\\") else {
                throw malformed("unsupported character in a string")
            }
            cursor += 1
        }
        guard cursor < bytes.count else { throw malformed("unterminated string") }
        cursor += 1
        return String(decoding: bytes[start..<(cursor - 1)], as: UTF8.self)
    }

    /// The next non-whitespace byte (not consumed).
    private mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard cursor < bytes.count else { throw malformed("header ends early") }
        return bytes[cursor]
    }

    private mutating func expect(_ character: Unicode.Scalar) throws {
        guard try peek() == UInt8(ascii: character) else { throw malformed("expected '\(character)'") }
        cursor += 1
    }

    private mutating func skipWhitespace() {
        while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[cursor]) { cursor += 1 }
    }

    private mutating func takeWhile(_ predicate: (UInt8) -> Bool) -> String {
        let start = cursor
        while cursor < bytes.count, predicate(bytes[cursor]) { cursor += 1 }
        return String(decoding: bytes[start..<cursor], as: UTF8.self)
    }

    private func malformed(_ reason: String) -> NumPyError {
        NumPyError.malformedHeader(name: name, offset: baseOffset + cursor, reason: reason)
    }
}

private extension UInt8 {
    var isLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
}
