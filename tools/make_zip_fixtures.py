#!/usr/bin/python3
"""Writes fixtures/zip: archives made by Python's zipfile and torch.save, and hand-built hostile
archives that each break exactly one rule of GANPort's ZIP reader.

Run with /usr/bin/python3 (zipfile, zlib; torch 1.13 for the torch.save sample). Re-runnable;
output is deterministic.
"""
import io
import os
import shutil
import struct
import zipfile
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "zip")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def deflate(data):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


class Entry:
    """One archive member; `local` / `central` override single header fields."""

    def __init__(self, name, payload=b"", method=0, data=None, **fields):
        self.name = name.encode() if isinstance(name, str) else name
        self.method = method
        self.data = data if data is not None else (payload if method == 0 else deflate(payload))
        self.fields = dict(flags=0, crc=zlib.crc32(payload), csize=len(self.data), usize=len(payload),
                           extra=b"", version=20, sig=b"PK\x03\x04", method=method, name=self.name)
        self.fields.update(fields)
        self.local = {}
        self.central = {}

    def local_header(self):
        f = dict(self.fields, **self.local)
        return struct.pack("<4sHHHHHIIIHH", f["sig"], f["version"], f["flags"], f["method"], 0, 0x21,
                           f["crc"], f["csize"], f["usize"], len(f["name"]), len(f["extra"])) + f["name"] + f["extra"]

    def central_record(self, offset):
        f = dict(self.fields, sig=b"PK\x01\x02", offset=offset, disk=0)
        f.update(self.central)
        return struct.pack("<4sHHHHHHIIIHHHHHII", f["sig"], f["version"], f["version"], f["flags"], f["method"], 0,
                           0x21, f["crc"], f["csize"], f["usize"], len(f["name"]), len(f["extra"]), 0, f["disk"],
                           0, 0, f["offset"]) + f["name"] + f["extra"]


def end_record(count, size, offset, disk=0, cd_disk=0, count_on_disk=None, comment=b"", comment_length=None):
    return struct.pack("<4sHHHHIIH", b"PK\x05\x06", disk, cd_disk, count if count_on_disk is None else count_on_disk,
                       count, size, offset, len(comment) if comment_length is None else comment_length) + comment


def zip64_end(count, size, offset, at, record_size=44, disk=0, locator_offset=None, locator_disks=1):
    record = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", record_size, 45, 45, disk, 0, count, count, size, offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, at if locator_offset is None else locator_offset, locator_disks)
    return record + locator


def build(entries, count=None, end=None, offsets=None, tail=b""):
    """Local headers and data in order, then the central directory and end record."""
    out = bytearray()
    positions = []
    for entry in entries:
        positions.append(len(out))
        out += entry.local_header() + entry.data
    offsets = offsets or positions
    directory_offset = len(out)
    for entry, offset in zip(entries, offsets):
        out += entry.central_record(offset)
    size = len(out) - directory_offset
    out += end(len(entries), size, directory_offset) if end else end_record(
        len(entries) if count is None else count, size, directory_offset)
    return bytes(out) + tail


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(data)


