#!/usr/bin/env python3
"""Writes malformed torch.save files (zip and legacy) for GANPort's reader tests.

Usage: /usr/bin/python3 tools/make_torch_malformed_fixtures.py --out fixtures/torch/malformed

Each file breaks exactly one rule of SPEC.md §1.2–1.4; README.md in the output folder says
which. Files are built from hand-made pickles (a custom persistent_id) and zipfile, so no
file embeds code and nothing here executes anything from the files it writes.
"""
import argparse
import collections
import io
import os
import pickle
import struct
import zipfile

import torch

MAGIC = 0x1950A86A20F9469CFC6C


class StorageRef:
    """Stands for a storage; the pickler writes it as a persistent id."""

    def __init__(self, pid):
        self.pid = pid


class Rebuild:
    """Pickles as torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())."""

    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, tuple(size), tuple(stride), False, collections.OrderedDict())

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2, self.args)


class LoadFromBytes:
    """Pickles as torch.storage._load_from_bytes(payload)."""

    def __init__(self, payload):
        self.payload = payload

    def __reduce__(self):
        return (torch.storage._load_from_bytes, (self.payload,))


class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        return obj.pid if isinstance(obj, StorageRef) else None


def dumps(obj, protocol=2):
    buffer = io.BytesIO()
    Pickler(buffer, protocol=protocol).dump(obj)
    return buffer.getvalue()


def float_bytes(values):
    return struct.pack("<%df" % len(values), *values)


def write_zip(path, pickled, records, byteorder=b"little", root="archive", extra=()):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(f"{root}/data.pkl", pickled)
        if byteorder is not None:
            archive.writestr(f"{root}/byteorder", byteorder)
        for key, data in records.items():
            archive.writestr(f"{root}/data/{key}", data)
        for name, data in extra:
            archive.writestr(f"{root}/{name}", data)
        archive.writestr(f"{root}/version", b"3\n")


def zip_state(size=(4,), stride=(1,), offset=0, location="cpu", storage_type=torch.FloatStorage, numel=4):
    storage = StorageRef(("storage", storage_type, "0", location, numel))
    return dumps(collections.OrderedDict(weight=Rebuild(storage, offset, size, stride)))


def legacy_stream(obj, storages, count_override=None):
    """A legacy torch.save stream; storages maps key -> (storage type, float values)."""
    out = io.BytesIO()
    for header in (MAGIC, 1001, dict(protocol_version=1001, little_endian=True, type_sizes=dict(short=2, int=4, long=4))):
        pickle.dump(header, out, protocol=2)
    out.write(dumps(obj))
    keys = sorted(storages)
    pickle.dump(keys, out, protocol=2)
    for key in keys:
        values = storages[key][1]
        count = len(values) if count_override is None else count_override
        out.write(struct.pack("<q", count))
        out.write(float_bytes(values))
    return out.getvalue()


