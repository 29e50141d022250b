import CHDF5

/// Small helpers around libhdf5: silencing its stderr printer, turning its error stack into text,
/// and checking return codes.
enum HDF5Library {
    /// `H5P_DEFAULT` as an `hid_t`.
    static let defaultPlist = hid_t(ganport_h5p_default())

    /// Turns off libhdf5's automatic error printing for the calling thread (the setting is
    /// per thread in thread-safe builds, so every entry point calls this).
    static func silence() { ganport_h5e_silence() }

    /// The current thread's error stack as one line (innermost message first); clears the stack.
    static func takeErrorMessage() -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        buffer.withUnsafeMutableBufferPointer { ganport_h5e_take_message($0.baseAddress, $0.count) }
        let message = String(cString: buffer)
        return message.isEmpty ? "unknown HDF5 error" : message
    }

    /// The error for a failed call of `operation` on the object at `path`.
    static func failure(_ operation: String, path: String) -> HDF5Error {
        .library(path: path, operation: operation, message: takeErrorMessage())
    }

    /// Returns `id` when valid, otherwise throws the library error of `operation`.
    @discardableResult
    static func check(_ id: hid_t, _ operation: String, path: String) throws -> hid_t {
        guard id >= 0 else { throw failure(operation, path: path) }
        return id
    }

    /// Throws the library error of `operation` when `status` is negative.
    static func check(_ status: herr_t, _ operation: String, path: String) throws {
        guard status >= 0 else { throw failure(operation, path: path) }
    }

    /// A string of `length` bytes filled by `fill` (a libhdf5 call that writes a NUL-terminated name).
    static func string(length: Int, _ fill: (UnsafeMutablePointer<CChar>, Int) -> Int) -> String {
        var buffer = [CChar](repeating: 0, count: length + 1)
        _ = buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress.unsafelyUnwrapped, $0.count) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
