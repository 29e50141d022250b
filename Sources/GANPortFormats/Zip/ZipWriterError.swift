/// Misuse of a `ZipWriter`, or an entry it cannot write.
public enum ZipWriterError: Error, Equatable, CustomStringConvertible {
    /// The name is unsafe or ambiguous (the same rules `ZipArchive` enforces), or too long.
    case invalidEntryName(name: String, reason: String)
    /// An entry with this name was already written.
    case duplicateEntryName(name: String)
    /// `beginEntry` while another entry is open.
    case entryAlreadyOpen(name: String)
    /// `write`/`endEntry` without an open entry.
    case noOpenEntry
    /// The bytes written differ from the size given to `beginEntry`.
    case sizeMismatch(name: String, declared: Int, written: Int)
    /// The writer was already finished or failed earlier.
    case writerClosed
    /// The alignment is not a power of two between 1 and 4096.
    case invalidAlignment(Int)

    public var description: String {
        switch self {
        case let .invalidEntryName(name, reason): return "cannot write entry \(name.debugDescription): \(reason)"
        case let .duplicateEntryName(name): return "entry \(name) was already written"
        case let .entryAlreadyOpen(name): return "entry \(name) is still open"
        case .noOpenEntry: return "no entry is open"
        case let .sizeMismatch(name, declared, written): return "entry \(name) declared \(declared) bytes, \(written) written"
        case .writerClosed: return "the ZIP writer is already finished or failed"
        case let .invalidAlignment(value): return "alignment \(value) is not a power of two in 1...4096"
        }
    }
}
