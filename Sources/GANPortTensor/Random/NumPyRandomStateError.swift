/// A seed or saved state that NumPy's `RandomState` would refuse. One case per rule.
public enum NumPyRandomStateError: Error, Equatable, CustomStringConvertible {
    /// An integer seed outside 0...2^32 − 1 (NumPy: "Seed must be between 0 and 2**32 - 1").
    case seedOutOfRange(Int)
    /// A seed array with no element (NumPy: "Seed must be non-empty").
    case emptySeedArray
    /// An element of a seed array outside 0...2^32 − 1, with its index.
    case seedArrayElementOutOfRange(index: Int, value: Int)
    /// `randint(low, high)` with `low >= high` (NumPy: "low >= high").
    case emptyRange(low: Int, high: Int)
    /// A saved state whose key does not hold exactly 624 words.
    case stateKeyLength(Int)
    /// A saved state position outside 0...624.
    case statePosition(Int)
    /// A saved state that is not `('MT19937', key, pos, has_gauss, cached_gaussian)`.
    case stateBitGenerator(String)

    public var description: String {
        switch self {
        case let .seedOutOfRange(seed): return "seed \(seed) is outside 0...4294967295"
        case .emptySeedArray: return "seed array is empty"
        case let .seedArrayElementOutOfRange(index, value): return "seed array element \(index) (\(value)) is outside 0...4294967295"
        case let .emptyRange(low, high): return "randint range [\(low), \(high)) is empty"
        case let .stateKeyLength(count): return "MT19937 state key holds \(count) words, 624 expected"
        case let .statePosition(position): return "MT19937 state position \(position) is outside 0...624"
        case let .stateBitGenerator(name): return "state is for bit generator '\(name)', MT19937 expected"
        }
    }
}
