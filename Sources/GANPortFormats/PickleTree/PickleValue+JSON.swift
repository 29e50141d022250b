extension PickleValue {
    /// A JSON rendering of plain data in the tree (for metadata such as constructor kwargs).
    ///
    /// NumPy scalars become numbers, dict-like objects (`EasyDict`, `OrderedDict`) objects,
    /// tuples and lists arrays; anything else (tensors, arbitrary objects) becomes a short
    /// descriptive string. Depth is bounded, so cyclic trees terminate.
    public func jsonValue(maxDepth: Int = 64) -> JSONValue {
        guard maxDepth > 0 else { return .string("<nested too deeply>") }
        switch self {
        case .none: return .null
        case let .bool(b): return .bool(b)
        case let .int(i): return .int(i)
        case let .bigInt(bytes): return .string("<int of \(bytes.count) bytes>")
        case let .float(d): return .double(d)
        case let .string(s): return .string(s)
        case let .bytes(b): return .string("<\(b.count) bytes>")
        case let .tuple(items): return .array(items.map { $0.jsonValue(maxDepth: maxDepth - 1) })
        case let .list(list): return .array(list.items.map { $0.jsonValue(maxDepth: maxDepth - 1) })
        case let .dict(dict):
            return .object(dict.entries.map { (PickleValue.keyString($0.key), $0.value.jsonValue(maxDepth: maxDepth - 1)) })
        case let .global(g): return .string(g.description)
        case .persistentID: return .string("<persistent id>")
        case let .object(object):
            if PickledNumPy.isScalar(self), let value = try? PickledNumPy.scalar(self, path: "") { return value }
            if PickledNumPy.isArray(self), let array = try? PickledNumPy.array(self, path: ""),
               array.elementCount <= 16, let values = try? array.jsonElements() {
                return array.shape.isEmpty ? (values.first ?? .null) : .array(values)
            }
            if TorchTensorDecoder.isTensorRecord(self) { return .string("<tensor>") }
            if let global = object.global { return .string("<\(global)>") }
            return .string("<object>")
        }
    }

    /// A dict key as text.
    static func keyString(_ key: PickleValue) -> String {
        switch key {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .bool(b): return b ? "True" : "False"
        case let .float(d): return String(d)
        case .none: return "None"
        default: return "<key>"
        }
    }
}

extension StoredTensor {
    /// The elements as JSON numbers in C order (meant for small tensors).
    func jsonElements() throws -> [JSONValue] {
        let bytes = try contiguousBytes().array
        let size = dtype.byteSize
        return stride(from: 0, to: bytes.count, by: size).map { ScalarDecoding.json(of: Array(bytes[$0..<($0 + size)]), dtype: dtype) }
    }
}
