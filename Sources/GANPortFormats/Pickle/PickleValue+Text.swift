extension PickleValue {
    /// A canonical one-line rendering, for tests and inspection tools. Never recurses.
    ///
    /// `None True False`, integers in decimal, `float(<16 hex digits of the bits>)`,
    /// `'text'` (`\\`, `\'` and characters outside printable ASCII as `\u{hex}`),
    /// `b'<hex>'`, `(a, b)`, `[a, b]`, `set[…]`, `frozenset[…]`, `{k: v}` (a dict class as
    /// prefix: `collections.OrderedDict{…}`), `global(module.name)`, `REDUCE(callee, args)`
    /// (likewise `NEWOBJ`, `INST`, `OBJ`; `NEWOBJ_EX(callee, args, kwargs)`), `pid(value)`.
    /// Suffixes: `.build(state)`, `.append[…]`, `.setitem{…}`. A container met again inside
    /// itself is `<cycle>`, a value deeper than `maxDepth` is `…`, and output past `maxLength`
    /// characters ends with `…`.
    public func canonicalText(maxDepth: Int = 64, maxLength: Int = 1 << 20) -> String {
        enum Step {
            case value(PickleValue, Int)
            case text(String)
            case leave(ObjectIdentifier)
        }
        var out = ""
        var steps: [Step] = [.value(self, 0)]
        var open = Set<ObjectIdentifier>()
        func sequence(_ items: [PickleValue], _ depth: Int, _ opening: String, _ closing: String) -> [Step] {
            var result: [Step] = [.text(opening)]
            for (i, item) in items.enumerated() {
                if i > 0 { result.append(.text(", ")) }
                result.append(.value(item, depth + 1))
            }
            result.append(.text(closing))
            return result
        }
        func pairs(_ items: [(key: PickleValue, value: PickleValue)], _ depth: Int, _ opening: String) -> [Step] {
            var result: [Step] = [.text(opening)]
            for (i, item) in items.enumerated() {
                if i > 0 { result.append(.text(", ")) }
                result.append(contentsOf: [.value(item.key, depth + 1), .text(": "), .value(item.value, depth + 1)])
            }
            result.append(.text("}"))
            return result
        }
        render: while let step = steps.popLast() {
            if out.utf8.count > maxLength { out += "…"; break }
            switch step {
            case let .text(text): out += text
            case let .leave(identity): open.remove(identity)
            case let .value(value, depth):
                if depth > maxDepth { out += "…"; continue }
                if let identity = value.containerIdentity {
                    if open.contains(identity) { out += "<cycle>"; continue }
                    open.insert(identity)
                    steps.append(.leave(identity))
                }
                var next: [Step] = []
                switch value {
                case .none: out += "None"
                case let .bool(b): out += b ? "True" : "False"
                case let .int(i): out += String(i)
                case let .bigInt(bytes): out += PickleBigInt.decimalString(bytes)
                case let .float(d): out += "float(" + Self.hex(d.bitPattern, digits: 16) + ")"
                case let .string(s): out += Self.quoted(s)
                case let .bytes(b): out += "b'" + b.array.map { Self.hex(UInt64($0), digits: 2) }.joined() + "'"
                case let .tuple(items): next = sequence(items, depth, "(", ")")
                case let .list(list):
                    let opening: String
                    switch list.kind {
                    case .list: opening = "["
                    case .set: opening = "set["
                    case .frozenset: opening = "frozenset["
                    }
                    next = sequence(list.items, depth, opening, "]")
                case let .dict(dict):
                    next = pairs(dict.entries, depth, (dict.type?.description ?? "") + "{")
                    if let state = dict.buildState { next += [.text(".build("), .value(state, depth + 1), .text(")")] }
                case let .global(g): out += "global(\(g))"
                case let .persistentID(inner): next = [.text("pid("), .value(inner, depth + 1), .text(")")]
                case let .object(object):
                    var parts = [object.callee, object.arguments]
                    if let keywords = object.keywordArguments { parts.append(keywords) }
                    next = sequence(parts, depth, object.creation.rawValue + "(", ")")
                    if !object.appendedItems.isEmpty { next += sequence(object.appendedItems, depth, ".append[", "]") }
                    if !object.setItems.isEmpty { next += pairs(object.setItems, depth, ".setitem{") }
                    if let state = object.state { next += [.text(".build("), .value(state, depth + 1), .text(")")] }
                }
                // Each queued step prints something: more steps than characters left means truncation.
                guard steps.count + next.count <= maxLength + maxDepth + 2 else { out += "…"; break render }
                steps.append(contentsOf: next.reversed())
            }
        }
        return out
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
    }

    static func quoted(_ s: String) -> String {
        var out = "'"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return out + "'"
    }
}
