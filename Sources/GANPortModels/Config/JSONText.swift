import GANPortFormats

/// A small strict JSON parser for configuration text (RFC 8259; object key order kept;
/// numbers without fraction or exponent become integers when they fit in 64 bits).
struct JSONText {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Parses `text`; trailing non-space characters and nesting deeper than 64 are errors.
    static func parse(_ text: String) throws -> JSONValue {
        var parser = JSONText(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ what: String) -> ModelConfigError {
        .invalidArgument("JSON at byte \(index)", expected: what)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ literal: String) throws {
        let chars = Array(literal.utf8)
        guard index + chars.count <= bytes.count, Array(bytes[index..<index + chars.count]) == chars else { throw error(literal) }
        index += chars.count
    }

    private mutating func value() throws -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw error("a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return try number()
        }
    }

    private mutating func nest<T>(_ body: (inout JSONText) throws -> T) throws -> T {
        depth += 1
        guard depth <= 64 else { throw error("nesting at most 64 deep") }
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func object() throws -> JSONValue {
        try nest { p in
            p.index += 1
            var pairs: [(String, JSONValue)] = []
            p.skipSpace()
            if p.index < p.bytes.count, p.bytes[p.index] == UInt8(ascii: "}") { p.index += 1; return .object(pairs) }
            while true {
                p.skipSpace()
                guard p.index < p.bytes.count, p.bytes[p.index] == UInt8(ascii: "\"") else { throw p.error("a key") }
                let key = try p.string()
                p.skipSpace()
                try p.expect(":")
                pairs.append((key, try p.value()))
                p.skipSpace()
                guard p.index < p.bytes.count else { throw p.error("',' or '}'") }
                if p.bytes[p.index] == UInt8(ascii: ",") { p.index += 1; continue }
                try p.expect("}")
                return .object(pairs)
            }
        }
    }

    private mutating func array() throws -> JSONValue {
        try nest { p in
            p.index += 1
            var items: [JSONValue] = []
            p.skipSpace()
            if p.index < p.bytes.count, p.bytes[p.index] == UInt8(ascii: "]") { p.index += 1; return .array(items) }
            while true {
                items.append(try p.value())
                p.skipSpace()
                guard p.index < p.bytes.count else { throw p.error("',' or ']'") }
                if p.bytes[p.index] == UInt8(ascii: ",") { p.index += 1; continue }
                try p.expect("]")
                return .array(items)
            }
        }
    }

    private mutating func string() throws -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw error("UTF-8 text") }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw error("an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw error("a \\u escape of a scalar value") }
                    index += 4
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                default: throw error("a valid escape")
                }
            case 0..<0x20: throw error("no control characters in strings")
            default: out.append(byte)
            }
        }
        throw error("a closing quote")
    }

    private mutating func number() throws -> JSONValue {
        let start = index
        var integral = true
        while index < bytes.count, let c = Optional(bytes[index]),
              (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                                                                    UInt8(ascii: "e"), UInt8(ascii: "E")].contains(c) {
            if [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(c) { integral = false }
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let i = Int64(text) { return .int(i) }
        guard !text.isEmpty, let d = Double(text), d.isFinite else { throw error("a number") }
        return .double(d)
    }
}
