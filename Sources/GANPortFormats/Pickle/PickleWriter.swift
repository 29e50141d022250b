/// Why a value could not be written.
public enum PickleWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value nests deeper than the writer's `maxDepth` (or is a cycle through calls).
    case depthLimitExceeded(limit: Int)
    /// A value protocol 2 cannot express the way the writer needs (`INST`/`OBJ` records).
    case unsupportedValue(String)

    public var description: String {
        switch self {
        case let .depthLimitExceeded(limit): return "pickle writer: value nested deeper than \(limit) levels"
        case let .unsupportedValue(what): return "pickle writer: cannot write \(what)"
        }
    }
}

/// Writes protocol-2 pickles the way CPython's `pickle.dumps(obj, protocol=2)` does, byte for
/// byte, for trees of None, bools, ints, floats, strings, bytes, tuples, lists, sets, dicts,
/// `OrderedDict`s, globals, `REDUCE`/`NEWOBJ` records with `BUILD` state, and persistent ids.
///
/// ```swift
/// var writer = PickleWriter()
/// try writer.write(value: .dict(stateDict))
/// let bytes = writer.finish()      // PROTO 2 … STOP
/// ```
///
/// Memoisation follows CPython: every string, non-empty tuple, list, dict, global and call
/// result gets a `BINPUT` (`LONG_BINPUT` from index 256). A list, dict or object instance met
/// again is written as `BINGET`, as Python does for one object referenced twice; so is a tuple
/// or bytes value met again (the same value, sharing storage, as the reader builds for a
/// memo reference). Strings have no identity here: equal strings are written once and then
/// fetched with `BINGET` (what Python does for the interned strings of keys and literals)
/// unless `deduplicateStrings` is false. Output stays linear in the size of the tree as built,
/// however often its parts are shared.
///
/// Global names are Python 3 names; like `pickle` at protocol 2 the writer renames
/// `builtins` to `__builtin__` and `copyreg` to `copy_reg`.
///
/// Lower-level calls (`writeGlobal`, `writeMark`, `writeOpcode`, `memoize`, …) let callers
/// emit streams the value tree cannot describe; `PickleWriter+Torch.swift` builds tensor
/// rebuild calls on top of them.
public struct PickleWriter {
    enum MemoKey: Hashable {
        case string(String)
        /// A long string's storage: the same string value reached again is found without hashing it.
        case stringStorage(UnsafeRawPointer)
        case global(PickleGlobal)
        case container(ObjectIdentifier)
        /// A tuple's element buffer: one tuple value reached twice shares it.
        case tuple(UnsafeRawPointer)
        /// A bytes value: buffer and range.
        case bytes(ObjectIdentifier, Int, Int)
    }

    /// Bytes written so far (without `STOP`).
    public private(set) var bytes: [UInt8]
    /// Deepest nesting `write(value:)` accepts.
    public let maxDepth: Int
    /// Write equal strings once and reference them through the memo (default true).
    public var deduplicateStrings: Bool
    /// Number of memo slots used; the next `memoize()` writes this index.
    public private(set) var memoCount = 0
    var memo: [MemoKey: Int] = [:]
    /// Containers whose identity is a memo key stay alive, so identities are never reused.
    var retained: [AnyObject] = []
    /// Values whose storage address is a memo key stay alive for the same reason.
    var retainedValues: [PickleValue] = []

    /// Starts a protocol-2 stream (`PROTO 2`).
    public init(maxDepth: Int = PickleLimits.defaultMaxDepth, deduplicateStrings: Bool = true) {
        self.bytes = [PickleOpcode.proto.rawValue, 2]
        self.maxDepth = maxDepth
        self.deduplicateStrings = deduplicateStrings
    }

    /// Appends `STOP` and returns the whole stream.
    public mutating func finish() -> [UInt8] {
        bytes.append(PickleOpcode.stop.rawValue)
        return bytes
    }

    // MARK: Primitive emitters

    /// Appends one opcode byte.
    public mutating func writeOpcode(_ opcode: PickleOpcode) {
        bytes.append(opcode.rawValue)
    }

    /// `MARK`.
    public mutating func writeMark() { writeOpcode(.mark) }

    /// Stores the top of the stack in the next memo slot (`BINPUT`, or `LONG_BINPUT` from 256)
    /// and returns the slot.
    @discardableResult
    public mutating func memoize() -> Int {
        let index = memoCount
        memoCount += 1
        if index < 256 {
            bytes += [PickleOpcode.binput.rawValue, UInt8(index)]
        } else {
            writeOpcode(.longBinput)
            appendLittleEndian(UInt32(truncatingIfNeeded: index))
        }
        return index
    }

