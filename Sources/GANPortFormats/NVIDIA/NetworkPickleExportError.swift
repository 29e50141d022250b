/// One reason a checkpoint cannot be written into a network-pickle template.
public enum NetworkPickleExportProblem: Equatable, Sendable, CustomStringConvertible {
    /// A source tensor whose name the template does not have.
    case unknownTensor(String)
    /// A template tensor the source lacks (allowed with `keepMissing`).
    case missingTensor(String)
    /// Same name, different element type (no casts are made).
    case dtypeMismatch(String, template: DType, source: DType)
    /// Same name, different shape.
    case shapeMismatch(String, template: [Int], source: [Int])
    /// Two source tensors with the same name.
    case duplicateSourceTensor(String)
    /// Tensors that share template storage bytes but get different values there.
    case inconsistentSharedStorage(String, other: String, offset: Int)

    public var description: String {
        switch self {
        case let .unknownTensor(name): return "\(name): not in the template"
        case let .missingTensor(name): return "\(name): in the template but not in the source (--keep-missing keeps the template's values)"
        case let .dtypeMismatch(name, template, source): return "\(name): dtype \(source.rawValue), template has \(template.rawValue) (no conversion is made)"
        case let .shapeMismatch(name, template, source): return "\(name): shape \(source), template has \(template)"
        case let .duplicateSourceTensor(name): return "\(name): appears twice in the source"
        case let .inconsistentSharedStorage(name, other, offset):
            return "\(name) and \(other) share template storage but differ at file offset \(offset)"
        }
    }
}

/// Errors of exporting tensors into an NVIDIA network pickle template.
public enum NetworkPickleExportError: Error, Equatable, CustomStringConvertible {
    /// The template is not a PyTorch-era NVIDIA network pickle (its detected content is named).
    case templateNotANetworkPickle(String)
    /// The template has security findings (refused unless `allowUnsafe`).
    case templateHasFindings([SecurityFinding])
    /// The source checkpoint has security findings (refused unless `allowUnsafe`).
    case sourceHasFindings([SecurityFinding])
    /// A template tensor's bytes do not lie in the template file (cannot be patched in place).
    case storageOutsideTemplate(String)
    /// The source does not fit the template; every problem found, in template order.
    case mismatch([NetworkPickleExportProblem])

    public var description: String {
        switch self {
        case let .templateNotANetworkPickle(what): return "the template is not an NVIDIA network pickle (\(what))"
        case let .templateHasFindings(findings): return "the template has \(findings.count) security finding(s); loading it in Python would run code"
        case let .sourceHasFindings(findings): return "the source has \(findings.count) security finding(s)"
        case let .storageOutsideTemplate(name): return "\(name): its bytes do not lie in the template file"
        case let .mismatch(problems):
            return "the source does not fit the template (\(problems.count) problem(s)): " + problems.map(\.description).joined(separator: "; ")
        }
    }
}
