/// How Python would compare a dict key or set element: `1`, `1.0` and `True` are one key,
/// strings compare by code points, tuples by their items. Values Python cannot hash
/// (lists, dicts, sets) have no key; objects compare by identity.
enum PickleKey: Hashable {
    case none
    case int(Int64)
    case bigInt([UInt8])
    case float(UInt64)
    case string([UInt8])
    case bytes([UInt8])
    case tuple([PickleKey])
    case global(PickleGlobal)
    case identity(ObjectIdentifier)

    /// The key of `value`, or nil when Python would raise `TypeError: unhashable type`.
    /// Objects are kept alive by the container that holds them, so identities stay unique.
    init?(_ value: PickleValue) {
        var cost = 0
        self.init(value, cost: &cost)
    }

    /// Same, adding the number of bytes copied into the key to `cost` (the unpickler charges
    /// it to its decoded-bytes budget: a huge string used as a key again and again is work).
    init?(_ value: PickleValue, cost: inout Int) {
        switch value {
        case .none: self = .none
        case let .bool(b): self = .int(b ? 1 : 0)
        case let .int(i): self = .int(i)
        case let .bigInt(bytes): self = .bigInt(bytes)
        case let .float(d):
            if d.rounded() == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 {
                self = .int(Int64(d))
            } else {
                self = .float(d.bitPattern)
            }
        case let .string(s):
            cost += s.utf8.count
            self = .string(Array(s.utf8))
        case let .bytes(b):
            cost += b.count
            self = .bytes(b.array)
        case let .tuple(items):
            var keys: [PickleKey] = []
            keys.reserveCapacity(items.count)
            cost += items.count
            for item in items {
                guard let key = PickleKey(item, cost: &cost) else { return nil }
                keys.append(key)
            }
            self = .tuple(keys)
        case let .global(g): self = .global(g)
        case let .object(o): self = .identity(ObjectIdentifier(o))
        case let .list(l):
            guard l.kind == .frozenset else { return nil }
            self = .identity(ObjectIdentifier(l))
        case let .persistentID(inner):
            guard let key = PickleKey(inner, cost: &cost) else { return nil }
            self = .tuple([.global(PickleGlobal("", "persistent_id")), key])
        case .dict: return nil
        }
    }
}

extension PickleDict {
    /// Sets `key` (whose hash key is `hashKey`) to `value`: a new key is appended, an existing
    /// one keeps its place and its first key object, as in Python.
    internal func insert(_ key: PickleValue, hashKey: PickleKey, _ value: PickleValue) {
        if keyPositions == nil {
            var positions: [PickleKey: Int] = [:]
            for (index, entry) in entries.enumerated() {
                if let existing = PickleKey(entry.key) { positions[existing] = index }
            }
            keyPositions = positions
        }
        if let index = keyPositions?[hashKey] {
            entries[index].value = value
        } else {
            keyPositions?[hashKey] = entries.count
            entries.append((key: key, value: value))
        }
    }
}

extension PickleList {
    /// Adds `element` (whose hash key is `hashKey`) to a set unless an equal one is present.
    internal func insertIntoSet(_ element: PickleValue, hashKey: PickleKey) {
        if setMembers == nil {
            setMembers = Set(items.compactMap { PickleKey($0) })
        }
        if setMembers?.insert(hashKey).inserted == true { items.append(element) }
    }
}
