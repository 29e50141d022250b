import XCTest
@testable import GANPortFormats

/// Classification of globals: allowed, dangerous whether called or not, unknown.
final class PickleAllowlistTests: XCTestCase {
    func verdict(_ module: String, _ name: String) -> PickleAllowlist.Verdict {
        PickleAllowlist.verdict(PickleGlobal(module, name))
    }

    func testAllowedGlobals() {
        for (module, name) in [
            ("collections", "OrderedDict"), ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_parameter"),
            ("torch", "FloatStorage"), ("torch", "BFloat16Storage"), ("torch", "float16"), ("torch", "Size"),
            ("torch.storage", "_load_from_bytes"), ("torch.storage", "UntypedStorage"),
            ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "scalar"), ("numpy", "dtype"),
            ("torch_utils.persistence", "_reconstruct_persistent_obj"), ("dnnlib.tflib.network", "Network"),
            ("dnnlib", "EasyDict"), ("argparse", "Namespace"), ("__builtin__", "set"), ("builtins", "slice"),
            ("_codecs", "encode"), ("copy_reg", "_reconstructor"), ("copyreg", "__newobj__"), ("builtins", "object"),
            ("torch", "_utils._rebuild_tensor_v2"),
        ] {
            XCTAssertEqual(verdict(module, name), .allowed, "\(module).\(name)")
        }
    }

    func testDangerousGlobals() {
        for (module, name) in [
            ("builtins", "eval"), ("__builtin__", "exec"), ("builtins", "getattr"), ("builtins", "__import__"),
            ("builtins", "open"), ("builtins", "compile"), ("builtins", "breakpoint"), ("__builtin__", "apply"),
            ("builtins", "getattr.__call__"), ("os", "system"), ("os.path", "join"), ("posix", "system"), ("nt", "system"),
            ("subprocess", "Popen"), ("commands", "getoutput"), ("sys", "modules"), ("runpy", "run_path"),
            ("importlib", "import_module"), ("pickle", "loads"), ("cPickle", "loads"), ("_pickle", "loads"),
            ("marshal", "loads"), ("shutil", "rmtree"), ("socket", "socket"), ("pty", "spawn"), ("ctypes", "CDLL"),
            ("code", "interact"), ("codeop", "compile_command"), ("pdb", "run"), ("webbrowser", "open"),
            ("pip", "main"), ("pip._internal", "main"), ("pkgutil", "resolve_name"), ("operator", "attrgetter"),
            ("operator", "methodcaller"), ("operator", "itemgetter"), ("functools", "partial"), ("functools", "reduce"),
            ("__builtin__", "reduce"), ("types", "CodeType"), ("types", "FunctionType"), ("timeit", "timeit"),
            ("torch.jit", "load"), ("torch", "jit.load"), ("torch.serialization", "load"), ("torch", "load"),
            ("torch._inductor.codecache", "x"), ("numpy.f2py", "compile"), ("numpy", "load"), ("cloudpickle", "loads"),
            ("dill", "loads"), ("collections", "OrderedDict.__init__.__globals__"),
        ] {
            XCTAssertEqual(verdict(module, name), .dangerous, "\(module).\(name)")
        }
    }

    func testUnknownGlobals() {
        for (module, name) in [
            ("torch.nn.modules.conv", "Conv2d"), ("osx", "thing"), ("system", "os"), ("codecs", "decode"),
            ("numpy.random", "seed"), ("typing", "Any"), ("sysconfig", "get_path"), ("__main__", "Net"),
        ] {
            XCTAssertEqual(verdict(module, name), .unknown, "\(module).\(name)")
        }
    }

    func testPython2NamesAreRenamed() {
        XCTAssertEqual(PickleGlobal("__builtin__", "set").python3Name, PickleGlobal("builtins", "set"))
        XCTAssertEqual(PickleGlobal("copy_reg", "_reconstructor").python3Name, PickleGlobal("copyreg", "_reconstructor"))
        XCTAssertEqual(PickleGlobal("__builtin__", "intern").python3Name, PickleGlobal("sys", "intern"))
        XCTAssertEqual(PickleGlobal("exceptions", "ValueError").python3Name, PickleGlobal("builtins", "ValueError"))
        XCTAssertEqual(PickleGlobal("torch", "Size").python3Name, PickleGlobal("torch", "Size"))
    }

    func testDangerousGlobalIsReportedEvenWhenOnlyReferenced() throws {
        let result = try PickleTestSupport.load(ascii("]cos\nsystem\na."))
        XCTAssertEqual(result.findings, [SecurityFinding(severity: .dangerous, module: "os", name: "system", byteOffset: 1)])
    }

    func testCallOfUnknownGlobalIsReportedOnce() throws {
        let result = try PickleTestSupport.load(ascii("(cgadgets\nRun\nq\u{0})Rh\u{0})Rl."))
        XCTAssertEqual(result.findings.map(\.byteOffset), [17, 21])
        XCTAssertEqual(result.findings.map(\.severity), [.unknownCall, .unknownCall])
    }

    func testAllowlistedCallsAreNoFindings() throws {
        let stream = ascii("ctorch._utils\n_rebuild_tensor_v2\n(NK\u{0})))") + [0x89] + ascii("ccollections\nOrderedDict\n)RtR.")
        XCTAssertEqual(try PickleTestSupport.load(stream).findings, [])
    }
}
