import GANPortTensor

/// One row of the TF → PyTorch name table: official state-dict keys matching `pattern`
/// (`{r}`, `{i}` stand for decimal numbers; a leading `*` for any prefix) come from the TF variable `source(captures)`,
/// transformed; `source` nil keeps the constructor's value (resample filters).
struct TFRule {
    /// Layout changes of `legacy.py`.
    enum Transform {
        case none
        /// Dense `[in, out]` → `[out, in]` (`.transpose()`).
        case transpose
        /// Conv `[kh, kw, in, out]` → `[out, in, kh, kw]` (`.transpose(3, 2, 0, 1)`).
        case conv
        /// `[::-1, ::-1]` then `.transpose(3, 2, 0, 1)` (TF up/skip convolutions were true convolutions).
        case flippedConv
        /// `[0]` (drop the leading batch axis).
        case first
        /// `[0, 0]`.
        case firstPlane
        /// `+ 1` (TF added 1 to `mod_bias` at run time; PyTorch stores it).
        case plusOne

        func apply(_ x: Tensor<Float>) -> Tensor<Float> {
            switch self {
            case .none: return x
            case .transpose: return x.rank == 2 ? x.transposed(0, 1) : x
            case .conv: return x.rank == 4 ? x.permuted([3, 2, 0, 1]) : x
            case .flippedConv: return x.rank == 4 ? x.flipped([0, 1]).permuted([3, 2, 0, 1]) : x
            case .first: return x.rank >= 1 && x.shape[0] >= 1 ? x.sliced(axis: 0, start: 0, end: 1).reshaped(Array(x.shape.dropFirst())) : x
            case .firstPlane: return Transform.first.apply(Transform.first.apply(x))
            case .plusOne: return x + 1
            }
        }
    }

    let pattern: String
    let source: (([String: Int]) -> String)?
    let transform: Transform

    init(_ pattern: String, _ transform: Transform = .none, _ source: (([String: Int]) -> String)?) {
        self.pattern = pattern
        self.source = source
        self.transform = transform
    }

    /// TF variables `legacy.py` never reads.
    static let ignoredVariables: Set<String> = ["lod"]

    /// The first rule whose pattern matches `key`, with its captures.
    static func match(_ key: String, in rules: [TFRule]) -> (TFRule, [String: Int])? {
        for rule in rules { if let captures = rule.captures(key) { return (rule, captures) } }
        return nil
    }

    /// Captured numbers if `key` matches the whole pattern.
    func captures(_ key: String) -> [String: Int]? {
        if pattern.hasPrefix("*") { return key.hasSuffix(pattern.dropFirst()) ? [:] : nil }
        var result: [String: Int] = [:]
        var p = Substring(pattern), k = Substring(key)
        while !p.isEmpty {
            if p.hasPrefix("{"), let close = p.firstIndex(of: "}") {
                let name = String(p[p.index(after: p.startIndex)..<close])
                let digits = k.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, let value = Int(digits) else { return nil }
                if let previous = result[name], previous != value { return nil }
                result[name] = value
                p = p[p.index(after: close)...]
                k = k.dropFirst(digits.count)
            } else {
                guard let pc = p.first, let kc = k.first, pc == kc else { return nil }
                p = p.dropFirst()
                k = k.dropFirst()
            }
        }
        return k.isEmpty ? result : nil
    }

    /// `log2(r)`.
    private static func log2(_ r: Int) -> Int { r.trailingZeroBitCount }

