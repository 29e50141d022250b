#!/usr/bin/python3
"""Generates the pickle fixtures under fixtures/pickle/ (re-runnable, deterministic).

* fixtures/pickle/<name>.pkl + manifest.json: streams for every opcode of protocols 0-5,
  each with the canonical text `PickleValue.canonicalText()` must print (checked here
  against `pickle.loads` wherever loading runs no code), the opcodes it contains, and the
  expected error for streams that must be refused.
* fixtures/pickle/writer/*.pkl: protocol-2 output of `pickle.dumps` and of `torch.save`
  (its data.pkl) that `PickleWriter` must reproduce byte for byte.
* fixtures/pickle/hostile/*.pkl: the hostile corpus (see hostile/README.md). Payloads are
  built from raw bytes or by pickling objects whose __reduce__ names a dangerous callable;
  dumping never calls it, and nothing here is ever unpickled.

Run with /usr/bin/python3 (needs torch for the writer fixture).
"""
import collections
import copyreg
import io
import json
import os
import pickle
import pickletools
import struct
import sys
import types
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "pickle")
ROOT = os.path.normpath(ROOT)
PWNED = "/tmp/ganport_pickle_pwned"


# ---------------------------------------------------------------- canonical text

class PID:
    """A persistent id as the Swift side renders it: pid(value)."""
    def __init__(self, value):
        self.value = value


def canon(obj, path=()):
    if obj is None:
        return "None"
    if obj is True:
        return "True"
    if obj is False:
        return "False"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        return "float(%016x)" % struct.unpack("<Q", struct.pack("<d", obj))[0]
    if isinstance(obj, str):
        out = "'"
        for ch in obj:
            c = ord(ch)
            if ch == "\\":
                out += "\\\\"
            elif ch == "'":
                out += "\\'"
            elif 0x20 <= c <= 0x7E:
                out += ch
            else:
                out += "\\u{%x}" % c
        return out + "'"
    if isinstance(obj, (bytes, bytearray)):
        return "b'" + bytes(obj).hex() + "'"
    if isinstance(obj, PID):
        return "pid(" + canon(obj.value, path) + ")"
    if isinstance(obj, tuple):
        return "(" + ", ".join(canon(x, path) for x in obj) + ")"
    if id(obj) in path:
        return "<cycle>"
    inner = path + (id(obj),)
    if isinstance(obj, list):
        return "[" + ", ".join(canon(x, inner) for x in obj) + "]"
    if isinstance(obj, set):
        return "set[" + ", ".join(canon(x, inner) for x in obj) + "]"
    if isinstance(obj, frozenset):
        return "frozenset[" + ", ".join(canon(x, inner) for x in obj) + "]"
    if isinstance(obj, dict):
        prefix = "collections.OrderedDict" if type(obj) is collections.OrderedDict else ""
        body = ", ".join(canon(k, inner) + ": " + canon(v, inner) for k, v in obj.items())
        return prefix + "{" + body + "}"
    raise TypeError(type(obj))


def opcodes_of(data):
    return sorted({op.name for op, _, _ in pickletools.genops(data)})


class PIDUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        return PID(pid)


def python_load(data):
    return PIDUnpickler(io.BytesIO(data)).load()


# ---------------------------------------------------------------- fake module for classes

fixturemod = types.ModuleType("fixturemod")


class Thing:
    pass


class WithKeywords:
    def __init__(self, a, k=0):
        self.a = a
        self.k = k

    def __getnewargs_ex__(self):
        return (self.a,), {"k": self.k}


for cls in (Thing, WithKeywords):
    cls.__module__ = "fixturemod"
    setattr(fixturemod, cls.__name__, cls)
sys.modules["fixturemod"] = fixturemod


class PIDPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, PID):
            return obj.value
        return None


def dumps_with_pids(obj, protocol):
    buf = io.BytesIO()
    PIDPickler(buf, protocol=protocol).dump(obj)
    return buf.getvalue()


# ---------------------------------------------------------------- fixture trees

def kitchen_sink():
    return {
        "none": None, "true": True, "false": False,
        "ints": [0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31 - 1, 2**31, -2**31 - 1,
                 2**63 - 1, -2**63, 2**64, -2**100, 10**30],
        "floats": [0.0, -0.0, 1.5, -2.25, 1e300, float("inf"), float("-inf"), 1e-310, float("nan")],
        "strings": ["", "a", "h\u00e9llo", "\u65e5\u672c", "\U0001F600", "line\nbreak", "back\\slash",
                    "quote'\"", "\x00\x1a\r", "\\u0041", "x" * 300],
        "bytes": [b"", b"abc", bytes(range(256)), b"y" * 300],
        "bytearray": bytearray(b"ba"),
        "tuples": [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)],
        "nested": {"a": [1, {"b": (2, [3])}]},
        "set": {1, 2, 3},
        "frozenset": frozenset({"x"}),
        "od": collections.OrderedDict([("k1", 1), ("k2", [2])]),
    }


