import GANPortFormats
import GANPortTensor

/// Reads constructor keyword arguments (`_init_kwargs` as JSON) the way Python binds them:
/// every key must be consumed, values are type-checked, `null` is Python `None`.
struct KwargsReader {
    let path: String
    private let pairs: [(String, JSONValue)]
    private var used = Set<String>()

    init(_ value: JSONValue?, path: String) throws {
        guard let value else { pairs = []; self.path = path; return }
        guard let object = value.objectValue else { throw ModelConfigError.invalidArgument(path.isEmpty ? "kwargs" : path, expected: "an object") }
        pairs = object
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        return pairs.first(where: { $0.0 == key })?.1
    }

    mutating func has(_ key: String) -> Bool { pairs.contains { $0.0 == key } }

    mutating func int(_ key: String) throws -> Int {
        guard let v = value(key) else { throw ModelConfigError.missingArgument(name(key)) }
        guard let i = v.intValue, let result = Int(exactly: i) else { throw ModelConfigError.invalidArgument(name(key), expected: "an integer") }
        return result
    }

    mutating func int(_ key: String, default fallback: Int) throws -> Int {
        guard has(key) else { used.insert(key); return fallback }
        return try int(key)
    }

    /// An optional integer: absent → `fallback`, `null` → nil.
    mutating func optionalInt(_ key: String, default fallback: Int?) throws -> Int? {
        guard has(key) else { used.insert(key); return fallback }
        if value(key) == .null { return nil }
        return try int(key)
    }

    mutating func double(_ key: String, default fallback: Double) throws -> Double {
        guard let v = value(key) else { return fallback }
        guard let d = v.doubleValue, v.boolValue == nil else { throw ModelConfigError.invalidArgument(name(key), expected: "a number") }
        return d
    }

    mutating func optionalDouble(_ key: String, default fallback: Double?) throws -> Double? {
        guard let v = value(key) else { return fallback }
        if v == .null { return nil }
        guard let d = v.doubleValue, v.boolValue == nil else { throw ModelConfigError.invalidArgument(name(key), expected: "a number or null") }
        return d
    }

    mutating func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let v = value(key) else { return fallback }
        if let b = v.boolValue { return b }
        if let i = v.intValue, i == 0 || i == 1 { return i == 1 }
        throw ModelConfigError.invalidArgument(name(key), expected: "a boolean")
    }

    /// An optional boolean: absent or `null` → nil.
    mutating func optionalBool(_ key: String) throws -> Bool? {
        guard let v = value(key), v != .null else { return nil }
        guard let b = v.boolValue else { throw ModelConfigError.invalidArgument(name(key), expected: "a boolean or null") }
        return b
    }

    mutating func string(_ key: String, default fallback: String, allowed: [String]) throws -> String {
        guard let v = value(key) else { return fallback }
        guard let s = v.stringValue, allowed.contains(s) else {
            throw ModelConfigError.invalidArgument(name(key), expected: "one of " + allowed.joined(separator: ", "))
        }
        return s
    }

    mutating func activation(_ key: String, default fallback: Activation) throws -> Activation {
        let raw = try string(key, default: fallback.rawValue, allowed: Activation.allCases.map(\.rawValue))
        return Activation(rawValue: raw) ?? fallback
    }

    mutating func doubles(_ key: String, default fallback: [Double]) throws -> [Double] {
        guard let v = value(key) else { return fallback }
        guard let items = v.arrayValue, !items.isEmpty,
              case let values = items.compactMap({ $0.boolValue == nil ? $0.doubleValue : nil }), values.count == items.count else {
            throw ModelConfigError.invalidArgument(name(key), expected: "a non-empty list of numbers")
        }
        return values
    }

    mutating func nested(_ key: String) throws -> KwargsReader {
        let v = value(key)
        return try KwargsReader(v == .null ? nil : v, path: name(key))
    }

    /// Throws for the first key nobody asked for (Python's "unexpected keyword argument").
    func finish() throws {
        if let extra = pairs.first(where: { !used.contains($0.0) }) { throw ModelConfigError.unknownArgument(name(extra.0)) }
    }
}

