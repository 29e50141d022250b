/// Resource caps for reading a pickle. Every cap has its own `PickleError` case.
public struct PickleLimits: Equatable, Sendable {
    /// The default nesting cap, shared by the unpickler and tree walkers.
    public static let defaultMaxDepth = 1000

    /// Deepest value nesting (lists in lists, tuples in tuples, …) and most open `MARK`s.
    public var maxDepth: Int
    /// Most distinct memo slots.
    public var maxMemoEntries: Int
    /// Most values on the stack (all mark levels together).
    public var maxStackSize: Int
    /// Cap on bytes the stream may materialise (strings, bytes, big ints, copies made by
    /// built-in constructions such as `_codecs.encode` or `set(list)`); nil means
    /// `decodedBytesFactor` × the input size.
    public var maxDecodedBytes: Int?
    /// Multiplier of the input size used when `maxDecodedBytes` is nil.
    public var decodedBytesFactor: Int
    /// Widest integer accepted, in bytes of two's complement (`LONG1`/`LONG4`/text `LONG`).
    public var maxBigIntBytes: Int

    public init(
        maxDepth: Int = PickleLimits.defaultMaxDepth,
        maxMemoEntries: Int = 1 << 22,
        maxStackSize: Int = 1 << 22,
        maxDecodedBytes: Int? = nil,
        decodedBytesFactor: Int = 4,
        maxBigIntBytes: Int = 1024
    ) {
        self.maxDepth = maxDepth
        self.maxMemoEntries = maxMemoEntries
        self.maxStackSize = maxStackSize
        self.maxDecodedBytes = maxDecodedBytes
        self.decodedBytesFactor = decodedBytesFactor
        self.maxBigIntBytes = maxBigIntBytes
    }

    /// The decoded-bytes cap for an input of `inputCount` bytes.
    public func decodedBytesBudget(inputCount: Int) -> Int {
        if let maxDecodedBytes { return maxDecodedBytes }
        let (product, overflow) = inputCount.multipliedReportingOverflow(by: Swift.max(decodedBytesFactor, 0))
        return overflow ? Int.max : product
    }
}
