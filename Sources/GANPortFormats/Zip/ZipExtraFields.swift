/// The extra-field block of a central or local header: `(id, length, data)` records.
struct ZipExtraFields {
    /// Range of the ZIP64 field's data, if the block has one.
    let zip64: Range<Int>?

    /// Walks the block at `range`; every record must fit exactly.
    init(_ reader: ZipFieldReader, range: Range<Int>, entryName: String) throws {
        var cursor = range.lowerBound
        var zip64: Range<Int>?
        while cursor < range.upperBound {
            guard range.upperBound - cursor >= 4 else {
                throw ZipError.malformedExtraField(name: entryName, headerID: 0, reason: "block ends inside a field header")
            }
            let id = reader.u16(cursor), length = Int(reader.u16(cursor + 2))
            let dataStart = cursor + 4
            guard range.upperBound - dataStart >= length else {
                throw ZipError.malformedExtraField(name: entryName, headerID: id, reason: "field length \(length) overruns the block")
            }
            if id == ZipRecord.zip64ExtraID {
                guard zip64 == nil else { throw ZipError.malformedExtraField(name: entryName, headerID: id, reason: "duplicate field") }
                zip64 = dataStart..<(dataStart + length)
            }
            cursor = dataStart + length
        }
        self.zip64 = zip64
    }

    /// Resolves 32-bit header values: each saturated one (`0xFFFFFFFF`) is replaced, in order,
    /// by the next 64-bit value of the ZIP64 field, which must then exist and be long enough.
    func resolve(_ values: [UInt32], reader: ZipFieldReader, entryName: String) throws -> [Int] {
        let needed = values.filter { $0 == ZipRecord.saturated32 }.count
        let malformed = { (reason: String) in
            ZipError.malformedExtraField(name: entryName, headerID: ZipRecord.zip64ExtraID, reason: reason)
        }
        if needed > 0 {
            guard let zip64 else { throw malformed("missing, but a size or offset is 0xFFFFFFFF") }
            guard zip64.count >= 8 * needed else { throw malformed("\(zip64.count) bytes, needs \(8 * needed)") }
        }
        var cursor = zip64?.lowerBound ?? 0
        return try values.map { value in
            guard value == ZipRecord.saturated32 else { return Int(value) }
            defer { cursor += 8 }
            guard let wide = Int(exactly: reader.u64(cursor)) else { throw malformed("value over 2^63") }
            return wide
        }
    }
}
