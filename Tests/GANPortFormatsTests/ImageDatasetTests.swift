import Foundation
import XCTest
@testable import GANPortFormats

/// Datasets read like the official `ImageFolderDataset` (expectations written by it).
final class ImageDatasetTests: XCTestCase {
    struct Case: Decodable {
        struct Options: Decodable { let use_labels: Bool?; let xflip: Bool?; let max_size: Int?; let random_seed: Int? }
        struct Item: Decodable { let image: String; let label: [Float] }
        let options: Options
        let image_files: [String]
        let raw_idx: [Int]
        let image_shape: [Int]
        let label_shape: [Int]
        let items: [Item]
    }
    struct Expected: Decodable { let datasets: [String: [Case]] }

    static func expected() throws -> [String: [Case]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("datasets/expected.json")))
        return try JSONDecoder().decode(Expected.self, from: data).datasets
    }

    /// Options for a case; `max_size` subsets take the official raw indices first (the NumPy
    /// shuffle itself is checked where GANPortTensor is available).
    static func options(for test: Case) -> ImageDatasetOptions {
        var unique: [Int] = []
        for index in test.raw_idx where !unique.contains(index) { unique.append(index) }
        let shuffle: (inout [Int]) -> Void = { indices in indices = unique + indices.filter { !unique.contains($0) } }
        return ImageDatasetOptions(useLabels: test.options.use_labels ?? false, maxSize: test.options.max_size,
                                   subsetShuffle: shuffle, xflip: test.options.xflip ?? false)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    func testEveryDatasetAndOptionSetMatchesTheOfficialLoader() throws {
        let all = try Self.expected()
        XCTAssertEqual(all.count, 4)
        for (name, cases) in all {
            for test in cases {
                let dataset = try ImageDataset(path: Fixtures.path("datasets/\(name)"), options: Self.options(for: test))
                let context = "\(name) \(test.options)"
                XCTAssertEqual(dataset.imageFiles, test.image_files, context)
                XCTAssertEqual(dataset.rawIndices, test.raw_idx, context)
                XCTAssertEqual(dataset.imageShape, test.image_shape, context)
                XCTAssertEqual([dataset.labelDimension], test.label_shape, context)
                XCTAssertEqual(dataset.count, test.items.count, context)
                for (index, item) in test.items.enumerated() {
                    XCTAssertEqual(Self.hex(try dataset.image(at: index).pixels), item.image, "\(context) image \(index)")
                    XCTAssertEqual(try dataset.label(at: index), item.label, "\(context) label \(index)")
                }
            }
        }
    }

    func testNameResolutionAndMirrorFlags() throws {
        let dataset = try ImageDataset(path: Fixtures.path("datasets/labeled.zip"), options: ImageDatasetOptions(useLabels: true, xflip: true))
        XCTAssertEqual(dataset.name, "labeled")
        XCTAssertEqual(dataset.resolution, 8)
        XCTAssertEqual(dataset.channelCount, 3)
        XCTAssertTrue(dataset.labels.isOneHot)
        XCTAssertEqual(try dataset.isMirrored(4), false)
        XCTAssertEqual(try dataset.isMirrored(5), true)
        XCTAssertEqual(try dataset.image(at: 5), try dataset.image(at: 0).mirrored())
        XCTAssertNoThrow(try dataset.validateAllImages())
    }

    func testWithoutMaxSizeShuffleTheFirstImagesAreKept() throws {
        let dataset = try ImageDataset(path: Fixtures.path("datasets/gray.zip"), options: ImageDatasetOptions(maxSize: 2))
        XCTAssertEqual(dataset.rawIndices, [0, 1])
    }

    func testDatasetsCanBeReadFromSeveralThreads() throws {
        let dataset = try ImageDataset(path: Fixtures.path("datasets/folder"), options: ImageDatasetOptions(xflip: true))
        let reference = try (0..<dataset.count).map { try dataset.image(at: $0) }
        let results = UnsafeMutableBufferPointer<DatasetImage?>.allocate(capacity: dataset.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: dataset.count) { results[$0] = try? dataset.image(at: $0) }
        XCTAssertEqual(Array(results), reference.map { Optional($0) })
    }
}
