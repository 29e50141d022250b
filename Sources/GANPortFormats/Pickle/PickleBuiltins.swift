/// The fixed, inert meanings of a few built-in calls, so trees read the way Python would
/// build them: `OrderedDict()` and `EasyDict` become dicts, `set(...)`/`frozenset(...)` sets,
/// `_codecs.encode(s, 'latin1')`, `bytes()` and `bytearray(...)` bytes. Anything else stays a `PickleObject`.
extension Unpickler {
    /// Dict-like classes: called with no arguments (or created by `NEWOBJ`) they are an empty dict.
    static let dictClasses: Set<PickleGlobal> = [
        PickleGlobal("collections", "OrderedDict"), PickleGlobal("dnnlib.util", "EasyDict"),
        PickleGlobal("dnnlib", "EasyDict"),
    ]

    mutating func builtinMeaning(of callee: PickleValue, arguments: [PickleValue], argumentsEntry: Entry,
                                 creation: PickleObject.Creation) throws -> Entry? {
        guard case let .global(global) = callee else { return nil }
        let name = global.python3Name
        if Self.dictClasses.contains(name) {
            guard creation != .reduce || arguments.isEmpty else { return nil }
            return Entry(value: .dict(PickleDict(type: name)), depth: 1)
        }
        guard creation == .reduce, name.module == "builtins" || name.module == "_codecs" else { return nil }
        switch (name.module, name.name) {
        case ("builtins", "set"): return try makeSet(.set, from: arguments, argumentsEntry: argumentsEntry)
        case ("builtins", "frozenset"): return try makeSet(.frozenset, from: arguments, argumentsEntry: argumentsEntry)
        case ("builtins", "bytearray"): return try makeByteArray(from: arguments)
        case ("builtins", "bytes"):
            // Protocols 0–2 write `b''` as `bytes()`.
            guard arguments.isEmpty else { return nil }
            return Entry(value: .bytes(ByteSlice([])), depth: 0)
        case ("_codecs", "encode"):
            guard arguments.count == 2, case let .string(text) = arguments[0], case let .string(codec) = arguments[1],
                  Self.isLatin1(codec) else { return nil }
            return try latin1Bytes(text)
        default: return nil
        }
    }

    static func isLatin1(_ codec: String) -> Bool {
        ["latin1", "latin-1", "latin_1", "iso-8859-1", "iso8859-1"].contains(codec.lowercased())
    }

    mutating func makeSet(_ kind: PickleList.Kind, from arguments: [PickleValue], argumentsEntry: Entry) throws -> Entry? {
        let set = PickleList(kind: kind)
        guard let source = arguments.first else { return Entry(value: .list(set), depth: 1) }
        guard arguments.count == 1, let items = source.sequence else { return nil }
        try charge(items.count)
        for item in items { set.insertIntoSet(item, hashKey: try hashKey(of: item)) }
        set.nestingDepth = Swift.max(1, depth(of: argumentsEntry) - 1)
        return Entry(value: .list(set), depth: set.nestingDepth)
    }

    mutating func makeByteArray(from arguments: [PickleValue]) throws -> Entry? {
        switch arguments.count {
        case 0: return Entry(value: .bytes(ByteSlice([])), depth: 0)
        case 1:
            guard case let .bytes(slice) = arguments[0] else { return nil }
            return Entry(value: .bytes(slice), depth: 0)
        case 2:
            guard case let .string(text) = arguments[0], case let .string(codec) = arguments[1], Self.isLatin1(codec)
            else { return nil }
            return try latin1Bytes(text)
        default: return nil
        }
    }

    /// The Latin-1 bytes of `text`, or nil when a character is above U+00FF (Python would raise).
    mutating func latin1Bytes(_ text: String) throws -> Entry? {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            encoded.append(UInt8(scalar.value))
        }
        try charge(encoded.count)
        return Entry(value: .bytes(ByteSlice(encoded)), depth: 0)
    }
}
