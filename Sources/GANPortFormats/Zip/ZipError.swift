/// A header field that a local file header and its central-directory record must agree on.
public enum ZipHeaderField: String, Sendable {
    case name, method, flags, crc32
    case compressedSize = "compressed size"
    case uncompressedSize = "uncompressed size"
}

/// Why an entry name is refused: extracting it could write outside the target folder, or
/// different tools would read it differently.
public enum ZipNameProblem: String, Sendable {
    case empty
    case absolutePath = "absolute path"
    case parentDirectory = "'..' component"
    case backslash
    case nulByte = "NUL byte"
    case notUTF8 = "not UTF-8"
}

/// A rule a ZIP archive broke. One case per validation rule; each carries the entry name or
/// byte offset where the problem sits.
public enum ZipError: Error, Equatable, CustomStringConvertible {
    /// No end-of-central-directory record in the last 65,557 bytes.
    case endOfCentralDirectoryNotFound(archiveSize: Int)
    /// Bytes follow the end-of-central-directory record and its comment.
    case trailingBytesAfterArchive(offset: Int)
    /// A record (named) starts at `offset` but the bytes end before it does.
    case truncatedRecord(record: String, offset: Int)
    /// The archive declares more than one disk.
    case multiDiskArchive(offset: Int)
    /// The ZIP64 end-of-central-directory locator or record is inconsistent.
    case malformedZip64EndRecord(offset: Int, reason: String)
    /// The central directory does not lie between the start of the file and the end records.
    case centralDirectoryOutOfBounds(offset: Int, size: Int, limit: Int)
    /// A central-directory record does not start with `PK\1\2`.
    case badCentralDirectorySignature(offset: Int)
    /// The end record's entry count differs from the records in the central directory.
    case entryCountMismatch(declared: Int, found: Int)
    /// An entry name is unsafe to extract or ambiguous.
    case unsafeEntryName(name: String, problem: ZipNameProblem, offset: Int)
    /// Two entries have the same name.
    case duplicateEntryName(name: String, offset: Int)
    /// The entry is encrypted (general-purpose flag bit 0, 6 or 13).
    case encryptedEntry(name: String)
    /// The entry uses a compression method other than stored (0) or deflated (8).
    case unsupportedCompressionMethod(name: String, method: UInt16)
    /// A stored entry whose compressed and uncompressed sizes differ.
    case storedSizeMismatch(name: String, compressedSize: Int, uncompressedSize: Int)
    /// An extra field overruns its block, or a ZIP64 extra field lacks a value it must hold.
    case malformedExtraField(name: String, headerID: UInt16, reason: String)
    /// The local file header does not start with `PK\3\4`.
    case badLocalHeaderSignature(name: String, offset: Int)
    /// The local file header and the central-directory record disagree.
    case localHeaderMismatch(name: String, field: ZipHeaderField)
    /// The entry's local header and data do not lie before the central directory.
    case dataOutOfBounds(name: String, start: Int, end: Int, limit: Int)
    /// Two entries' local headers or data share bytes.
    case overlappingEntries(name: String, other: String)
    /// The declared uncompressed sizes add up to more than `ZipLimits.maxTotalUncompressedSize`.
    case uncompressedSizeOverLimit(name: String, total: Int, limit: Int)
    /// A deflated entry declares more than `ZipLimits.maxCompressionRatio` times its compressed size.
    case compressionRatioOverLimit(name: String, compressedSize: Int, uncompressedSize: Int, limit: Int)
    /// Inflating produced more bytes than the declared uncompressed size.
    case inflatedSizeExceedsDeclared(name: String, declared: Int)
    /// Inflating ended before the declared uncompressed size was reached.
    case inflatedSizeShort(name: String, declared: Int, actual: Int)
    /// zlib rejected the deflate stream.
    case deflateError(name: String, reason: String)
    /// The data's CRC-32 differs from the declared one.
    case crcMismatch(name: String, expected: UInt32, actual: UInt32)
    /// No entry has this name.
    case entryNotFound(name: String)

    public var description: String {
        switch self {
        case let .endOfCentralDirectoryNotFound(size):
            return "not a ZIP archive: no end-of-central-directory record in the last 65557 of \(size) bytes"
        case let .trailingBytesAfterArchive(offset): return "unexpected bytes after the end of the archive at offset \(offset)"
        case let .truncatedRecord(record, offset): return "truncated \(record) at offset \(offset)"
        case let .multiDiskArchive(offset): return "multi-disk archives are not supported (record at offset \(offset))"
        case let .malformedZip64EndRecord(offset, reason): return "malformed ZIP64 end record at offset \(offset): \(reason)"
        case let .centralDirectoryOutOfBounds(offset, size, limit):
            return "central directory at offset \(offset) (\(size) bytes) runs past offset \(limit)"
        case let .badCentralDirectorySignature(offset): return "bad central-directory record signature at offset \(offset)"
        case let .entryCountMismatch(declared, found):
            return "end record declares \(declared) entries, central directory holds \(found)"
        case let .unsafeEntryName(name, problem, offset): return "unsafe entry name \(name.debugDescription) (\(problem.rawValue)) at offset \(offset)"
        case let .duplicateEntryName(name, offset): return "duplicate entry name \(name.debugDescription) at offset \(offset)"
        case let .encryptedEntry(name): return "entry \(name) is encrypted"
        case let .unsupportedCompressionMethod(name, method): return "entry \(name) uses unsupported compression method \(method)"
        case let .storedSizeMismatch(name, compressed, uncompressed):
            return "stored entry \(name) has compressed size \(compressed) but uncompressed size \(uncompressed)"
        case let .malformedExtraField(name, headerID, reason):
            return "entry \(name): malformed extra field 0x\(String(headerID, radix: 16)): \(reason)"
        case let .badLocalHeaderSignature(name, offset): return "entry \(name): bad local header signature at offset \(offset)"
        case let .localHeaderMismatch(name, field): return "entry \(name): local header and central directory disagree on \(field.rawValue)"
        case let .dataOutOfBounds(name, start, end, limit):
            return "entry \(name): bytes \(start)..<\(end) do not lie before the central directory at \(limit)"
        case let .overlappingEntries(name, other): return "entries \(name) and \(other) overlap"
        case let .uncompressedSizeOverLimit(name, total, limit):
            return "entry \(name) brings the total uncompressed size to \(total) bytes, over the limit of \(limit)"
        case let .compressionRatioOverLimit(name, compressed, uncompressed, limit):
            return "entry \(name) declares \(uncompressed) bytes from \(compressed) compressed, over the ratio limit \(limit):1"
        case let .inflatedSizeExceedsDeclared(name, declared): return "entry \(name) inflates past its declared size of \(declared) bytes"
        case let .inflatedSizeShort(name, declared, actual): return "entry \(name) inflates to \(actual) bytes, declared \(declared)"
        case let .deflateError(name, reason): return "entry \(name): deflate error: \(reason)"
        case let .crcMismatch(name, expected, actual):
            return "entry \(name): CRC-32 is 0x\(String(actual, radix: 16)), declared 0x\(String(expected, radix: 16))"
        case let .entryNotFound(name): return "no entry named \(name) in the archive"
        }
    }
}