def python_archives():
    payload = bytes(range(256)) * 4
    for name, method in (("python_stored.zip", zipfile.ZIP_STORED), ("python_deflated.zip", zipfile.ZIP_DEFLATED)):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as archive:
            archive.comment = b"made by zipfile"
            for entry, data in (("a.txt", b"hello\n"), ("dir/b.bin", payload), ("empty", b"")):
                archive.writestr(zipfile.ZipInfo(entry, FIXED_TIME), data, compress_type=method)
        write(name, buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        with archive.open(zipfile.ZipInfo("forced.bin", FIXED_TIME), "w", force_zip64=True) as handle:
            handle.write(payload)
    write("python_zip64_local.zip", buffer.getvalue())


def torch_archive():
    import torch
    state = {"conv.weight": torch.arange(24, dtype=torch.float32).reshape(2, 3, 2, 2),
             "conv.bias": torch.tensor([0.5, -1.5], dtype=torch.float16),
             "steps": torch.tensor(7, dtype=torch.int64)}
    torch.save(state, os.path.join(OUT, "torch_state_dict.pt"))


def crafted_zip64():
    """Every size and offset in the central directory moved to ZIP64 fields, ZIP64 end records."""
    payload = b"zip64 payload\n"
    entry = Entry("big.bin", payload)
    entry.central = dict(csize=0xFFFFFFFF, usize=0xFFFFFFFF, version=45,
                         extra=struct.pack("<HHQQQ", 1, 24, len(payload), len(payload), 0))

    def end(count, size, offset):
        at = offset + size
        return zip64_end(count, size, offset, at) + end_record(0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)

    return entry, end


def hostile_archives():
    text = b"GANPort fixture data\n"
    good = lambda name="a.txt": Entry(name, text)
    write("truncated.zip", build([good(), good("b.txt")])[:70])
    write("trailing_bytes.zip", build([good()], tail=b"junk"))
    write("comment_truncated.zip", build([good()], end=lambda c, s, o: end_record(c, s, o, comment=b"x", comment_length=9)))
    write("multi_disk.zip", build([good()], end=lambda c, s, o: end_record(c, s, o, disk=1, cd_disk=1)))
    write("zip64_locator_outside.zip", build([good()], end=lambda c, s, o: zip64_end(c, s, o, o + s, locator_offset=1 << 40)
                                             + end_record(c, s, o)))
    write("zip64_record_size_huge.zip", build([good()], end=lambda c, s, o: zip64_end(c, s, o, o + s, record_size=1 << 62)
                                              + end_record(c, s, o)))
    write("zip64_end_disagrees.zip", build([good()], end=lambda c, s, o: zip64_end(c, s, o, o + s) + end_record(c + 1, s, o)))
    write("directory_outside.zip", build([good()], end=lambda c, s, o: end_record(c, s, o + 1000)))
    write("count_mismatch.zip", build([good(), good("b.txt")], count=3))

    entry = good()
    entry.central = dict(sig=b"PK\x01\x03")
    write("bad_directory_signature.zip", build([entry]))
    record = bytearray(build([good()]))
    struct.pack_into("<H", record, 56 + 28, 200)
    write("directory_record_truncated.zip", bytes(record))
    entry = good()
    entry.central = dict(extra=b"\x00" * 3)
    write("extra_field_truncated.zip", build([entry]))
    entry = good()
    entry.central = dict(extra=struct.pack("<HH", 0xCAFE, 40) + b"\0" * 8)
    write("extra_field_overrun.zip", build([entry]))

    for file, name in (("name_parent.zip", "../evil"), ("name_absolute.zip", "/etc/passwd"),
                       ("name_backslash.zip", "dir\\evil"), ("name_nul.zip", b"a\0b"), ("name_empty.zip", b""),
                       ("name_not_utf8.zip", b"caf\xe9")):
        write(file, build([good(name)]))
    write("duplicate_names.zip", build([good(), good()]))
    write("encrypted.zip", build([Entry("a.txt", text, flags=1)]))
    write("unsupported_method.zip", build([Entry("a.bz2", text, method=12, data=text)]))
    write("stored_size_mismatch.zip", build([Entry("a.txt", text, usize=len(text) + 1)]))

    entry = good()
    entry.local = dict(sig=b"PK\x03\x05")
    write("bad_local_signature.zip", build([entry]))
    for file, field, value in (("local_name_mismatch.zip", "name", b"b.txt"), ("local_method_mismatch.zip", "method", 8),
                               ("local_crc_mismatch.zip", "crc", 1), ("local_size_mismatch.zip", "csize", 3),
                               ("local_usize_mismatch.zip", "usize", 3), ("local_flags_mismatch.zip", "flags", 1)):
        entry = good()
        entry.local = {field: value}
        write(file, build([entry]))

    entry = good()
    entry.central = dict(csize=1000, usize=1000)
    entry.local = dict(csize=1000, usize=1000)
    write("data_outside.zip", build([entry]))

    inner = good("inner.txt")
    inner_bytes = inner.local_header() + inner.data
    outer = Entry("outer.bin", inner_bytes)
    archive = bytearray()
    archive += outer.local_header() + outer.data
    inner_offset = len(outer.local_header())
    directory = outer.central_record(0) + inner.central_record(inner_offset)
    archive += directory + end_record(2, len(directory), len(outer.local_header()) + len(outer.data))
    write("overlapping_entries.zip", bytes(archive))

    zeros = bytes(4096)
    bomb = Entry("bomb.bin", zeros, method=8)
    bomb.fields.update(usize=1024, crc=zlib.crc32(zeros[:1024]))
    write("bomb_exceeds_declared.zip", build([bomb]))
    ratio = Entry("ratio.bin", zeros, method=8)
    ratio.fields.update(usize=3_000_000_000)
    write("bomb_ratio.zip", build([ratio]))
    short = Entry("short.bin", zeros, method=8)
    short.fields.update(usize=8192)
    write("inflate_short.zip", build([short]))
    write("deflate_garbage.zip", build([Entry("garbage.bin", text, method=8, data=b"\xff" * 16)]))
    truncated = Entry("cut.bin", text * 4, method=8)
    truncated.data = truncated.data[:-3]
    truncated.fields.update(csize=len(truncated.data))
    write("deflate_truncated.zip", build([truncated]))
    write("bad_crc_stored.zip", build([Entry("a.txt", text, crc=0x12345678)]))
    write("bad_crc_deflated.zip", build([Entry("a.txt", text, method=8, crc=0x12345678)]))

    entry, end = crafted_zip64()
    write("crafted_zip64.zip", build([entry], end=end))
    entry, end = crafted_zip64()
    entry.central["extra"] = struct.pack("<HHQQQ", 1, 24, 1 << 40, 1 << 40, 0)
    write("zip64_bogus_sizes.zip", build([entry], end=end))
    entry, end = crafted_zip64()
    entry.central["extra"] = struct.pack("<HHQ", 1, 8, len(b"zip64 payload\n"))
    write("zip64_extra_short.zip", build([entry], end=end))
    entry, end = crafted_zip64()
    entry.central["extra"] = b""
    write("zip64_extra_missing.zip", build([entry], end=end))
    entry, end = crafted_zip64()
    entry.central["extra"] = struct.pack("<HHQQQ", 1, 24, 1 << 63, 1 << 63, 0)
    write("zip64_value_too_large.zip", build([entry], end=end))


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    python_archives()
    torch_archive()
    hostile_archives()
    for valid in ("python_stored.zip", "python_deflated.zip", "python_zip64_local.zip", "crafted_zip64.zip",
                  "torch_state_dict.pt"):
        with zipfile.ZipFile(os.path.join(OUT, valid)) as archive:
            assert archive.testzip() is None, valid


if __name__ == "__main__":
    main()
