import Foundation

/// A record the run stores as a versioned JSON document:
/// `{"content": {...}, "format": "<recordFormat>", "version": <n>}` (plus `tensors`, the names of
/// the tensors stored beside it, for the training state).
///
/// Reading checks the format name first, then the version: a document written by a newer version
/// (`version > recordVersion`) is refused with `RunFileError.unsupportedVersion`; older versions
/// decode with the current type, so a type that adds a field in version n+1 should make it
/// optional (or give it a default in `init(from:)`) to keep reading version-n files. Unknown
/// fields are errors, so a record never silently drops state it does not understand.
public protocol VersionedRecord: Codable {
    /// The `format` name of the document (e.g. `ganport-training-state`).
    static var recordFormat: String { get }
    /// The schema version this type writes (and the newest it reads).
    static var recordVersion: Int { get }
}

/// The JSON envelope of a `VersionedRecord`.
struct VersionedDocument<Content: VersionedRecord>: Codable {
    var format: String
    var version: Int
    var tensors: [String]?
    var content: Content
}

/// The two fields read before anything else, leniently.
private struct VersionedHeader: Decodable {
    var format: String?
    var version: Int?
}

/// Reading and writing of versioned JSON documents.
enum VersionedRecordFile {
    /// Writes `record` (and the names of tensors stored beside it) to `path`, atomically.
    static func write<R: VersionedRecord>(_ record: R, tensors: [String]? = nil, to path: String) throws {
        let document = VersionedDocument(format: R.recordFormat, version: R.recordVersion, tensors: tensors, content: record)
        let bytes = try RunFiles.writing(path) { try StrictJSON.encode(document) }
        try RunFiles.writeAtomically(bytes, to: path)
    }

    /// Reads the record at `path`: format and version checked, unknown fields refused.
    static func read<R: VersionedRecord>(_ type: R.Type, from path: String) throws -> (record: R, tensors: [String]?) {
        let bytes = try RunFiles.read(path)
        let header: VersionedHeader
        do {
            header = try StrictJSON.decoder().decode(VersionedHeader.self, from: .init(bytes))
        } catch let error as DecodingError {
            throw StrictJSON.runError(error, path: path)
        }
        guard let format = header.format else { throw RunFileError.missingField(path: path, field: "format") }
        guard format == R.recordFormat else { throw RunFileError.wrongFormat(path: path, found: format, expected: R.recordFormat) }
        guard let version = header.version else { throw RunFileError.missingField(path: path, field: "version") }
        guard version >= 1 else { throw RunFileError.invalidField(path: path, field: "version", reason: "must be at least 1") }
        guard version <= R.recordVersion else {
            throw RunFileError.unsupportedVersion(path: path, found: version, supported: R.recordVersion)
        }
        let document = try StrictJSON.decode(VersionedDocument<R>.self, from: bytes, path: path)
        return (document.content, document.tensors)
    }
}
