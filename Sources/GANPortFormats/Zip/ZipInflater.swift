import CZlib

/// Raw-deflate decoding through zlib into a caller-sized buffer.
enum ZipInflater {
    /// Inflates `input` into `output`.
    ///
    /// With `exact`, the stream must end exactly when `output` is full and use all of `input`
    /// (one byte more is a bomb, fewer is a short entry). Without it, decoding stops once
    /// `output` is full (a prefix). Returns the number of bytes written.
    static func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                        exact: Bool, entryName name: String) throws -> Int {
        var stream = z_stream()
        guard ganport_inflate_init_raw(&stream) == Z_OK else { throw ZipError.deflateError(name: name, reason: "zlib init failed") }
        defer { inflateEnd(&stream) }
        let scratch = UnsafeMutablePointer<Bytef>.allocate(capacity: 1)
        defer { scratch.deallocate() }
        var inputUsed = 0, outputGiven = 0
        while true {
            if stream.avail_in == 0, inputUsed < input.count, let base = input.baseAddress {
                let length = Swift.min(input.count - inputUsed, 1 << 30)
                stream.next_in = UnsafeMutablePointer(mutating: (base + inputUsed).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(length)
                inputUsed += length
            }
            var overflowProbe = false
            if stream.avail_out == 0 {
                if outputGiven < output.count, let base = output.baseAddress {
                    let length = Swift.min(output.count - outputGiven, 1 << 30)
                    stream.next_out = (base + outputGiven).assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(length)
                    outputGiven += length
                } else if !exact {
                    return output.count
                } else {
                    stream.next_out = scratch
                    stream.avail_out = 1
                    overflowProbe = true
                }
            }
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            if overflowProbe, stream.avail_out == 0 { throw ZipError.inflatedSizeExceedsDeclared(name: name, declared: output.count) }
            if overflowProbe { stream.avail_out = 0 }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                let produced = Int(stream.total_out)
                guard exact else { return produced }
                guard produced == output.count else {
                    throw ZipError.inflatedSizeShort(name: name, declared: output.count, actual: produced)
                }
                guard stream.avail_in == 0, inputUsed == input.count else {
                    throw ZipError.deflateError(name: name, reason: "bytes after the end of the deflate stream")
                }
                return produced
            case Z_BUF_ERROR where stream.avail_in == 0 && inputUsed == input.count:
                throw ZipError.deflateError(name: name, reason: "compressed data ends inside the deflate stream")
            case Z_BUF_ERROR:
                continue
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw ZipError.deflateError(name: name, reason: message)
            }
        }
    }
}