def shared_and_recursive():
    shared = ["shared"]
    rec_list = []
    rec_tuple = (rec_list, 1)
    rec_list.append(rec_tuple)
    rec_long = []
    rec_long.append((rec_long, 1, 2, 3))
    # A tuple reached again while it is being written: POP / POP_MARK then a memo GET.
    inner = []
    tuple_first = (inner, 1)
    inner.append(tuple_first)
    return {"shared": [shared, shared], "recursive": rec_list, "recursive_long": rec_long,
            "tuple_first": tuple_first}


def many_memo_entries():
    strings = ["s%d" % i for i in range(300)]
    return strings + [strings[299], strings[0]]


def big_containers():
    return {"dict": {i: i for i in range(1001)}, "list": list(range(1001)),
            "od": collections.OrderedDict((str(i), i) for i in range(1001))}


FIXTURES = []   # (name, bytes, expected text, error or None, python-verified)


def add(name, data, expected=None, error=None, verify=True):
    if expected is None and error is None:
        expected = canon(python_load(data))
    elif verify and error is None:
        got = canon(python_load(data))
        assert got == expected, (name, got, expected)
    FIXTURES.append((name, data, expected, error))


def make_regular():
    for protocol in range(6):
        add("kitchen_sink_p%d" % protocol, pickle.dumps(kitchen_sink(), protocol=protocol))
    for protocol in (0, 1, 2, 4):
        add("shared_recursive_p%d" % protocol, pickle.dumps(shared_and_recursive(), protocol=protocol))
    for protocol in (2, 4):
        add("memo_long_p%d" % protocol, pickle.dumps(many_memo_entries(), protocol=protocol))
    for protocol in (1, 2):
        add("big_containers_p%d" % protocol, pickle.dumps(big_containers(), protocol=protocol))
    add("long4_p2", pickle.dumps([2**2100, -(2**2100)], protocol=2))
    add("long_text_p0", pickle.dumps([2**70, -(2**70), 7], protocol=0))
    add("bytes_large_p4", pickle.dumps([b"z" * 70000, "w" * 300], protocol=4))
    for protocol in (0, 2):
        add("persistent_ids_p%d" % protocol,
            dumps_with_pids(["a", PID("storage0"), PID("storage1")], protocol))
    # Extension registry codes (EXT1, EXT2, EXT4).
    copyreg.add_extension("fixturemod", "Thing", 1)
    copyreg.add_extension("fixturemod", "WithKeywords", 300)
    ext = pickle.dumps([Thing, WithKeywords], protocol=2)
    copyreg.remove_extension("fixturemod", "Thing", 1)
    copyreg.remove_extension("fixturemod", "WithKeywords", 300)
    copyreg.add_extension("fixturemod", "Thing", 70000)
    ext4 = pickle.dumps(Thing, protocol=2)
    copyreg.remove_extension("fixturemod", "Thing", 70000)
    add("ext_codes_p2", ext, "[global(copyreg._extension_registry.1), global(copyreg._extension_registry.300)]",
        verify=False)
    add("ext4_p2", ext4, "global(copyreg._extension_registry.70000)", verify=False)
    # Objects: protocol 0 copy_reg._reconstructor, protocol 2 NEWOBJ, protocol 4 NEWOBJ_EX.
    thing = Thing()
    thing.a = 1
    add("object_p0", pickle.dumps(thing, protocol=0),
        "REDUCE(global(copyreg._reconstructor), (global(fixturemod.Thing), global(builtins.object), None))"
        ".build({'a': 1})", verify=False)
    add("object_p2", pickle.dumps(thing, protocol=2),
        "NEWOBJ(global(fixturemod.Thing), ()).build({'a': 1})", verify=False)
    add("object_kwargs_p4", pickle.dumps(WithKeywords(5, k=6), protocol=4),
        "NEWOBJ_EX(global(fixturemod.WithKeywords), (5), {'k': 6}).build({'a': 5, 'k': 6})", verify=False)
    # Out-of-band buffers (protocol 5) must be refused.
    oob = pickle.dumps(pickle.PickleBuffer(b"abc"), protocol=5, buffer_callback=lambda b: False)
    add("out_of_band_p5", oob, error={"case": "outOfBandBuffer", "opcode": "NEXT_BUFFER",
                                      "offset": oob.index(b"\x97")})


