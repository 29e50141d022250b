/// The header of a `.npy` file: format version, dtype, byte order, memory order and shape.
public struct NPYHeader: Equatable, Sendable {
    /// How multi-byte elements are stored.
    public enum ByteOrder: Equatable, Sendable {
        case little, big
        /// `|`: one-byte types.
        case notApplicable
    }

    /// `\x93NUMPY`.
    public static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// Largest header accepted, in bytes (NumPy writes about 128).
    public static let maxHeaderLength = 1 << 20

    /// Format version (1, 2 or 3).
    public let majorVersion: UInt8
    /// Minor version (always 0).
    public let minorVersion: UInt8
    /// Element type.
    public let dtype: DType
    /// Byte order of the stored elements.
    public let byteOrder: ByteOrder
    /// Whether the data is in Fortran (column-major) order.
    public let fortranOrder: Bool
    /// Array shape (`[]` for a scalar).
    public let shape: [Int]
    /// Offset of the first data byte: the header length including magic and padding.
    public let dataOffset: Int
    /// Data size in bytes: element count × item size (checked when parsing).
    public let dataByteCount: Int

    /// Whether elements must be byte-swapped to become little-endian.
    public var needsByteSwap: Bool { byteOrder == .big && dtype.byteSize > 1 }

    /// Parses the header at the start of `bytes` (which may hold just the header).
    public static func parse(_ bytes: ByteSlice, name: String) throws -> NPYHeader {
        let available = bytes.count
        guard available >= magic.count + 2 else {
            if (0..<Swift.min(available, magic.count)).allSatisfy({ bytes[$0] == magic[$0] }) {
                throw NumPyError.truncatedHeader(name: name, needed: magic.count + 2, available: available)
            }
            throw NumPyError.badMagic(name: name)
        }
        guard (0..<magic.count).allSatisfy({ bytes[$0] == magic[$0] }) else { throw NumPyError.badMagic(name: name) }
        let major = bytes[6], minor = bytes[7]
        guard minor == 0, (1...3).contains(major) else { throw NumPyError.unsupportedVersion(name: name, major: major, minor: minor) }
        let lengthSize = major == 1 ? 2 : 4
        let prefix = 8 + lengthSize
        guard available >= prefix else { throw NumPyError.truncatedHeader(name: name, needed: prefix, available: available) }
        let length = (0..<lengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        guard length <= maxHeaderLength else { throw NumPyError.headerTooLong(name: name, length: length, limit: maxHeaderLength) }
        guard available - prefix >= length else {
            throw NumPyError.truncatedHeader(name: name, needed: prefix + length, available: available)
        }
        let text = (prefix..<(prefix + length)).map { bytes[$0] }
        let entries = try NPYHeaderLiteral.parse(text, baseOffset: prefix, name: name)
        return try NPYHeader(entries: entries, major: major, minor: minor, dataOffset: prefix + length, name: name)
    }

    private init(entries: [(key: String, value: NPYHeaderLiteral.Value)], major: UInt8, minor: UInt8,
                 dataOffset: Int, name: String) throws {
        var values: [String: NPYHeaderLiteral.Value] = [:]
        for (key, value) in entries {
            guard ["descr", "fortran_order", "shape"].contains(key) else { throw NumPyError.unexpectedKey(name: name, key: key) }
            guard values.updateValue(value, forKey: key) == nil else { throw NumPyError.duplicateKey(name: name, key: key) }
        }
        guard let descrValue = values["descr"] else { throw NumPyError.missingKey(name: name, key: "descr") }
        guard let orderValue = values["fortran_order"] else { throw NumPyError.missingKey(name: name, key: "fortran_order") }
        guard let shapeValue = values["shape"] else { throw NumPyError.missingKey(name: name, key: "shape") }
        guard case let .string(descr) = descrValue else {
            throw NumPyError.invalidValue(name: name, key: "descr", reason: "is not a string")
        }
        guard case let .bool(fortranOrder) = orderValue else {
            throw NumPyError.invalidValue(name: name, key: "fortran_order", reason: "is not True or False")
        }
        guard case let .tuple(shape) = shapeValue else {
            throw NumPyError.invalidValue(name: name, key: "shape", reason: "is not a tuple")
        }
        (dtype, byteOrder) = try NPYHeader.parseDescr(descr, name: name)
        // Every partial product must fit, zero dimensions counted as one: no stride can overflow.
        var padded = 1
        for size in shape {
            let product = padded.multipliedReportingOverflow(by: Swift.max(size, 1))
            guard !product.overflow else { throw NumPyError.shapeOverflow(name: name) }
            padded = product.partialValue
        }
        guard let count = StoredTensor.checkedElementCount(shape),
              case let bytes = count.multipliedReportingOverflow(by: dtype.byteSize), !bytes.overflow,
              padded.multipliedReportingOverflow(by: dtype.byteSize).overflow == false else {
            throw NumPyError.shapeOverflow(name: name)
        }
        self.majorVersion = major
        self.minorVersion = minor
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.dataOffset = dataOffset
        self.dataByteCount = bytes.partialValue
    }

    /// `<f4` → (.f32, .little); object, structured-string and unknown kinds are refused.
    static func parseDescr(_ descr: String, name: String) throws -> (DType, ByteOrder) {
        let orderCharacter = descr.first
        let hasOrder = orderCharacter.map { "<>|=".contains($0) } ?? false
        let kind = hasOrder ? String(descr.dropFirst()) : descr
        if kind.hasPrefix("O") { throw NumPyError.objectDType(name: name) }
        guard hasOrder, let orderCharacter else { throw NumPyError.unsupportedByteOrder(name: name, descr: descr) }
        guard let dtype = DType(numpyKind: kind) else { throw NumPyError.unsupportedDType(name: name, descr: descr) }
        switch orderCharacter {
        case "<", "=": return (dtype, dtype.byteSize == 1 ? .notApplicable : .little)
        case ">": return (dtype, dtype.byteSize == 1 ? .notApplicable : .big)
        default:
            guard dtype.byteSize == 1 else { throw NumPyError.unsupportedByteOrder(name: name, descr: descr) }
            return (dtype, .notApplicable)
        }
    }
}
