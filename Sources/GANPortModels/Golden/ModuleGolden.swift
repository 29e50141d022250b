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

    /// Reads and checks the root attributes and every dataset.
    public init(path: String) throws {
        let file = try HDF5File(path: path)
        func text(_ name: String) throws -> String? { try? file.attribute(name, at: "/").stringValue }
        guard try text("format") == "ganport-golden", (try? file.attribute("version", at: "/").intValue) == 1 else {
            throw GoldenError.notAGolden(path)
        }
        guard let kind = try text("kind") else { throw GoldenError.badAttribute("kind") }
        guard kind == "module" else { throw GoldenError.wrongKind(kind) }
        guard let target = try text("target") else { throw GoldenError.badAttribute("target") }
        guard let callText = try text("call"), let call = try? JSONText.parse(callText), call.objectValue != nil else {
            throw GoldenError.badAttribute("call")
        }
        guard let checkpoint = try text("checkpoint"), !checkpoint.isEmpty else { throw GoldenError.badAttribute("checkpoint") }
        guard let entry = try text("checkpoint_entry"), !entry.isEmpty else { throw GoldenError.badAttribute("checkpoint_entry") }
        self.path = path
        self.target = target
        self.call = call
        self.checkpoint = checkpoint
        checkpointEntry = entry
        gradMaxAbs = (try? file.attribute("grad_max_abs", at: "/").doubleValue) ?? 0
        var tensors: [String: Tensor<Float>] = [:]
        for info in file.datasets {
            tensors[String(info.path.drop(while: { $0 == "/" }))] = try Tensor<Float>(file.tensor(at: info.path))
        }
        self.tensors = tensors
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
