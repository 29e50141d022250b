import CZlib

/// A deterministic PNG encoder: `IHDR`, `IDAT` chunks of at most 256 KiB holding the zlib
/// stream of the scanlines, each with filter type 0 (None), and `IEND`. Gray, gray + alpha, RGB
/// and RGBA at 8 or 16 bits, non-interlaced. The same image and level always give the same bytes
/// with the same zlib.
public enum PNGEncoder {
    /// Largest data length of one `IDAT` chunk written.
    public static let maxDataChunkLength = 256 << 10

    /// The PNG bytes of `image`, deflated at `compressionLevel` (0...9; 6 is zlib's default).
    public static func encode(_ image: PNGImage, compressionLevel: Int = 6) throws -> [UInt8] {
        let scanlines = try filteredScanlines(image)
        let compressed = try deflate(scanlines, level: Int32(Swift.max(0, Swift.min(9, compressionLevel))))
        var header = [UInt8]()
        appendBigEndian(&header, UInt32(image.width))
        appendBigEndian(&header, UInt32(image.height))
        header += [UInt8(image.samples.bitDepth), image.layout.colorType, 0, 0, 0]
        var file = PNGChunk.signature
        appendChunk(&file, "IHDR", header[...])
        var start = 0
        repeat {
            let end = Swift.min(start + maxDataChunkLength, compressed.count)
            appendChunk(&file, "IDAT", compressed[start..<end])
            start = end
        } while start < compressed.count
        appendChunk(&file, "IEND", [][...])
        return file
    }

    /// Encodes `image` and writes it to `path` through a temporary file renamed over `path`.
    public static func write(_ image: PNGImage, to path: String, compressionLevel: Int = 6) throws {
        let bytes = try encode(image, compressionLevel: compressionLevel)
        let output = try SiblingTemporaryFile(destination: path)
        try output.write(bytes)
        try output.commit()
    }

    /// Rows of `1 + width × channels × bytesPerSample` bytes: a 0 filter byte and the samples,
    /// big-endian for 16 bits.
    static func filteredScanlines(_ image: PNGImage) throws -> [UInt8] {
        let limit = Int(Int32.max)
        guard (1...limit).contains(image.width), (1...limit).contains(image.height) else {
            throw PNGEncodingError.invalidDimensions(width: image.width, height: image.height)
        }
        let (pixels, o1) = image.width.multipliedReportingOverflow(by: image.height)
        let (expected, o2) = pixels.multipliedReportingOverflow(by: image.layout.channels)
        guard !o1, !o2 else { throw PNGEncodingError.sampleCountMismatch(expected: nil, actual: image.samples.count) }
        guard expected == image.samples.count else {
            throw PNGEncodingError.sampleCountMismatch(expected: expected, actual: image.samples.count)
        }
        let rowSamples = image.width * image.layout.channels
        var out = [UInt8]()
        switch image.samples {
        case let .uint8(values):
            out.reserveCapacity(image.height * (rowSamples + 1))
            for row in 0..<image.height {
                out.append(0)
                out += values[(row * rowSamples)..<((row + 1) * rowSamples)]
            }
        case let .uint16(values):
            out.reserveCapacity(image.height * (2 * rowSamples + 1))
            for row in 0..<image.height {
                out.append(0)
                for value in values[(row * rowSamples)..<((row + 1) * rowSamples)] {
                    out.append(UInt8(value >> 8))
                    out.append(UInt8(value & 0xFF))
                }
            }
        }
        return out
    }

    /// The zlib stream (RFC 1950) of `input`.
    static func deflate(_ input: [UInt8], level: Int32) throws -> [UInt8] {
        var stream = z_stream()
        let initStatus = ganport_deflate_init_zlib(&stream, level)
        guard initStatus == Z_OK else { throw PNGEncodingError.deflateFailed(status: Int(initStatus)) }
        defer { deflateEnd(&stream) }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        try input.withUnsafeBytes { source in
            var consumed = 0
            var status = Z_OK
            repeat {
                if stream.avail_in == 0, consumed < source.count, let base = source.baseAddress {
                    let length = Swift.min(source.count - consumed, 1 << 30)
                    stream.next_in = UnsafeMutablePointer(mutating: (base + consumed).assumingMemoryBound(to: Bytef.self))
                    stream.avail_in = uInt(length)
                    consumed += length
                }
                let flush = consumed == source.count ? Z_FINISH : Z_NO_FLUSH
                let produced = buffer.withUnsafeMutableBytes { out -> Int in
                    stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(out.count)
                    status = CZlib.deflate(&stream, flush)
                    return out.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw PNGEncodingError.deflateFailed(status: Int(status))
                }
                output += buffer[0..<produced]
            } while status != Z_STREAM_END
        }
        return output
    }

    private static func appendChunk(_ file: inout [UInt8], _ type: String, _ data: ArraySlice<UInt8>) {
        appendBigEndian(&file, UInt32(data.count))
        let body = Array(type.utf8) + data
        file += body
        appendBigEndian(&file, body.withUnsafeBytes { ZipCRC32.checksum($0) })
    }

    private static func appendBigEndian(_ bytes: inout [UInt8], _ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
