/// How a dataset's values are laid out in the file.
public enum HDF5Layout: Equatable, Sendable {
    /// One contiguous block.
    case contiguous
    /// Stored in the object header (small datasets).
    case compact
    /// Split into chunks of this shape (needed for compression).
    case chunked([Int])
    /// A virtual dataset mapping other datasets.
    case virtual
}

/// A filter in a dataset's pipeline (gzip = 1, shuffle = 2, fletcher32 = 3, szip = 4, lzf = 32000).
public struct HDF5Filter: Equatable, Sendable {
    /// The registered filter id.
    public let id: Int32
    /// The name the file or library gives it (`deflate`, `shuffle`, `lzf`, …).
    public let name: String
    /// Client parameters (e.g. the gzip level).
    public let parameters: [UInt32]
    /// Whether this libhdf5 can apply the filter.
    public let isAvailable: Bool
}

/// A dataset found in an HDF5 file: where it is, what it holds, how it is stored.
public struct HDF5DatasetInfo: Equatable, Sendable {
    /// Absolute path inside the file, e.g. `/inputs/z`.
    public let path: String
    /// The tensor name: the path without the leading `/`, with `/` replaced by `.` (`inputs.z`).
    public let tensorName: String
    /// Element type.
    public let elementType: HDF5ElementType
    /// Shape (`[]` for a scalar or a null dataspace).
    public let shape: [Int]
    /// True for a dataspace without values (h5py's `Empty`).
    public let isNullDataspace: Bool
    /// Storage layout.
    public let layout: HDF5Layout
    /// Filter pipeline, in application order.
    public let filters: [HDF5Filter]
    /// Bytes the dataset occupies in the file (after compression; 0 when never written).
    public let storedBytes: Int

    /// The GANPort dtype, or nil when the element type is unsupported.
    public var dtype: DType? { elementType.dtype }

    /// The tensor name of a dataset path (`/a/b` → `a.b`).
    public static func tensorName(forPath path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: ".")
    }
}

/// A link the walk did not follow, with the reason.
public struct HDF5SkippedLink: Equatable, Sendable, CustomStringConvertible {
    /// Why a link was not followed.
    public enum Kind: Equatable, Sendable {
        /// A soft link (by path) inside the file.
        case soft(target: String)
        /// A link into another file; never followed, since it would read that file.
        case external(file: String, object: String)
        /// A user-defined link class.
        case userDefined
        /// A second hard link to a group already walked (also breaks cycles).
        case repeatedGroup
    }

    /// Path of the link inside the file.
    public let path: String
    /// What kind of link it is.
    public let kind: Kind

    public var description: String {
        switch kind {
        case let .soft(target): return "\(path): soft link to \(target) not followed"
        case let .external(file, object): return "\(path): external link to \(file):\(object) not followed"
        case .userDefined: return "\(path): user-defined link not followed"
        case .repeatedGroup: return "\(path): group already listed under another path"
        }
    }
}
