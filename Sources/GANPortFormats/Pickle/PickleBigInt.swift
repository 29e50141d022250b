/// Integer conversions for `LONG`/`LONG1`/`LONG4`: little-endian two's complement bytes
/// (as pickle stores them) to and from decimal text and `Int64`.
enum PickleBigInt {
    /// `bytes` without redundant sign bytes (the form `pickle.encode_long` writes; empty for 0).
    static func minimal(_ bytes: [UInt8]) -> [UInt8] {
        var count = bytes.count
        while count > 0 {
            let last = bytes[count - 1]
            if last == 0x00, count == 1 || bytes[count - 2] & 0x80 == 0 {
                count -= 1
            } else if last == 0xFF, count >= 2, bytes[count - 2] & 0x80 != 0 {
                count -= 1
            } else {
                break
            }
        }
        if count == 1, bytes[0] == 0 { return [] }
        return Array(bytes[0..<count])
    }

    /// The value as `Int64` when `bytes` (two's complement, any width) fits.
    static func int64(_ bytes: [UInt8]) -> Int64? {
        let trimmed = minimal(bytes)
        guard trimmed.count <= 8 else { return nil }
        guard let last = trimmed.last else { return 0 }
        var value: UInt64 = last & 0x80 != 0 ? UInt64.max : 0
        for byte in trimmed.reversed() { value = value << 8 | UInt64(byte) }
        return Int64(bitPattern: value)
    }

    /// Minimal two's complement bytes of an `Int64`.
    static func bytes(of value: Int64) -> [UInt8] {
        var raw: [UInt8] = []
        var v = UInt64(bitPattern: value)
        for _ in 0..<8 { raw.append(UInt8(truncatingIfNeeded: v)); v >>= 8 }
        return minimal(raw)
    }

    /// Two's complement bytes of the decimal number `digits` (ASCII '0'…'9', at least one).
    static func bytes(decimalDigits digits: [UInt8], negative: Bool) -> [UInt8] {
        // Magnitude in base 2^32 limbs, little-endian.
        var limbs: [UInt32] = [0]
        var index = 0
        while index < digits.count {
            let chunk = min(9, digits.count - index)
            var multiplier: UInt64 = 1
            var addend: UInt64 = 0
            for _ in 0..<chunk {
                multiplier *= 10
                addend = addend * 10 + UInt64(digits[index] - 0x30)
                index += 1
            }
            var carry = addend
            for i in limbs.indices {
                let product = UInt64(limbs[i]) * multiplier + carry
                limbs[i] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry != 0 { limbs.append(UInt32(carry)) }
        }
        var magnitude: [UInt8] = []
        magnitude.reserveCapacity(limbs.count * 4 + 1)
        for limb in limbs { for shift in stride(from: 0, to: 32, by: 8) { magnitude.append(UInt8(truncatingIfNeeded: limb >> UInt32(shift))) } }
        magnitude.append(0) // room for the sign bit
        if negative {
            var carry: UInt16 = 1
            for i in magnitude.indices {
                let sum = UInt16(~magnitude[i]) + carry
                magnitude[i] = UInt8(truncatingIfNeeded: sum)
                carry = sum >> 8
            }
        }
        return minimal(magnitude)
    }

    /// Decimal text of a two's complement number.
    static func decimalString(_ bytes: [UInt8]) -> String {
        let trimmed = minimal(bytes)
        guard let last = trimmed.last else { return "0" }
        let negative = last & 0x80 != 0
        var magnitude = trimmed
        if negative {
            var carry: UInt16 = 1
            for i in magnitude.indices {
                let sum = UInt16(~magnitude[i]) + carry
                magnitude[i] = UInt8(truncatingIfNeeded: sum)
                carry = sum >> 8
            }
        }
        // Big-endian base-256 digits, divided repeatedly by 10^9.
        var digits = Array(magnitude.reversed())
        var chunks: [UInt32] = []
        while digits.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in digits.indices {
                let current = remainder << 8 | UInt64(digits[i])
                digits[i] = UInt8(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            if let firstNonZero = digits.firstIndex(where: { $0 != 0 }) { digits.removeFirst(firstNonZero) }
        }
        var text = negative ? "-" : ""
        for (i, chunk) in chunks.reversed().enumerated() {
            let part = String(chunk)
            if i > 0 { text += String(repeating: "0", count: 9 - part.count) }
            text += part
        }
        return text.isEmpty || text == "-" ? "0" : text
    }
}
