import Foundation
import GANPortFormats
import GANPortTensor
import XCTest

/// `max_size` subsets drawn with NumPy's `RandomState(seed).shuffle`, as the official dataset does.
final class DatasetSubsetTests: XCTestCase {
    private struct Case: Decodable {
        struct Options: Decodable { let use_labels: Bool?; let xflip: Bool?; let max_size: Int?; let random_seed: Int? }
        let options: Options
        let raw_idx: [Int]
    }
    private struct Expected: Decodable { let datasets: [String: [Case]] }

    func testMaxSizeSubsetsMatchTheOfficialRawIndices() throws {
        let data = try Data(contentsOf: CommandTests.fixtures.appendingPathComponent("datasets/expected.json"))
        var checked = 0
        for (name, cases) in try JSONDecoder().decode(Expected.self, from: data).datasets {
            for test in cases {
                guard let maxSize = test.options.max_size, let seed = test.options.random_seed else { continue }
                let options = ImageDatasetOptions(useLabels: test.options.use_labels ?? false, maxSize: maxSize, subsetShuffle: { indices in
                    var random = NumPyRandomState(seed: UInt32(seed))
                    random.shuffle(&indices)
                }, xflip: test.options.xflip ?? false)
                let dataset = try ImageDataset(path: CommandTests.fixtures.appendingPathComponent("datasets/\(name)").path, options: options)
                XCTAssertEqual(dataset.rawIndices, test.raw_idx, "\(name) \(test.options)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 3)
    }
}
