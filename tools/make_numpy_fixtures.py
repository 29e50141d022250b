#!/usr/bin/python3
"""Writes fixtures/numpy: .npy/.npz files made by NumPy, hostile variants, and manifest.json.

Run with /usr/bin/python3 (NumPy 1.24). Re-runnable; output is deterministic.
manifest.json lists every array with the SHA-256 of its C-order little-endian bytes, and
whether GANPort's writer must reproduce the file byte for byte.
"""
import hashlib
import io
import json
import os
import shutil
import struct
import zipfile

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "numpy")
GANPORT_DTYPE = {"f8": "F64", "f4": "F32", "f2": "F16", "i8": "I64", "i4": "I32", "i2": "I16",
                 "i1": "I8", "u1": "U8", "b1": "BOOL"}
manifest = []


def values(kind, shape, seed):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape, dtype=np.int64))
    if kind == "b1":
        flat = rng.integers(0, 2, n).astype(bool)
    elif kind[0] == "f":
        flat = rng.standard_normal(n).astype("<" + kind)
        specials = np.array([np.nan, np.inf, -np.inf, -0.0], dtype="<" + kind)
        flat[: min(n, 4)] = specials[: min(n, 4)]
    else:
        info = np.iinfo(kind)
        flat = rng.integers(info.min, info.max, n, endpoint=True, dtype="<" + kind)
        flat[: min(n, 2)] = [info.min, info.max][: min(n, 2)]
    return flat.reshape(shape)


def digest(array):
    little = array.dtype.newbyteorder("<") if array.dtype.itemsize > 1 else array.dtype
    return hashlib.sha256(np.ascontiguousarray(array, dtype=little).tobytes()).hexdigest()


def record(file, array, identical, key=None):
    kind = array.dtype.kind + str(array.dtype.itemsize)
    manifest.append({"file": file, "key": key, "dtype": GANPORT_DTYPE[kind], "shape": list(array.shape),
                     "sha256": digest(array), "numpy_save_identical": identical})


def save(file, array, identical=True, version=None):
    path = os.path.join(OUT, file)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as handle:
            np.lib.format.write_array(handle, array, version=version)
    record(file, array, identical)


def hostile(file, data):
    with open(os.path.join(OUT, file), "wb") as handle:
        handle.write(data)


def npy_bytes(header, data=b"", version=(1, 0)):
    """A .npy file with a hand-written header dict (padded like NumPy) and raw data."""
    text = header.encode("latin1")
    size_format = "<H" if version[0] == 1 else "<I"
    prefix = 8 + struct.calcsize(size_format)
    pad = 64 - (prefix + len(text) + 1) % 64
    body = text + b" " * pad + b"\n"
    return b"\x93NUMPY" + bytes(version) + struct.pack(size_format, len(body)) + body + data


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)

    for seed, kind in enumerate(GANPORT_DTYPE):
        save(f"dtype_{kind}.npy", values(kind, (2, 3), seed))
    save("scalar_f8.npy", values("f8", (), 20))
    save("scalar_b1.npy", values("b1", (), 21))
    save("empty_f4.npy", values("f4", (0,), 22))
    save("empty_3d_i2.npy", values("i2", (2, 0, 3), 23))
    save("vector_i8.npy", values("i8", (5,), 24))
    save("long_axis_u1.npy", values("u1", (1000, 1), 25))
    save("fortran_f4.npy", np.asfortranarray(values("f4", (3, 4), 26)))
    save("fortran_3d_i4.npy", np.asfortranarray(values("i4", (2, 3, 4), 27)))
    save("bigendian_f4.npy", values("f4", (2, 3), 28).astype(">f4"), identical=False)
    save("bigendian_i8.npy", values("i8", (4,), 29).astype(">i8"), identical=False)
    save("bigendian_f2.npy", values("f2", (3,), 30).astype(">f2"), identical=False)
    save("bigendian_fortran_f8.npy", np.asfortranarray(values("f8", (2, 3), 31).astype(">f8")), identical=False)
    save("version2_f4.npy", values("f4", (2, 2), 32), identical=False, version=(2, 0))
    save("version3_i2.npy", values("i2", (3,), 33), identical=False, version=(3, 0))

    members = {"weights": values("f4", (4, 3), 40), "bias": values("f2", (3,), 41),
               "steps": values("i8", (), 42), "mask": values("b1", (2, 2), 43),
               "transposed": np.asfortranarray(values("f8", (2, 3), 44)),
               "swapped": values("i4", (3,), 45).astype(">i4")}
    np.savez(os.path.join(OUT, "stored.npz"), **members)
    np.savez_compressed(os.path.join(OUT, "compressed.npz"), **members)
    for file in ("stored.npz", "compressed.npz"):
        for key, array in members.items():
            record(file, array, False, key=key)

    with open(os.path.join(OUT, "manifest.json"), "w") as handle:
        json.dump({"generator": "tools/make_numpy_fixtures.py", "numpy": np.__version__, "arrays": manifest},
                  handle, indent=1)
        handle.write("\n")

    good = open(os.path.join(OUT, "dtype_f4.npy"), "rb").read()
    four = b"\0" * 24
    hostile("bad_magic.npy", b"\x93NUMPZ" + good[6:])
    hostile("bad_version.npy", good[:6] + b"\x04\x00" + good[8:])
    hostile("truncated_header.npy", good[:40])
    hostile("header_too_long.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 1 << 30) + b"{" + b" " * 64)
    hostile("malformed_header.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ", four))
    hostile("missing_key.npy", npy_bytes("{'descr': '<f4', 'shape': (2, 3), }", four))
    hostile("unexpected_key.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 'y', }", four))
    hostile("duplicate_key.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'shape': (2, 3), }", four))
    hostile("invalid_value.npy", npy_bytes("{'descr': '<f4', 'fortran_order': 'no', 'shape': (2, 3), }", four))
    hostile("negative_shape.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3), }", four))
    hostile("shape_not_tuple.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (6), }", four))
    hostile("shape_overflow.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"))
    hostile("dimension_overflow.npy", npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }"))
    hostile("bad_byte_order.npy", npy_bytes("{'descr': '|f4', 'fortran_order': False, 'shape': (2, 3), }", four))
    hostile("unsupported_dtype.npy", npy_bytes("{'descr': '<c8', 'fortran_order': False, 'shape': (3,), }", four))
    np.save(os.path.join(OUT, "object_dtype.npy"), np.array([1, "two", None], dtype=object), allow_pickle=True)
    np.save(os.path.join(OUT, "structured_dtype.npy"), np.zeros(2, dtype=[("a", "<f4"), ("b", "<i2")]))
    with zipfile.ZipFile(os.path.join(OUT, "not_array_member.npz"), "w") as archive:
        archive.writestr(zipfile.ZipInfo("a.npy", (1980, 1, 1, 0, 0, 0)), good)
        archive.writestr(zipfile.ZipInfo("readme.txt", (1980, 1, 1, 0, 0, 0)), b"not an array")
    hostile("data_too_short.npy", good[:-1])
    hostile("trailing_bytes.npy", good + b"\0")


if __name__ == "__main__":
    main()
