import GANPortModels
import GANPortTensor

/// Fine-tuning of StyleGAN2-ADA networks with the semantics of NVlabs/stylegan2-ada-pytorch
/// (`training/loss.py`, `training/training_loop.py`, `training/augment.py`): losses and their
/// regularizers, Adam, G_ema, adaptive augmentation, and the `--cfg` presets of `train.py`.
///
/// Entry points: `StyleGAN2TrainingStep` (one official iteration of G, D and G_ema),
/// `StyleGAN2Loss` (the phases and their losses), `Adam`, `GeneratorEMA`, `TrainingOptions` /
/// `TrainingPreset` (`--cfg` and overrides), and `TrainStepGoldenRunner` (parity with recorded
/// official iterations; SPEC.md §12).
public enum Training {}
