/// Writes `torch.save`-style zip archives of a flat state dict, loadable with
/// `torch.load(path, weights_only=True)`.
///
/// Layout as PyTorch writes it: root folder named after the file stem, `data.pkl` (protocol 2,
/// an `OrderedDict` of `_rebuild_tensor_v2` calls), `byteorder`, one stored `data/<n>` record
/// per tensor (C-contiguous, 64-byte aligned), `version`. Tensors are streamed one by one.
public enum TorchZipWriter {
    /// Writes `tensors` (names become the state dict keys) to `path`.
    public static func write(_ tensors: [NamedTensor], to path: String, progress: ((Int, Int) -> Void)? = nil) throws {
        let root = archiveRoot(for: path)
        let dict = PickleDict(type: PickleGlobal("collections", "OrderedDict"))
        for (index, named) in tensors.enumerated() {
            let tensor = named.tensor
            let storage = TorchStorageReference(storageType: tensor.dtype.torchStorageName, key: String(index),
                                                elementCount: Int64(tensor.elementCount))
            let size = tensor.shape.map(Int64.init)
            dict.entries.append((.string(named.name), .torchTensorV2(storage: storage, size: size, stride: PickleValue.contiguousStrides(size))))
        }
        var pickle = PickleWriter()
        try pickle.write(value: .dict(dict))
        let zip = try ZipWriter(path: path)
        try zip.addEntry(name: root + "/data.pkl", bytes: pickle.finish())
        try zip.addEntry(name: root + "/byteorder", bytes: Array("little".utf8))
        let total = tensors.reduce(0) { $0 + $1.tensor.byteCount }
        var done = 0
        for (index, named) in tensors.enumerated() {
            try zip.beginEntry(name: "\(root)/data/\(index)", size: named.tensor.byteCount)
            try named.tensor.forEachContiguousChunk { try zip.write($0) }
            try zip.endEntry()
            named.tensor.storage.evict()
            done += named.tensor.byteCount
            progress?(done, total)
        }
        try zip.addEntry(name: root + "/version", bytes: Array("3\n".utf8))
        try zip.finish()
    }

    /// The archive folder PyTorch uses for a path: the file name without its last extension
    /// (`out/G_ema.pt` → `G_ema`), or `archive` when that leaves nothing usable.
    static func archiveRoot(for path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.contains(".") ? String(file[..<(file.lastIndex(of: ".") ?? file.endIndex)]) : file
        let safe = stem.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\\" && $0.value >= 0x20 }
        return stem.isEmpty || !safe ? "archive" : stem
    }
}
