/// The opcodes of pickle protocols 0–5 (CPython `pickletools` names).
public enum PickleOpcode: UInt8, CaseIterable, Sendable {
    case int = 0x49
    case binint = 0x4a
    case binint1 = 0x4b
    case binint2 = 0x4d
    case long = 0x4c
    case long1 = 0x8a
    case long4 = 0x8b
    case string = 0x53
    case binstring = 0x54
    case shortBinstring = 0x55
    case binbytes = 0x42
    case shortBinbytes = 0x43
    case binbytes8 = 0x8e
    case bytearray8 = 0x96
    case nextBuffer = 0x97
    case readonlyBuffer = 0x98
    case none = 0x4e
    case newtrue = 0x88
    case newfalse = 0x89
    case unicode = 0x56
    case shortBinunicode = 0x8c
    case binunicode = 0x58
    case binunicode8 = 0x8d
    case float = 0x46
    case binfloat = 0x47
    case emptyList = 0x5d
    case append = 0x61
    case appends = 0x65
    case list = 0x6c
    case emptyTuple = 0x29
    case tuple = 0x74
    case tuple1 = 0x85
    case tuple2 = 0x86
    case tuple3 = 0x87
    case emptyDict = 0x7d
    case dict = 0x64
    case setitem = 0x73
    case setitems = 0x75
    case emptySet = 0x8f
    case additems = 0x90
    case frozenset = 0x91
    case pop = 0x30
    case dup = 0x32
    case mark = 0x28
    case popMark = 0x31
    case get = 0x67
    case binget = 0x68
    case longBinget = 0x6a
    case put = 0x70
    case binput = 0x71
    case longBinput = 0x72
    case memoize = 0x94
    case ext1 = 0x82
    case ext2 = 0x83
    case ext4 = 0x84
    case global = 0x63
    case stackGlobal = 0x93
    case reduce = 0x52
    case build = 0x62
    case inst = 0x69
    case obj = 0x6f
    case newobj = 0x81
    case newobjEx = 0x92
    case proto = 0x80
    case stop = 0x2e
    case frame = 0x95
    case persid = 0x50
    case binpersid = 0x51

    /// The opcode's name as `pickletools` spells it (`BINUNICODE`, `STACK_GLOBAL`, …).
    public var name: String {
        switch self {
        case .int: return "INT"
        case .binint: return "BININT"
        case .binint1: return "BININT1"
        case .binint2: return "BININT2"
        case .long: return "LONG"
        case .long1: return "LONG1"
        case .long4: return "LONG4"
        case .string: return "STRING"
        case .binstring: return "BINSTRING"
        case .shortBinstring: return "SHORT_BINSTRING"
        case .binbytes: return "BINBYTES"
        case .shortBinbytes: return "SHORT_BINBYTES"
        case .binbytes8: return "BINBYTES8"
        case .bytearray8: return "BYTEARRAY8"
        case .nextBuffer: return "NEXT_BUFFER"
        case .readonlyBuffer: return "READONLY_BUFFER"
        case .none: return "NONE"
        case .newtrue: return "NEWTRUE"
        case .newfalse: return "NEWFALSE"
        case .unicode: return "UNICODE"
        case .shortBinunicode: return "SHORT_BINUNICODE"
        case .binunicode: return "BINUNICODE"
        case .binunicode8: return "BINUNICODE8"
        case .float: return "FLOAT"
        case .binfloat: return "BINFLOAT"
        case .emptyList: return "EMPTY_LIST"
        case .append: return "APPEND"
        case .appends: return "APPENDS"
        case .list: return "LIST"
        case .emptyTuple: return "EMPTY_TUPLE"
        case .tuple: return "TUPLE"
        case .tuple1: return "TUPLE1"
        case .tuple2: return "TUPLE2"
        case .tuple3: return "TUPLE3"
        case .emptyDict: return "EMPTY_DICT"
        case .dict: return "DICT"
        case .setitem: return "SETITEM"
        case .setitems: return "SETITEMS"
        case .emptySet: return "EMPTY_SET"
        case .additems: return "ADDITEMS"
        case .frozenset: return "FROZENSET"
        case .pop: return "POP"
        case .dup: return "DUP"
        case .mark: return "MARK"
        case .popMark: return "POP_MARK"
        case .get: return "GET"
        case .binget: return "BINGET"
        case .longBinget: return "LONG_BINGET"
        case .put: return "PUT"
        case .binput: return "BINPUT"
        case .longBinput: return "LONG_BINPUT"
        case .memoize: return "MEMOIZE"
        case .ext1: return "EXT1"
        case .ext2: return "EXT2"
        case .ext4: return "EXT4"
        case .global: return "GLOBAL"
        case .stackGlobal: return "STACK_GLOBAL"
        case .reduce: return "REDUCE"
        case .build: return "BUILD"
        case .inst: return "INST"
        case .obj: return "OBJ"
        case .newobj: return "NEWOBJ"
        case .newobjEx: return "NEWOBJ_EX"
        case .proto: return "PROTO"
        case .stop: return "STOP"
        case .frame: return "FRAME"
        case .persid: return "PERSID"
        case .binpersid: return "BINPERSID"
        }
    }

    /// The first protocol that defines it.
    public var introducedInProtocol: Int {
        switch self {
        case .int, .long, .string, .none, .unicode, .float, .append, .list, .tuple, .dict, .setitem, .pop, .dup,
             .mark, .get, .put, .global, .reduce, .build, .inst, .stop, .persid: return 0
        case .binint, .binint1, .binint2, .binstring, .shortBinstring, .binunicode, .binfloat, .emptyList, .appends,
             .emptyTuple, .emptyDict, .setitems, .popMark, .binget, .longBinget, .binput, .longBinput, .obj,
             .binpersid: return 1
        case .long1, .long4, .newtrue, .newfalse, .tuple1, .tuple2, .tuple3, .ext1, .ext2, .ext4, .newobj, .proto: return 2
        case .binbytes, .shortBinbytes: return 3
        case .binbytes8, .shortBinunicode, .binunicode8, .emptySet, .additems, .frozenset, .memoize, .stackGlobal,
             .newobjEx, .frame: return 4
        case .bytearray8, .nextBuffer, .readonlyBuffer: return 5
        }
    }
}
