/// The value stack, `MARK`s and nesting depth.
///
/// Depths are recorded as values are built: scalars 0, a container one more than its
/// deepest child. Mutable containers carry theirs (`nestingDepth`) so later appends update it.
extension Unpickler {
    /// Lowest stack index the current opcode may touch (just above the innermost `MARK`).
    var fence: Int { marks.last ?? 0 }

    /// The recorded nesting depth of an entry.
    func depth(of entry: Entry) -> Int {
        switch entry.value {
        case let .list(list): return list.nestingDepth
        case let .dict(dict): return dict.nestingDepth
        case let .object(object): return object.nestingDepth
        default: return entry.depth
        }
    }

    /// One more than the deepest of `entries` (1 for none).
    func containerDepth<C: Collection>(of entries: C) -> Int where C.Element == Entry {
        var deepest = 0
        for entry in entries { deepest = Swift.max(deepest, depth(of: entry)) }
        return deepest + 1
    }

    /// Throws when `depth` exceeds the cap.
    func checkDepth(_ depth: Int) throws {
        guard depth <= limits.maxDepth else {
            throw PickleError.depthLimitExceeded(limit: limits.maxDepth, opcode: opcode.name, offset: opcodeOffset)
        }
    }

    mutating func push(_ entry: Entry) throws {
        try checkDepth(depth(of: entry))
        guard stack.count < limits.maxStackSize else {
            throw PickleError.stackLimitExceeded(limit: limits.maxStackSize, opcode: opcode.name, offset: opcodeOffset)
        }
        stack.append(entry)
    }

    mutating func push(_ value: PickleValue, depth: Int = 0) throws {
        try push(Entry(value: value, depth: depth))
    }

    mutating func pushNewList(_ list: PickleList) throws {
        try push(.list(list), depth: list.nestingDepth)
    }

    mutating func pushNewDict(_ dict: PickleDict) throws {
        try push(.dict(dict), depth: dict.nestingDepth)
    }

    mutating func pop() throws -> Entry {
        guard stack.count > fence else { throw PickleError.stackUnderflow(opcode: opcode.name, offset: opcodeOffset) }
        return stack.removeLast()
    }

    func top() throws -> Entry {
        guard stack.count > fence, let last = stack.last else {
            throw PickleError.stackUnderflow(opcode: opcode.name, offset: opcodeOffset)
        }
        return last
    }

    /// Replaces the top entry (the caller checked there is one above the fence).
    mutating func replaceTop(_ entry: Entry) throws {
        try checkDepth(depth(of: entry))
        stack[stack.count - 1] = entry
    }

    mutating func pushMark() throws {
        guard marks.count < limits.maxDepth else {
            throw PickleError.depthLimitExceeded(limit: limits.maxDepth, opcode: opcode.name, offset: opcodeOffset)
        }
        marks.append(stack.count)
    }

    /// Removes the innermost `MARK` and returns the values above it.
    mutating func popMark() throws -> [Entry] {
        guard let mark = marks.popLast() else { throw PickleError.markMissing(opcode: opcode.name, offset: opcodeOffset) }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    /// `POP`: drops the top value, or the innermost `MARK` when nothing lies above it (as CPython does).
    mutating func loadPop() throws {
        if let mark = marks.last, mark == stack.count {
            marks.removeLast()
            return
        }
        _ = try pop()
    }
}

extension PickleValue {
    /// A short name of the value's kind for messages (`list`, `tuple`, `object`, …).
    public var kindName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case let .list(list):
            switch list.kind {
            case .list: return "list"
            case .set: return "set"
            case .frozenset: return "frozenset"
            }
        case let .dict(dict): return dict.type.map { "dict (\($0))" } ?? "dict"
        case let .global(g): return "global \(g)"
        case let .object(object): return object.global.map { "object (\($0))" } ?? "object"
        case .persistentID: return "persistent id"
        }
    }
}
