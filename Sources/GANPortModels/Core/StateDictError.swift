/// Everything that keeps a state dict from fitting a module, reported at once.
public struct StateDictError: Error, Equatable, CustomStringConvertible {
    /// A tensor whose shape differs from the module's.
    public struct ShapeMismatch: Equatable, Sendable {
        public let name: String
        public let expected: [Int]
        public let found: [Int]

        public init(name: String, expected: [Int], found: [Int]) {
            self.name = name
            self.expected = expected
            self.found = found
        }
    }

    /// Keys the module has and the state dict lacks.
    public var missing: [String] = []
    /// Keys the state dict has and the module lacks (unused tensors).
    public var unexpected: [String] = []
    /// Keys present on both sides with different shapes.
    public var shapeMismatches: [ShapeMismatch] = []
    /// Keys given more than once.
    public var duplicate: [String] = []

    public init(missing: [String] = [], unexpected: [String] = [], shapeMismatches: [ShapeMismatch] = [],
                duplicate: [String] = []) {
        self.missing = missing
        self.unexpected = unexpected
        self.shapeMismatches = shapeMismatches
        self.duplicate = duplicate
    }

    /// Whether nothing is wrong.
    public var isEmpty: Bool { missing.isEmpty && unexpected.isEmpty && shapeMismatches.isEmpty && duplicate.isEmpty }

    public var description: String {
        var parts: [String] = []
        func list(_ names: [String]) -> String {
            names.count <= 8 ? names.joined(separator: ", ") : names.prefix(8).joined(separator: ", ") + ", … (\(names.count) in all)"
        }
        if !missing.isEmpty { parts.append("\(missing.count) missing (\(list(missing)))") }
        if !unexpected.isEmpty { parts.append("\(unexpected.count) unused (\(list(unexpected)))") }
        if !shapeMismatches.isEmpty {
            parts.append("\(shapeMismatches.count) shape mismatches (" + list(shapeMismatches.map { "\($0.name): expected \($0.expected), found \($0.found)" }) + ")")
        }
        if !duplicate.isEmpty { parts.append("\(duplicate.count) duplicate keys (\(list(duplicate)))") }
        return "state dict does not fit the model: " + parts.joined(separator: "; ")
    }
}
