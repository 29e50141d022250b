/// The outcome of reading one pickle.
public struct PickleResult: @unchecked Sendable {
    /// The inert value the stream built.
    public let value: PickleValue
    /// Code-execution hazards, in stream order.
    public let findings: [SecurityFinding]
    /// Every distinct global the stream referenced (`GLOBAL`, `STACK_GLOBAL`, `INST`), in first-seen order.
    public let globals: [PickleGlobal]
    /// Offset of the byte just after `STOP`: where a following pickle in the same buffer starts.
    public let endOffset: Int
    /// The version given by `PROTO`, or 0 when the stream has none.
    public let protocolVersion: Int

    public init(value: PickleValue, findings: [SecurityFinding], globals: [PickleGlobal], endOffset: Int, protocolVersion: Int) {
        self.value = value
        self.findings = findings
        self.globals = globals
        self.endOffset = endOffset
        self.protocolVersion = protocolVersion
    }
}
