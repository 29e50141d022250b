/// Errors choosing a reader for a file.
public enum FormatError: Error, Equatable, CustomStringConvertible {
    /// The file is empty.
    case emptyFile(path: String)
    /// No known magic bytes; the first bytes are shown in hex.
    case unknownFormat(path: String, firstBytes: String)
    /// A zip archive that is neither a `torch.save` archive nor an `.npz`.
    case unrecognizedZip(path: String)
    /// A tar archive (torch 0.1 checkpoints): not supported.
    case tarArchive(path: String)

    public var description: String {
        switch self {
        case let .emptyFile(path): return "\(path): file is empty"
        case let .unknownFormat(path, first): return "\(path): unknown format (first bytes \(first)); GANPort reads NVIDIA/torch pickles, torch.save zip and legacy files, safetensors, HDF5, .npy and .npz"
        case let .unrecognizedZip(path): return "\(path): zip archive is neither a torch.save archive (no data.pkl) nor an .npz (members are not all .npy)"
        case let .tarArchive(path): return "\(path): tar archive (torch 0.1 checkpoint format) is not supported"
        }
    }
}

/// Chooses a format from a file's first bytes — never from its name.
public enum FormatSniffer {
    /// The broad container a file's magic bytes indicate.
    public enum Container: Equatable, Sendable {
        case zip, pickle, torchLegacy, safetensors, hdf5, npy, tar
    }

    /// The container for `bytes`, or nil when no rule matches.
    public static func container(of bytes: ByteSlice) -> Container? {
        let count = bytes.count
        func starts(with prefix: [UInt8]) -> Bool {
            guard count >= prefix.count else { return false }
            for (i, byte) in prefix.enumerated() where bytes[i] != byte { return false }
            return true
        }
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) || starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) { return .npy }
        if starts(with: [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) { return .hdf5 }
        if starts(with: TorchLegacyStream.signature) { return .torchLegacy }
        if count > 262, bytes[257] == 0x75, bytes[258] == 0x73, bytes[259] == 0x74, bytes[260] == 0x61, bytes[261] == 0x72 { return .tar }
        if isSafetensorsHeader(bytes) { return .safetensors }
        if count >= 2, bytes[0] == 0x80, (0...5).contains(bytes[1]) { return .pickle }
        if count >= 1, protocolZeroOpeners.contains(bytes[0]) { return .pickle }
        return nil
    }

    /// Opcodes a protocol 0/1 pickle plausibly starts with (`(`, `}`, `]`, `c`, `N`, `I`, …).
    static let protocolZeroOpeners: Set<UInt8> = Set("(}])cNILFSVXJKMG".utf8)

    /// An 8-byte little-endian header length that fits the file, followed by `{` (after optional whitespace).
    static func isSafetensorsHeader(_ bytes: ByteSlice) -> Bool {
        guard bytes.count >= 10 else { return false }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length >= 2, length <= UInt64(bytes.count - 8) else { return false }
        var index = 8
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "{")
    }

    /// Hex of the first bytes, for error messages.
    static func hexPrefix(_ bytes: ByteSlice, count: Int = 8) -> String {
        (0..<Swift.min(count, bytes.count)).map { String(bytes[$0], radix: 16).leftPadded(to: 2) }.joined(separator: " ")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
