import Foundation
import GANPortFormats
import GANPortTensor

/// Errors reading or running a golden fixture.
public enum GoldenError: Error, Equatable, CustomStringConvertible {
    /// The file is not a `ganport-golden` version 1 file.
    case notAGolden(String)
    /// The file's `kind` is not `module`.
    case wrongKind(String)
    /// The `target` is not one this runner implements (an error, never a pass).
    case unknownTarget(String)
    /// A root attribute is absent or malformed.
    case badAttribute(String)
    /// A required tensor is absent.
    case missingTensor(String)

    public var description: String {
        switch self {
        case let .notAGolden(path): return "\(path) is not a ganport-golden version 1 file"
        case let .wrongKind(kind): return "golden kind '\(kind)' is not 'module'"
        case let .unknownTarget(target): return "unknown module target '\(target)'"
        case let .badAttribute(name): return "golden attribute '\(name)' is missing or malformed"
        case let .missingTensor(name): return "golden tensor '\(name)' is missing"
        }
    }
}

/// A module golden fixture in memory (golden schema §2, kind `module`).
public struct ModuleGolden {
    public var path: String
    public var target: String
    public var call: JSONValue
    public var checkpoint: String
    public var checkpointEntry: String
    public var gradMaxAbs: Double
    /// Tensors by path without the leading slash: `inputs/z`, `outputs/img`, `grads/params/b4.const`.
    public var tensors: [String: Tensor<Float>]

    /// Reads and checks the root attributes and every dataset (through `GoldenFixture`, the one
    /// reader of golden files), then the attributes a module fixture needs.
    public init(path: String) throws {
        let fixture: GoldenFixture
        do {
            fixture = try GoldenFixture(path: path)
        } catch let error as GoldenFixtureError {
            switch error {
            case .notAGoldenFixture, .unsupportedVersion, .missingAttribute("version", _): throw GoldenError.notAGolden(path)
            case let .unsupportedKind(kind, _): throw GoldenError.wrongKind(kind)
            case let .missingAttribute(name, _): throw GoldenError.badAttribute(name)
            case let .missingTensor(name, _): throw GoldenError.missingTensor(name)
            case let .invalidValue(name, reason, _): throw GoldenError.badAttribute("\(name): \(reason)")
            }
        }
        guard fixture.kind == "module" else { throw GoldenError.wrongKind(fixture.kind) }
        guard let callText = fixture.attribute("call"), let call = try? JSONText.parse(callText), call.objectValue != nil else {
            throw GoldenError.badAttribute("call")
        }
        guard let checkpoint = fixture.attribute("checkpoint"), !checkpoint.isEmpty else { throw GoldenError.badAttribute("checkpoint") }
        guard let entry = fixture.attribute("checkpoint_entry"), !entry.isEmpty else { throw GoldenError.badAttribute("checkpoint_entry") }
        self.path = path
        self.target = fixture.target
        self.call = call
        self.checkpoint = checkpoint
        checkpointEntry = entry
        gradMaxAbs = fixture.gradMaxAbs
        tensors = fixture.tensors
    }

    /// The tensors directly under `group` (`inputs`, `outputs`, `cotangents`, `grads/inputs`, `grads/params`).
    public func group(_ group: String) -> [String: Tensor<Float>] {
        let prefix = group + "/"
        var out: [String: Tensor<Float>] = [:]
        for (key, value) in tensors where key.hasPrefix(prefix) {
            let rest = String(key.dropFirst(prefix.count))
            if group == "grads/params" || !rest.contains("/") { out[rest] = value }
        }
        return out
    }

    /// The checkpoint's absolute path (relative to the fixture's folder).
    public var checkpointPath: String {
        checkpoint.hasPrefix("/") ? checkpoint
            : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(checkpoint).standardized.path
    }
}
