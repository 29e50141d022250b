/// The globals GANPort gives meaning to, and the classification of every other global.
///
/// Names are compared after `PickleGlobal.python3Name`, on the full dotted path
/// (`module.name`), so `torch` + `_utils._rebuild_tensor_v2` and `torch._utils` +
/// `_rebuild_tensor_v2` are the same global, as they are to Python 4+ pickles.
public enum PickleAllowlist {
    /// How a global is judged.
    public enum Verdict: String, Sendable {
        /// In the allowlist: interpreters may give it meaning.
        case allowed
        /// A code-execution primitive: a finding wherever it appears, called or not.
        case dangerous
        /// Neither: a finding only when called.
        case unknown
    }

    /// The allowlisted globals (Python 3 names).
    public static let globals: Set<PickleGlobal> = {
        var names: [(String, String)] = [
            ("collections", "OrderedDict"),
            ("torch._utils", "_rebuild_tensor"), ("torch._utils", "_rebuild_tensor_v2"),
            ("torch._utils", "_rebuild_tensor_v3"), ("torch._utils", "_rebuild_parameter"),
            ("torch._utils", "_rebuild_parameter_with_state"),
            ("torch.storage", "_load_from_bytes"), ("torch.storage", "TypedStorage"),
            ("torch.storage", "UntypedStorage"), ("torch", "TypedStorage"), ("torch", "UntypedStorage"),
            ("torch", "device"), ("torch", "Size"),
            ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
            ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
            ("numpy", "ndarray"), ("numpy", "dtype"),
            ("numpy.core.numeric", "_frombuffer"), ("numpy._core.numeric", "_frombuffer"),
            ("torch_utils.persistence", "_reconstruct_persistent_obj"),
            ("dnnlib.tflib.network", "Network"), ("dnnlib.util", "EasyDict"), ("dnnlib", "EasyDict"),
            ("argparse", "Namespace"),
            ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "bytearray"), ("builtins", "bytes"),
            ("builtins", "slice"),
            ("builtins", "complex"), ("builtins", "object"),
            ("_codecs", "encode"), ("copyreg", "_reconstructor"), ("copyreg", "__newobj__"),
        ]
        for storage in storageClasses { names.append(("torch", storage)) }
        for dtype in torchDTypes { names.append(("torch", dtype)) }
        return Set(names.map { PickleGlobal($0.0, $0.1) })
    }()

    /// `torch.<Name>Storage` classes of the legacy and zip formats.
    public static let storageClasses = [
        "FloatStorage", "HalfStorage", "DoubleStorage", "BFloat16Storage", "LongStorage", "IntStorage",
        "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage",
    ]

    /// `torch.<dtype>` names.
    public static let torchDTypes = [
        "float32", "float", "float64", "double", "float16", "half", "bfloat16", "complex64", "cfloat",
        "complex128", "cdouble", "complex32", "chalf", "uint8", "int8", "int16", "short", "int32", "int", "int64",
        "long", "bool", "uint16", "uint32", "uint64", "float8_e4m3fn", "float8_e5m2",
    ]

    /// `builtins` functions that run or reach code.
    static let dangerousBuiltins: Set<String> = [
        "eval", "exec", "compile", "getattr", "setattr", "delattr", "__import__", "open", "input", "breakpoint",
        "globals", "locals", "vars", "apply", "execfile", "reload", "help",
    ]

    /// Dotted prefixes (a module and its submodules, or one function) that reach code.
    static let dangerousPrefixes: [String] = [
        "os", "posix", "nt", "subprocess", "_posixsubprocess", "sys", "runpy", "importlib", "pickle", "_pickle",
        "cPickle", "marshal", "shutil", "socket", "_socket", "pty", "ctypes", "_ctypes", "code", "codeop", "pdb",
        "bdb", "trace", "profile", "cProfile", "doctest", "webbrowser", "pip", "ensurepip", "venv", "pkgutil",
        "operator", "_operator", "functools", "_functools", "types", "timeit", "commands", "io", "_io",
        "multiprocessing", "asyncio", "signal", "cloudpickle", "dill", "joblib",
        "torch.jit", "torch.serialization.load", "torch.load", "torch._inductor", "torch._dynamo", "torch.hub",
        "torch.package", "torch.utils.cpp_extension", "numpy.f2py", "numpy.load", "numpy.lib.npyio.load",
        "numpy.testing", "numpy.distutils",
    ]

    /// Callees that instantiate a class passed as an argument, and which argument positions
    /// hold such classes: the class is checked as if it were called itself.
    static let classArguments: [PickleGlobal: [Int]] = [
        PickleGlobal("copyreg", "__newobj__"): [0],
        PickleGlobal("copyreg", "__newobj_ex__"): [0],
        PickleGlobal("copyreg", "_reconstructor"): [0, 1],
        PickleGlobal("numpy.core.multiarray", "_reconstruct"): [0],
        PickleGlobal("numpy._core.multiarray", "_reconstruct"): [0],
    ]

    /// Whether `global` (after Python 3 renaming) is allowlisted.
    public static func contains(_ global: PickleGlobal) -> Bool {
        let name = global.python3Name
        if globals.contains(name) { return true }
        return allowedPaths.contains(name.description)
    }

    private static let allowedPaths: Set<String> = Set(globals.map(\.description))

    /// Whether `global` is a code-execution primitive: a dangerous builtin, anything inside
    /// a dangerous module, or an attribute path through a dunder (`x.__globals__`, …).
    public static func isDangerous(_ global: PickleGlobal) -> Bool {
        let name = global.python3Name
        let path = name.description
        let components = name.name.split(separator: ".", omittingEmptySubsequences: false)
        if name.module == "builtins" || name.module == "__builtin__",
           let first = components.first, dangerousBuiltins.contains(String(first)) {
            return true
        }
        for prefix in dangerousPrefixes where path == prefix || path.hasPrefix(prefix + ".") { return true }
        if components.contains(where: { $0.count > 4 && $0.hasPrefix("__") && $0.hasSuffix("__") }),
           !contains(name) {
            return true
        }
        return false
    }

    /// The verdict on `global`.
    public static func verdict(_ global: PickleGlobal) -> Verdict {
        if isDangerous(global) { return .dangerous }
        return contains(global) ? .allowed : .unknown
    }
}