    /// `convert_tf_generator` rules, in the official order.
    static let generator: [TFRule] = [
        TFRule("mapping.w_avg") { _ in "dlatent_avg" },
        TFRule("mapping.embed.weight", .transpose) { _ in "mapping/LabelEmbed/weight" },
        TFRule("mapping.embed.bias") { _ in "mapping/LabelEmbed/bias" },
        TFRule("mapping.fc{i}.weight", .transpose) { "mapping/Dense\($0["i"] ?? 0)/weight" },
        TFRule("mapping.fc{i}.bias") { "mapping/Dense\($0["i"] ?? 0)/bias" },
        TFRule("synthesis.b4.const", .first) { _ in "synthesis/4x4/Const/const" },
        TFRule("synthesis.b4.conv1.weight", .conv) { _ in "synthesis/4x4/Conv/weight" },
        TFRule("synthesis.b4.conv1.bias") { _ in "synthesis/4x4/Conv/bias" },
        TFRule("synthesis.b4.conv1.noise_const", .firstPlane) { _ in "synthesis/noise0" },
        TFRule("synthesis.b4.conv1.noise_strength") { _ in "synthesis/4x4/Conv/noise_strength" },
        TFRule("synthesis.b4.conv1.affine.weight", .transpose) { _ in "synthesis/4x4/Conv/mod_weight" },
        TFRule("synthesis.b4.conv1.affine.bias", .plusOne) { _ in "synthesis/4x4/Conv/mod_bias" },
        TFRule("synthesis.b{r}.conv0.weight", .flippedConv) { res($0, "Conv0_up/weight") },
        TFRule("synthesis.b{r}.conv0.bias") { res($0, "Conv0_up/bias") },
        TFRule("synthesis.b{r}.conv0.noise_const", .firstPlane) { "synthesis/noise\(log2($0["r"] ?? 0) * 2 - 5)" },
        TFRule("synthesis.b{r}.conv0.noise_strength") { res($0, "Conv0_up/noise_strength") },
        TFRule("synthesis.b{r}.conv0.affine.weight", .transpose) { res($0, "Conv0_up/mod_weight") },
        TFRule("synthesis.b{r}.conv0.affine.bias", .plusOne) { res($0, "Conv0_up/mod_bias") },
        TFRule("synthesis.b{r}.conv1.weight", .conv) { res($0, "Conv1/weight") },
        TFRule("synthesis.b{r}.conv1.bias") { res($0, "Conv1/bias") },
        TFRule("synthesis.b{r}.conv1.noise_const", .firstPlane) { "synthesis/noise\(log2($0["r"] ?? 0) * 2 - 4)" },
        TFRule("synthesis.b{r}.conv1.noise_strength") { res($0, "Conv1/noise_strength") },
        TFRule("synthesis.b{r}.conv1.affine.weight", .transpose) { res($0, "Conv1/mod_weight") },
        TFRule("synthesis.b{r}.conv1.affine.bias", .plusOne) { res($0, "Conv1/mod_bias") },
        TFRule("synthesis.b{r}.torgb.weight", .conv) { res($0, "ToRGB/weight") },
        TFRule("synthesis.b{r}.torgb.bias") { res($0, "ToRGB/bias") },
        TFRule("synthesis.b{r}.torgb.affine.weight", .transpose) { res($0, "ToRGB/mod_weight") },
        TFRule("synthesis.b{r}.torgb.affine.bias", .plusOne) { res($0, "ToRGB/mod_bias") },
        TFRule("synthesis.b{r}.skip.weight", .flippedConv) { res($0, "Skip/weight") },
        TFRule("*.resample_filter", .none, nil),
    ]

    /// `convert_tf_discriminator` rules, in the official order.
    static let discriminator: [TFRule] = [
        TFRule("b{r}.fromrgb.weight", .conv) { block($0, "FromRGB/weight") },
        TFRule("b{r}.fromrgb.bias") { block($0, "FromRGB/bias") },
        TFRule("b{r}.conv0.weight", .conv) { block($0, "Conv0/weight") },
        TFRule("b{r}.conv0.bias") { block($0, "Conv0/bias") },
        TFRule("b{r}.conv1.weight", .conv) { block($0, "Conv1_down/weight") },
        TFRule("b{r}.conv1.bias") { block($0, "Conv1_down/bias") },
        TFRule("b{r}.skip.weight", .conv) { block($0, "Skip/weight") },
        TFRule("mapping.embed.weight", .transpose) { _ in "LabelEmbed/weight" },
        TFRule("mapping.embed.bias") { _ in "LabelEmbed/bias" },
        TFRule("mapping.fc{i}.weight", .transpose) { "Mapping\($0["i"] ?? 0)/weight" },
        TFRule("mapping.fc{i}.bias") { "Mapping\($0["i"] ?? 0)/bias" },
        TFRule("b4.conv.weight", .conv) { _ in "4x4/Conv/weight" },
        TFRule("b4.conv.bias") { _ in "4x4/Conv/bias" },
        TFRule("b4.fc.weight", .transpose) { _ in "4x4/Dense0/weight" },
        TFRule("b4.fc.bias") { _ in "4x4/Dense0/bias" },
        TFRule("b4.out.weight", .transpose) { _ in "Output/weight" },
        TFRule("b4.out.bias") { _ in "Output/bias" },
        TFRule("*.resample_filter", .none, nil),
    ]

    private static func res(_ captures: [String: Int], _ suffix: String) -> String {
        let r = captures["r"] ?? 0
        return "synthesis/\(r)x\(r)/\(suffix)"
    }
    private static func block(_ captures: [String: Int], _ suffix: String) -> String {
        let r = captures["r"] ?? 0
        return "\(r)x\(r)/\(suffix)"
    }
}

extension TFConversion {
    /// The TF variable the rule table reads for an official key ("" for keys kept from the
    /// constructor, nil for keys no rule covers).
    static func ruleSource(for key: String, generator: Bool) -> String? {
        guard let (rule, captures) = TFRule.match(key, in: generator ? TFRule.generator : TFRule.discriminator) else { return nil }
        return rule.source.map { $0(captures) } ?? ""
    }
}
