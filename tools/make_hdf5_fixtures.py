#!/usr/bin/python3
"""Regenerates fixtures/hdf5/: small files written by h5py and a manifest of their datasets
(SHA-256 of the C-order little-endian element bytes, bool as bytes 0/1).

Run with the system Python (h5py 3.7, numpy 1.24, libhdf5 1.10):
    /usr/bin/python3 tools/make_hdf5_fixtures.py
"""
import hashlib
import json
import os
import platform
import struct

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "hdf5")


def little_endian_bytes(array):
    array = np.ascontiguousarray(array)
    if array.dtype.byteorder == ">":
        array = array.astype(array.dtype.newbyteorder("<"))
    return array.tobytes()


GANPORT_DTYPES = {"f8": "F64", "f4": "F32", "f2": "F16", "i8": "I64", "i4": "I32", "i2": "I16", "i1": "I8", "u1": "U8", "b1": "BOOL"}


def basic(path):
    rng = np.random.default_rng(7)
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "ganport-test"                       # variable-length UTF-8 (Python str)
        f.attrs["fixed"] = np.bytes_(b"fixed-ascii")             # fixed-length, null-padded ASCII
        f.attrs["unicode"] = "h\u00e9llo \u4e16\u754c"
        f.attrs["count"] = 42                                    # int64
        f.attrs["negative"] = np.int8(-5)
        f.attrs["unsigned"] = np.uint32(4000000000)
        f.attrs["scale"] = 0.5                                   # float64
        f.attrs["single"] = np.float32(1.25)
        f.attrs["flag"] = np.bool_(True)
        f.attrs["sizes"] = [4, 8, 16]
        f.attrs["weights"] = np.array([0.25, -1.5])
        f.attrs["names"] = ["conv", "dense"]                    # array of variable-length strings
        f.attrs["layer_names"] = np.array([b"dense_1", b"out"])  # Keras-style fixed-length array
        f.attrs["empty_list"] = []
        f.attrs["matrix"] = np.arange(6, dtype=np.int64).reshape(2, 3)

        d = f.create_group("model/block1/conv")
        d.attrs["kind"] = "conv2d"
        d.attrs["stride"] = 2
        datasets = {
            "model/block1/conv/weight": rng.standard_normal((4, 3, 3, 3)).astype(np.float32),
            "model/block1/conv/bias": rng.standard_normal(4).astype(np.float32),
            "model/block1/scale": rng.standard_normal((2, 2)).astype(np.float64),
            "model/half": np.array([1.0, -2.5, 65504.0, np.inf, 6e-8], dtype=np.float16),
            "ints/i64": np.array([-(2**63), 2**63 - 1, 0], dtype=np.int64),
            "ints/i32": np.array([[-(2**31), 2**31 - 1]], dtype=np.int32),
            "ints/i16": np.array([-32768, 32767], dtype=np.int16),
            "ints/i8": np.array([-128, 127, 0], dtype=np.int8),
            "ints/u8": np.array([0, 255, 7], dtype=np.uint8),
            "mask": np.array([[True, False], [False, True]]),
            "scalar": np.float32(3.5),
            "scalar_int": np.int64(-9),
            "empty": np.zeros((0, 3), dtype=np.float32),
            "big_endian/f4": np.arange(5, dtype=">f4"),
            "big_endian/i8": np.arange(-2, 2, dtype=">i8"),
        }
        for name, value in datasets.items():
            f.create_dataset(name, data=value)
        f["model/block1/conv/weight"].attrs["fan_in"] = 27
        f["model/block1/conv/weight"].attrs["note"] = np.bytes_(b"space  ")
        gz = rng.standard_normal((64, 40)).astype(np.float32)
        gz[:, ::2] = 0
        f.create_dataset("compressed/gzip", data=gz, chunks=(16, 40), compression="gzip", compression_opts=6)
        f.create_dataset("compressed/shuffle", data=np.arange(300, dtype=np.int32).reshape(20, 15),
                         chunks=(5, 15), compression="gzip", shuffle=True)
        datasets["compressed/gzip"] = gz
        datasets["compressed/shuffle"] = f["compressed/shuffle"][()]
        f["alias"] = h5py.SoftLink("/model/half")
        f["elsewhere"] = h5py.ExternalLink("other_file.h5", "/secret")
        f["model_again"] = f["model"]                            # a second hard link to a group
    return datasets


