#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Argument reading. Every read is checked against the end of the input and, inside a
/// `FRAME`, against the end of the frame: no opcode argument may cross a frame boundary.
extension Unpickler {
    /// The byte at `offset` (callers have checked `offset < bytes.count`).
    func byte(at offset: Int) -> UInt8 {
        bytes[offset]
    }

    /// Consumes `count` bytes of a fixed-size argument.
    mutating func take(_ count: Int) throws -> Int {
        let start = position
        guard count <= bytes.count - start else {
            throw PickleError.truncatedArgument(opcode: opcode.name, offset: opcodeOffset)
        }
        if let end = frameEnd, start + count > end {
            throw PickleError.frameStraddle(opcode: opcode.name, offset: opcodeOffset, frameEnd: end)
        }
        position = start + count
        return start
    }

    /// Consumes a payload whose length the stream declared.
    mutating func takeDeclared(_ declared: UInt64) throws -> Range<Int> {
        let available = bytes.count - position
        guard declared <= UInt64(available) else {
            throw PickleError.declaredLengthPastEnd(opcode: opcode.name, offset: opcodeOffset, declared: declared,
                                                    available: available)
        }
        let start = try take(Int(declared))
        return start..<position
    }

    /// Consumes a text line; returns it without its `\n`.
    mutating func readLine() throws -> Range<Int> {
        let start = position
        let remaining = bytes.count - start
        guard remaining > 0, let base, let found = memchr(base + start, 0x0A, remaining) else {
            throw PickleError.truncatedArgument(opcode: opcode.name, offset: opcodeOffset)
        }
        let newline = UnsafeRawPointer(found) - base
        if let end = frameEnd, newline + 1 > end {
            throw PickleError.frameStraddle(opcode: opcode.name, offset: opcodeOffset, frameEnd: end)
        }
        position = newline + 1
        return start..<newline
    }

    /// The bytes of `range` as a buffer pointer (valid while `bytes` lives).
    func rawBytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// A line as ASCII text for number parsing and messages.
    func text(_ range: Range<Int>) -> String {
        String(decoding: rawBytes(range), as: UTF8.self)
    }

    mutating func readUInt8() throws -> UInt8 {
        byte(at: try take(1))
    }

    mutating func readUInt16() throws -> UInt16 {
        let start = try take(2)
        return UInt16(byte(at: start)) | UInt16(byte(at: start + 1)) << 8
    }

    mutating func readUInt32() throws -> UInt32 {
        let start = try take(4)
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(byte(at: start + i)) << (8 * UInt32(i)) }
        return value
    }

    mutating func readInt32() throws -> Int32 {
        Int32(bitPattern: try readUInt32())
    }

    /// A declared length: one unsigned byte, or a signed 4-byte value that must not be negative
    /// (the `SHORT_…` / 4-byte forms of `BINSTRING` and `LONG1` / `LONG4`).
    mutating func readDeclaredLength(lengthBytes: Int) throws -> UInt64 {
        if lengthBytes == 1 { return UInt64(try readUInt8()) }
        let signed = try readInt32()
        guard signed >= 0 else {
            throw PickleError.negativeLength(opcode: opcode.name, offset: opcodeOffset, length: Int64(signed))
        }
        return UInt64(signed)
    }

    mutating func readUInt64() throws -> UInt64 {
        let start = try take(8)
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(byte(at: start + i)) << (8 * UInt64(i)) }
        return value
    }

    mutating func readUInt64BigEndian() throws -> UInt64 {
        let start = try take(8)
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(byte(at: start + i)) }
        return value
    }

    /// A little-endian length of `lengthBytes` bytes (1, 4 or 8), unsigned.
    mutating func readLength(_ lengthBytes: Int) throws -> UInt64 {
        switch lengthBytes {
        case 1: return UInt64(try readUInt8())
        case 4: return UInt64(try readUInt32())
        default: return try readUInt64()
        }
    }

    /// Counts `count` materialised bytes against the decoded-bytes budget.
    mutating func charge(_ count: Int) throws {
        let (total, overflow) = decodedBytes.addingReportingOverflow(count)
        guard !overflow, total <= decodedBytesBudget else {
            throw PickleError.decodedBytesLimitExceeded(limit: decodedBytesBudget, opcode: opcode.name,
                                                        offset: opcodeOffset)
        }
        decodedBytes = total
    }
}

extension Unpickler {
    /// A zero-copy slice of input bytes at `range` (already bounds-checked by `take`).
    func payload(_ range: Range<Int>) -> ByteSlice {
        ByteSlice(buffer: bytes.buffer,
                  range: (bytes.range.lowerBound + range.lowerBound)..<(bytes.range.lowerBound + range.upperBound))
    }
}
