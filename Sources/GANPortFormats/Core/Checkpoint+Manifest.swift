extension Checkpoint {
    /// The tensor manifest of `inspect --json` (see SPEC.md and the golden schema):
    /// `{"format", "tensors": [{"name","dtype","shape"[,"sha256"]}] sorted by name, …}`.
    ///
    /// - Parameters:
    ///   - hashes: include each tensor's SHA-256 (reads every byte).
    ///   - progress: called after each hashed tensor with (done bytes, total bytes).
    public func manifest(hashes: Bool, progress: ((Int, Int) -> Void)? = nil) throws -> JSONValue {
        let sorted = sortedTensors
        let totalBytes = sorted.reduce(0) { $0 + $1.tensor.byteCount }
        var done = 0
        var entries: [JSONValue] = []
        entries.reserveCapacity(sorted.count)
        for named in sorted {
            var fields: [(String, JSONValue)] = [
                ("name", .string(named.name)), ("dtype", .string(named.tensor.dtype.rawValue)),
                ("shape", .array(named.tensor.shape.map { .int(Int64($0)) })),
            ]
            if hashes {
                fields.append(("sha256", .string(try named.tensor.sha256Hex())))
                named.tensor.storage.evict()
                done += named.tensor.byteCount
                progress?(done, totalBytes)
            }
            entries.append(.object(fields))
        }
        return .object([
            ("format", .string(format.rawValue)),
            ("tensors", .array(entries)),
            ("totals", .object([
                ("tensors", .int(Int64(tensors.count))),
                ("elements", .int(Int64(tensors.reduce(0) { $0 + $1.tensor.elementCount }))),
                ("bytes", .int(Int64(totalBytes))),
            ])),
            ("metadata", .object(metadata)),
            ("findings", .array(findings.map(\.json))),
        ])
    }
}
