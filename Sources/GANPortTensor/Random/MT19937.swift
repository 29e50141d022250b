/// The 32-bit Mersenne Twister with NumPy's seeding routines (`mt19937_seed`,
/// `mt19937_init_by_array`), the bit generator under NumPy's legacy `RandomState`.
public struct MT19937: Sendable, Equatable {
    /// Number of 32-bit words of state.
    public static let stateLength = 624
    private static let shift = 397
    private static let matrixA: UInt32 = 0x9908_B0DF
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7FFF_FFFF

    /// The 624 state words (NumPy's `key`).
    public private(set) var key: [UInt32]
    /// Index of the next word to temper, 0...624; 624 regenerates the block first (NumPy's `pos`).
    public private(set) var position: Int

    /// NumPy's `mt19937_seed`: Knuth's linear recurrence from a 32-bit seed (what
    /// `RandomState(seed)` does for an integer seed).
    public init(seed: UInt32) {
        key = MT19937.knuthFill(seed)
        position = MT19937.stateLength
    }

    /// NumPy's `mt19937_init_by_array` (what `RandomState([k0, k1, …])` does for a list of seeds).
    /// NumPy refuses an empty key; here an empty `initKey` acts as `[0]`.
    public init(initKey: [UInt32]) {
        let n = MT19937.stateLength
        var mt = MT19937.knuthFill(19_650_218)
        var i = 1, j = 0
        let keyLength = Swift.max(initKey.count, 1)
        for _ in 0..<Swift.max(n, initKey.count) {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30)
            let word = initKey.isEmpty ? 0 : initKey[j]
            mt[i] = (mt[i] ^ (previous &* 1_664_525)) &+ word &+ UInt32(truncatingIfNeeded: j)
            i += 1
            j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= keyLength { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30)
            mt[i] = (mt[i] ^ (previous &* 1_566_083_941)) &- UInt32(truncatingIfNeeded: i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000
        key = mt
        position = n
    }

    /// A generator with exactly these state words and position. Returns nil unless `key` has
    /// 624 words and `position` lies in 0...624.
    public init?(key: [UInt32], position: Int) {
        guard key.count == MT19937.stateLength, (0...MT19937.stateLength).contains(position) else { return nil }
        self.key = key
        self.position = position
    }

    private static func knuthFill(_ seed: UInt32) -> [UInt32] {
        var words = [UInt32](repeating: 0, count: stateLength)
        var value = seed
        for index in 0..<stateLength {
            words[index] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(index + 1)
        }
        return words
    }

    /// The next tempered 32-bit output (NumPy's `mt19937_next32`).
    public mutating func next32() -> UInt32 {
        if position >= MT19937.stateLength { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two outputs, the first in the high half (NumPy's `mt19937_next64`).
    public mutating func next64() -> UInt64 {
        let high = UInt64(next32())
        return high << 32 | UInt64(next32())
    }

    /// A double in [0, 1) with 53 random bits: `((a >> 5) * 2^26 + (b >> 6)) / 2^53`
    /// (NumPy's `mt19937_next_double`).
    public mutating func nextDouble() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    private mutating func regenerate() {
        let n = MT19937.stateLength, m = MT19937.shift
        func twist(_ upper: UInt32, _ lower: UInt32, _ far: UInt32) -> UInt32 {
            let y = (upper & MT19937.upperMask) | (lower & MT19937.lowerMask)
            return far ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MT19937.matrixA)
        }
        for i in 0..<(n - m) { key[i] = twist(key[i], key[i + 1], key[i + m]) }
        for i in (n - m)..<(n - 1) { key[i] = twist(key[i], key[i + 1], key[i + m - n]) }
        key[n - 1] = twist(key[n - 1], key[0], key[m - 1])
        position = 0
    }
}
