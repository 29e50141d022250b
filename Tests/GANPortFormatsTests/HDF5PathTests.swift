import XCTest
@testable import GANPortFormats

final class HDF5PathTests: XCTestCase {
    func testDotsAndSlashesBecomeGroups() throws {
        XCTAssertEqual(try CheckpointWriter.hdf5Paths(for: ["G_ema.mapping.fc0.weight", "Gs.synthesis/4x4/Const/const"]),
                       ["G_ema/mapping/fc0/weight", "Gs/synthesis/4x4/Const/const"])
    }

    func testDatasetThatIsAlsoAGroupIsRefused() {
        XCTAssertThrowsError(try CheckpointWriter.hdf5Paths(for: ["a.b", "a.b.c"])) { error in
            XCTAssertEqual(error as? CheckpointWriterError, .hdf5NameCollision("a.b", "a.b.c"))
        }
        XCTAssertThrowsError(try CheckpointWriter.hdf5Paths(for: ["a.b.c", "a.b"])) { error in
            XCTAssertEqual(error as? CheckpointWriterError, .hdf5NameCollision("a.b.c", "a.b"))
        }
    }

    func testSlashAndDotSpellingsCollide() {
        XCTAssertThrowsError(try CheckpointWriter.hdf5Paths(for: ["a.b", "a/b"]))
    }

    func testEmptyComponentIsRefused() {
        XCTAssertThrowsError(try CheckpointWriter.hdf5Paths(for: ["a..b"])) { error in
            XCTAssertEqual(error as? CheckpointWriterError, .invalidHDF5Name("a..b"))
        }
    }
}
