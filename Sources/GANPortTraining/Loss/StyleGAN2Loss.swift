import Foundation
import GANPortModels
import GANPortTensor

/// The official `StyleGAN2Loss` (`training/loss.py`): non-saturating logistic loss, R1 on real
/// images, path-length regularization with a running mean, style mixing, the training-mode generator
/// (w_avg updates, non-fused modulated convolution, per-layer random noise) and the optional
/// augmentation of every image the discriminator sees.
///
/// Every random number is drawn from the `RandomSource` passed to `accumulateGradients`, in the
/// official order: per generator call the style-mixing cutoff (`random_(1, num_ws)`), its coin
/// (`rand([])`) and the second latent (`randn_like(z)`), then one noise tensor per synthesis layer;
/// the path-length noise (`randn_like(img)`) after the generator call of the regularization phase;
/// then whatever the augmentation draws inside each discriminator call.
///
/// R1 and the path-length penalty differentiate through the engine's second-order autodiff
/// (`Tensor.gradients(…, createGraph: true)`), like `torch.autograd.grad(create_graph=True)`.
public final class StyleGAN2Loss {
    /// The generator being trained (its mapping's `w_avg` is updated by training-mode calls).
    public let generator: StyleGAN2.Generator
    /// The discriminator being trained.
    public let discriminator: StyleGAN2.Discriminator
    /// Applied to real and fake images before the discriminator (`augment_pipe`), or nil.
    public var augmentation: ImageAugmentation?
    /// Loss hyperparameters.
    public var options: StyleGAN2LossOptions
    /// Running mean of the path lengths (`pl_mean`, a float32 scalar; 0 at the start of a run).
    public var plMean: Float = 0

    public init(generator: StyleGAN2.Generator, discriminator: StyleGAN2.Discriminator,
                augmentation: ImageAugmentation? = nil, options: StyleGAN2LossOptions = StyleGAN2LossOptions()) {
        self.generator = generator
        self.discriminator = discriminator
        self.augmentation = augmentation
        self.options = options
    }

    /// `run_G(z, c)`: ws (with style mixing) and the training-mode image.
    public func runGenerator(_ z: Tensor<Float>, _ c: Tensor<Float>?, random: RandomSource) -> (img: Tensor<Float>, ws: Tensor<Float>) {
        let mapping = generator.mapping
        var ws = mapping(z, c, updateWAvg: true)
        if options.styleMixingProbability > 0 {
            let numWs = ws.shape[1]
            var cutoff = random.integers(low: 1, high: numWs, shape: []).first ?? numWs
            let coin = random.uniform([]).scalars.first ?? 1
            if !(coin < Float(options.styleMixingProbability)) { cutoff = numWs }
            let otherZ = random.normal(z.shape)
            if cutoff < numWs {
                let other = mapping(otherZ, c, updateWAvg: false)
                ws = Tensor.concatenated([ws.sliced(axis: 1, start: 0, end: cutoff), other.sliced(axis: 1, start: cutoff, end: numWs)], axis: 1)
            }
        }
        let img = generator.synthesis(ws, noiseSource: random, fusedModconv: false)
        return (img, ws)
    }

    /// `run_D(img, c)`: logits [N, 1] of the (augmented) images.
    public func runDiscriminator(_ img: Tensor<Float>, _ c: Tensor<Float>?, random: RandomSource) -> Tensor<Float> {
        let seen = augmentation.map { $0(img, random: random) } ?? img
        return discriminator(seen, c)
    }

