import Foundation

/// One random draw the official code made, as recorded in a golden fixture.
public struct RecordedDraw: Equatable {
    /// Which PyTorch call drew it.
    public enum Kind: Equatable {
        /// `torch.randn` / `randn_like` / `normal_()`.
        case normal
        /// `torch.rand` / `rand_like` / `uniform_()`.
        case uniform
        /// `torch.randint(low, high)` / `random_(low, high)`.
        case integers(low: Int, high: Int)
    }

    public let kind: Kind
    public let shape: [Int]
    /// The drawn values, row-major (integers as exact floats).
    public let values: [Float]

    public init(kind: Kind, shape: [Int], values: [Float]) {
        self.kind = kind
        self.shape = shape
        self.values = values
    }
}

extension RecordedDraw {
    /// Draw `index` of a fixture: its `random_draws` entry and the values of `random/NNNN`, checked
    /// (kind, non-negative shape whose size fits `Int`, value count, and for `randint` integral values
    /// inside `low..<high`).
    public init(recorded entry: [String: Any], values: [Float]?, index: Int, path: String) throws {
        func invalid(_ reason: String) -> GoldenFixtureError { .invalidValue("random_draws[\(index)]", reason: reason, path: path) }
        let name = String(format: "random/%04d", index)
        guard let shape = entry["shape"] as? [Int], let kindName = entry["kind"] as? String else {
            throw invalid("needs a kind and an integer shape")
        }
        let kind: Kind
        switch kindName {
        case "randn": kind = .normal
        case "rand": kind = .uniform
        case "randint":
            guard let low = entry["low"] as? Int, let high = entry["high"] as? Int else { throw invalid("randint needs integer low and high") }
            guard low < high else { throw invalid("randint bounds \(low)..<\(high) are empty") }
            kind = .integers(low: low, high: high)
        default: throw invalid("kind '\(kindName)' is not randn, rand or randint")
        }
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard dimension >= 0, !overflow else { throw invalid("shape \(shape) has a negative or too large size") }
            count = product
        }
        guard let values else { throw GoldenFixtureError.missingTensor(name, path: path) }
        guard values.count == count else { throw invalid("shape \(shape) needs \(count) values, \(name) holds \(values.count)") }
        if case let .integers(low, high) = kind {
            let inside = values.allSatisfy { $0.isFinite && $0.rounded() == $0 && Double($0) >= Double(low) && Double($0) < Double(high) }
            guard inside else { throw invalid("\(name) holds values that are not integers in \(low)..<\(high)") }
        }
        self.init(kind: kind, shape: shape, values: values)
    }
}

/// A `RandomSource` that replays the draws of a golden fixture in order.
///
/// Fixture layout (SPEC.md §8): the root attribute `random_draws` is a JSON list with one object per
/// draw, `{"kind": "randn"|"rand"|"randint", "shape": [...], "low": L, "high": H}` (`low`/`high` for
/// `randint` only), and dataset `random/NNNN` (four digits, from 0000) holds the values of draw NNNN.
///
/// A request that does not match the next recorded draw (other kind, shape or bounds, or no draw left)
/// is remembered in `mismatch` and answered with zeros, so a runner can report it instead of
/// comparing numbers from different draws.
public final class RecordedRandomSource: RandomSource {
    /// The recorded draws, in order.
    public let draws: [RecordedDraw]
    /// Index of the next draw to hand out.
    public private(set) var position = 0
    /// The first request that did not match the recording, described.
    public private(set) var mismatch: String?

    /// A source replaying `draws`.
    public init(draws: [RecordedDraw]) { self.draws = draws }

    /// The draws recorded in `fixture` (none when it has no `random_draws` attribute).
    public convenience init(fixture: GoldenFixture) throws {
        guard let text = fixture.attribute("random_draws") else { self.init(draws: []); return }
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw GoldenFixtureError.missingAttribute("random_draws (a JSON list of objects)", path: fixture.path)
        }
        var draws: [RecordedDraw] = []
        for (index, entry) in list.enumerated() {
            let name = String(format: "random/%04d", index)
            draws.append(try RecordedDraw(recorded: entry, values: fixture.tensors[name]?.scalars, index: index, path: fixture.path))
        }
        self.init(draws: draws)
    }

    /// Number of recorded draws not yet handed out.
    public var remaining: Int { draws.count - position }

    public func normal(_ shape: [Int]) -> Tensor<Float> {
        Tensor(shape: shape, scalars: next(.normal, shape))
    }

    public func uniform(_ shape: [Int]) -> Tensor<Float> {
        Tensor(shape: shape, scalars: next(.uniform, shape))
    }

    public func integers(low: Int, high: Int, shape: [Int]) -> [Int] {
        next(.integers(low: low, high: high), shape).map { Int($0) }
    }

    private func next(_ kind: RecordedDraw.Kind, _ shape: [Int]) -> [Float] {
        let count = shape.reduce(1, *)
        guard mismatch == nil else { return [Float](repeating: 0, count: count) }
        guard position < draws.count else {
            mismatch = "draw \(position): \(kind) \(shape) requested, but the recording has only \(draws.count) draws"
            return [Float](repeating: 0, count: count)
        }
        let draw = draws[position]
        guard draw.kind == kind, draw.shape == shape else {
            mismatch = "draw \(position): \(kind) \(shape) requested, recorded \(draw.kind) \(draw.shape)"
            return [Float](repeating: 0, count: count)
        }
        position += 1
        return draw.values
    }
}
