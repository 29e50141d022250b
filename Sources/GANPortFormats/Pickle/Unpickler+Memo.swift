/// Memo opcodes. The memo is a dictionary, so a huge index costs one slot, not an array.
extension Unpickler {
    /// The decimal index of a text `GET` / `PUT`.
    mutating func readTextIndex() throws -> Int {
        let line = try readLine()
        let raw = Array(rawBytes(line))
        if raw.first == UInt8(ascii: "-"), raw.count > 1, raw.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw PickleError.negativeMemoIndex(opcode: opcode.name, offset: opcodeOffset)
        }
        guard !raw.isEmpty, raw.count <= 18, raw.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw PickleError.malformedNumber(opcode: opcode.name, offset: opcodeOffset, text: text(line))
        }
        return raw.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    mutating func memoGet(_ index: Int) throws {
        guard let entry = memo[index] else {
            throw PickleError.memoMissing(index: index, opcode: opcode.name, offset: opcodeOffset)
        }
        try push(entry)
    }

    mutating func memoPut(_ index: Int) throws {
        let entry = try top()
        if memo[index] == nil, memo.count >= limits.maxMemoEntries {
            throw PickleError.memoLimitExceeded(limit: limits.maxMemoEntries, opcode: opcode.name, offset: opcodeOffset)
        }
        memo[index] = entry
    }
}
