import CZlib

/// Inflates the zlib stream spread over a PNG's `IDAT` chunks into exactly `expected` bytes.
enum PNGInflater {
    /// Returns the inflated bytes. The stream must end, with a valid Adler-32, exactly when
    /// `expected` bytes are out, and no data may follow it.
    static func inflate(_ pieces: [ByteSlice], expected: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard ganport_inflate_init_zlib(&stream) == Z_OK else { throw PNGError.idatInflateError(reason: "zlib init failed") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: expected)
        var probe: UInt8 = 0
        var produced = 0
        var ended = false
        try output.withUnsafeMutableBytes { out in
            for piece in pieces {
                try piece.withUnsafeBytes { input in
                    guard let base = input.baseAddress else { return }
                    var used = 0
                    while used < input.count {
                        guard !ended else { throw PNGError.idatInflateError(reason: "data after the end of the zlib stream") }
                        let length = Swift.min(input.count - used, 1 << 30)
                        stream.next_in = UnsafeMutablePointer(mutating: (base + used).assumingMemoryBound(to: Bytef.self))
                        stream.avail_in = uInt(length)
                        while stream.avail_in > 0, !ended {
                            let status = try step(&stream, out, &produced, &probe, expected: expected)
                            ended = status == Z_STREAM_END
                            if status == Z_BUF_ERROR { break }
                        }
                        used += length - Int(stream.avail_in)
                        if stream.avail_in > 0, !ended { throw PNGError.idatInflateError(reason: "zlib made no progress") }
                    }
                }
            }
            // All input given: let zlib finish (or reveal extra output through the probe).
            while !ended {
                let before = produced
                let status = try step(&stream, out, &produced, &probe, expected: expected)
                ended = status == Z_STREAM_END
                if status == Z_BUF_ERROR || produced == before { break }
            }
        }
        guard ended else { throw PNGError.idatInflateError(reason: "the zlib stream ends early (truncated image data)") }
        guard produced == expected else { throw PNGError.imageDataTooShort(expected: expected, actual: produced) }
        return output
    }

    /// One `inflate` call writing into the rest of `out` (or, once it is full, into a one-byte
    /// probe that detects extra data).
    private static func step(_ stream: inout z_stream, _ out: UnsafeMutableRawBufferPointer, _ produced: inout Int,
                             _ probe: inout UInt8, expected: Int) throws -> Int32 {
        let room = Swift.min(expected - produced, 1 << 30)
        let status: Int32
        if room > 0, let base = out.baseAddress {
            stream.next_out = (base + produced).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(room)
            status = CZlib.inflate(&stream, Z_NO_FLUSH)
            produced += room - Int(stream.avail_out)
        } else {
            status = withUnsafeMutablePointer(to: &probe) { pointer -> Int32 in
                stream.next_out = pointer
                stream.avail_out = 1
                return CZlib.inflate(&stream, Z_NO_FLUSH)
            }
            if stream.avail_out == 0 { throw PNGError.imageDataTooLong(expected: expected) }
        }
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR: return status
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            throw PNGError.idatInflateError(reason: message)
        }
    }
}
