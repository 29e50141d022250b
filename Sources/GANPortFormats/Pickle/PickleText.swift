/// Text decoding for pickle strings: strict UTF-8, `raw-unicode-escape` (`UNICODE`) and
/// Python bytes escapes (`STRING`).
enum PickleText {
    /// Whether `bytes` is well-formed UTF-8 without surrogates (Swift strings cannot hold them).
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch b0 {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b0 & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b0 & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b0 & 0x07)
            default: return false
            }
            guard n - i >= length else { return false }
            for k in 1..<length {
                let b = bytes[i + k]
                guard b & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(b & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
            i += length
        }
        return true
    }

    /// The string of valid UTF-8 `bytes`, or nil.
    static func string(utf8 bytes: UnsafeRawBufferPointer) -> String? {
        guard isValidUTF8(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Errors of the escape decoders.
    enum DecodeError: Error {
        case invalid(String)
    }

    /// Python's `raw_unicode_escape` decoding: bytes are Latin-1 code points, except
    /// `\uXXXX` / `\UXXXXXXXX` after an odd number of backslashes.
    static func rawUnicodeEscape(_ bytes: UnsafeRawBufferPointer) throws -> String {
        var scalars = String.UnicodeScalarView()
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\") else {
                scalars.append(Unicode.Scalar(b))
                i += 1
                continue
            }
            var run = 0
            while i < n, bytes[i] == UInt8(ascii: "\\") {
                scalars.append("\\")
                run += 1
                i += 1
            }
            guard run % 2 == 1, i < n, bytes[i] == UInt8(ascii: "u") || bytes[i] == UInt8(ascii: "U") else { continue }
            scalars.removeLast()
            let digits = bytes[i] == UInt8(ascii: "u") ? 4 : 8
            i += 1
            guard n - i >= digits else { throw DecodeError.invalid("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let digit = hexValue(bytes[i]) else { throw DecodeError.invalid("truncated \\u escape") }
                value = value << 4 | UInt32(digit)
                i += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw DecodeError.invalid("\\u escape \(String(value, radix: 16)) is not a Unicode scalar")
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Python's bytes escape decoding (`codecs.escape_decode`), as `STRING` arguments use.
    static func escapeDecode(_ bytes: UnsafeRawBufferPointer) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            i += 1
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < n else { throw DecodeError.invalid("trailing \\ in string") }
            let c = bytes[i]
            i += 1
            switch c {
            case UInt8(ascii: "\n"): break
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "'"): out.append(UInt8(ascii: "'"))
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(c - 0x30)
                var count = 1
                while count < 3, i < n, bytes[i] >= 0x30, bytes[i] <= 0x37 {
                    value = value << 3 | UInt32(bytes[i] - 0x30)
                    i += 1
                    count += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"):
                guard n - i >= 2, let high = hexValue(bytes[i]), let low = hexValue(bytes[i + 1]) else {
                    throw DecodeError.invalid("invalid \\x escape")
                }
                out.append(high << 4 | low)
                i += 2
            default:
                out.append(UInt8(ascii: "\\"))
                out.append(c)
            }
        }
        return out
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
