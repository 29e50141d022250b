import GANPortModels
import GANPortTensor

/// Fine-tuning of StyleGAN2-ADA networks with the semantics of NVlabs/stylegan2-ada-pytorch
/// (`training/loss.py`, `training/training_loop.py`, `training/augment.py`): losses and their
/// regularizers, Adam, G_ema, adaptive augmentation, and the `--cfg` presets of `train.py`.
public enum Training {}