def legacy_state(numel=4, type_=torch.FloatStorage):
    storage = StorageRef(("storage", type_, "k0", "cpu", numel, None))
    return collections.OrderedDict(weight=Rebuild(storage, 0, (numel,), (1,)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    out = parser.parse_args().out
    os.makedirs(out, exist_ok=True)
    four = float_bytes([1, 2, 3, 4])
    files = {}

    def zip_case(name, why, **kwargs):
        pickled = kwargs.pop("pickled", None) or zip_state(**kwargs.pop("state", {}))
        write_zip(os.path.join(out, name), pickled, kwargs.pop("records", {"0": four}), **kwargs)
        files[name] = why

    zip_case("valid.pt", "a valid one-tensor archive written the same way (control case)")
    zip_case("missing-storage.pt", "data/0 record absent", records={})
    zip_case("storage-size-mismatch.pt", "data/0 holds 12 bytes, the persistent id declares 4 floats", records={"0": four[:12]})
    zip_case("view-outside-storage.pt", "size (5,) on a 4-element storage", state=dict(size=(5,)))
    zip_case("negative-stride.pt", "stride (-1,)", state=dict(stride=(-1,)))
    zip_case("shape-overflow.pt", "shape whose element count overflows 64 bits", state=dict(size=(2**62, 2**62), stride=(1, 1)))
    zip_case("bad-location.pt", "storage location 'tpu:0'", state=dict(location="tpu:0"))
    zip_case("big-endian.pt", "byteorder record says big", byteorder=b"big")
    zip_case("torchscript.pt", "TorchScript archive (constants.pkl and code/): refused", extra=[("constants.pkl", pickle.dumps(())), ("code/__torch__.py", b"")])
    bad_pid = dumps(collections.OrderedDict(weight=Rebuild(StorageRef(("storage", torch.FloatStorage, "0")), 0, (4,), (1,))))
    zip_case("malformed-pid.pt", "persistent id with 3 fields", pickled=bad_pid)
    unknown = dumps(collections.OrderedDict(weight=Rebuild(StorageRef(("storage", torch.nn.Module, "0", "cpu", 4)), 0, (4,), (1,))))
    zip_case("unknown-storage-type.pt", "storage class torch.nn.modules.module.Module", pickled=unknown)
    with zipfile.ZipFile(os.path.join(out, "two-roots.pt"), "w") as archive:
        archive.writestr("a/data.pkl", zip_state())
        archive.writestr("b/data.pkl", zip_state())
    files["two-roots.pt"] = "two data.pkl records under different roots"

    def legacy_case(name, why, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        files[name] = why

    legacy = legacy_stream(legacy_state(), {"k0": (torch.FloatStorage, [1, 2, 3, 4])})
    legacy_case("legacy-valid.pt", "a valid legacy stream written the same way (control case)", legacy)
    legacy_case("legacy-count-mismatch.pt", "stored element count 5, declared 4", legacy_stream(legacy_state(), {"k0": (None, [1, 2, 3, 4])}, count_override=5))
    legacy_case("legacy-truncated.pt", "last storage cut short", legacy[:-3])
    legacy_case("legacy-trailing-bytes.pt", "bytes after the last storage", legacy + b"\x00\x01")
    legacy_case("legacy-bad-version.pt", "protocol version 1000", legacy.replace(b"M\xe9\x03", b"M\xe8\x03", 1))
    missing = io.BytesIO()
    for header in (MAGIC, 1001, dict(little_endian=True)):
        pickle.dump(header, missing, protocol=2)
    missing.write(dumps(legacy_state()))
    pickle.dump(["k1"], missing, protocol=2)
    legacy_case("legacy-unknown-key.pt", "key list names a storage no persistent id declared", missing.getvalue())
    big = legacy.replace(pickle.dumps(dict(protocol_version=1001, little_endian=True, type_sizes=dict(short=2, int=4, long=4)), protocol=2),
                         pickle.dumps(dict(protocol_version=1001, little_endian=False, type_sizes=dict(short=2, int=4, long=4)), protocol=2))
    legacy_case("legacy-big-endian.pt", "sys_info little_endian False", big)

    inner = legacy_stream(StorageRef(("storage", torch.FloatStorage, "k0", "cpu", 4, None)), {"k0": (None, [1, 2, 3, 4])})
    nested_twice = legacy_stream(LoadFromBytes(inner), {})
    outer = pickle.dumps({"weight": Rebuild(LoadFromBytes(nested_twice), 0, (4,), (1,))}, protocol=2)
    legacy_case("nested-storage-stream.pkl", "_load_from_bytes payload whose object is again _load_from_bytes", outer)
    legacy_case("nested-storage-valid.pkl", "a valid _load_from_bytes tensor as NVIDIA pickles embed them (control case)",
                pickle.dumps({"weight": Rebuild(LoadFromBytes(inner), 0, (2, 2), (2, 1))}, protocol=4))

    with open(os.path.join(out, "README.md"), "w") as f:
        f.write("# Malformed torch.save files\n\nWritten by `tools/make_torch_malformed_fixtures.py` "
                f"(torch {torch.__version__}). Each file breaks one rule of SPEC.md §1.2–1.4; "
                "the tests assert the specific `TorchError` for each.\n\n| file | what is wrong |\n| --- | --- |\n")
        for name in sorted(files):
            f.write(f"| `{name}` | {files[name]} |\n")


if __name__ == "__main__":
    main()
