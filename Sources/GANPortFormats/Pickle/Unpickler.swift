/// The structural pickle VM: it runs the opcodes of protocols 0–5 over bytes and builds an
/// inert `PickleValue` tree. It never imports, resolves or calls anything: a global is a
/// `module.name` pair, a call is a `PickleObject` record. Calls and globals that would run
/// code in Python are reported as `SecurityFinding`s (see `PickleAllowlist`).
///
/// Every malformed or hostile stream gets a `PickleError` naming the opcode's byte offset;
/// construction is iterative and bounded by `PickleLimits`.
///
/// ```swift
/// var unpickler = Unpickler(bytes, streamName: "archive/data.pkl")
/// let result = try unpickler.load()   // result.value, result.findings, result.globals
/// let next = try unpickler.load()     // a following pickle in the same bytes, from result.endOffset
/// ```
public struct Unpickler {
    /// One stack or memo slot: the value and the nesting depth recorded when it was built.
    struct Entry {
        var value: PickleValue
        var depth: Int
    }

    /// The bytes read.
    public let bytes: ByteSlice
    /// The caps in force.
    public let limits: PickleLimits
    /// Name of the stream, copied into findings (`data.pkl`, `archive/data.pkl`, …).
    public let streamName: String
    /// Where the next `load()` starts: 0, then the `endOffset` of the last pickle read.
    public internal(set) var position = 0
    /// Findings of the current or last `load()`, kept also when it threw (a stream broken
    /// right after its payload still shows what it would have called).
    public internal(set) var findings: [SecurityFinding] = []

    let base: UnsafeRawPointer?
    let decodedBytesBudget: Int
    var stack: [Entry] = []
    var marks: [Int] = []
    var memo: [Int: Entry] = [:]
    var frameEnd: Int?
    var protocolVersion = 0
    var globals: [PickleGlobal] = []
    var seenGlobals: Set<PickleGlobal> = []
    var decodedBytes = 0
    var opcode: PickleOpcode = .stop
    var opcodeOffset = 0
    var isFirstOpcode = true

    /// Reads pickles from `bytes` (offsets in errors and findings are relative to its start).
    public init(_ bytes: ByteSlice, limits: PickleLimits = .init(), streamName: String = "") {
        self.bytes = bytes
        self.limits = limits
        self.streamName = streamName
        self.base = bytes.buffer.baseAddress.map { $0 + bytes.range.lowerBound }
        self.decodedBytesBudget = limits.decodedBytesBudget(inputCount: bytes.count)
    }

    /// Reads one pickle, from `position` up to and including its `STOP`.
    public mutating func load() throws -> PickleResult {
        resetForNextPickle()
        defer { releaseState() }
        while true {
            if let end = frameEnd, position >= end { frameEnd = nil }
            guard position < bytes.count else { throw PickleError.missingStop(offset: position) }
            opcodeOffset = position
            let byte = byte(at: position)
            guard let op = PickleOpcode(rawValue: byte) else {
                throw PickleError.unknownOpcode(byte: byte, offset: position)
            }
            opcode = op
            position += 1
            if op == .stop { return try finish() }
            try execute(op)
            isFirstOpcode = false
        }
    }

    /// Drops the stack and memo in one iterative teardown (shared parts are visited once).
    mutating func releaseState() {
        var values = stack.map(\.value)
        values.append(contentsOf: memo.values.lazy.map(\.value))
        stack = []
        marks = []
        memo = [:]
        PickleValue.dismantle(&values)
    }

    mutating func resetForNextPickle() {
        stack = []
        marks = []
        memo = [:]
        frameEnd = nil
        protocolVersion = 0
        globals = []
        seenGlobals = []
        findings = []
        decodedBytes = 0
        isFirstOpcode = true
    }

