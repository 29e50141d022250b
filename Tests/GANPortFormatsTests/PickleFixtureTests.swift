import Foundation
import XCTest
@testable import GANPortFormats

/// Streams written by CPython's `pickle` for protocols 0–5 (tools/make_pickle_fixtures.py).
final class PickleFixtureTests: XCTestCase {
    struct Entry: Decodable {
        struct ExpectedError: Decodable { let `case`: String; let opcode: String; let offset: Int }
        let name: String
        let opcodes: [String]
        let expected: String?
        let error: ExpectedError?
    }

    func manifest() throws -> [Entry] {
        let data = try Data(contentsOf: PickleTestSupport.fixtures.appendingPathComponent("manifest.json"))
        return try JSONDecoder().decode([Entry].self, from: data)
    }

    func testEveryFixtureReadsAsPythonBuiltIt() throws {
        for entry in try manifest() {
            guard let expected = entry.expected else { continue }
            let result = try PickleTestSupport.load(entry.name + ".pkl")
            XCTAssertEqual(result.value.canonicalText(), expected, entry.name)
            XCTAssertEqual(result.endOffset, try PickleTestSupport.bytes(entry.name + ".pkl").count, entry.name)
        }
    }

    func testFixturesCoverEveryOpcode() throws {
        let seen = Set(try manifest().flatMap(\.opcodes))
        XCTAssertEqual(Set(PickleOpcode.allCases.map(\.name)).subtracting(seen), [])
        XCTAssertEqual(PickleOpcode.allCases.count, 68)
    }

    func testOutOfBandBufferIsRefused() throws {
        for entry in try manifest() {
            guard let expected = entry.error else { continue }
            XCTAssertEqual(expected.case, "outOfBandBuffer")
            XCTAssertThrowsError(try PickleTestSupport.load(entry.name + ".pkl")) { error in
                XCTAssertEqual(error as? PickleError, .outOfBandBuffer(opcode: expected.opcode, offset: expected.offset))
            }
        }
    }

    func testProtocolVersionIsReported() throws {
        for version in 0...5 {
            XCTAssertEqual(try PickleTestSupport.load("kitchen_sink_p\(version).pkl").protocolVersion,
                           version == 0 || version == 1 ? 0 : version)
        }
    }

    func testBuiltinFixturesHaveNoFindings() throws {
        for version in 0...5 {
            let result = try PickleTestSupport.load("kitchen_sink_p\(version).pkl")
            XCTAssertEqual(result.findings, [], "protocol \(version)")
        }
    }

    func testProtocol2GlobalsAreRenamedToPython3() throws {
        let result = try PickleTestSupport.load("kitchen_sink_p2.pkl")
        XCTAssertEqual(result.globals.map(\.description),
                       ["builtins.bytes", "_codecs.encode", "builtins.bytearray", "builtins.set", "builtins.frozenset",
                        "collections.OrderedDict"])
    }

    func testObjectsAreInertRecordsWithFindings() throws {
        let p0 = try PickleTestSupport.load("object_p0.pkl")
        XCTAssertEqual(p0.findings.map(\.severity), [.unknownCall])
        XCTAssertEqual(p0.findings.first?.qualifiedName, "fixturemod.Thing")
        let p2 = try PickleTestSupport.load("object_p2.pkl")
        XCTAssertEqual(p2.findings.map(\.qualifiedName), ["fixturemod.Thing"])
        XCTAssertEqual(p2.value.object?.creation, .newObj)
        let ext = try PickleTestSupport.load("ext_codes_p2.pkl")
        XCTAssertEqual(ext.findings.map(\.name), ["EXT1", "EXT2"])
        XCTAssertEqual(try PickleTestSupport.load("ext4_p2.pkl").findings.map(\.name), ["EXT4"])
    }

    func testPersistentIDsStayReferences() throws {
        let result = try PickleTestSupport.load("persistent_ids_p2.pkl")
        guard case let .persistentID(id)? = result.value.listItems?[1] else { return XCTFail("no persistent id") }
        XCTAssertEqual(id.string, "storage0")
    }
}
