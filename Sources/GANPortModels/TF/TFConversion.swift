import GANPortFormats

/// Conversion of TF-era NVIDIA pickles into official PyTorch state dicts (`legacy.py` rules).
enum TFConversion {
    /// Constructor kwargs and state dict of network `key` (`G`, `D`, `G_ema` = `Gs`).
    static func stateDict(_ pickle: TFNetworkPickle, key: String) throws -> (kwargs: JSONValue?, tensors: [NamedTensor]) {
        throw ModelLoadError.unsupportedContent("a TensorFlow-era pickle (conversion not available)")
    }
}
