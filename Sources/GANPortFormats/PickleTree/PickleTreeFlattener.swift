/// Flattens a pickle tree of (nested) dicts, lists and tensors into named tensors.
///
/// Names join dict keys and list indices with `.`: a plain state dict gives its keys, a dict of
/// state dicts (StarGAN v2 style) gives `<outer>.<inner>`. Scalars found along the way
/// (`epoch`, `step`, …) become metadata under their flattened name.
struct PickleTreeFlattener {
    let decoder: TorchTensorDecoder
    let maxDepth: Int
    private(set) var tensors: [NamedTensor] = []
    private(set) var metadata: [(String, JSONValue)] = []
    private var seenNames: Set<String> = []

    init(decoder: TorchTensorDecoder, maxDepth: Int = 200) {
        self.decoder = decoder
        self.maxDepth = maxDepth
    }

    /// Walks `value`, naming what it finds under `prefix`.
    mutating func flatten(_ value: PickleValue, prefix: String = "", depth: Int = 0) throws {
        guard depth <= maxDepth else { throw TorchError.nestingTooDeep(path: prefix) }
        if let tensor = try decoder.tensor(from: value, path: prefix) {
            add(prefix.isEmpty ? "tensor" : prefix, tensor)
            return
        }
        if PickledNumPy.isArray(value) {
            add(prefix.isEmpty ? "array" : prefix, try PickledNumPy.array(value, path: prefix))
            return
        }
        switch value {
        case let .dict(dict):
            for entry in dict.entries {
                try flatten(entry.value, prefix: join(prefix, PickleValue.keyString(entry.key)), depth: depth + 1)
            }
        case let .list(list):
            for (index, item) in list.items.enumerated() {
                try flatten(item, prefix: join(prefix, String(index)), depth: depth + 1)
            }
        case let .tuple(items):
            for (index, item) in items.enumerated() {
                try flatten(item, prefix: join(prefix, String(index)), depth: depth + 1)
            }
        case .none, .bool, .int, .float, .string:
            if !prefix.isEmpty { metadata.append((prefix, value.jsonValue())) }
        default:
            break
        }
    }

    private mutating func add(_ name: String, _ tensor: StoredTensor) {
        // Distinct paths can flatten to one name (`{"a.b": x, "a": {"b": y}}`); keep both, visibly.
        var unique = name
        var suffix = 1
        while seenNames.contains(unique) {
            unique = "\(name)#\(suffix)"
            suffix += 1
        }
        seenNames.insert(unique)
        tensors.append(NamedTensor(name: unique, tensor: tensor))
    }

    private func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
}