    /// `accumulate_gradients(phase, real_img, real_c, gen_z, gen_c, sync, gain)`: runs one phase and
    /// accumulates the gradients of its losses (times `gain`) into the `grad` of every leaf that
    /// requires grad — the caller enables gradients on the trained network only, as the official
    /// loop does with `requires_grad_`. `realC`/`genC` are nil for an unconditional model.
    @discardableResult
    public func accumulateGradients(phase: TrainingPhaseKind, realImg: Tensor<Float>, realC: Tensor<Float>?,
                                    genZ: Tensor<Float>, genC: Tensor<Float>?, gain: Double,
                                    random: RandomSource) -> LossStatistics {
        var stats = LossStatistics()
        let doGmain = phase == .Gmain || phase == .Gboth
        let doDmain = phase == .Dmain || phase == .Dboth
        let doGpl = (phase == .Greg || phase == .Gboth) && options.plWeight != 0
        let doDr1 = (phase == .Dreg || phase == .Dboth) && options.r1Gamma != 0

        if doGmain {
            let (genImg, _) = runGenerator(genZ, genC, random: random)
            let genLogits = runDiscriminator(genImg, genC, random: random)
            stats.report("Loss/scores/fake", genLogits)
            stats.report("Loss/signs/fake", Self.sign(genLogits))
            let loss = (-genLogits).softplus()
            stats.report("Loss/G/loss", loss)
            loss.mean().scaled(by: gain).backward()
        }

        if doGpl {
            let batch = genZ.shape[0] / options.plBatchShrink
            let (genImg, genWs) = runGenerator(genZ.sliced(axis: 0, start: 0, end: batch),
                                               genC?.sliced(axis: 0, start: 0, end: batch), random: random)
            let divisor = Float(Double(genImg.shape[2] * genImg.shape[3]).squareRoot())
            let drawn = random.normal(genImg.shape)
            let plNoise = Tensor(shape: drawn.shape, scalars: drawn.scalars.map { $0 / divisor })
            let plLengths = Regularizers.pathLengths(images: genImg, ws: genWs, noise: plNoise)
            let previous = Tensor(plMean)
            let updated = previous + (plLengths.mean() - previous).scaled(by: options.plDecay)  // lerp, weight < 0.5
            plMean = updated.item
            let penalty = (plLengths - updated).square()
            stats.report("Loss/pl_penalty", penalty)
            let loss = penalty.scaled(by: options.plWeight)
            stats.report("Loss/G/reg", loss)
            let corner = genImg.sliced(axis: 1, start: 0, end: 1).sliced(axis: 2, start: 0, end: 1)
                .sliced(axis: 3, start: 0, end: 1).reshaped([batch])
            (corner.scaled(by: 0) + loss).mean().scaled(by: gain).backward()
        }

        var lossDgen: Tensor<Float>?
        if doDmain {
            let (genImg, _) = runGenerator(genZ, genC, random: random)
            let genLogits = runDiscriminator(genImg, genC, random: random)
            stats.report("Loss/scores/fake", genLogits)
            stats.report("Loss/signs/fake", Self.sign(genLogits))
            let loss = genLogits.softplus()
            lossDgen = loss
            loss.mean().scaled(by: gain).backward()
        }

        if doDmain || doDr1 {
            let realImgTmp = Tensor(shape: realImg.shape, scalars: realImg.scalars, requiresGrad: doDr1)
            let realLogits = runDiscriminator(realImgTmp, realC, random: random)
            stats.report("Loss/scores/real", realLogits)
            stats.report("Loss/signs/real", Self.sign(realLogits))
            var total = realLogits.scaled(by: 0)
            if doDmain {
                let lossDreal = (-realLogits).softplus()
                stats.report("Loss/D/loss", lossDgen.map { $0.detached() + lossDreal.detached() } ?? lossDreal)
                total = total + lossDreal
            }
            if doDr1 {
                let r1Penalty = Regularizers.r1Penalty(logits: realLogits, images: realImgTmp)
                let lossDr1 = r1Penalty.scaled(by: options.r1Gamma / 2)
                stats.report("Loss/r1_penalty", r1Penalty)
                stats.report("Loss/D/reg", lossDr1)
                total = total + lossDr1  // [N, 1] + [N] broadcasts to [N, N], as in the official code
            }
            total.mean().scaled(by: gain).backward()
        }
        return stats
    }

    /// `torch.sign` of a detached tensor.
    static func sign(_ x: Tensor<Float>) -> Tensor<Float> {
        Tensor(shape: x.shape, scalars: x.scalars.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
    }
}
