import XCTest
@testable import GANPortFormats

/// Random single-byte changes and truncations of valid files must give errors, never crashes.
final class ZipMutationTests: XCTestCase {
    /// A small deterministic generator (SplitMix64).
    private struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutations(of original: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = Generator(state: seed)
        return (0..<count).map { index in
            var bytes = original
            if index % 10 == 9 { return Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator))) }
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            return bytes
        }
    }

    func testMutatedArchivesFailCleanly() throws {
        for fixture in ["python_stored.zip", "python_deflated.zip", "crafted_zip64.zip", "torch_state_dict.pt"] {
            let original = try ByteBuffer.map(path: ZipTestSupport.fixture("zip", fixture)).all.array
            for bytes in Self.mutations(of: original, count: 1500, seed: UInt64(original.count)) {
                guard let archive = try? ZipArchive(ByteSlice(bytes)) else { continue }
                for entry in archive.entries { _ = try? archive.data(of: entry, verifyingCRC: true) }
            }
        }
    }

    func testMutatedNumPyFilesFailCleanly() throws {
        for fixture in ["dtype_f4.npy", "bigendian_fortran_f8.npy", "version2_f4.npy"] {
            let original = try NumPyTestSupport.bytes(fixture).array
            for bytes in Self.mutations(of: original, count: 1500, seed: 7) {
                if let tensor = try? NPYReader.read(ByteSlice(bytes)) { _ = try? tensor.contiguousBytes() }
            }
        }
        let npz = try NumPyTestSupport.bytes("compressed.npz").array
        for bytes in Self.mutations(of: npz, count: 1500, seed: 11) {
            for named in (try? NPZReader.read(ByteSlice(bytes))) ?? [] { _ = try? named.tensor.contiguousBytes() }
        }
    }
}
