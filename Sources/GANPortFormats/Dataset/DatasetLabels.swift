import Foundation

/// The labels of a dataset's raw images, as the official `_load_raw_labels` builds them from
/// `dataset.json` (`{"labels": [[file name, label], ...]}` or `{"labels": null}`).
///
/// Scalar labels become `int64` class indices (non-integral numbers truncate toward zero, as
/// `astype(np.int64)` does) and are returned one-hot with `max + 1` classes; vector labels
/// become `float32` vectors returned as they are. Without labels the dimension is 0.
public enum DatasetLabels: Equatable, Sendable {
    /// No labels: every label is the empty vector.
    case none
    /// One class index per raw image; `classCount` is the largest index + 1.
    case classes([Int], classCount: Int)
    /// One vector of `dimension` floats per raw image.
    case vectors([[Float]], dimension: Int)

    /// Length of every label vector (`label_dim`).
    public var dimension: Int {
        switch self {
        case .none: return 0
        case let .classes(_, count): return count
        case let .vectors(_, dimension): return dimension
        }
    }

    /// Whether labels are one-hot class indices (`has_onehot_labels`).
    public var isOneHot: Bool { if case .classes = self { return true }; return false }

    /// The label of raw image `rawIndex` (one-hot for class indices); the index is in range.
    func label(rawIndex: Int) -> [Float] {
        switch self {
        case .none: return []
        case let .classes(indices, count):
            var oneHot = [Float](repeating: 0, count: count)
            oneHot[indices[rawIndex]] = 1
            return oneHot
        case let .vectors(vectors, _): return vectors[rawIndex]
        }
    }

    /// Parses `dataset.json` for the images `files` (in dataset order).
    static func parse(_ bytes: ByteSlice, files: [String], maxClasses: Int) throws -> DatasetLabels {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: bytes.data, options: [.fragmentsAllowed])
        } catch {
            throw ImageDatasetError.labelFileNotJSON(reason: "\(error.localizedDescription)")
        }
        guard let object = root as? [String: Any], let list = object["labels"] else {
            throw ImageDatasetError.malformedLabelList(reason: "no \"labels\" key in a top-level object")
        }
        if list is NSNull { return .none }
        guard let entries = list as? [Any] else { throw ImageDatasetError.malformedLabelList(reason: "\"labels\" is neither a list nor null") }
        var byName: [String: Any] = [:]
        for (position, entry) in entries.enumerated() {
            guard let pair = entry as? [Any], pair.count == 2, let name = pair[0] as? String else {
                throw ImageDatasetError.malformedLabelList(reason: "entry \(position) is not [file name, label]")
            }
            byName[name] = pair[1]  // dict(labels): the last entry for a name wins
        }
        let raw = try files.map { file -> Any in
            guard let value = byName[file.replacingOccurrences(of: "\\", with: "/")] else { throw ImageDatasetError.missingLabel(file: file) }
            return value
        }
        guard let first = raw.first else { return .none }
        if first is [Any] { return try vectors(raw, files: files) }
        return try classes(raw, files: files, maxClasses: maxClasses)
    }

    private static func number(_ value: Any, file: String) throws -> Double {
        guard let number = value as? NSNumber, !(value is String) else { throw ImageDatasetError.invalidLabel(file: file, reason: "is not a number") }
        let double = number.doubleValue
        guard double.isFinite else { throw ImageDatasetError.invalidLabel(file: file, reason: "is not finite") }
        return double
    }

    private static func classes(_ raw: [Any], files: [String], maxClasses: Int) throws -> DatasetLabels {
        var indices: [Int] = []
        indices.reserveCapacity(raw.count)
        var largest = 0
        for (value, file) in zip(raw, files) {
            if value is [Any] { throw ImageDatasetError.inconsistentLabels(file: file, reason: "is a vector among class indices") }
            let truncated = try number(value, file: file).rounded(.towardZero)
            guard truncated >= 0 else { throw ImageDatasetError.invalidLabel(file: file, reason: "is a negative class index") }
            guard truncated < Double(maxClasses) else {
                let classes = Int(exactly: truncated).map { $0.addingReportingOverflow(1) }
                throw ImageDatasetError.tooManyClasses(classes: classes?.overflow == false ? classes?.partialValue ?? Int.max : Int.max, limit: maxClasses)
            }
            let index = Int(truncated)
            largest = Swift.max(largest, index)
            indices.append(index)
        }
        return .classes(indices, classCount: largest + 1)
    }

    private static func vectors(_ raw: [Any], files: [String]) throws -> DatasetLabels {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(raw.count)
        var dimension: Int?
        for (value, file) in zip(raw, files) {
            guard let items = value as? [Any] else { throw ImageDatasetError.inconsistentLabels(file: file, reason: "is a class index among vectors") }
            if let dimension, items.count != dimension {
                throw ImageDatasetError.inconsistentLabels(file: file, reason: "has \(items.count) values, not \(dimension)")
            }
            dimension = items.count
            vectors.append(try items.map { item in
                if item is [Any] { throw ImageDatasetError.invalidLabel(file: file, reason: "nests deeper than a vector") }
                let value = Float(try number(item, file: file))
                guard value.isFinite else { throw ImageDatasetError.invalidLabel(file: file, reason: "does not fit in float32") }
                return value
            })
        }
        return .vectors(vectors, dimension: dimension ?? 0)
    }
}
