import CHDF5
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only HDF5 file: its groups, its datasets (with dtype, shape and storage details),
/// lazily read tensors and attributes as JSON.
///
/// Opening checks the HDF5 signature first (a typed error for other files), then walks every
/// group through hard links in name order (as h5py's `visititems` does). Soft, external and
/// user-defined links are listed in `skippedLinks` and never followed: an external link would
/// make libhdf5 open another file. libhdf5 parses the file in-process and has a history of
/// memory-safety bugs on malformed input, so treat HDF5 files as semi-trusted.
public final class HDF5File: @unchecked Sendable {
    /// The file's path.
    public let path: String
    /// Every group reached through hard links, `/` first, in walk order.
    public private(set) var groups: [String] = []
    /// Every dataset reached through hard links, in walk order.
    public private(set) var datasets: [HDF5DatasetInfo] = []
    /// Links the walk did not follow.
    public private(set) var skippedLinks: [HDF5SkippedLink] = []

    let fileID: hid_t
    let fileSize: Int

    /// Opens the file at `path` read-only and lists its contents.
    public init(path: String) throws {
        self.path = path
        guard try HDF5Signature.offset(inFileAt: path) != nil else { throw HDF5Error.notHDF5(path: path) }
        var info = stat()
        fileSize = stat(path, &info) == 0 ? Int(info.st_size) : 0
        HDF5Library.silence()
        let id = H5Fopen(path, ganport_h5f_acc_rdonly(), HDF5Library.defaultPlist)
        guard id >= 0 else { throw HDF5Error.cannotOpen(path: path, reason: HDF5Library.takeErrorMessage()) }
        fileID = id
        try walk()
    }

    deinit { H5Fclose(fileID) }

    /// Walks the hard-link tree depth-first, children in name order, without recursion.
    private func walk() throws {
        var visited = Set<ObjectIdentity>()
        visited.insert(try identity(of: "/").identity)
        groups = ["/"]
        var stack: [(group: String, children: [String], next: Int)] = [("/", try childNames(of: "/"), 0)]
        while let top = stack.last {
            guard top.next < top.children.count else { stack.removeLast(); continue }
            stack[stack.count - 1].next += 1
            let child = HDF5File.join(top.group, top.children[top.next])
            switch try linkKind(of: child) {
            case let .skipped(kind):
                skippedLinks.append(HDF5SkippedLink(path: child, kind: kind))
            case .hard:
                let object = try identity(of: child)
                switch object.type {
                case H5O_TYPE_GROUP:
                    guard visited.insert(object.identity).inserted else {
                        skippedLinks.append(HDF5SkippedLink(path: child, kind: .repeatedGroup))
                        continue
                    }
                    groups.append(child)
                    stack.append((child, try childNames(of: child), 0))
                case H5O_TYPE_DATASET:
                    datasets.append(try datasetInfo(at: child))
                default:
                    continue  // named datatypes hold no values
                }
            }
        }
    }

    // MARK: Links and objects

    struct ObjectIdentity: Hashable {
        let fileNumber: UInt
        let address: UInt
    }

    enum LinkKind {
        case hard
        case skipped(HDF5SkippedLink.Kind)
    }

    /// The names of a group's links in name order.
    func childNames(of group: String) throws -> [String] {
        HDF5Library.silence()
        let groupID = try HDF5Library.check(H5Gopen2(fileID, group, HDF5Library.defaultPlist), "H5Gopen2", path: group)
        defer { H5Gclose(groupID) }
        var info = H5G_info_t()
        try HDF5Library.check(H5Gget_info(groupID, &info), "H5Gget_info", path: group)
        var names: [String] = []
        var index: hsize_t = 0
        while index < info.nlinks {
            let length = H5Lget_name_by_idx(groupID, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, HDF5Library.defaultPlist)
            guard length >= 0 else { throw HDF5Library.failure("H5Lget_name_by_idx", path: group) }
            names.append(HDF5Library.string(length: Int(length)) { buffer, size in
                Int(H5Lget_name_by_idx(groupID, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, HDF5Library.defaultPlist))
            })
            index += 1
        }
        return names
    }

    /// Whether the link at `path` is a hard link, or why it is skipped.
    func linkKind(of path: String) throws -> LinkKind {
        var type = H5L_TYPE_ERROR
        var valueSize = 0
        try HDF5Library.check(ganport_h5l_type(fileID, path, &type, &valueSize), "H5Lget_info", path: path)
        switch type {
        case H5L_TYPE_HARD:
            return .hard
        case H5L_TYPE_SOFT:
            return .skipped(.soft(target: linkValue(path, size: valueSize).first ?? ""))
        case H5L_TYPE_EXTERNAL:
            let parts = linkValue(path, size: valueSize, external: true)
            return .skipped(.external(file: parts.first ?? "", object: parts.dropFirst().first ?? ""))
        default:
            return .skipped(.userDefined)
        }
    }

    /// The target of a soft link, or the file and object of an external link (never resolved).
    private func linkValue(_ path: String, size: Int, external: Bool = false) -> [String] {
        guard size > 0, size <= 1 << 20 else { return [] }
        var buffer = [UInt8](repeating: 0, count: size + 1)
        let status = buffer.withUnsafeMutableBytes { H5Lget_val(fileID, path, $0.baseAddress, size, HDF5Library.defaultPlist) }
        guard status >= 0 else { _ = HDF5Library.takeErrorMessage(); return [] }
        guard external else { return [String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)] }
        var flags: UInt32 = 0
        var file: UnsafePointer<CChar>?
        var object: UnsafePointer<CChar>?
        let unpacked = buffer.withUnsafeBytes { H5Lunpack_elink_val($0.baseAddress, size, &flags, &file, &object) }
        guard unpacked >= 0, let file, let object else { _ = HDF5Library.takeErrorMessage(); return [] }
        return [String(cString: file), String(cString: object)]
    }

    /// Type and identity of the object a hard link at `path` points to.
    func identity(of path: String) throws -> (type: H5O_type_t, identity: ObjectIdentity) {
        var type = H5O_TYPE_UNKNOWN
        var fileNumber: UInt = 0
        var address: haddr_t = 0
        try HDF5Library.check(ganport_h5o_identity(fileID, path, &type, &fileNumber, &address), "H5Oget_info_by_name", path: path)
        return (type, ObjectIdentity(fileNumber: fileNumber, address: address))
    }

    /// `group/name` with a single slash.
    static func join(_ group: String, _ name: String) -> String {
        group == "/" ? "/" + name : group + "/" + name
    }
}
