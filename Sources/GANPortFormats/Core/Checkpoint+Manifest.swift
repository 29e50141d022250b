import Foundation

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
        let digests = hashes ? try Checkpoint.sha256Digests(of: sorted.map(\.tensor), progress: progress) : []
        var entries: [JSONValue] = []
        entries.reserveCapacity(sorted.count)
        for (index, named) in sorted.enumerated() {
            var fields: [(String, JSONValue)] = [
                ("name", .string(named.name)), ("dtype", .string(named.tensor.dtype.rawValue)),
                ("shape", .array(named.tensor.shape.map { .int(Int64($0)) })),
            ]
            if hashes { fields.append(("sha256", .string(digests[index]))) }
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

extension Checkpoint {
    /// SHA-256 of each tensor, computed on all cores (each tensor streamed by one thread, largest
    /// first; the digests do not depend on the schedule). Pages are released after each tensor.
    static func sha256Digests(of tensors: [StoredTensor], progress: ((Int, Int) -> Void)?) throws -> [String] {
        let total = tensors.reduce(0) { $0 + $1.byteCount }
        let order = tensors.indices.sorted { tensors[$0].byteCount > tensors[$1].byteCount }
        var digests = [String](repeating: "", count: tensors.count)
        var next = 0, done = 0
        var failure: Error?
        let lock = NSLock()
        let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, tensors.count))
        digests.withUnsafeMutableBufferPointer { output in
            nonisolated(unsafe) let output = output
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    lock.lock()
                    guard failure == nil, next < order.count else { lock.unlock(); return }
                    let index = order[next]
                    next += 1
                    lock.unlock()
                    do {
                        let digest = try tensors[index].sha256Hex()
                        tensors[index].storage.evict()
                        lock.lock()
                        output[index] = digest
                        done += tensors[index].byteCount
                        progress?(done, total)
                        lock.unlock()
                    } catch {
                        lock.lock()
                        failure = failure ?? error
                        lock.unlock()
                        return
                    }
                }
            }
        }
        if let failure { throw failure }
        return digests
    }
}
