import Crypto
import Foundation
@testable import GANPortFormats

/// The NumPy fixture manifest written by `tools/make_numpy_fixtures.py`.
struct NumPyManifest: Decodable {
    struct Array: Decodable {
        let file: String
        let key: String?
        let dtype: String
        let shape: [Int]
        let sha256: String
        let numpy_save_identical: Bool
    }

    let arrays: [Array]

    static func load() throws -> NumPyManifest {
        let data = try Data(contentsOf: URL(fileURLWithPath: ZipTestSupport.fixture("numpy", "manifest.json")))
        return try JSONDecoder().decode(NumPyManifest.self, from: data)
    }
}

enum NumPyTestSupport {
    /// The fixture's bytes, mapped.
    static func bytes(_ name: String) throws -> ByteSlice {
        try ByteBuffer.map(path: ZipTestSupport.fixture("numpy", name)).all
    }

    /// SHA-256 (hex) of the tensor's C-order little-endian bytes.
    static func sha256(_ tensor: StoredTensor) throws -> String {
        let bytes = try tensor.contiguousBytes()
        return bytes.withUnsafeBytes { SHA256.hash(data: $0) }.map { String(format: "%02x", $0) }.joined()
    }

    /// The tensor a manifest row describes.
    static func tensor(_ row: NumPyManifest.Array) throws -> StoredTensor {
        guard let key = row.key else { return try NPYReader.read(bytes(row.file), name: row.file) }
        let named = try NPZReader.read(bytes(row.file), name: row.file)
        guard let match = named.first(where: { $0.name == key }) else { throw ZipError.entryNotFound(name: key) }
        return match.tensor
    }
}
