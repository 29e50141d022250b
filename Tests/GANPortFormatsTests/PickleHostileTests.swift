import Foundation
import XCTest
@testable import GANPortFormats

/// The hostile corpus (fixtures/pickle/hostile/README.md): each file gets its specific
/// finding or error, and loading never runs anything.
final class PickleHostileTests: XCTestCase {
    static let marker = "/tmp/ganport_pickle_pwned"

    override func setUp() {
        try? FileManager.default.removeItem(atPath: Self.marker)
    }

    override func tearDown() {
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.marker), "a payload ran")
    }

    func findings(_ name: String) throws -> [SecurityFinding] {
        try PickleTestSupport.load("hostile/\(name).pkl").findings
    }

    func finding(_ severity: SecurityFinding.Severity, _ module: String, _ name: String, at offset: Int,
                 in file: String) -> SecurityFinding {
        SecurityFinding(severity: severity, module: module, name: name, byteOffset: offset, stream: "hostile/\(file).pkl")
    }

    func error(_ name: String) -> PickleError? {
        do {
            _ = try PickleTestSupport.load("hostile/\(name).pkl")
            return nil
        } catch {
            return error as? PickleError
        }
    }

    func testOsSystemThroughReduce() throws {
        let result = try PickleTestSupport.load("hostile/os_system_reduce.pkl")
        XCTAssertEqual(result.findings, [finding(.dangerous, "posix", "system", at: 2, in: "os_system_reduce")])
        XCTAssertEqual(result.value.object?.global, PickleGlobal("posix", "system"))
    }

    func testBuiltinsEvalWithPython2ModuleName() throws {
        XCTAssertEqual(try findings("builtins_eval"), [finding(.dangerous, "builtins", "eval", at: 2, in: "builtins_eval")])
    }

    func testBuiltinsExecThroughStackGlobal() throws {
        XCTAssertEqual(try findings("builtins_exec"), [finding(.dangerous, "builtins", "exec", at: 29, in: "builtins_exec")])
    }

    func testGetattrChain() throws {
        XCTAssertEqual(try findings("getattr_chain"), [
            finding(.dangerous, "builtins", "getattr", at: 2, in: "getattr_chain"),
            finding(.dangerous, "builtins", "__import__", at: 23, in: "getattr_chain"),
            finding(.unknownCall, "", "<object (builtins.getattr)>", at: 106, in: "getattr_chain"),
        ])
    }

    func testSubprocessPopenThroughNewObj() throws {
        let result = try PickleTestSupport.load("hostile/subprocess_popen_newobj.pkl")
        XCTAssertEqual(result.findings, [finding(.dangerous, "subprocess", "Popen", at: 2, in: "subprocess_popen_newobj")])
        XCTAssertEqual(result.value.object?.creation, .newObj)
    }

    func testInstCallsOsSystem() throws {
        XCTAssertEqual(try findings("inst_os_system"), [finding(.dangerous, "os", "system", at: 36, in: "inst_os_system")])
    }

    func testObjCallsOsSystem() throws {
        XCTAssertEqual(try findings("obj_os_system"), [finding(.dangerous, "os", "system", at: 1, in: "obj_os_system")])
    }

    func testObjCallOfUnknownClass() throws {
        XCTAssertEqual(try findings("obj_unknown_class"),
                       [finding(.unknownCall, "gadgets", "Gadget", at: 22, in: "obj_unknown_class")])
    }

    func testExtensionOpcode() throws {
        XCTAssertEqual(try findings("ext_opcode"), [
            finding(.unsafeOpcode, "", "EXT1", at: 2, in: "ext_opcode"),
            finding(.unknownCall, "copyreg._extension_registry", "1", at: 15, in: "ext_opcode"),
        ])
    }

    func testImportThroughStackGlobal() throws {
        XCTAssertEqual(try findings("import_stack_global"),
                       [finding(.dangerous, "builtins", "__import__", at: 24, in: "import_stack_global")])
    }

    func testDunderAttributePathIsDangerous() throws {
        XCTAssertEqual(try findings("dunder_attribute"), [
            finding(.dangerous, "collections", "OrderedDict.__init__.__globals__", at: 49, in: "dunder_attribute"),
        ])
    }

    func testReconstructorOfUnknownClass() throws {
        XCTAssertEqual(try findings("reconstructor_gadget"),
                       [finding(.unknownCall, "gadgets", "Evil", at: 63, in: "reconstructor_gadget")])
    }

    func testDeepNestingStopsAtTheDepthLimitQuickly() {
        let start = Date()
        XCTAssertEqual(error("deep_nesting"), .depthLimitExceeded(limit: 1000, opcode: "TUPLE1", offset: 1002))
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testMemoBombStaysShared() throws {
        let start = Date()
        let result = try PickleTestSupport.load("hostile/memo_bomb.pkl")
        XCTAssertThrowsError(try result.value.walk(maxNodes: 100_000) { _, _ in true }) { error in
            XCTAssertEqual(error as? PickleWalkError, .nodeLimitExceeded(limit: 100_000))
        }
        XCTAssertTrue(result.value.canonicalText(maxLength: 10_000).hasSuffix("…"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testHugeMemoIndexCostsOneSlot() throws {
        XCTAssertTrue(try PickleTestSupport.load("hostile/memo_huge_index.pkl").value.isNone)
    }

    func testHugeDeclaredLength() {
        XCTAssertEqual(error("huge_binbytes8"),
                       .declaredLengthPastEnd(opcode: "BINBYTES8", offset: 2, declared: 1 << 62, available: 3))
    }

    func testTruncatedFiles() throws {
        XCTAssertEqual(error("truncated_in_argument"), .truncatedArgument(opcode: "BININT", offset: 62))
        XCTAssertEqual(error("truncated_in_payload"),
                       .declaredLengthPastEnd(opcode: "BINUNICODE", offset: 298, declared: 6, available: 2))
        let count = try PickleTestSupport.bytes("hostile/truncated_no_stop.pkl").count
        XCTAssertEqual(error("truncated_no_stop"), .missingStop(offset: count))
    }

    func testFrameStraddle() {
        XCTAssertEqual(error("frame_straddle"), .frameStraddle(opcode: "SHORT_BINUNICODE", offset: 11, frameEnd: 16))
    }

    func testNestedFrame() {
        XCTAssertEqual(error("nested_frame"), .nestedFrame(offset: 13))
    }

    func testStreamBrokenAfterPayloadStillReportsIt() throws {
        var unpickler = Unpickler(try PickleTestSupport.bytes("hostile/broken_after_payload.pkl"))
        XCTAssertThrowsError(try unpickler.load()) { error in
            XCTAssertEqual(error as? PickleError, .unknownOpcode(byte: 0xFF, offset: 22))
        }
        XCTAssertEqual(unpickler.findings, [SecurityFinding(severity: .dangerous, module: "os", name: "system", byteOffset: 2)])
    }

    func testWholeCorpusLeavesNoTrace() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: PickleTestSupport.fixtures.appendingPathComponent("hostile").path)
        let pickles = names.filter { $0.hasSuffix(".pkl") }
        XCTAssertEqual(pickles.count, 22)
        for name in pickles {
            _ = try? PickleTestSupport.load("hostile/\(name)")
        }
    }
}
