/// A validated, read-only view of a ZIP archive (the container of `torch.save` files and `.npz`).
///
/// Opening checks the whole structure (end records, ZIP64 records, every central-directory
/// record against its local header, names, overlaps, size limits) without touching entry
/// data. Stored entries are then returned zero-copy; deflated ones are inflated on demand
/// into a buffer of exactly the declared size and CRC-checked.
public struct ZipArchive: @unchecked Sendable {
    /// The archive's bytes (usually a mapped file).
    public let bytes: ByteSlice
    /// Entries in central-directory order.
    public let entries: [ZipEntry]
    /// The limits the archive was checked against.
    public let limits: ZipLimits
    private let indexByName: [String: Int]

    /// Validates the archive in `bytes`.
    public init(_ bytes: ByteSlice, limits: ZipLimits = .default) throws {
        let reader = ZipFieldReader(bytes: bytes)
        let end = try ZipEndRecord.locate(in: reader)
        let records = try ZipCentralRecord.readAll(reader, end: end)
        let entries = try records.map {
            try ZipLocalHeader.entry(for: $0, reader: reader, limit: end.centralDirectoryOffset)
        }
        try ZipArchive.checkNoOverlap(entries)
        try ZipArchive.checkLimits(entries, limits)
        self.bytes = bytes
        self.entries = entries
        self.limits = limits
        self.indexByName = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }

    /// Maps the file at `path` and validates it.
    public init(contentsOf path: String, limits: ZipLimits = .default) throws {
        try self.init(ByteBuffer.map(path: path).all, limits: limits)
    }

    /// The entry with this exact name, or nil.
    public func entry(named name: String) -> ZipEntry? {
        indexByName[name].map { entries[$0] }
    }

    /// Local header plus data of every entry must occupy its own bytes.
    private static func checkNoOverlap(_ entries: [ZipEntry]) throws {
        let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (previous, next) in zip(ordered, ordered.dropFirst()) where next.localHeaderOffset < previous.dataRange.upperBound {
            throw ZipError.overlappingEntries(name: previous.name, other: next.name)
        }
    }

    private static func checkLimits(_ entries: [ZipEntry], _ limits: ZipLimits) throws {
        var total = 0
        for entry in entries {
            let sum = total.addingReportingOverflow(entry.uncompressedSize)
            total = sum.overflow ? Int.max : sum.partialValue
            guard total <= limits.maxTotalUncompressedSize else {
                throw ZipError.uncompressedSizeOverLimit(name: entry.name, total: total, limit: limits.maxTotalUncompressedSize)
            }
            guard entry.method == .deflated else { continue }
            let allowed = entry.compressedSize.multipliedReportingOverflow(by: limits.maxCompressionRatio)
            guard allowed.overflow || entry.uncompressedSize <= allowed.partialValue else {
                throw ZipError.compressionRatioOverLimit(name: entry.name, compressedSize: entry.compressedSize,
                                                         uncompressedSize: entry.uncompressedSize,
                                                         limit: limits.maxCompressionRatio)
            }
        }
    }
}
