extension NumPyRandomState {
    /// `randint(low, high)` (default dtype int64, high exclusive): NumPy's legacy masked
    /// rejection sampling (`random_bounded_uint64_fill` with `use_masked`), drawing one 32-bit
    /// word per try when the range fits in 32 bits and two otherwise.
    public mutating func randint(low: Int, high: Int) throws -> Int {
        guard low < high else { throw NumPyRandomStateError.emptyRange(low: low, high: high) }
        let range = UInt64(bitPattern: Int64(high - 1)) &- UInt64(bitPattern: Int64(low))
        return Int(bitPattern: UInt(UInt64(bitPattern: Int64(low)) &+ boundedUInt64(range)))
    }

    /// `randint(high)`: `randint(0, high)`.
    public mutating func randint(high: Int) throws -> Int { try randint(low: 0, high: high) }

    /// `randint(low, high, size=count)` in C order.
    public mutating func randint(low: Int, high: Int, count: Int) throws -> [Int] {
        guard low < high else { throw NumPyRandomStateError.emptyRange(low: low, high: high) }
        var values = [Int]()
        values.reserveCapacity(Swift.max(count, 0))
        for _ in 0..<Swift.max(count, 0) { values.append(try randint(low: low, high: high)) }
        return values
    }

    /// Shuffles `values` in place as `RandomState.shuffle` does a list or a 1-d array (for a
    /// multi-dimensional array, along its first axis): for i from n − 1 down to 1, swap i with
    /// a uniform index in 0...i.
    public mutating func shuffle<Element>(_ values: inout [Element]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, through: 1, by: -1) {
            let other = Int(interval(UInt64(index)))
            values.swapAt(index, other)
        }
    }

    /// `permutation(n)`: a shuffled `0..<n` (empty for n ≤ 0).
    public mutating func permutation(_ count: Int) -> [Int] {
        var values = Array(0..<Swift.max(count, 0))
        shuffle(&values)
        return values
    }

    /// NumPy's `random_bounded_uint64` with masking: a value in 0...range.
    private mutating func boundedUInt64(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range == 0xFFFF_FFFF { return UInt64(generator.next32()) }
        if range == UInt64.max { return generator.next64() }
        let mask = Self.mask(covering: range)
        if range < 0xFFFF_FFFF {
            while true {
                let value = UInt64(generator.next32()) & mask
                if value <= range { return value }
            }
        }
        while true {
            let value = generator.next64() & mask
            if value <= range { return value }
        }
    }

    /// NumPy's `random_interval`: a value in 0...max by masked rejection.
    private mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = Self.mask(covering: max)
        while true {
            let value = max <= 0xFFFF_FFFF ? UInt64(generator.next32()) & mask : generator.next64() & mask
            if value <= max { return value }
        }
    }

    /// The smallest all-ones mask ≥ `value`.
    private static func mask(covering value: UInt64) -> UInt64 {
        value == 0 ? 0 : UInt64.max >> value.leadingZeroBitCount
    }
}
