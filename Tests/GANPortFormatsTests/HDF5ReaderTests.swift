import XCTest
@testable import GANPortFormats

final class HDF5ReaderTests: XCTestCase {
    private var basic: HDF5File!

    override func setUpWithError() throws {
        basic = try HDF5File(path: HDF5Fixtures.path("h5py_basic.h5"))
    }

    func testDatasetsMatchManifestBitExact() throws {
        let expected = try HDF5Fixtures.manifestDatasets("h5py_basic.h5")
        XCTAssertEqual(basic.datasets.map(\.path).sorted(), expected.compactMap { $0["path"] as? String })
        for entry in expected {
            let path = try XCTUnwrap(entry["path"] as? String)
            let info = try basic.dataset(at: path)
            XCTAssertEqual(info.dtype?.rawValue, entry["dtype"] as? String, path)
            XCTAssertEqual(info.shape, entry["shape"] as? [Int], path)
            let tensor = try basic.tensor(at: path)
            XCTAssertEqual(HDF5Fixtures.sha256Hex(try tensor.contiguousBytes()), entry["sha256"] as? String, path)
            if let chunks = entry["chunks"] as? [Int] { XCTAssertEqual(info.layout, .chunked(chunks), path) }
        }
    }

    /// Depth-first, children in name order, like h5py's `visit`.
    func testWalkOrderGroupsAndTensorNames() {
        XCTAssertEqual(basic.datasets.map(\.tensorName), [
            "big_endian.f4", "big_endian.i8", "compressed.gzip", "compressed.shuffle", "empty",
            "ints.i16", "ints.i32", "ints.i64", "ints.i8", "ints.u8", "mask",
            "model.block1.conv.bias", "model.block1.conv.weight", "model.block1.scale", "model.half",
            "scalar", "scalar_int",
        ])
        XCTAssertEqual(basic.groups, ["/", "/big_endian", "/compressed", "/ints", "/model", "/model/block1", "/model/block1/conv"])
    }

    func testSoftExternalAndRepeatedLinksAreSkippedNotFollowed() {
        XCTAssertEqual(basic.skippedLinks, [
            HDF5SkippedLink(path: "/alias", kind: .soft(target: "/model/half")),
            HDF5SkippedLink(path: "/elsewhere", kind: .external(file: "other_file.h5", object: "/secret")),
            HDF5SkippedLink(path: "/model_again", kind: .repeatedGroup),
        ])
        assertHDF5Throws(try basic.tensor(at: "/elsewhere"), .objectNotFound(path: "/elsewhere"))
        assertHDF5Throws(try basic.attributes(at: "/alias"), .objectNotFound(path: "/alias"))
    }

    func testChunkingAndCompressionAreReported() throws {
        let gzip = try basic.dataset(at: "compressed/gzip")
        XCTAssertEqual(gzip.layout, .chunked([16, 40]))
        XCTAssertEqual(gzip.filters.map(\.id), [1])
        XCTAssertEqual(gzip.filters.first?.parameters, [6])
        XCTAssertEqual(gzip.filters.first?.isAvailable, true)
        XCTAssertEqual(try basic.dataset(at: "compressed/shuffle").filters.map(\.id), [2, 1])
        XCTAssertEqual(try basic.dataset(at: "mask").layout, .contiguous)
    }

    func testScalarEmptyBoolAndBigEndian() throws {
        let scalar = try basic.tensor(at: "/scalar")
        XCTAssertEqual(scalar.shape, [])
        XCTAssertEqual(try scalar.contiguousBytes().array, Array(withUnsafeBytes(of: Float(3.5).bitPattern.littleEndian, Array.init)))
        XCTAssertEqual(try basic.tensor(at: "empty").shape, [0, 3])
        XCTAssertEqual(try basic.tensor(at: "empty").contiguousBytes().count, 0)
        XCTAssertEqual(try basic.tensor(at: "mask").dtype, .bool)
        XCTAssertEqual(try basic.tensor(at: "mask").contiguousBytes().array, [1, 0, 0, 1])
        let bigEndian = try basic.tensor(at: "big_endian/i8").contiguousBytes().array
        XCTAssertEqual(bigEndian, [-2, -1, 0, 1].flatMap { withUnsafeBytes(of: Int64($0).littleEndian, Array.init) })
    }

    func testRootAttributesAsJSON() throws {
        let attributes = Dictionary(uniqueKeysWithValues: try basic.attributes(at: "/"))
        XCTAssertEqual(attributes["format"], .string("ganport-test"))
        XCTAssertEqual(attributes["fixed"], .string("fixed-ascii"))
        XCTAssertEqual(attributes["unicode"], .string("h\u{e9}llo \u{4e16}\u{754c}"))
        XCTAssertEqual(attributes["count"], .int(42))
        XCTAssertEqual(attributes["negative"], .int(-5))
        XCTAssertEqual(attributes["unsigned"], .int(4_000_000_000))
        XCTAssertEqual(attributes["scale"], .double(0.5))
        XCTAssertEqual(attributes["single"], .double(1.25))
        XCTAssertEqual(attributes["flag"], .bool(true))
        XCTAssertEqual(attributes["sizes"], .array([.int(4), .int(8), .int(16)]))
        XCTAssertEqual(attributes["weights"], .array([.double(0.25), .double(-1.5)]))
        XCTAssertEqual(attributes["names"], .array([.string("conv"), .string("dense")]))
        XCTAssertEqual(attributes["layer_names"], .array([.string("dense_1"), .string("out")]))
        XCTAssertEqual(attributes["empty_list"], .array([]))
        XCTAssertEqual(attributes["matrix"], .array([.array([.int(0), .int(1), .int(2)]), .array([.int(3), .int(4), .int(5)])]))
        XCTAssertEqual(try basic.attributeNames(at: "/"), try basic.attributeNames(at: "/").sorted())
    }

    func testGroupAndDatasetAttributes() throws {
        XCTAssertEqual(try basic.attribute("kind", at: "model/block1/conv"), .string("conv2d"))
        XCTAssertEqual(try basic.attribute("stride", at: "/model/block1/conv"), .int(2))
        XCTAssertEqual(try basic.attribute("fan_in", at: "model/block1/conv/weight"), .int(27))
        XCTAssertEqual(try basic.attribute("note", at: "model/block1/conv/weight"), .string("space  "))
    }

    func testCheckpointHasAllTensorsAndRootMetadata() throws {
        let checkpoint = try basic.checkpoint()
        XCTAssertEqual(checkpoint.format, .hdf5)
        XCTAssertEqual(checkpoint.tensors.count, basic.datasets.count)
        XCTAssertEqual(checkpoint.metadata.first?.0, "count")
    }

    /// The specification allows the signature at 512, 1024, … after a user block.
    func testSignatureAfterUserBlock() throws {
        let file = try HDF5File(path: HDF5Fixtures.path("h5py_userblock.h5"))
        let expected = try HDF5Fixtures.manifestDatasets("h5py_userblock.h5")
        XCTAssertEqual(HDF5Fixtures.sha256Hex(try file.tensor(at: "x").contiguousBytes()), expected.first?["sha256"] as? String)
    }
}
