import GANPortFormats

extension TFConversion {
    /// Reads TF `static_kwargs` like `legacy.py`'s `kwarg(tf_name, default, none)` and rejects unknown ones.
    struct StaticKwargs {
        let values: [(String, JSONValue)]
        let network: String
        var known = Set<String>()

        init(_ json: JSONValue, network: String) {
            values = json.objectValue ?? []
            self.network = network
        }

        /// The TF value (or `fallback` when absent); an explicit None becomes `none`.
        mutating func callAsFunction(_ name: String, _ fallback: JSONValue = .null, none: JSONValue = .null) -> JSONValue {
            known.insert(name)
            let value = values.first(where: { $0.0 == name })?.1 ?? fallback
            return value == .null ? none : value
        }

        func checkUnknown() throws {
            if let unknown = values.first(where: { !known.contains($0.0) }) {
                throw TFConversionError.unknownKwarg(network: network, name: unknown.0)
            }
        }
    }

    /// `fmap_base * 2` as Python computes it.
    static func doubled(_ value: JSONValue) -> JSONValue {
        if let i = value.intValue, case .int = value { return .int(i * 2) }
        if let d = value.doubleValue { return .double(d * 2) }
        return value
    }

    /// `convert_tf_generator` kwargs.
    static func generatorKwargs(_ staticKwargs: JSONValue, network: String) throws -> JSONValue {
        var kwarg = StaticKwargs(staticKwargs, network: network)
        let kwargs = JSONValue.object([
            ("z_dim", kwarg("latent_size", .int(512))),
            ("c_dim", kwarg("label_size", .int(0))),
            ("w_dim", kwarg("dlatent_size", .int(512))),
            ("img_resolution", kwarg("resolution", .int(1024))),
            ("img_channels", kwarg("num_channels", .int(3))),
            ("mapping_kwargs", .object([
                ("num_layers", kwarg("mapping_layers", .int(8))),
                ("embed_features", kwarg("label_fmaps")),
                ("layer_features", kwarg("mapping_fmaps")),
                ("activation", kwarg("mapping_nonlinearity", .string("lrelu"))),
                ("lr_multiplier", kwarg("mapping_lrmul", .double(0.01))),
                ("w_avg_beta", kwarg("w_avg_beta", .double(0.995), none: .int(1))),
            ])),
            ("synthesis_kwargs", .object([
                ("channel_base", doubled(kwarg("fmap_base", .int(16384)))),
                ("channel_max", kwarg("fmap_max", .int(512))),
                ("num_fp16_res", kwarg("num_fp16_res", .int(0))),
                ("conv_clamp", kwarg("conv_clamp")),
                ("architecture", kwarg("architecture", .string("skip"))),
                ("resample_filter", kwarg("resample_kernel", .array([1, 3, 3, 1].map { JSONValue.int($0) }))),
                ("use_noise", kwarg("use_noise", .bool(true))),
                ("activation", kwarg("nonlinearity", .string("lrelu"))),
            ])),
        ])
        for tolerated in ["truncation_psi", "truncation_cutoff", "style_mixing_prob", "structure"] { _ = kwarg(tolerated) }
        try kwarg.checkUnknown()
        return kwargs
    }

    /// `convert_tf_discriminator` kwargs.
    static func discriminatorKwargs(_ staticKwargs: JSONValue, network: String) throws -> JSONValue {
        var kwarg = StaticKwargs(staticKwargs, network: network)
        let kwargs = JSONValue.object([
            ("c_dim", kwarg("label_size", .int(0))),
            ("img_resolution", kwarg("resolution", .int(1024))),
            ("img_channels", kwarg("num_channels", .int(3))),
            ("architecture", kwarg("architecture", .string("resnet"))),
            ("channel_base", doubled(kwarg("fmap_base", .int(16384)))),
            ("channel_max", kwarg("fmap_max", .int(512))),
            ("num_fp16_res", kwarg("num_fp16_res", .int(0))),
            ("conv_clamp", kwarg("conv_clamp")),
            ("cmap_dim", kwarg("mapping_fmaps")),
            ("block_kwargs", .object([
                ("activation", kwarg("nonlinearity", .string("lrelu"))),
                ("resample_filter", kwarg("resample_kernel", .array([1, 3, 3, 1].map { JSONValue.int($0) }))),
                ("freeze_layers", kwarg("freeze_layers", .int(0))),
            ])),
            ("mapping_kwargs", .object([
                ("num_layers", kwarg("mapping_layers", .int(0))),
                ("embed_features", kwarg("mapping_fmaps")),
                ("layer_features", kwarg("mapping_fmaps")),
                ("activation", kwarg("nonlinearity", .string("lrelu"))),
                ("lr_multiplier", kwarg("mapping_lrmul", .double(0.1))),
            ])),
            ("epilogue_kwargs", .object([
                ("mbstd_group_size", kwarg("mbstd_group_size")),
                ("mbstd_num_channels", kwarg("mbstd_num_features", .int(1))),
                ("activation", kwarg("nonlinearity", .string("lrelu"))),
            ])),
        ])
        _ = kwarg("structure")
        try kwarg.checkUnknown()
        return kwargs
    }
}
