/// Where training code draws its random numbers, one call per official PyTorch draw.
///
/// The official training code draws with `torch.randn`, `torch.rand` and `torch.randint` (or their
/// `_like` / in-place forms) in a fixed order. GANPort's training code makes the same calls in the
/// same order through this protocol, so a run can either draw fresh numbers
/// (`NumPyRandomSource`, seeded and resumable) or replay the numbers the official code drew
/// (`RecordedRandomSource`, from a golden fixture) and then match it tensor by tensor.
public protocol RandomSource: AnyObject {
    /// `torch.randn(shape)`: standard normal float32 values.
    func normal(_ shape: [Int]) -> Tensor<Float>
    /// `torch.rand(shape)`: uniform float32 values in [0, 1).
    func uniform(_ shape: [Int]) -> Tensor<Float>
    /// `torch.randint(low, high, shape)` / `Tensor.random_(low, high)`: integers in `low..<high`,
    /// row-major.
    func integers(low: Int, high: Int, shape: [Int]) -> [Int]
}
