extension PickleValue {
    /// Visits every node of the tree once (shared containers once), depth-first, up to `maxDepth`.
    ///
    /// Reference cycles terminate because containers are visited only once.
    /// Returns false when the depth limit cut the walk short.
    @discardableResult
    public func visit(maxDepth: Int, _ body: (PickleValue) throws -> Void) rethrows -> Bool {
        var seen = Set<ObjectIdentifier>()
        var complete = true
        var stack: [(PickleValue, Int)] = [(self, 0)]
        while let (value, depth) = stack.popLast() {
            if depth > maxDepth { complete = false; continue }
            switch value {
            case let .list(list):
                guard seen.insert(ObjectIdentifier(list)).inserted else { continue }
            case let .dict(dict):
                guard seen.insert(ObjectIdentifier(dict)).inserted else { continue }
            case let .object(object):
                guard seen.insert(ObjectIdentifier(object)).inserted else { continue }
            default: break
            }
            try body(value)
            for child in value.children.reversed() { stack.append((child, depth + 1)) }
        }
        return complete
    }

    /// Direct children in the tree.
    public var children: [PickleValue] {
        switch self {
        case let .tuple(items): return items
        case let .list(list): return list.items
        case let .dict(dict):
            var out = dict.entries.flatMap { [$0.key, $0.value] }
            if let state = dict.buildState { out.append(state) }
            return out
        case let .object(object):
            var out = [object.callee, object.arguments]
            if let kw = object.keywordArguments { out.append(kw) }
            if let state = object.state { out.append(state) }
            out += object.appendedItems
            out += object.setItems.flatMap { [$0.key, $0.value] }
            return out
        case let .persistentID(inner): return [inner]
        default: return []
        }
    }
}
