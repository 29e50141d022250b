/// The container formats GANPort reads, as named in `inspect` output and manifests.
public enum CheckpointFormat: String, CaseIterable, Sendable {
    /// NVIDIA stylegan2-ada-pytorch / stylegan3 network pickle (`network-snapshot-*.pkl`).
    case nvidiaNetworkPickle = "nvidia-network-pickle"
    /// NVIDIA TensorFlow-era StyleGAN / StyleGAN2 pickle (`dnnlib.tflib.network.Network`).
    case nvidiaTFPickle = "nvidia-tf-pickle"
    /// `torch.save` zip archive (PyTorch ≥ 1.6).
    case torchZip = "torch-zip"
    /// Pre-1.6 `torch.save` stream (magic number, protocol 1001, pickles, raw storages).
    case torchLegacy = "torch-legacy"
    /// A plain pickle that is none of the above.
    case pickle = "pickle"
    /// safetensors.
    case safetensors = "safetensors"
    /// HDF5 (datasets become tensors).
    case hdf5 = "hdf5"
    /// NumPy `.npy` array.
    case npy = "npy"
    /// NumPy `.npz` archive.
    case npz = "npz"
}
