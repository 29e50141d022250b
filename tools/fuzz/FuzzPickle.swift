// libFuzzer entry point for the pickle VM. Built by tools/fuzz/run.sh together with the
// Core and Pickle sources (no package dependencies); not part of the Swift package.

/// Reads every pickle in the input one after another, then renders, walks, rewrites and
/// re-reads each result: nothing may crash, hang or overflow the stack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPickle(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = ByteSlice(Array(UnsafeBufferPointer(start: data, count: size)))
    let limits = PickleLimits(maxMemoEntries: 1 << 16, maxStackSize: 1 << 16)
    var unpickler = Unpickler(bytes, limits: limits, streamName: "fuzz")
    for _ in 0..<4 {
        guard let result = try? unpickler.load() else { break }
        _ = result.value.canonicalText(maxDepth: 200, maxLength: 1 << 16)
        try? result.value.walk(maxNodes: 1 << 16) { _, _ in true }
        var writer = PickleWriter()
        if (try? writer.write(value: result.value)) != nil {
            var again = Unpickler(ByteSlice(writer.finish()), limits: limits)
            _ = try? again.load()
        }
        guard result.endOffset < size else { break }
    }
    return 0
}
