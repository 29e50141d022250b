/// A value built by the pickle VM: an inert tree. Nothing in it is ever called.
///
/// Containers that pickle mutates after creation (lists, dicts, sets, objects receiving
/// `BUILD`) are reference types, so memo references share them the way Python objects are
/// shared. Hostile streams can build cycles (a list that contains itself): code walking a
/// tree must bound its depth (`PickleLimits.maxDepth`, `walk(maxDepth:maxNodes:_:)`). A cycle
/// is a reference cycle and is never freed; releasing any acyclic tree never recurses deeply.
public indirect enum PickleValue: @unchecked Sendable {
    case none
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case int(Int64)
    /// A larger integer: little-endian two's complement bytes, as `LONG1`/`LONG4` store it.
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    /// Bytes, zero-copy into the stream's buffer.
    case bytes(ByteSlice)
    case tuple([PickleValue])
    /// `list`, `set` or `frozenset` (see `PickleList.kind`).
    case list(PickleList)
    /// `dict` or a dict-like allowlisted class (`collections.OrderedDict`, `dnnlib.util.EasyDict`).
    case dict(PickleDict)
    /// A `module.name` reference (GLOBAL / STACK_GLOBAL / INST class), never resolved to code.
    case global(PickleGlobal)
    /// The inert record of a call (`REDUCE`, `NEWOBJ`, `NEWOBJ_EX`, `INST`, `OBJ`) plus any `BUILD` state.
    case object(PickleObject)
    /// A persistent id (`BINPERSID` / `PERSID`) — a reference to data outside the stream (torch storages).
    case persistentID(PickleValue)
}

/// A `module.name` pair as written by `GLOBAL` or `STACK_GLOBAL`.
public struct PickleGlobal: Hashable, Sendable, CustomStringConvertible {
    public let module: String
    public let name: String
    public init(_ module: String, _ name: String) {
        self.module = module
        self.name = name
    }
    /// `module.name`.
    public var description: String { "\(module).\(name)" }
}

/// A mutable list, set or frozenset.
public final class PickleList: @unchecked Sendable {
    public enum Kind: Sendable { case list, set, frozenset }
    public let kind: Kind
    public internal(set) var items: [PickleValue]
    /// Nesting depth the unpickler recorded for it (a lower bound once shared containers mutate).
    internal var nestingDepth = 1
    /// Members of a set, built on the first insertion through `insertIntoSet(_:)`.
    internal var setMembers: Set<PickleKey>?

    public init(kind: Kind = .list, items: [PickleValue] = []) {
        self.kind = kind
        self.items = items
    }

    deinit { PickleValue.dismantle(&items) }
}

/// A mutable dict that keeps insertion order (Python dicts do).
public final class PickleDict: @unchecked Sendable {
    /// The dict-like class it was created from (`collections.OrderedDict`, …); nil for a plain `dict`.
    public let type: PickleGlobal?
    /// Entries in insertion order; a repeated key replaces the earlier value in place, as in Python.
    public internal(set) var entries: [(key: PickleValue, value: PickleValue)]
    /// State given by `BUILD` (e.g. a state dict's `_metadata`), kept for inspection only.
    public internal(set) var buildState: PickleValue?

    /// Nesting depth the unpickler recorded for it.
    internal var nestingDepth = 1
    /// Position of each key in `entries`, built on the first insertion through `insert(_:_:)`.
    internal var keyPositions: [PickleKey: Int]?

    public init(type: PickleGlobal? = nil, entries: [(key: PickleValue, value: PickleValue)] = []) {
        self.type = type
        self.entries = entries
    }

    deinit {
        var children: [PickleValue] = []
        children.reserveCapacity(entries.count * 2 + 1)
        for entry in entries { children.append(entry.key); children.append(entry.value) }
        entries = []
        if let state = buildState { children.append(state); buildState = nil }
        PickleValue.dismantle(&children)
    }

    /// The value under a string key, or nil.
    public subscript(key: String) -> PickleValue? {
        for entry in entries { if case let .string(k) = entry.key, k == key { return entry.value } }
        return nil
    }

    /// String keys in order (non-string keys skipped).
    public var stringKeys: [String] {
        entries.compactMap { if case let .string(k) = $0.key { return k }; return nil }
    }
}

/// The inert record of a call the stream asked for. GANPort never performs it; interpreters
/// give meaning only to allowlisted callees (tensor rebuilds, NumPy arrays, StyleGAN persistence).
public final class PickleObject: @unchecked Sendable {
    /// How the stream created it.
    public enum Creation: String, Sendable { case reduce = "REDUCE", newObj = "NEWOBJ", newObjEx = "NEWOBJ_EX", inst = "INST", obj = "OBJ" }
    /// The callable: usually `.global`, but a hostile stream may call anything.
    public internal(set) var callee: PickleValue
    /// Positional arguments (a `.tuple` for REDUCE/NEWOBJ).
    public internal(set) var arguments: PickleValue
    /// Keyword arguments (`NEWOBJ_EX` only).
    public internal(set) var keywordArguments: PickleValue?
    /// How the object was created.
    public let creation: Creation
    /// Byte offset of the creating opcode.
    public let byteOffset: Int
    /// State given by `BUILD`, if any (the last one when BUILD is repeated).
    public internal(set) var state: PickleValue?
    /// Items appended (`APPEND(S)`) or set (`SETITEM(S)`) on an object that is not a list/dict; kept inert.
    public internal(set) var appendedItems: [PickleValue] = []
    public internal(set) var setItems: [(key: PickleValue, value: PickleValue)] = []
    /// Nesting depth the unpickler recorded for it.
    internal var nestingDepth = 1

    public init(callee: PickleValue, arguments: PickleValue, keywordArguments: PickleValue? = nil, creation: Creation, byteOffset: Int) {
        self.callee = callee
        self.arguments = arguments
        self.keywordArguments = keywordArguments
        self.creation = creation
        self.byteOffset = byteOffset
    }

    deinit {
        var children: [PickleValue] = [callee, arguments]
        callee = .none
        arguments = .none
        if let keywords = keywordArguments { children.append(keywords); keywordArguments = nil }
        if let state { children.append(state); self.state = nil }
        children.append(contentsOf: appendedItems)
        appendedItems = []
        for item in setItems { children.append(item.key); children.append(item.value) }
        setItems = []
        PickleValue.dismantle(&children)
    }

    /// The callee as a global, when it is one.
    public var global: PickleGlobal? {
        if case let .global(g) = callee { return g }
        return nil
    }
}

extension PickleValue {
    /// The string payload, or nil.
    public var string: String? { if case let .string(s) = self { return s }; return nil }
    /// The integer payload, or nil.
    public var int: Int64? {
        switch self {
        case let .int(i): return i
        case let .bool(b): return b ? 1 : 0
        default: return nil
        }
    }
    /// Tuple items, or nil.
    public var tuple: [PickleValue]? { if case let .tuple(t) = self { return t }; return nil }
    /// List items (a real list, set or frozenset), or nil.
    public var listItems: [PickleValue]? { if case let .list(l) = self { return l.items }; return nil }
    /// Tuple or list items, or nil.
    public var sequence: [PickleValue]? { tuple ?? listItems }
    /// The dict, or nil.
    public var dict: PickleDict? { if case let .dict(d) = self { return d }; return nil }
    /// The object record, or nil.
    public var object: PickleObject? { if case let .object(o) = self { return o }; return nil }
    /// Whether this is `None`.
    public var isNone: Bool { if case .none = self { return true }; return false }
}
