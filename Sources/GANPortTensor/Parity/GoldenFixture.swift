import Foundation
import GANPortFormats

/// Errors reading a golden fixture.
public enum GoldenFixtureError: Error, Equatable, CustomStringConvertible {
    /// The root `format` attribute is not `ganport-golden`.
    case notAGoldenFixture(path: String)
    /// A `version` this build does not know.
    case unsupportedVersion(Int64, path: String)
    /// A `kind` this build does not know (or cannot run).
    case unsupportedKind(String, path: String)
    /// A required root attribute is missing or has the wrong type.
    case missingAttribute(String, path: String)
    /// A tensor the fixture needs is absent.
    case missingTensor(String, path: String)
    /// A value of the fixture is out of range or has the wrong shape (what, and why).
    case invalidValue(String, reason: String, path: String)

    public var description: String {
        switch self {
        case let .notAGoldenFixture(path): return "\(path): not a golden fixture (format attribute is not 'ganport-golden')"
        case let .unsupportedVersion(v, path): return "\(path): golden fixture version \(v) is not supported (this build reads version 1)"
        case let .unsupportedKind(kind, path): return "\(path): golden fixture kind '\(kind)' is not supported"
        case let .missingAttribute(name, path): return "\(path): missing root attribute '\(name)'"
        case let .missingTensor(name, path): return "\(path): missing tensor '\(name)'"
        case let .invalidValue(name, reason, path): return "\(path): \(name): \(reason)"
        }
    }
}

/// A golden fixture (HDF5, `format = ganport-golden`, `version = 1`; SPEC.md §8): what was run,
/// every input, the official outputs, cotangents and gradients, as float32 tensors by path
/// (`inputs/x`, `outputs/y`, `cotangents/y`, `grads/inputs/x`, `grads/params/<key>`).
public struct GoldenFixture {
    /// The fixture file.
    public let path: String
    /// `op`, `module` or `train_step`.
    public let kind: String
    /// What was run (`upfirdn2d`, `stylegan2-ada/Generator`, …).
    public let target: String
    /// JSON text of the call's keyword arguments.
    public let call: String
    /// Largest |gradient| over the file (scale of gradient bounds).
    public let gradMaxAbs: Double
    /// Every root attribute.
    public let attributes: [(String, JSONValue)]
    /// Every tensor by path without leading slash.
    public let tensors: [String: Tensor<Float>]

    /// Kinds this reader accepts.
    public static let knownKinds: Set<String> = ["op", "module", "train_step"]

    /// Reads and validates a fixture; an unknown format, version or kind is an error.
    public init(path: String) throws {
        let file = try HDF5File(path: path)
        let attributes = try file.attributes(at: "/")
        func attribute(_ name: String) -> JSONValue? { attributes.first(where: { $0.0 == name })?.1 }
        guard attribute("format")?.stringValue == "ganport-golden" else { throw GoldenFixtureError.notAGoldenFixture(path: path) }
        guard let version = attribute("version")?.intValue else { throw GoldenFixtureError.missingAttribute("version", path: path) }
        guard version == 1 else { throw GoldenFixtureError.unsupportedVersion(version, path: path) }
        guard let kind = attribute("kind")?.stringValue else { throw GoldenFixtureError.missingAttribute("kind", path: path) }
        guard GoldenFixture.knownKinds.contains(kind) else { throw GoldenFixtureError.unsupportedKind(kind, path: path) }
        guard let target = attribute("target")?.stringValue else { throw GoldenFixtureError.missingAttribute("target", path: path) }
        var tensors: [String: Tensor<Float>] = [:]
        for info in file.datasets {
            tensors[String(info.path.drop(while: { $0 == "/" }))] = try Tensor<Float>(file.tensor(at: info.path))
        }
        self.path = path
        self.kind = kind
        self.target = target
        self.call = attribute("call")?.stringValue ?? "{}"
        self.gradMaxAbs = attribute("grad_max_abs")?.doubleValue ?? 0
        self.attributes = attributes
        self.tensors = tensors
    }

    /// The string attribute `name`, or nil.
    public func attribute(_ name: String) -> String? { attributes.first(where: { $0.0 == name })?.1.stringValue }

    /// Tensors directly under `prefix` (`inputs` → `["x": …]`), keyed by the rest of their path.
    public func group(_ prefix: String) -> [String: Tensor<Float>] {
        var out: [String: Tensor<Float>] = [:]
        for (key, value) in tensors where key.hasPrefix(prefix + "/") {
            let rest = String(key.dropFirst(prefix.count + 1))
            if !rest.contains("/") { out[rest] = value }
        }
        return out
    }

    /// Tensors under `prefix` at any depth (`grads/params` → `["b4.conv1.weight": …]`, slashes as dots).
    public func subtree(_ prefix: String) -> [String: Tensor<Float>] {
        var out: [String: Tensor<Float>] = [:]
        for (key, value) in tensors where key.hasPrefix(prefix + "/") {
            out[key.dropFirst(prefix.count + 1).replacingOccurrences(of: "/", with: ".")] = value
        }
        return out
    }

    /// The file name without extension.
    public var name: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
}