    /// Pushes memo slot `index` (`BINGET`, or `LONG_BINGET` from 256).
    public mutating func writeMemoGet(_ index: Int) {
        if index < 256 {
            bytes += [PickleOpcode.binget.rawValue, UInt8(index)]
        } else {
            writeOpcode(.longBinget)
            appendLittleEndian(UInt32(truncatingIfNeeded: index))
        }
    }

    /// `None`.
    public mutating func writeNone() { writeOpcode(.none) }

    /// `NEWTRUE` / `NEWFALSE`.
    public mutating func writeBool(_ value: Bool) { writeOpcode(value ? .newtrue : .newfalse) }

    /// The shortest of `BININT1`, `BININT2`, `BININT`, `LONG1`, as CPython chooses.
    public mutating func writeInt(_ value: Int64) {
        if value >= 0, value <= 0xFF {
            bytes += [PickleOpcode.binint1.rawValue, UInt8(value)]
        } else if value >= 0, value <= 0xFFFF {
            writeOpcode(.binint2)
            bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
        } else if value >= Int64(Int32.min), value <= Int64(Int32.max) {
            writeOpcode(.binint)
            appendLittleEndian(UInt32(bitPattern: Int32(value)))
        } else {
            writeLong(PickleBigInt.bytes(of: value))
        }
    }

    /// `LONG1` (or `LONG4` from 256 bytes) of little-endian two's complement bytes.
    public mutating func writeLong(_ twosComplement: [UInt8]) {
        let encoded = PickleBigInt.minimal(twosComplement)
        if encoded.count < 256 {
            bytes += [PickleOpcode.long1.rawValue, UInt8(encoded.count)]
        } else {
            writeOpcode(.long4)
            appendLittleEndian(UInt32(encoded.count))
        }
        bytes += encoded
    }

    /// `BINFLOAT` (big-endian IEEE 754 double).
    public mutating func writeFloat(_ value: Double) {
        writeOpcode(.binfloat)
        let bits = value.bitPattern
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// A string: `BINGET` of an equal string already written (when deduplicating), else
    /// `BINUNICODE` + memoize.
    public mutating func writeString(_ value: String) {
        if deduplicateStrings, let index = memo[.string(value)] { return writeMemoGet(index) }
        writeFreshString(value, shareable: true)
    }

    /// `BINUNICODE` + memoize. A string that is not `shareable` is a new object in Python
    /// (the text of a bytes object at protocol 2) and is never fetched again.
    mutating func writeFreshString(_ value: String, shareable: Bool) {
        writeOpcode(.binunicode)
        let utf8 = Array(value.utf8)
        appendLittleEndian(UInt32(truncatingIfNeeded: utf8.count))
        bytes += utf8
        let index = memoize()
        if shareable, memo[.string(value)] == nil { memo[.string(value)] = index }
    }

    /// `GLOBAL module\nname\n` + memoize, or `BINGET` when the same global was written before.
    public mutating func writeGlobal(_ global: PickleGlobal) {
        if let index = memo[.global(global)] { return writeMemoGet(index) }
        let written = Self.protocol2Name(global)
        writeOpcode(.global)
        bytes += Array(written.module.utf8) + [0x0A] + Array(written.name.utf8) + [0x0A]
        memo[.global(global)] = memoize()
    }

    /// The tuple opcode for `count` values already written: `EMPTY_TUPLE`, `TUPLE1`–`TUPLE3`,
    /// or `TUPLE` (the caller wrote a `MARK` before the values when `count > 3`).
    /// Non-empty tuples are memoized, as CPython does.
    public mutating func writeTupleEnd(count: Int) {
        switch count {
        case 0: return writeOpcode(.emptyTuple)
        case 1: writeOpcode(.tuple1)
        case 2: writeOpcode(.tuple2)
        case 3: writeOpcode(.tuple3)
        default: writeOpcode(.tuple)
        }
        memoize()
    }

    static func protocol2Name(_ global: PickleGlobal) -> PickleGlobal {
        switch global.module {
        case "builtins": return PickleGlobal("__builtin__", global.name)
        case "copyreg": return PickleGlobal("copy_reg", global.name)
        default: return global
        }
    }

    mutating func appendLittleEndian(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
