/// Validation of entry names: relative, `/`-separated, no `..`, no backslash or NUL, and
/// spelled the same by every tool (UTF-8, or plain ASCII without the UTF-8 flag).
enum ZipEntryName {
    static func validate(_ bytes: [UInt8], flags: UInt16, offset: Int) throws -> String {
        let problem = { (name: String, problem: ZipNameProblem) in
            ZipError.unsafeEntryName(name: name, problem: problem, offset: offset)
        }
        let lossy = String(decoding: bytes, as: UTF8.self)
        guard let name = String(strictUTF8: bytes) else { throw problem(lossy, .notUTF8) }
        if bytes.isEmpty { throw problem(name, .empty) }
        if bytes.contains(0) { throw problem(name, .nulByte) }
        if flags & ZipRecord.flagUTF8 == 0, bytes.contains(where: { $0 >= 0x80 }) { throw problem(name, .notUTF8) }
        if bytes.contains(UInt8(ascii: "\\")) { throw problem(name, .backslash) }
        let hasDriveLetter = bytes.count >= 2 && bytes[1] == UInt8(ascii: ":")
        if bytes[0] == UInt8(ascii: "/") || hasDriveLetter { throw problem(name, .absolutePath) }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") { throw problem(name, .parentDirectory) }
        return name
    }
}

private extension String {
    /// The string when `bytes` are valid UTF-8 (NUL bytes allowed), nil otherwise.
    init?(strictUTF8 bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): scalars.append(scalar)
            case .emptyInput: self = String(scalars); return
            case .error: return nil
            }
        }
    }
}
