import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import GANPortFormats

/// Dataset folders holding things that are not image files, and labels beyond float32.
final class ImageDatasetSpecialFilesTests: XCTestCase {
    private func folder(images: Int) throws -> String {
        let path = NSTemporaryDirectory() + "ganport-dataset-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        for index in 0..<images {
            let image = PNGImage(width: 4, height: 4, layout: .rgb, samples: .uint8([UInt8](repeating: UInt8(index), count: 48)))
            try PNGEncoder.write(image, to: path + "/img\(index).png")
        }
        return path
    }

    /// A FIFO named like an image is skipped (opening it would block forever).
    func testFIFOsAreNotImages() throws {
        let path = try folder(images: 1)
        XCTAssertEqual(mkfifo(path + "/zz.png", 0o644), 0)
        let dataset = try ImageDataset(path: path)
        XCTAssertEqual(dataset.count, 1)
        XCTAssertEqual(dataset.imageFiles, ["img0.png"])
    }

    func testVectorLabelsMustFitFloat32() throws {
        let path = try folder(images: 2)
        try Data(#"{"labels": [["img0.png", [1.0, 2.0]], ["img1.png", [1e39, 0.5]]]}"#.utf8)
            .write(to: URL(fileURLWithPath: path + "/dataset.json"))
        XCTAssertThrowsError(try ImageDataset(path: path, options: ImageDatasetOptions(useLabels: true))) { error in
            guard case ImageDatasetError.invalidLabel(file: "img1.png", _) = error else { return XCTFail("\(error)") }
        }
    }
}