def make_handmade():
    """Opcodes CPython 3 never writes (Python 2 strings, INST, OBJ, DUP, 8-byte lengths)."""
    strings = (b"(S'abc'\nS\"q\\'\\x41\\101\\n\"\nU\x03uvwT\x02\x00\x00\x00xyl.")
    add("python2_strings_p1", strings, "['abc', 'q\\'AA\\u{a}', 'uvw', 'xy']")
    add("binstring_not_utf8_p1", b"T\x02\x00\x00\x00\xff\xfe.", "b'fffe'", verify=False)
    add("dup_p2", b"\x80\x02]2\x86.", "([], [])")
    add("inst_p0", b"(I1\nifixturemod\nThing\n.", "INST(global(fixturemod.Thing), (1))", verify=False)
    add("obj_p1", b"(cfixturemod\nThing\nI2\no.", "OBJ(global(fixturemod.Thing), (2))", verify=False)
    text = "\u00e9t\u00e9".encode()
    add("binunicode8_p4", b"\x80\x04\x8d" + struct.pack("<Q", len(text)) + text + b".", "'\\u{e9}t\\u{e9}'")
    add("binbytes8_p4", b"\x80\x04\x8e" + struct.pack("<Q", 3) + b"\x00\x01\x02.", "b'000102'")
    add("pop_and_bools_p0", b"(I01\nI00\nI7\n0l.", "[True, False]")
    add("frame_p4", b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01K\x02\x86.", "(1, 2)")


# ---------------------------------------------------------------- writer fixtures

def interned(obj):
    """The tree with every string interned and every tuple a fresh object (PickleWriter's model)."""
    if isinstance(obj, str):
        return sys.intern(obj)
    if isinstance(obj, tuple):
        return tuple([interned(x) for x in obj])
    if isinstance(obj, list):
        return [interned(x) for x in obj]
    if isinstance(obj, collections.OrderedDict):
        return collections.OrderedDict((interned(k), interned(v)) for k, v in obj.items())
    if isinstance(obj, dict):
        return {interned(k): interned(v) for k, v in obj.items()}
    if isinstance(obj, set):
        return {interned(x) for x in obj}
    return obj


def writer_trees():
    shared = ["s"]
    tree = interned({
        "config": {"lr": 0.002, "betas": (0.0, 0.99), "name": "stylegan2", "steps": 25000, "neg": -5,
                   "big": 2**40, "huge": -(2**80), "flags": [True, False, None]},
        "keys": ["layer%d.weight" % i for i in range(260)],
        "od": collections.OrderedDict([("a", 1), ("b", (1, 2, 3, 4)), ("c", {"x": "a"})]),
        "one": {"only": 1}, "single": ["x"], "blob": b"\x00\xffraw", "empty_blob": b"",
        "set": {3, 1},
    })
    tree["shared"] = [shared, shared]
    return {
        "tree_p2": tree,
        "dict_1000_p2": interned({str(i): i for i in range(1000)}),
        "list_2001_p2": list(range(2001)),
        "od_1001_p2": interned(collections.OrderedDict((str(i), i) for i in range(1001))),
        "od_2000_p2": interned(collections.OrderedDict((str(i), i) for i in range(2000))),
    }


def torch_state_dict():
    import torch
    sd = collections.OrderedDict()
    sd["conv.weight"] = torch.arange(24, dtype=torch.float32).reshape(2, 3, 2, 2)
    sd["conv.bias"] = torch.zeros(2)
    sd["fc.weight"] = torch.ones(3, 4, dtype=torch.float16)
    sd["transposed"] = torch.arange(6.0).reshape(2, 3).t()
    sd["scalar"] = torch.tensor(3.5, dtype=torch.float64)
    sd["step"] = torch.tensor(7)
    buf = io.BytesIO()
    torch.save(sd, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
        return archive.read(name)


def torch_legacy_stream():
    """torch.save(..., _use_new_zipfile_serialization=False) of a 2x3 float32 tensor: five
    pickles, the storage keys, then raw data. The storage key (a pointer value) is replaced
    by a fixed one so the file is reproducible."""
    import re
    import torch
    buf = io.BytesIO()
    torch.save(torch.arange(6, dtype=torch.float32).reshape(2, 3), buf, _use_new_zipfile_serialization=False)
    data = buf.getvalue()
    keys = set(re.findall(rb"X(....)(\d{6,})q", data))
    assert len(keys) == 1
    (length, key), = keys
    fixed = b"94122903456848"
    return data.replace(b"X" + length + key, b"X" + struct.pack("<I", len(fixed)) + fixed)


# ---------------------------------------------------------------- hostile corpus

class Reduce:
    def __init__(self, *fields):
        self.fields = fields

    def __reduce__(self):
        return self.fields


def hostile():
    out = {}
    out["os_system_reduce"] = pickle.dumps(Reduce(os.system, ("touch " + PWNED,)), protocol=2)
    out["builtins_eval"] = pickle.dumps(Reduce(eval, ("open(%r, 'w')" % PWNED,)), protocol=2)
    out["builtins_exec"] = pickle.dumps(Reduce(exec, ("open(%r, 'w')" % PWNED,)), protocol=4)
    out["getattr_chain"] = (b"\x80\x02c__builtin__\ngetattr\nc__builtin__\n__import__\n"
                            b"X\x02\x00\x00\x00os\x85RX\x06\x00\x00\x00system\x86R"
                            b"X" + struct.pack("<I", len("touch " + PWNED)) + ("touch " + PWNED).encode()
                            + b"\x85R.")
    # NEWOBJ of subprocess.Popen(["touch", PWNED]); pickle.dumps refuses to build this
    # (the class must be the object's own), so it is written by hand.
    out["subprocess_popen_newobj"] = (b"\x80\x02csubprocess\nPopen\n]" + b"(X\x05\x00\x00\x00touch"
                                      + b"X" + struct.pack("<I", len(PWNED)) + PWNED.encode() + b"e\x85\x81.")
    out["inst_os_system"] = b"(S'touch " + PWNED.encode() + b"'\nios\nsystem\n."
    out["obj_os_system"] = b"(cos\nsystem\nS'touch " + PWNED.encode() + b"'\no."
    out["obj_unknown_class"] = b"(cgadgets\nGadget\nS'x'\no."
    out["ext_opcode"] = b"\x80\x02\x82\x01X\x05\x00\x00\x00hello\x85R."
    out["import_stack_global"] = b"\x80\x04\x8c\x08builtins\x8c\n__import__\x93\x8c\x02os\x85R."
    dunder = b"OrderedDict.__init__.__globals__"
    out["dunder_attribute"] = b"\x80\x04\x8c\x0bcollections\x8c" + bytes([len(dunder)]) + dunder + b"\x93."
    out["reconstructor_gadget"] = (b"\x80\x02ccopy_reg\n_reconstructor\ncgadgets\nEvil\nc__builtin__\nobject\n"
                                   b"N\x87R}b.")
    out["deep_nesting"] = b"\x80\x02]" + b"\x85" * 100000 + b"."
    # t0 = 'a'; t(i) = (t(i-1), t(i-1)) through the memo: 2**60 leaves in 430 bytes.
    bomb = b"\x80\x02X\x01\x00\x00\x00aq\x00"
    for i in range(1, 61):
        bomb += b"0h" + bytes([i - 1]) + b"h" + bytes([i - 1]) + b"\x86q" + bytes([i])
    out["memo_bomb"] = bomb + b"."
    out["memo_huge_index"] = b"\x80\x02Nr\xff\xff\xff\xff0j\xff\xff\xff\xff."
    out["huge_binbytes8"] = b"\x80\x04\x8e" + struct.pack("<Q", 2**62) + b"abc"
    sink = pickle.dumps(kitchen_sink(), protocol=2)
    int_arg = sink.index(b"J")             # first BININT: cut inside its 4-byte argument
    out["truncated_in_argument"] = sink[:int_arg + 3]
    text_arg = sink.index(b"X\x06\x00\x00\x00h\xc3\xa9llo")  # BINUNICODE 'héllo': cut inside the text
    out["truncated_in_payload"] = sink[:text_arg + 7]
    out["truncated_no_stop"] = sink[:-1]
    out["frame_straddle"] = b"\x80\x04\x95" + struct.pack("<Q", 5) + b"\x8c\x05hello."
    out["nested_frame"] = (b"\x80\x04\x95" + struct.pack("<Q", 20) + b"K\x01\x95" + struct.pack("<Q", 2)
                           + b"K\x02\x86." + b"\x00" * 6)
    out["broken_after_payload"] = b"\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R\xff."
    return out


# ---------------------------------------------------------------- main

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    make_regular()
    make_handmade()
    manifest = []
    for name, data, expected, error in FIXTURES:
        write(os.path.join(ROOT, name + ".pkl"), data)
        entry = {"name": name, "opcodes": opcodes_of(data)}
        if error:
            entry["error"] = error
        else:
            entry["expected"] = expected
        manifest.append(entry)
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=True)
        f.write("\n")
    for name, tree in writer_trees().items():
        write(os.path.join(ROOT, "writer", name + ".pkl"), pickle.dumps(tree, protocol=2))
    write(os.path.join(ROOT, "writer", "torch_state_dict_data.pkl"), torch_state_dict())
    write(os.path.join(ROOT, "torch_legacy_save.bin"), torch_legacy_stream())
    for name, data in hostile().items():
        write(os.path.join(ROOT, "hostile", name + ".pkl"), data)
    assert not os.path.exists(PWNED), "a payload ran while generating fixtures"


if __name__ == "__main__":
    main()
