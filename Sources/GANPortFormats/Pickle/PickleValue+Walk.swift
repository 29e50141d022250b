/// Why a bounded walk stopped.
public enum PickleWalkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value lies deeper than the walk's `maxDepth`.
    case depthLimitExceeded(limit: Int)
    /// The walk visited more than `maxNodes` values (shared tuples can make a small stream a huge tree).
    case nodeLimitExceeded(limit: Int)

    public var description: String {
        switch self {
        case let .depthLimitExceeded(limit): return "pickle value nested deeper than \(limit) levels"
        case let .nodeLimitExceeded(limit): return "pickle value has more than \(limit) nodes"
        }
    }
}

extension PickleValue {
    /// The immediate children, in stream order: items; dict keys and values alternating, then
    /// `BUILD` state; an object's callee, arguments, keyword arguments, state, appended items,
    /// set items; a persistent id's value.
    public var children: [PickleValue] {
        switch self {
        case .none, .bool, .int, .bigInt, .float, .string, .bytes, .global: return []
        case let .tuple(items): return items
        case let .list(list): return list.items
        case let .dict(dict):
            var out: [PickleValue] = []
            out.reserveCapacity(dict.entries.count * 2 + 1)
            for entry in dict.entries { out.append(entry.key); out.append(entry.value) }
            if let state = dict.buildState { out.append(state) }
            return out
        case let .object(object):
            var out = [object.callee, object.arguments]
            if let keywords = object.keywordArguments { out.append(keywords) }
            if let state = object.state { out.append(state) }
            out.append(contentsOf: object.appendedItems)
            for item in object.setItems { out.append(item.key); out.append(item.value) }
            return out
        case let .persistentID(inner): return [inner]
        }
    }

    /// Identity of a mutable container (list, set, dict, object), nil for other values.
    public var containerIdentity: ObjectIdentifier? {
        switch self {
        case let .list(list): return ObjectIdentifier(list)
        case let .dict(dict): return ObjectIdentifier(dict)
        case let .object(object): return ObjectIdentifier(object)
        default: return nil
        }
    }

    /// Visits this value and its descendants depth-first in pre-order, without recursion.
    ///
    /// `visit(value, depth)` gets the root at depth 0 and returns whether to descend into the
    /// value. A mutable container is descended into only the first time it is met, so shared
    /// references and cycles end there. Throws `PickleWalkError` when a value lies deeper than
    /// `maxDepth` or more than `maxNodes` values were visited.
    public func walk(maxDepth: Int = PickleLimits.defaultMaxDepth, maxNodes: Int = 1 << 24,
                     _ visit: (_ value: PickleValue, _ depth: Int) throws -> Bool) throws {
        var pending: [(value: PickleValue, depth: Int)] = [(self, 0)]
        var expanded = Set<ObjectIdentifier>()
        var counted = 1
        while let (value, depth) = pending.popLast() {
            guard depth <= maxDepth else { throw PickleWalkError.depthLimitExceeded(limit: maxDepth) }
            guard try visit(value, depth) else { continue }
            if let identity = value.containerIdentity, !expanded.insert(identity).inserted { continue }
            let children = value.children
            // Counted when queued, so a wide node shared many times cannot flood the queue.
            counted += children.count
            guard counted <= maxNodes else { throw PickleWalkError.nodeLimitExceeded(limit: maxNodes) }
            for child in children.reversed() { pending.append((child, depth + 1)) }
        }
    }
}
