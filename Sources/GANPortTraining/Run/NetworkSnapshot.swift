import GANPortFormats
import GANPortModels
import GANPortTensor

/// The networks of a training snapshot: G, D, G_ema with their configurations, and the
/// augmentation pipe's tensors when the run augments.
///
/// On disk (`write(to:ganportVersion:)`):
/// * `network.safetensors`: every tensor under its flattened NVIDIA name (`G.<key>`, `D.<key>`,
///   `G_ema.<key>`, `augment_pipe.<key>`), the names `ganport inspect` gives the official pickle.
///   `__metadata__`: `format` = `ganport-finetune-snapshot`, `ganport.snapshot_version`,
///   `cur_nimg`, `ganport.version`, `G.init_kwargs` and `D.init_kwargs` (the constructor
///   arguments as JSON), and `ganport.source_metadata` with the same arguments in the form
///   `ganport convert` records, so `StyleGAN2.Generator.load(path:key:)` reads the file directly.
/// * `G.pt`, `D.pt`, `G_ema.pt`: plain PyTorch zip state dicts with the official keys, loadable
///   with `torch.load(path, weights_only=True)` and `load_state_dict` into the official classes.
public struct NetworkSnapshot {
    /// File name of the combined safetensors file.
    public static let fileName = "network.safetensors"
    /// `format` metadata of that file.
    public static let format = "ganport-finetune-snapshot"
    /// Version of the layout written (the newest read).
    public static let version = 1
    /// Network keys in the file, in order, with their `.pt` file names.
    public static let networkKeys = ["G", "D", "G_ema"]
    /// Prefix of the augmentation pipe's tensors.
    public static let augmentPipeKey = "augment_pipe"

    /// Real images shown to D when the snapshot was taken.
    public var curNimg: Int
    /// Configuration of G and G_ema.
    public var generatorConfig: StyleGAN2.GeneratorConfig
    /// Configuration of D.
    public var discriminatorConfig: StyleGAN2.DiscriminatorConfig
    /// G's state dict (official keys, official order when taken from a module).
    public var generator: StateDict
    /// D's state dict.
    public var discriminator: StateDict
    /// G_ema's state dict.
    public var generatorEMA: StateDict
    /// The augmentation pipe's tensors without prefix (`p`, ...); empty when not augmenting.
    public var augmentPipe: StateDict

    /// A snapshot of state dicts.
    public init(curNimg: Int, generatorConfig: StyleGAN2.GeneratorConfig, discriminatorConfig: StyleGAN2.DiscriminatorConfig,
                generator: StateDict, discriminator: StateDict, generatorEMA: StateDict, augmentPipe: StateDict = []) {
        self.curNimg = curNimg
        self.generatorConfig = generatorConfig
        self.discriminatorConfig = discriminatorConfig
        self.generator = generator
        self.discriminator = discriminator
        self.generatorEMA = generatorEMA
        self.augmentPipe = augmentPipe
    }

    /// A snapshot of live networks (their current values; the tensors are shared, so write it
    /// before the next optimizer step).
    public init(curNimg: Int, generator: StyleGAN2.Generator, discriminator: StyleGAN2.Discriminator,
                generatorEMA: StyleGAN2.Generator, augmentPipe: StateDict = []) {
        self.init(curNimg: curNimg, generatorConfig: generator.config, discriminatorConfig: discriminator.config,
                  generator: generator.stateDict(), discriminator: discriminator.stateDict(),
                  generatorEMA: generatorEMA.stateDict(), augmentPipe: augmentPipe)
    }

    /// The state dict of a network key (`G`, `D`, `G_ema`, `augment_pipe`).
    public func stateDict(_ key: String) -> StateDict {
        switch key {
        case "G": return generator
        case "D": return discriminator
        case "G_ema": return generatorEMA
        case NetworkSnapshot.augmentPipeKey: return augmentPipe
        default: return []
        }
    }

    /// All tensors under their flattened names, G, D, G_ema then the augmentation pipe.
    public var flattenedTensors: [(name: String, tensor: Tensor<Float>)] {
        (NetworkSnapshot.networkKeys + [NetworkSnapshot.augmentPipeKey]).flatMap { key in
            stateDict(key).map { (name: key + "." + $0.name, tensor: $0.tensor) }
        }
    }

    /// A generator built from `G_ema` (or `G` when `ema` is false).
    public func makeGenerator(ema: Bool = true) throws -> StyleGAN2.Generator {
        try StyleGAN2.Generator(config: generatorConfig, stateDict: ema ? generatorEMA : generator)
    }

    /// The discriminator.
    public func makeDiscriminator() throws -> StyleGAN2.Discriminator {
        try StyleGAN2.Discriminator(config: discriminatorConfig, stateDict: discriminator)
    }
}
