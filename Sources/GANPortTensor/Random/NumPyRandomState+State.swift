extension NumPyRandomState {
    /// The full generator state, as `RandomState.get_state()` returns it:
    /// `('MT19937', key, pos, has_gauss, cached_gaussian)`. Saving and restoring it resumes the
    /// sequence bit for bit. Its `Codable` form is
    /// `{"bit_generator": "MT19937", "key": [624 ints], "pos": n, "has_gauss": 0|1, "gauss_bits": "<16 hex digits>"}`
    /// (the cached Gaussian as its IEEE-754 bit pattern, so JSON round trips are exact).
    public struct State: Sendable, Equatable, Codable {
        /// The 624 MT19937 words.
        public var key: [UInt32]
        /// The MT19937 position, 0...624.
        public var position: Int
        /// Whether a cached Gaussian waits.
        public var hasGaussian: Bool
        /// The cached Gaussian (NumPy keeps 0.0 when none waits).
        public var cachedGaussian: Double

        /// A state; checked when applied.
        public init(key: [UInt32], position: Int, hasGaussian: Bool, cachedGaussian: Double) {
            self.key = key
            self.position = position
            self.hasGaussian = hasGaussian
            self.cachedGaussian = cachedGaussian
        }

        private enum CodingKeys: String, CodingKey {
            case bitGenerator = "bit_generator", key, position = "pos", hasGaussian = "has_gauss"
            case cachedGaussianBits = "gauss_bits"
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let name = try container.decode(String.self, forKey: .bitGenerator)
            guard name == "MT19937" else { throw NumPyRandomStateError.stateBitGenerator(name) }
            key = try container.decode([UInt32].self, forKey: .key)
            position = try container.decode(Int.self, forKey: .position)
            hasGaussian = try container.decode(Int.self, forKey: .hasGaussian) != 0
            let hex = try container.decode(String.self, forKey: .cachedGaussianBits)
            guard hex.count == 16, let bits = UInt64(hex, radix: 16) else {
                throw DecodingError.dataCorruptedError(forKey: .cachedGaussianBits, in: container,
                                                       debugDescription: "expected 16 hex digits")
            }
            cachedGaussian = Double(bitPattern: bits)
            try validate()
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("MT19937", forKey: .bitGenerator)
            try container.encode(key, forKey: .key)
            try container.encode(position, forKey: .position)
            try container.encode(hasGaussian ? 1 : 0, forKey: .hasGaussian)
            let hex = String(cachedGaussian.bitPattern, radix: 16)
            try container.encode(String(repeating: "0", count: 16 - hex.count) + hex, forKey: .cachedGaussianBits)
        }

        /// Throws unless the key has 624 words and the position lies in 0...624.
        public func validate() throws {
            guard key.count == MT19937.stateLength else { throw NumPyRandomStateError.stateKeyLength(key.count) }
            guard (0...MT19937.stateLength).contains(position) else { throw NumPyRandomStateError.statePosition(position) }
        }
    }

    /// The current state (`get_state()`).
    public var state: State {
        State(key: generator.key, position: generator.position, hasGaussian: hasCachedGaussian,
              cachedGaussian: cachedGaussian)
    }

    /// A generator resumed from `state` (`set_state(state)`); throws on a malformed state.
    public init(state: State) throws {
        try state.validate()
        guard let generator = MT19937(key: state.key, position: state.position) else {
            throw NumPyRandomStateError.stateKeyLength(state.key.count)
        }
        self.generator = generator
        hasCachedGaussian = state.hasGaussian
        cachedGaussian = state.cachedGaussian
    }

    /// `set_state(state)`; throws (leaving the generator unchanged) on a malformed state.
    public mutating func setState(_ state: State) throws {
        self = try NumPyRandomState(state: state)
    }
}
