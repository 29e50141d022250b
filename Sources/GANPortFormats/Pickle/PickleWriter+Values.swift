/// Writing whole value trees.
extension PickleWriter {
    /// CPython's batch size for `APPENDS` / `SETITEMS`.
    static let batchSize = 1000

    /// Writes `value` (without `STOP`; call `finish()` at the end).
    public mutating func write(value: PickleValue) throws {
        try write(value, depth: 0)
    }

    mutating func write(_ value: PickleValue, depth: Int) throws {
        guard depth <= maxDepth else { throw PickleWriterError.depthLimitExceeded(limit: maxDepth) }
        switch value {
        case .none: writeNone()
        case let .bool(b): writeBool(b)
        case let .int(i): writeInt(i)
        case let .bigInt(encoded): writeLong(encoded)
        case let .float(d): writeFloat(d)
        case let .string(s): writeString(s)
        case let .bytes(slice): try writeBytes(slice)
        case let .tuple(items): try writeTuple(items, depth: depth)
        case let .global(g): writeGlobal(g)
        case let .persistentID(id):
            try write(id, depth: depth + 1)
            writeOpcode(.binpersid)
        case let .list(list):
            if fetchIfMemoized(list) { return }
            switch list.kind {
            case .list:
                writeOpcode(.emptyList)
                rememberContainer(list)
                try writeExactListItems(list.items, depth: depth)
            case .set, .frozenset:
                // Protocol 2 has no set opcodes: `set(list(items))`, as CPython writes it.
                writeGlobal(PickleGlobal("builtins", list.kind == .set ? "set" : "frozenset"))
                writeOpcode(.emptyList)
                memoize()
                try writeExactListItems(list.items, depth: depth)
                writeTupleEnd(count: 1)
                writeOpcode(.reduce)
                rememberContainer(list)
            }
        case let .dict(dict):
            if fetchIfMemoized(dict) { return }
            try writeDict(dict, depth: depth)
        case let .object(object):
            if fetchIfMemoized(object) { return }
            try writeObject(object, depth: depth)
        }
    }

    /// `BINGET` when `container` was written before.
    mutating func fetchIfMemoized(_ container: AnyObject) -> Bool {
        guard let index = memo[.container(ObjectIdentifier(container))] else { return false }
        writeMemoGet(index)
        return true
    }

    /// Memoizes the value on top of the stack as `container`.
    mutating func rememberContainer(_ container: AnyObject) {
        retained.append(container)
        memo[.container(ObjectIdentifier(container))] = memoize()
    }

    /// Protocol 2 bytes: `_codecs.encode(<latin-1 text>, 'latin1')`, or `bytes()` when empty.
    /// The same bytes value (same buffer and range) reached again is fetched from the memo.
    mutating func writeBytes(_ slice: ByteSlice) throws {
        let key = MemoKey.bytes(ObjectIdentifier(slice.buffer), slice.range.lowerBound, slice.range.upperBound)
        if let index = memo[key] { return writeMemoGet(index) }
        defer {
            retainedValues.append(.bytes(slice))
            memo[key] = memoCount - 1
        }
        if slice.count == 0 {
            writeGlobal(PickleGlobal("builtins", "bytes"))
            writeTupleEnd(count: 0)
        } else {
            writeGlobal(PickleGlobal("_codecs", "encode"))
            var text = String.UnicodeScalarView()
            for byte in slice.array { text.append(Unicode.Scalar(byte)) }
            writeFreshString(String(text), shareable: false)
            writeString("latin1")
            writeTupleEnd(count: 2)
        }
        writeOpcode(.reduce)
        memoize()
    }

    /// A tuple; one tuple value reached again (same element storage) is fetched from the memo,
    /// as Python does for one tuple object. A tuple met again while its own elements are being
    /// written (through a list that contains it) is popped and fetched, as CPython does.
    mutating func writeTuple(_ items: [PickleValue], depth: Int) throws {
        let key = items.withUnsafeBufferPointer { $0.baseAddress.map { MemoKey.tuple(UnsafeRawPointer($0)) } }
        if let key, let index = memo[key] { return writeMemoGet(index) }
        if items.count > 3 { writeMark() }
        for item in items { try write(item, depth: depth + 1) }
        if let key, let index = memo[key] {
            if items.count > 3 {
                writeOpcode(.popMark)
            } else {
                for _ in items { writeOpcode(.pop) }
            }
            return writeMemoGet(index)
        }
        writeTupleEnd(count: items.count)
        if let key, !items.isEmpty {
            retainedValues.append(.tuple(items))
            memo[key] = memoCount - 1
        }
    }

