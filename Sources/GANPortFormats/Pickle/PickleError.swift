/// Why a pickle stream was refused. Every case names the byte offset of the opcode at fault
/// (relative to the start of the bytes given to `Unpickler`) and, where one applies, its name.
public enum PickleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A byte that is no opcode of protocols 0–5.
    case unknownOpcode(byte: UInt8, offset: Int)
    /// A fixed-size argument or a text line runs past the end of the input.
    case truncatedArgument(opcode: String, offset: Int)
    /// A length-prefixed payload declares more bytes than remain in the input.
    case declaredLengthPastEnd(opcode: String, offset: Int, declared: UInt64, available: Int)
    /// A length prefix that is negative (`BINSTRING`, `LONG4`).
    case negativeLength(opcode: String, offset: Int, length: Int64)
    /// `PROTO` somewhere other than the first opcode.
    case misplacedProto(offset: Int)
    /// `PROTO` with a version above 5.
    case unsupportedProtocol(version: Int, offset: Int)
    /// An opcode needs more values than the stack holds above the innermost `MARK`.
    case stackUnderflow(opcode: String, offset: Int)
    /// An opcode that collects values up to a `MARK` found none open.
    case markMissing(opcode: String, offset: Int)
    /// `STOP` reached with `MARK`s still open.
    case unclosedMark(count: Int, offset: Int)
    /// A memo read (`GET`, `BINGET`, `LONG_BINGET`) of a slot never written.
    case memoMissing(index: Int, opcode: String, offset: Int)
    /// A negative memo index in a text `GET`/`PUT`.
    case negativeMemoIndex(opcode: String, offset: Int)
    /// More distinct memo slots than `PickleLimits.maxMemoEntries`.
    case memoLimitExceeded(limit: Int, opcode: String, offset: Int)
    /// More stack values than `PickleLimits.maxStackSize`.
    case stackLimitExceeded(limit: Int, opcode: String, offset: Int)
    /// Values or `MARK`s nested deeper than `PickleLimits.maxDepth`.
    case depthLimitExceeded(limit: Int, opcode: String, offset: Int)
    /// More materialised bytes than the decoded-bytes budget.
    case decodedBytesLimitExceeded(limit: Int, opcode: String, offset: Int)
    /// An integer wider than `PickleLimits.maxBigIntBytes`.
    case bigIntTooWide(bytes: Int, limit: Int, opcode: String, offset: Int)
    /// An opcode or its argument crosses the end of the current `FRAME`.
    case frameStraddle(opcode: String, offset: Int, frameEnd: Int)
    /// `FRAME` before the current frame was consumed.
    case nestedFrame(offset: Int)
    /// `FRAME` declares more bytes than remain in the input.
    case frameLengthPastEnd(offset: Int, declared: UInt64, available: Int)
    /// Text that is not valid UTF-8 (or holds a surrogate) where a string is expected.
    case invalidUTF8(opcode: String, offset: Int)
    /// A bad escape in a `STRING` or `UNICODE` argument, or a `STRING` argument without quotes.
    case malformedString(opcode: String, offset: Int, reason: String)
    /// A text number (`INT`, `LONG`, `FLOAT`, `GET`, `PUT`) that does not parse.
    case malformedNumber(opcode: String, offset: Int, text: String)
    /// Values left on the stack under the result at `STOP`.
    case extraStackItemsAtStop(count: Int, offset: Int)
    /// `DICT` or `SETITEMS` with an odd number of values after the `MARK`.
    case oddItemCount(opcode: String, offset: Int, count: Int)
    /// The input ended before `STOP`.
    case missingStop(offset: Int)
    /// `APPEND(S)`, `SETITEM(S)`, `ADDITEMS` or `BUILD` applied to a value that cannot take it.
    case wrongContainer(opcode: String, offset: Int, found: String)
    /// An operand of the wrong kind (`REDUCE` arguments that are no tuple, `STACK_GLOBAL` names that are no strings, …).
    case wrongOperandType(opcode: String, offset: Int, expected: String, found: String)
    /// A dict key or set element Python cannot hash (a list, dict or set).
    case unhashableKey(opcode: String, offset: Int, found: String)
    /// `NEXT_BUFFER` / `READONLY_BUFFER`: out-of-band buffers do not exist here.
    case outOfBandBuffer(opcode: String, offset: Int)
    /// `EXT1/2/4` with a code ≤ 0.
    case invalidExtensionCode(code: Int64, opcode: String, offset: Int)

    /// Byte offset of the opcode at fault.
    public var offset: Int {
        switch self {
        case let .unknownOpcode(_, o), let .truncatedArgument(_, o), let .declaredLengthPastEnd(_, o, _, _),
             let .negativeLength(_, o, _), let .misplacedProto(o), let .unsupportedProtocol(_, o),
             let .stackUnderflow(_, o), let .markMissing(_, o), let .unclosedMark(_, o), let .memoMissing(_, _, o),
             let .negativeMemoIndex(_, o), let .memoLimitExceeded(_, _, o), let .stackLimitExceeded(_, _, o),
             let .depthLimitExceeded(_, _, o), let .decodedBytesLimitExceeded(_, _, o), let .bigIntTooWide(_, _, _, o),
             let .frameStraddle(_, o, _), let .nestedFrame(o), let .frameLengthPastEnd(o, _, _), let .invalidUTF8(_, o),
             let .malformedString(_, o, _), let .malformedNumber(_, o, _), let .extraStackItemsAtStop(_, o),
             let .oddItemCount(_, o, _), let .missingStop(o), let .wrongContainer(_, o, _),
             let .wrongOperandType(_, o, _, _), let .unhashableKey(_, o, _), let .outOfBandBuffer(_, o),
             let .invalidExtensionCode(_, _, o):
            return o
        }
    }

    public var description: String {
        switch self {
        case let .unknownOpcode(byte, o):
            return "pickle: unknown opcode byte 0x\(String(byte, radix: 16)) at offset \(o)"
        case let .truncatedArgument(op, o):
            return "pickle: \(op) at offset \(o): argument runs past the end of the input"
        case let .declaredLengthPastEnd(op, o, declared, available):
            return "pickle: \(op) at offset \(o) declares \(declared) bytes but only \(available) remain"
        case let .negativeLength(op, o, length):
            return "pickle: \(op) at offset \(o) declares a negative length \(length)"
        case let .misplacedProto(o):
            return "pickle: PROTO at offset \(o) is not the first opcode"
        case let .unsupportedProtocol(version, o):
            return "pickle: PROTO at offset \(o) asks for protocol \(version); at most 5 is supported"
        case let .stackUnderflow(op, o):
            return "pickle: \(op) at offset \(o) needs more values than the stack holds"
        case let .markMissing(op, o):
            return "pickle: \(op) at offset \(o) needs a MARK but none is open"
        case let .unclosedMark(count, o):
            return "pickle: STOP at offset \(o) with \(count) MARK(s) still open"
        case let .memoMissing(index, op, o):
            return "pickle: \(op) at offset \(o) reads memo slot \(index), which was never written"
        case let .negativeMemoIndex(op, o):
            return "pickle: \(op) at offset \(o) names a negative memo index"
        case let .memoLimitExceeded(limit, op, o):
            return "pickle: \(op) at offset \(o) exceeds the limit of \(limit) memo entries"
        case let .stackLimitExceeded(limit, op, o):
            return "pickle: \(op) at offset \(o) exceeds the limit of \(limit) stack values"
        case let .depthLimitExceeded(limit, op, o):
            return "pickle: \(op) at offset \(o) nests deeper than the limit of \(limit)"
        case let .decodedBytesLimitExceeded(limit, op, o):
            return "pickle: \(op) at offset \(o) exceeds the limit of \(limit) decoded bytes"
        case let .bigIntTooWide(bytes, limit, op, o):
            return "pickle: \(op) at offset \(o) holds a \(bytes)-byte integer; the limit is \(limit) bytes"
        case let .frameStraddle(op, o, frameEnd):
            return "pickle: \(op) at offset \(o) crosses the end of its frame at offset \(frameEnd)"
        case let .nestedFrame(o):
            return "pickle: FRAME at offset \(o) starts inside an unfinished frame"
        case let .frameLengthPastEnd(o, declared, available):
            return "pickle: FRAME at offset \(o) declares \(declared) bytes but only \(available) remain"
        case let .invalidUTF8(op, o):
            return "pickle: \(op) at offset \(o) holds text that is not valid UTF-8"
        case let .malformedString(op, o, reason):
            return "pickle: \(op) at offset \(o): \(reason)"
        case let .malformedNumber(op, o, text):
            return "pickle: \(op) at offset \(o): malformed number '\(text)'"
        case let .extraStackItemsAtStop(count, o):
            return "pickle: STOP at offset \(o) leaves \(count) value(s) on the stack under the result"
        case let .oddItemCount(op, o, count):
            return "pickle: \(op) at offset \(o) has an odd number of values (\(count)) for key/value pairs"
        case let .missingStop(o):
            return "pickle: input ends at offset \(o) without STOP"
        case let .wrongContainer(op, o, found):
            return "pickle: \(op) at offset \(o) cannot be applied to \(found)"
        case let .wrongOperandType(op, o, expected, found):
            return "pickle: \(op) at offset \(o) expects \(expected), found \(found)"
        case let .unhashableKey(op, o, found):
            return "pickle: \(op) at offset \(o) uses an unhashable \(found) as a key"
        case let .outOfBandBuffer(op, o):
            return "pickle: \(op) at offset \(o) refers to an out-of-band buffer, which is not supported"
        case let .invalidExtensionCode(code, op, o):
            return "pickle: \(op) at offset \(o) has invalid extension code \(code)"
        }
    }
}
