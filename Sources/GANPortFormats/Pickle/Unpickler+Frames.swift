/// `PROTO` and `FRAME`.
extension Unpickler {
    /// `PROTO`: only as the first opcode, versions 0–5.
    mutating func loadProto() throws {
        guard isFirstOpcode else { throw PickleError.misplacedProto(offset: opcodeOffset) }
        let version = Int(try readUInt8())
        guard version <= 5 else { throw PickleError.unsupportedProtocol(version: version, offset: opcodeOffset) }
        protocolVersion = version
    }

    /// `FRAME`: the next opcodes, with all their arguments, lie within the declared length.
    mutating func loadFrame() throws {
        if frameEnd != nil { throw PickleError.nestedFrame(offset: opcodeOffset) }
        let length = try readUInt64()
        let available = bytes.count - position
        guard length <= UInt64(available) else {
            throw PickleError.frameLengthPastEnd(offset: opcodeOffset, declared: length, available: available)
        }
        frameEnd = position + Int(length)
    }
}
