extension PickleGlobal {
    /// The name Python 3 resolves this Python 2 name to (`__builtin__.set` → `builtins.set`,
    /// `copy_reg._reconstructor` → `copyreg._reconstructor`), following the part of
    /// CPython's `_compat_pickle` tables that can matter here; other names are returned as is.
    ///
    /// `Unpickler` applies it to the tree for protocols 0–2 (as `pickle` does with
    /// `fix_imports`), and always before classifying a global.
    public var python3Name: PickleGlobal {
        if let renamed = Self.renamedNames[self] { return renamed }
        if module == "exceptions" { return PickleGlobal("builtins", name == "StandardError" ? "Exception" : name) }
        if let renamedModule = Self.renamedModules[module] { return PickleGlobal(renamedModule, name) }
        return self
    }

    private static let renamedNames: [PickleGlobal: PickleGlobal] = [
        PickleGlobal("__builtin__", "xrange"): PickleGlobal("builtins", "range"),
        PickleGlobal("__builtin__", "reduce"): PickleGlobal("functools", "reduce"),
        PickleGlobal("__builtin__", "intern"): PickleGlobal("sys", "intern"),
        PickleGlobal("__builtin__", "unichr"): PickleGlobal("builtins", "chr"),
        PickleGlobal("__builtin__", "unicode"): PickleGlobal("builtins", "str"),
        PickleGlobal("__builtin__", "long"): PickleGlobal("builtins", "int"),
        PickleGlobal("__builtin__", "basestring"): PickleGlobal("builtins", "str"),
        PickleGlobal("itertools", "izip"): PickleGlobal("builtins", "zip"),
        PickleGlobal("itertools", "imap"): PickleGlobal("builtins", "map"),
        PickleGlobal("itertools", "ifilter"): PickleGlobal("builtins", "filter"),
        PickleGlobal("UserDict", "IterableUserDict"): PickleGlobal("collections", "UserDict"),
        PickleGlobal("UserDict", "UserDict"): PickleGlobal("collections", "UserDict"),
        PickleGlobal("UserList", "UserList"): PickleGlobal("collections", "UserList"),
        PickleGlobal("UserString", "UserString"): PickleGlobal("collections", "UserString"),
        PickleGlobal("_socket", "fromfd"): PickleGlobal("socket", "fromfd"),
        PickleGlobal("multiprocessing.forking", "Popen"): PickleGlobal("multiprocessing.popen_fork", "Popen"),
    ]

    private static let renamedModules: [String: String] = [
        "__builtin__": "builtins", "copy_reg": "copyreg", "cPickle": "pickle", "commands": "subprocess",
        "thread": "_thread", "dummy_thread": "_dummy_thread", "Queue": "queue", "SocketServer": "socketserver",
        "ConfigParser": "configparser", "repr": "reprlib", "httplib": "http.client", "urllib2": "urllib.request",
        "urlparse": "urllib.parse", "xmlrpclib": "xmlrpc.client", "SimpleXMLRPCServer": "xmlrpc.server",
        "BaseHTTPServer": "http.server", "SimpleHTTPServer": "http.server", "CGIHTTPServer": "http.server",
        "Cookie": "http.cookies", "cookielib": "http.cookiejar", "_abcoll": "collections.abc",
        "UserDict": "collections", "UserList": "collections", "UserString": "collections",
        "StringIO": "io", "cStringIO": "io", "anydbm": "dbm", "whichdb": "dbm", "_winreg": "winreg",
    ]
}