    mutating func finish() throws -> PickleResult {
        guard marks.isEmpty else { throw PickleError.unclosedMark(count: marks.count, offset: opcodeOffset) }
        guard let result = stack.last else { throw PickleError.stackUnderflow(opcode: "STOP", offset: opcodeOffset) }
        guard stack.count == 1 else {
            throw PickleError.extraStackItemsAtStop(count: stack.count - 1, offset: opcodeOffset)
        }
        return PickleResult(value: result.value, findings: findings, globals: globals, endOffset: position,
                            protocolVersion: protocolVersion)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func execute(_ op: PickleOpcode) throws {
        switch op {
        case .proto: try loadProto()
        case .frame: try loadFrame()
        case .stop: break
        // Numbers and constants.
        case .none: try push(.none)
        case .newtrue: try push(.bool(true))
        case .newfalse: try push(.bool(false))
        case .int: try loadTextInt()
        case .long: try loadTextLong()
        case .binint: try push(.int(Int64(try readInt32())))
        case .binint1: try push(.int(Int64(try readUInt8())))
        case .binint2: try push(.int(Int64(try readUInt16())))
        case .long1: try loadBinaryLong(lengthBytes: 1)
        case .long4: try loadBinaryLong(lengthBytes: 4)
        case .float: try loadTextFloat()
        case .binfloat: try push(.float(Double(bitPattern: try readUInt64BigEndian())))
        // Strings and bytes.
        case .string: try loadQuotedString()
        case .binstring: try loadBinaryString(lengthBytes: 4)
        case .shortBinstring: try loadBinaryString(lengthBytes: 1)
        case .unicode: try loadRawUnicode()
        case .shortBinunicode: try loadUnicode(lengthBytes: 1)
        case .binunicode: try loadUnicode(lengthBytes: 4)
        case .binunicode8: try loadUnicode(lengthBytes: 8)
        case .shortBinbytes: try loadBytes(lengthBytes: 1)
        case .binbytes: try loadBytes(lengthBytes: 4)
        case .binbytes8, .bytearray8: try loadBytes(lengthBytes: 8)
        case .nextBuffer, .readonlyBuffer:
            throw PickleError.outOfBandBuffer(opcode: op.name, offset: opcodeOffset)
        // Containers.
        case .emptyList: try pushNewList(PickleList(kind: .list))
        case .emptySet: try pushNewList(PickleList(kind: .set))
        case .emptyDict: try pushNewDict(PickleDict())
        case .emptyTuple: try push(.tuple([]), depth: 1)
        case .list: try loadList()
        case .tuple: try loadTuple()
        case .tuple1: try loadTuple(count: 1)
        case .tuple2: try loadTuple(count: 2)
        case .tuple3: try loadTuple(count: 3)
        case .dict: try loadDict()
        case .frozenset: try loadFrozenset()
        case .append: try loadAppend()
        case .appends: try loadAppends()
        case .setitem: try loadSetItem()
        case .setitems: try loadSetItems()
        case .additems: try loadAddItems()
        // Stack.
        case .mark: try pushMark()
        case .pop: try loadPop()
        case .popMark: _ = try popMark()
        case .dup: try push(try top())
        // Memo.
        case .get: try memoGet(try readTextIndex())
        case .binget: try memoGet(Int(try readUInt8()))
        case .longBinget: try memoGet(Int(try readUInt32()))
        case .put: try memoPut(try readTextIndex())
        case .binput: try memoPut(Int(try readUInt8()))
        case .longBinput: try memoPut(Int(try readUInt32()))
        case .memoize: try memoPut(memo.count)
        // Globals, calls and persistent ids.
        case .global: try loadGlobal()
        case .stackGlobal: try loadStackGlobal()
        case .ext1: try loadExtension(codeBytes: 1)
        case .ext2: try loadExtension(codeBytes: 2)
        case .ext4: try loadExtension(codeBytes: 4)
        case .reduce: try loadReduce()
        case .newobj: try loadNewObj()
        case .newobjEx: try loadNewObjEx()
        case .inst: try loadInst()
        case .obj: try loadObj()
        case .build: try loadBuild()
        case .persid: try loadTextPersistentID()
        case .binpersid: try loadBinaryPersistentID()
        }
    }

    /// The error for a value of the wrong kind, with the current opcode.
    func wrongOperand(expected: String, found: PickleValue) -> PickleError {
        .wrongOperandType(opcode: opcode.name, offset: opcodeOffset, expected: expected, found: found.kindName)
    }
}