def unsupported(path):
    with h5py.File(path, "w") as f:
        f["u16"] = np.array([1, 2], dtype=np.uint16)
        f["u32"] = np.array([1, 2], dtype=np.uint32)
        f["u64"] = np.array([1, 2], dtype=np.uint64)
        f["compound"] = np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])
        f["strings"] = np.array([b"ab", b"cd"])
        f["null"] = h5py.Empty("f4")
        f.create_dataset("lzf", data=np.arange(10, dtype=np.float32), compression="lzf")
        f["ok"] = np.array([1.0], dtype=np.float32)
        f.create_dataset("unwritten", shape=(1 << 20, 16), dtype="f4")  # 64 MiB declared, nothing stored
        bad = f.create_dataset("bad_bool", shape=(2,), dtype=bool)
        raw = np.array([1, 2], dtype=np.int8)                             # 2 is not a member of the enum
        bad.id.write(h5py.h5s.ALL, h5py.h5s.ALL, raw, mtype=bad.id.get_type())
        f.attrs["compound"] = np.array((1, 2.0), dtype=[("a", "i4"), ("b", "f8")])


def userblock(path):
    with h5py.File(path, "w", userblock_size=512) as f:
        f["x"] = np.array([1, 2, 3], dtype=np.int16)
    with open(path, "r+b") as raw:
        raw.write(b"user block: not HDF5 data\n")


def malformed_attribute_dims(path):
    """An attribute whose dataspace claims 2^40 elements while 3 are stored."""
    with h5py.File(path, "w") as f:
        f.attrs["big"] = np.array([7, 8, 9], dtype=np.int64)
    data = bytearray(open(path, "rb").read())
    dims = data.find(struct.pack("<Q", 3))
    assert dims > 0
    data[dims:dims + 8] = struct.pack("<Q", 1 << 40)
    open(path, "wb").write(bytes(data))


def manifest_entry(path, arrays):
    entries = []
    with h5py.File(path, "r") as f:
        for name, value in arrays.items():
            dset = f[name]
            kind = value.dtype.kind + str(value.dtype.itemsize)
            entries.append({
                "path": "/" + name,
                "dtype": GANPORT_DTYPES[kind],
                "shape": list(value.shape),
                "chunks": list(dset.chunks) if dset.chunks else None,
                "compression": dset.compression,
                "sha256": hashlib.sha256(little_endian_bytes(value)).hexdigest(),
            })
    return sorted(entries, key=lambda e: e["path"])


def main():
    os.makedirs(OUT, exist_ok=True)
    paths = {name: os.path.join(OUT, name) for name in ("h5py_basic.h5", "h5py_unsupported.h5", "h5py_userblock.h5")}
    arrays = basic(paths["h5py_basic.h5"])
    unsupported(paths["h5py_unsupported.h5"])
    userblock(paths["h5py_userblock.h5"])
    malformed_attribute_dims(os.path.join(OUT, "malformed_attribute_dims.h5"))
    manifest = {
        "generator": {
            "script": "tools/make_hdf5_fixtures.py",
            "python": platform.python_version(),
            "h5py": h5py.version.version,
            "hdf5": h5py.version.hdf5_version,
            "numpy": np.__version__,
        },
        "files": {
            "h5py_basic.h5": {"datasets": manifest_entry(paths["h5py_basic.h5"], arrays)},
            "h5py_userblock.h5": {"datasets": manifest_entry(paths["h5py_userblock.h5"], {"x": np.array([1, 2, 3], dtype=np.int16)})},
        },
    }
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
