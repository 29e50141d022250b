/// List, tuple, dict and set opcodes. `APPEND(S)` takes a list, `SETITEM(S)` a dict,
/// `ADDITEMS` a set; on a `PickleObject` the items are recorded inertly; anything else is an error.
extension Unpickler {
    mutating func loadTuple() throws {
        let items = try popMark()
        try push(.tuple(items.map(\.value)), depth: containerDepth(of: items))
    }

    mutating func loadTuple(count: Int) throws {
        guard stack.count - fence >= count else {
            throw PickleError.stackUnderflow(opcode: opcode.name, offset: opcodeOffset)
        }
        let items = Array(stack[(stack.count - count)...])
        stack.removeLast(count)
        try push(.tuple(items.map(\.value)), depth: containerDepth(of: items))
    }

    mutating func loadList() throws {
        let items = try popMark()
        let list = PickleList(kind: .list, items: items.map(\.value))
        list.nestingDepth = containerDepth(of: items)
        try pushNewList(list)
    }

    mutating func loadFrozenset() throws {
        let items = try popMark()
        let set = PickleList(kind: .frozenset)
        for item in items { set.insertIntoSet(item.value, hashKey: try hashKey(of: item.value)) }
        set.nestingDepth = containerDepth(of: items)
        try pushNewList(set)
    }

    mutating func loadDict() throws {
        let items = try popMark()
        guard items.count % 2 == 0 else {
            throw PickleError.oddItemCount(opcode: opcode.name, offset: opcodeOffset, count: items.count)
        }
        let dict = PickleDict()
        try insertPairs(items, into: dict)
        try pushNewDict(dict)
    }

    mutating func loadAppend() throws {
        let item = try pop()
        try append([item], to: try top())
    }

    mutating func loadAppends() throws {
        let items = try popMark()
        try append(items, to: try top())
    }

    mutating func loadAddItems() throws {
        let items = try popMark()
        let target = try top()
        switch target.value {
        case let .list(set) where set.kind == .set:
            for item in items { set.insertIntoSet(item.value, hashKey: try hashKey(of: item.value)) }
            set.nestingDepth = Swift.max(set.nestingDepth, containerDepth(of: items))
            try checkDepth(set.nestingDepth)
        case let .object(object):
            object.appendedItems.append(contentsOf: items.map(\.value))
            object.nestingDepth = Swift.max(object.nestingDepth, containerDepth(of: items))
            try checkDepth(object.nestingDepth)
        default:
            throw PickleError.wrongContainer(opcode: opcode.name, offset: opcodeOffset, found: target.value.kindName)
        }
    }

    mutating func loadSetItem() throws {
        let value = try pop()
        let key = try pop()
        try setItems([key, value], on: try top())
    }

    mutating func loadSetItems() throws {
        let items = try popMark()
        guard items.count % 2 == 0 else {
            throw PickleError.oddItemCount(opcode: opcode.name, offset: opcodeOffset, count: items.count)
        }
        try setItems(items, on: try top())
    }

    /// The dict/set key of `value`; the bytes copied into it count against the decoded-bytes budget.
    mutating func hashKey(of value: PickleValue) throws -> PickleKey {
        var cost = 0
        guard let key = PickleKey(value, cost: &cost) else {
            throw PickleError.unhashableKey(opcode: opcode.name, offset: opcodeOffset, found: value.kindName)
        }
        try charge(cost)
        return key
    }

    mutating func append(_ items: [Entry], to target: Entry) throws {
        switch target.value {
        case let .list(list) where list.kind == .list:
            list.items.append(contentsOf: items.map(\.value))
            list.nestingDepth = Swift.max(list.nestingDepth, containerDepth(of: items))
            try checkDepth(list.nestingDepth)
        case let .object(object):
            object.appendedItems.append(contentsOf: items.map(\.value))
            object.nestingDepth = Swift.max(object.nestingDepth, containerDepth(of: items))
            try checkDepth(object.nestingDepth)
        default:
            throw PickleError.wrongContainer(opcode: opcode.name, offset: opcodeOffset, found: target.value.kindName)
        }
    }

    /// `items` alternate key, value.
    mutating func setItems(_ items: [Entry], on target: Entry) throws {
        switch target.value {
        case let .dict(dict):
            try insertPairs(items, into: dict)
        case let .object(object):
            var index = 0
            while index + 1 < items.count {
                object.setItems.append((key: items[index].value, value: items[index + 1].value))
                index += 2
            }
            object.nestingDepth = Swift.max(object.nestingDepth, containerDepth(of: items))
            try checkDepth(object.nestingDepth)
        default:
            throw PickleError.wrongContainer(opcode: opcode.name, offset: opcodeOffset, found: target.value.kindName)
        }
    }

    mutating func insertPairs(_ items: [Entry], into dict: PickleDict) throws {
        var index = 0
        while index + 1 < items.count {
            let key = items[index].value
            dict.insert(key, hashKey: try hashKey(of: key), items[index + 1].value)
            index += 2
        }
        dict.nestingDepth = Swift.max(dict.nestingDepth, containerDepth(of: items))
        try checkDepth(dict.nestingDepth)
    }
}
