extension PickleValue {
    /// Releases a tree without recursion.
    ///
    /// Swift frees nested values recursively, so a value nested 100 000 levels deep would
    /// overflow the thread stack when released. The containers' `deinit`s call this: it moves
    /// the children of every container it holds the last reference to onto a work list
    /// before letting the container go, so each release frees at most one level.
    ///
    /// Tuples cannot be asked whether they are shared, so each tuple's items are moved to the
    /// work list once per call (keyed by their storage, which stays unique during the call:
    /// nothing here allocates tuples); a tuple shared many times costs its size once.
    static func dismantle(_ values: inout [PickleValue]) {
        var work = values
        values = []
        var expandedTuples = Set<UnsafeRawPointer>()
        while var value = work.popLast() {
            switch value {
            case let .tuple(items):
                value = .none
                let storage = items.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
                if let storage, expandedTuples.insert(storage).inserted { work.append(contentsOf: items) }
            case let .persistentID(inner):
                value = .none
                work.append(inner)
            case var .list(list):
                value = .none
                if isKnownUniquelyReferenced(&list) {
                    work.append(contentsOf: list.items)
                    list.items = []
                }
            case var .dict(dict):
                value = .none
                if isKnownUniquelyReferenced(&dict) {
                    for entry in dict.entries { work.append(entry.key); work.append(entry.value) }
                    dict.entries = []
                    if let state = dict.buildState { work.append(state); dict.buildState = nil }
                }
            case var .object(object):
                value = .none
                if isKnownUniquelyReferenced(&object) {
                    work.append(object.callee)
                    work.append(object.arguments)
                    object.callee = .none
                    object.arguments = .none
                    if let keywords = object.keywordArguments { work.append(keywords); object.keywordArguments = nil }
                    if let state = object.state { work.append(state); object.state = nil }
                    work.append(contentsOf: object.appendedItems)
                    object.appendedItems = []
                    for item in object.setItems { work.append(item.key); work.append(item.value) }
                    object.setItems = []
                }
            case .none, .bool, .int, .bigInt, .float, .string, .bytes, .global:
                break
            }
        }
    }
}
