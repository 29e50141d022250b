/// The entries of a `PLTE` chunk as RGBA (alpha from `tRNS`).
struct PNGPalette {
    /// Four bytes per entry.
    private(set) var rgba: [UInt8]
    /// Whether a `tRNS` chunk gave alpha values.
    private(set) var hasTransparency = false

    var count: Int { rgba.count / 4 }

    /// Checks the length (a multiple of 3; 1...256 entries, at most 2^bitDepth).
    init(_ chunk: PNGChunk, bitDepth: Int) throws {
        guard chunk.data.count % 3 == 0 else {
            throw PNGError.invalidPalette(offset: chunk.offset, reason: "length \(chunk.data.count) is not a multiple of 3")
        }
        let entries = chunk.data.count / 3
        guard entries >= 1, entries <= 1 << bitDepth, entries <= 256 else {
            throw PNGError.invalidPalette(offset: chunk.offset, reason: "\(entries) entries for bit depth \(bitDepth)")
        }
        var rgba = [UInt8](repeating: 255, count: entries * 4)
        for entry in 0..<entries {
            for channel in 0..<3 { rgba[entry * 4 + channel] = chunk.data[entry * 3 + channel] }
        }
        self.rgba = rgba
    }

    /// Applies a palette image's `tRNS`: one alpha byte per leading entry, at most `count`.
    mutating func applyTransparency(_ chunk: PNGChunk) throws {
        guard chunk.data.count <= count else {
            throw PNGError.invalidTransparency(offset: chunk.offset, reason: "\(chunk.data.count) alpha values for \(count) palette entries")
        }
        for entry in 0..<chunk.data.count { rgba[entry * 4 + 3] = chunk.data[entry] }
        hasTransparency = true
    }

    /// Checks the `tRNS` of a gray (2 bytes) or RGB (6 bytes) image; refuses it where alpha exists.
    static func checkTransparency(_ chunk: PNGChunk, colorType: Int) throws {
        let expected = colorType == 0 ? 2 : colorType == 2 ? 6 : 0
        guard expected > 0 else {
            throw PNGError.invalidTransparency(offset: chunk.offset, reason: "colour type \(colorType) already has alpha")
        }
        guard chunk.data.count == expected else {
            throw PNGError.invalidTransparency(offset: chunk.offset, reason: "length \(chunk.data.count), \(expected) expected")
        }
    }
}
