#!/usr/bin/python3
"""Regenerates fixtures/safetensors/: files written by the Python `safetensors` package and a
manifest of their tensors (SHA-256 of the C-order little-endian element bytes).

Run with the system Python (torch 1.13, numpy) after `pip install safetensors`:
    /usr/bin/python3 tools/make_safetensors_fixtures.py
Output is deterministic except `metadata_many.safetensors`, whose `__metadata__` key order
comes from a hash map in the reference writer (the manifest records the order in the file).
"""
import hashlib
import json
import os
import platform
import struct
import sys

import numpy as np
import safetensors
import torch
from safetensors.numpy import save_file as numpy_save_file
from safetensors.torch import save_file as torch_save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "safetensors")


def element_bytes(value):
    """C-order little-endian element bytes of a numpy array or torch tensor."""
    if isinstance(value, torch.Tensor):
        if value.dtype == torch.bfloat16:
            value = value.contiguous().view(torch.int16)
        value = value.contiguous().numpy()
    value = np.ascontiguousarray(value)
    if value.dtype.byteorder == ">":
        value = value.byteswap().newbyteorder()
    return value.tobytes()


def header_of(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(n))  # json keeps the file's key order


def describe(path, tensors, writer):
    header = header_of(path)
    metadata = header.get("__metadata__")
    entries = [(k, v) for k, v in header.items() if k != "__metadata__"]
    entries.sort(key=lambda kv: tuple(kv[1]["data_offsets"]))
    return {
        "writer": writer,
        "metadata": None if metadata is None else [[k, v] for k, v in metadata.items()],
        "tensors": [
            {
                "name": name,
                "dtype": info["dtype"],
                "shape": info["shape"],
                "sha256": hashlib.sha256(element_bytes(tensors[name])).hexdigest(),
            }
            for name, info in entries
        ],
    }


def floats(rng, shape, dtype):
    values = rng.standard_normal(shape).astype(np.float64)
    flat = values.reshape(-1)
    specials = [np.nan, np.inf, -np.inf, -0.0, 1e-310, 65504.0]
    flat[: min(len(specials), flat.size)] = specials[: flat.size]
    return values.astype(dtype)


def torch_all_dtypes():
    rng = np.random.default_rng(1)
    t = {
        "f64.matrix": torch.from_numpy(floats(rng, (3, 4), np.float64)),
        "f32.conv": torch.from_numpy(floats(rng, (2, 3, 3, 3), np.float32)),
        "f16.vector": torch.from_numpy(floats(rng, (7,), np.float16)),
        "bf16.vector": torch.from_numpy(floats(rng, (5,), np.float32)).to(torch.bfloat16),
        "i64.counter": torch.tensor(123456789012, dtype=torch.int64),
        "i32.values": torch.tensor([-2**31, -1, 0, 1, 2**31 - 1], dtype=torch.int32),
        "i16.values": torch.tensor([[-32768, 7], [0, 32767]], dtype=torch.int16),
        "i8.values": torch.tensor([-128, -1, 0, 127], dtype=torch.int8),
        "u8.values": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
        "bool.mask": torch.tensor([[True, False, True]]),
        "f32.scalar": torch.tensor(3.25, dtype=torch.float32),
        "f32.empty": torch.zeros((0, 4), dtype=torch.float32),
        "bool.empty": torch.zeros((0,), dtype=torch.bool),
        "a.f32": torch.arange(6, dtype=torch.float32).reshape(2, 3),
    }
    path = os.path.join(OUT, "torch_all_dtypes.safetensors")
    torch_save_file(t, path, metadata={"format": "pt"})
    return path, t, "safetensors.torch.save_file"


def numpy_names():
    rng = np.random.default_rng(2)
    t = {
        "b": rng.standard_normal((2, 2)).astype(np.float32),
        "a": rng.standard_normal((3,)).astype(np.float32),
        "B": np.arange(4, dtype=np.int64),
        "a.b": np.array([1, 2], dtype=np.int16),
        "\u00e9t\u00e9": np.array([0.5], dtype=np.float16),
        "quote\"back\\slash": np.array([1], dtype=np.uint8),
        "ctrl\u0001\t\n\u001f\u007f": np.array([True]),
        "z": np.array(2.5, dtype=np.float64),
    }
    path = os.path.join(OUT, "numpy_names.safetensors")
    numpy_save_file(t, path)
    return path, t, "safetensors.numpy.save_file"


def transposed():
    t = {"t": np.ascontiguousarray(np.arange(12, dtype=np.float32).reshape(3, 4).T)}
    path = os.path.join(OUT, "transposed.safetensors")
    numpy_save_file(t, path, metadata={"format": "np"})
    return path, t, "safetensors.numpy.save_file"


def metadata_many():
    t = {"w": np.array([1.0, 2.0], dtype=np.float32)}
    metadata = {"format": "pt", "unicode": "\u00e9\u4e2d\U0001f600", "escapes": "a\"b\\c\nd\u0002", "empty": ""}
    path = os.path.join(OUT, "metadata_many.safetensors")
    numpy_save_file(t, path, metadata=metadata)
    return path, t, "safetensors.numpy.save_file"


def empty():
    path = os.path.join(OUT, "empty.safetensors")
    numpy_save_file({}, path)
    return path, {}, "safetensors.numpy.save_file"


def unsupported():
    t = {"ok": np.array([1.0], dtype=np.float32), "u16": np.array([1, 65535], dtype=np.uint16)}
    path = os.path.join(OUT, "unsupported_u16.safetensors")
    numpy_save_file(t, path)
    return path, t, "safetensors.numpy.save_file"


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {}
    for make in (torch_all_dtypes, numpy_names, transposed, metadata_many, empty, unsupported):
        path, tensors, writer = make()
        os.chmod(path, 0o644)
        files[os.path.basename(path)] = describe(path, tensors, writer)
    manifest = {
        "generator": {
            "script": "tools/make_safetensors_fixtures.py",
            "python": platform.python_version(),
            "safetensors": safetensors.__version__,
            "torch": torch.__version__,
            "numpy": np.__version__,
        },
        "files": files,
    }
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
