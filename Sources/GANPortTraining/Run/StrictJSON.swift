import Foundation

/// JSON coding for the run's records: deterministic output (sorted keys, two-space pretty
/// printing, non-finite numbers as `"NaN"`/`"Infinity"`/`"-Infinity"`), and strict reading: a
/// field the type does not know, a missing field or a value of the wrong type is a
/// `RunFileError` naming the file and the dotted field path.
enum StrictJSON {
    static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// The JSON bytes of `value` (with a final newline when pretty).
    static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> [UInt8] {
        var bytes = [UInt8](try encoder(pretty: pretty).encode(value))
        if pretty { bytes.append(0x0A) }
        return bytes
    }

    /// Decodes `T` from `bytes` read from `path`, rejecting unknown fields.
    static func decode<T: Codable>(_ type: T.Type, from bytes: [UInt8], path: String) throws -> T {
        let data = Data(bytes)
        let tree: Any
        do {
            tree = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw RunFileError.malformedJSON(path: path, reason: "not valid JSON")
        }
        let value: T
        do {
            value = try decoder().decode(T.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            // The text parsed above, so the decoder stopped at a number its field cannot hold (an
            // integer out of range or with a fraction); this decoder does not say which field.
            throw RunFileError.invalidField(path: path, field: "(a number)", reason: "a value does not fit its field's type "
                + "(an integer out of range or with a fraction part)")
        } catch let error as DecodingError {
            throw runError(error, path: path)
        } catch let error as RunFileError {
            throw error
        } catch {
            throw RunFileError.invalidField(path: path, field: "(value)", reason: String(describing: error))
        }
        let known = try JSONSerialization.jsonObject(with: encoder(pretty: false).encode(value), options: [.fragmentsAllowed])
        if let unknown = firstUnknownKey(tree, known: known, prefix: "") {
            throw RunFileError.unknownField(path: path, field: unknown)
        }
        return value
    }

    /// The first key path present (non-null) in `given` but absent from `known`.
    static func firstUnknownKey(_ given: Any, known: Any, prefix: String) -> String? {
        if let object = given as? [String: Any] {
            let knownObject = known as? [String: Any] ?? [:]
            for key in object.keys.sorted() {
                let path = prefix.isEmpty ? key : prefix + "." + key
                guard let value = object[key] else { continue }
                guard let knownValue = knownObject[key] else {
                    if value is NSNull { continue }
                    return path
                }
                if let found = firstUnknownKey(value, known: knownValue, prefix: path) { return found }
            }
        } else if let array = given as? [Any], let knownArray = known as? [Any], array.count == knownArray.count {
            for (index, (item, knownItem)) in zip(array, knownArray).enumerated() {
                if let found = firstUnknownKey(item, known: knownItem, prefix: "\(prefix)[\(index)]") { return found }
            }
        }
        return nil
    }

    static func fieldPath(_ codingPath: [CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out.isEmpty ? "(root)" : out
    }

    static func runError(_ error: DecodingError, path: String) -> RunFileError {
        switch error {
        case let .keyNotFound(key, context):
            return .missingField(path: path, field: fieldPath(context.codingPath + [key]))
        case let .valueNotFound(_, context):
            return .missingField(path: path, field: fieldPath(context.codingPath))
        case let .typeMismatch(type, context):
            return .invalidField(path: path, field: fieldPath(context.codingPath), reason: "expected \(type)")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return .malformedJSON(path: path, reason: context.debugDescription) }
            return .invalidField(path: path, field: fieldPath(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return .malformedJSON(path: path, reason: String(describing: error))
        }
    }
}