    /// Items of a real list (CPython `batch_list_exact`): one item → `APPEND`; otherwise
    /// `MARK … APPENDS` per 1000 items.
    mutating func writeExactListItems(_ items: [PickleValue], depth: Int) throws {
        if items.count == 1 {
            try write(items[0], depth: depth + 1)
            return writeOpcode(.append)
        }
        var start = 0
        while start < items.count {
            let end = Swift.min(start + Self.batchSize, items.count)
            writeMark()
            for item in items[start..<end] { try write(item, depth: depth + 1) }
            writeOpcode(.appends)
            start = end
        }
    }

    /// Items appended through an iterator (CPython `batch_list`): a batch of one is `APPEND`.
    mutating func writeIteratedListItems(_ items: [PickleValue], depth: Int) throws {
        var start = 0
        while start < items.count {
            let end = Swift.min(start + Self.batchSize, items.count)
            if end - start == 1 {
                try write(items[start], depth: depth + 1)
                writeOpcode(.append)
            } else {
                writeMark()
                for item in items[start..<end] { try write(item, depth: depth + 1) }
                writeOpcode(.appends)
            }
            start = end
        }
    }

    /// Entries of a plain dict (CPython `batch_dict_exact`): one entry → `SETITEM`; otherwise
    /// `MARK … SETITEMS` per 1000 entries, plus an empty batch when the count is a multiple of 1000.
    mutating func writeExactDictItems(_ entries: [(key: PickleValue, value: PickleValue)], depth: Int) throws {
        if entries.isEmpty { return }
        if entries.count == 1 {
            try write(entries[0].key, depth: depth + 1)
            try write(entries[0].value, depth: depth + 1)
            return writeOpcode(.setitem)
        }
        var start = 0
        var batch = 0
        repeat {
            let end = Swift.min(start + Self.batchSize, entries.count)
            writeMark()
            for entry in entries[start..<end] {
                try write(entry.key, depth: depth + 1)
                try write(entry.value, depth: depth + 1)
            }
            writeOpcode(.setitems)
            batch = end - start
            start = end
        } while batch == Self.batchSize
    }

    /// Entries set through an iterator (CPython `batch_dict`): a batch of one is `SETITEM`.
    mutating func writeIteratedDictItems(_ entries: [(key: PickleValue, value: PickleValue)], depth: Int) throws {
        var start = 0
        while start < entries.count {
            let end = Swift.min(start + Self.batchSize, entries.count)
            if end - start == 1 {
                try write(entries[start].key, depth: depth + 1)
                try write(entries[start].value, depth: depth + 1)
                writeOpcode(.setitem)
            } else {
                writeMark()
                for entry in entries[start..<end] {
                    try write(entry.key, depth: depth + 1)
                    try write(entry.value, depth: depth + 1)
                }
                writeOpcode(.setitems)
            }
            start = end
        }
    }

    /// A plain dict is `EMPTY_DICT` + items. A dict class is a call: `OrderedDict` by its
    /// `__reduce__` (`REDUCE` of `()`), others as `copyreg.__newobj__` (`NEWOBJ` of `()`);
    /// then items, then `BUILD` of `buildState`.
    mutating func writeDict(_ dict: PickleDict, depth: Int) throws {
        guard let type = dict.type else {
            writeOpcode(.emptyDict)
            rememberContainer(dict)
            try writeExactDictItems(dict.entries, depth: depth)
            if let state = dict.buildState {
                try write(state, depth: depth + 1)
                writeOpcode(.build)
            }
            return
        }
        writeGlobal(type)
        writeTupleEnd(count: 0)
        writeOpcode(type == PickleGlobal("collections", "OrderedDict") ? .reduce : .newobj)
        rememberContainer(dict)
        try writeIteratedDictItems(dict.entries, depth: depth)
        if let state = dict.buildState {
            try write(state, depth: depth + 1)
            writeOpcode(.build)
        }
    }

    /// callee, arguments, `REDUCE`/`NEWOBJ`, memoize, then appended items, set items, `BUILD`.
    mutating func writeObject(_ object: PickleObject, depth: Int) throws {
        let opcode: PickleOpcode
        switch object.creation {
        case .reduce: opcode = .reduce
        case .newObj: opcode = .newobj
        case .newObjEx, .inst, .obj:
            throw PickleWriterError.unsupportedValue("a \(object.creation.rawValue) record at protocol 2")
        }
        try write(object.callee, depth: depth + 1)
        try write(object.arguments, depth: depth + 1)
        writeOpcode(opcode)
        rememberContainer(object)
        try writeIteratedListItems(object.appendedItems, depth: depth)
        try writeIteratedDictItems(object.setItems, depth: depth)
        if let state = object.state {
            try write(state, depth: depth + 1)
            writeOpcode(.build)
        }
    }
}
