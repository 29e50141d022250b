// libFuzzer target for the safetensors reader: any input must either parse or throw a
// `SafetensorsError`, never trap, and a parsed file must survive a write → read round trip.
//
// Sources needed (compile together with -parse-as-library -sanitize=fuzzer,address):
//   Sources/GANPortFormats/Core/*.swift
//   Sources/GANPortFormats/Safetensors/*.swift
//   tools/fuzz/FuzzSafetensors.swift

#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = ByteSlice(Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)))
    guard let file = try? SafetensorsReader.read(bytes) else { return 0 }
    // Everything accepted must be re-readable once rewritten, with the same tensors.
    let (header, ordered) = (try? SafetensorsWriter.prepare(file.tensors, metadata: file.metadata)) ?? (nil, [])
    guard let header else { return 0 }
    var out = withUnsafeBytes(of: UInt64(header.serialized().count).littleEndian, Array.init) + header.serialized()
    for named in ordered { out += (try? named.tensor.contiguousBytes().array) ?? [] }
    guard let again = try? SafetensorsReader.read(ByteSlice(out)), again.tensors.count == file.tensors.count else {
        fatalError("accepted file did not survive a rewrite")
    }
    return 0
}
