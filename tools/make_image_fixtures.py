#!/usr/bin/python3
"""Writes fixtures/images: PNG files with their expected pixels, and image-conversion goldens.

Run with /usr/bin/python3 (NumPy 1.24, torch 1.13, Pillow). Re-runnable; output is deterministic.

PNG files come from two writers:
  * Pillow (`pil_*.png`): what StyleGAN's scripts save (L, RGB, RGBA, LA, P, P + tRNS, I;16).
  * A small PNG writer below (`gen_*.png`): every filter type (rows cycle 0, 1, 2, 3, 4), 16-bit samples,
    sub-byte gray and palette depths, Adam7 interlacing, split IDAT chunks and ancillary chunks.
Every file is decoded by Pillow and checked against the expected pixels before it is written.

png.json lists each file: width, height, channels, bit depth of the expected samples (8 or 16), and the
expected samples file `<name>.pixels` (row-major interleaved, uint8, or uint16 little-endian). Expected
pixels are what a decoder returns: palette expanded to RGB (RGBA when tRNS is present), gray of depth
1/2/4 scaled to 0...255 (×255, ×85, ×17), 16-bit samples kept, tRNS of gray/RGB images ignored.

conversions.json holds float32 inputs (hex bit patterns, NCHW) and the uint8 outputs of
  * generate.py:  (torch img.permute(0, 2, 3, 1) * 127.5 + 128).clamp(0, 255).to(torch.uint8)   (NHWC)
  * the image-grid writer of the training loop: img = (img - lo) * (255 / (hi - lo)) on a float32 array,
    np.rint(img).clip(0, 255).astype(np.uint8), then tiled gh rows by gw columns into (gh*H, gw*W, C).
"""
import io
import json
import os
import struct
import sys
import zlib

import numpy as np
import torch
from PIL import Image, PngImagePlugin

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "images")
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
entries = []


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def pack_row(row, depth):
    """row: 1-d array of samples (pixels × channels)."""
    if depth == 16:
        return b"".join(struct.pack(">H", int(v)) for v in row)
    if depth == 8:
        return bytes(int(v) for v in row)
    bits = "".join(format(int(v), "0%db" % depth) for v in row)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(kind, row, prev, bpp):
    out = bytearray()
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out.append((x - predictor) & 0xFF)
    return bytes([kind]) + bytes(out)


def scanlines(samples, depth, channels, interlace, first_filter=0):
    """samples: H × W × C array. Returns the filtered byte stream; rows cycle through filter types."""
    height, width = samples.shape[:2]
    bpp = max(1, channels * depth // 8)
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    stream, row_index = bytearray(), first_filter
    for x0, y0, dx, dy in passes:
        sub = samples[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        prev = bytes(len(pack_row(sub[0].reshape(-1), depth)))
        for row in sub:
            packed = pack_row(row.reshape(-1), depth)
            stream += filter_row(row_index % 5, packed, prev, bpp)
            prev = packed
            row_index += 1
    return bytes(stream)


def gen_png(samples, depth, color_type, interlace=False, palette=None, trns=None, idat_pieces=1, extra_before=(),
            extra_after=(), first_filter=0):
    height, width = samples.shape[:2]
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 1 if interlace else 0)
    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", ihdr)]
    parts += [chunk(k, d) for k, d in extra_before]
    if palette is not None:
        parts.append(chunk(b"PLTE", bytes(np.asarray(palette, dtype=np.uint8).reshape(-1))))
    if trns is not None:
        parts.append(chunk(b"tRNS", trns))
    data = zlib.compress(scanlines(samples, depth, CHANNELS[color_type], interlace, first_filter), 9)
    step = -(-len(data) // idat_pieces)
    for i in range(idat_pieces):
        parts.append(chunk(b"IDAT", data[i * step:(i + 1) * step]))
    parts += [chunk(k, d) for k, d in extra_after]
    parts.append(chunk(b"IEND", b""))
    return b"".join(parts)


def pil_pixels(raw):
    """Pillow's reading of a PNG, in the expected-pixels convention (H × W × C)."""
    image = Image.open(io.BytesIO(raw))
    image.load()
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode == "1":
        image = image.convert("L")
    array = np.asarray(image)
    if array.ndim == 2:
        array = array[:, :, None]
    return array


def add(name, raw, expected, pil_check="exact"):
    expected = np.ascontiguousarray(expected)
    if expected.ndim == 2:
        expected = expected[:, :, None]
    depth = 16 if expected.dtype == np.uint16 else 8
    seen = pil_pixels(raw)
    if pil_check == "exact":
        assert seen.shape == expected.shape and (seen.astype(np.int64) == expected).all(), name
    elif pil_check == "high_byte":  # Pillow reduces 16-bit colour samples to their high byte (LA to RGBA)
        if expected.shape[2] == 2 and seen.shape[2] == 4:
            seen = seen[:, :, [0, 3]]
        assert seen.shape == expected.shape and (seen.astype(np.int64) == (expected >> 8)).all(), name
    with open(os.path.join(OUT, name + ".png"), "wb") as handle:
        handle.write(raw)
    with open(os.path.join(OUT, name + ".pixels"), "wb") as handle:
        handle.write(expected.astype("<u2" if depth == 16 else "u1").tobytes())
    height, width, channels = expected.shape
    entries.append({"name": name, "width": width, "height": height, "channels": channels, "bit_depth": depth,
                    "pil_check": pil_check})


def pil_png(array, mode, **params):
    buffer = io.BytesIO()
    Image.fromarray(array, mode).save(buffer, format="PNG", **params)
    return buffer.getvalue()


def make_pngs(rng):
    rgb = rng.integers(0, 256, (9, 11, 3), dtype=np.uint8)
    rgba = rng.integers(0, 256, (6, 5, 4), dtype=np.uint8)
    gray = rng.integers(0, 256, (7, 13), dtype=np.uint8)
    smooth = (np.add.outer(np.arange(16), np.arange(20)) * 7 % 256).astype(np.uint8)
    add("pil_gray", pil_png(gray, "L"), gray)
    add("pil_gray_smooth", pil_png(smooth, "L"), smooth)
    add("pil_rgb", pil_png(rgb, "RGB"), rgb)
    add("pil_rgba", pil_png(rgba, "RGBA"), rgba)
    la = rng.integers(0, 256, (4, 6, 2), dtype=np.uint8)
    add("pil_la", pil_png(la, "LA"), la)
    gray16 = rng.integers(0, 65536, (5, 7), dtype=np.uint16)
    add("pil_gray16", pil_png(gray16, "I;16"), gray16)
    palette = rng.integers(0, 256, (12, 3), dtype=np.uint8)
    indices = rng.integers(0, 12, (6, 9), dtype=np.uint8)
    p_image = Image.fromarray(indices, "P")
    p_image.putpalette(palette.reshape(-1).tolist())
    buffer = io.BytesIO()
    p_image.save(buffer, format="PNG")
    add("pil_palette", buffer.getvalue(), palette[indices])
    alpha = rng.integers(0, 256, 12, dtype=np.uint8)
    buffer = io.BytesIO()
    p_image.save(buffer, format="PNG", transparency=bytes(alpha[:7]))
    rgba_expected = np.concatenate([palette, np.concatenate([alpha[:7], np.full(5, 255, np.uint8)])[:, None]], 1)
    add("pil_palette_trns", buffer.getvalue(), rgba_expected[indices])

    for name, color_type, depth, channels, shape in [("gray8", 0, 8, 1, (9, 7)), ("rgb8", 2, 8, 3, (8, 6)),
                                                      ("rgba8", 6, 8, 4, (7, 5)), ("la8", 4, 8, 2, (6, 6)),
                                                      ("gray16", 0, 16, 1, (7, 5)), ("rgb16", 2, 16, 3, (6, 4)),
                                                      ("rgba16", 6, 16, 4, (5, 5)), ("la16", 4, 16, 2, (5, 3))]:
        samples = rng.integers(0, 1 << depth, shape + (channels,), dtype=np.uint16 if depth == 16 else np.uint8)
        check = "high_byte" if depth == 16 and channels > 1 else "exact"
        add("gen_filters_" + name, gen_png(samples, depth, color_type), samples, check)
        add("gen_adam7_" + name, gen_png(samples, depth, color_type, interlace=True, first_filter=2), samples, check)

    for depth in (1, 2, 4):
        samples = rng.integers(0, 1 << depth, (5, 13, 1), dtype=np.uint8)
        scale = 255 // ((1 << depth) - 1)
        add("gen_gray%d" % depth, gen_png(samples, depth, 0), samples * scale)
        add("gen_adam7_gray%d" % depth, gen_png(samples, depth, 0, interlace=True), samples * scale)
        entries_count = min(1 << depth, 11)
        palette = rng.integers(0, 256, (entries_count, 3), dtype=np.uint8)
        indices = rng.integers(0, entries_count, (6, 11, 1), dtype=np.uint8)
        add("gen_palette%d" % depth, gen_png(indices, depth, 3, palette=palette), palette[indices[:, :, 0]])
        add("gen_adam7_palette%d" % depth, gen_png(indices, depth, 3, interlace=True, palette=palette),
            palette[indices[:, :, 0]])

    palette = rng.integers(0, 256, (200, 3), dtype=np.uint8)
    indices = rng.integers(0, 200, (4, 9, 1), dtype=np.uint8)
    trns = rng.integers(0, 256, 150, dtype=np.uint8)
    alpha = np.concatenate([trns, np.full(50, 255, np.uint8)])
    add("gen_palette8_trns", gen_png(indices, 8, 3, palette=palette, trns=bytes(trns)),
        np.concatenate([palette, alpha[:, None]], 1)[indices[:, :, 0]])

    for size in [(1, 1), (2, 3), (3, 2), (1, 9), (9, 1)]:
        samples = rng.integers(0, 256, size + (3,), dtype=np.uint8)
        add("gen_adam7_rgb8_%dx%d" % (size[1], size[0]), gen_png(samples, 8, 2, interlace=True), samples)

    samples = rng.integers(0, 256, (12, 10, 3), dtype=np.uint8)
    ancillary = [(b"tEXt", b"Comment\x00fixture"), (b"gAMA", struct.pack(">I", 45455)), (b"teSt", b"\x01\x02")]
    add("gen_split_idat", gen_png(samples, 8, 2, idat_pieces=5, extra_before=ancillary, extra_after=ancillary[:1]),
        samples)
    gray_trns = rng.integers(0, 256, (3, 4, 1), dtype=np.uint8)
    add("gen_gray8_trns", gen_png(gray_trns, 8, 0, trns=struct.pack(">H", int(gray_trns[0, 0, 0]))), gray_trns)
    rgb_trns = rng.integers(0, 256, (3, 4, 3), dtype=np.uint8)
    add("gen_rgb8_trns", gen_png(rgb_trns, 8, 2, trns=struct.pack(">HHH", 1, 2, 3)), rgb_trns)
    add("gen_rgb8_suggested_palette", gen_png(rgb_trns, 8, 2, palette=palette[:16]), rgb_trns)


def f32_bits(array):
    return [struct.pack(">f", float(v)).hex() for v in np.asarray(array, dtype=np.float32).reshape(-1)]


def generate_uint8(x):
    img = torch.from_numpy(x)
    return (img.permute(0, 2, 3, 1) * 127.5 + 128).clamp(0, 255).to(torch.uint8).numpy()


def grid_uint8(x, drange, grid):
    lo, hi = drange
    img = np.asarray(x, dtype=np.float32)
    img = (img - lo) * (255 / (hi - lo))
    with np.errstate(invalid="ignore"):  # NaN becomes 0 on x86-64
        img = np.rint(img).clip(0, 255).astype(np.uint8)
    gw, gh = grid
    n, c, h, w = img.shape
    return img.reshape(gh, gw, c, h, w).transpose(0, 3, 1, 4, 2).reshape(gh * h, gw * w, c)


def edge_values(offset, scale):
    """float32 x, and its neighbours, where x * scale + offset is each integer and half-integer near 0...255."""
    values = []
    for n in range(-3, 260):
        for target in (n, n + 0.5):
            x = np.float32((target - offset) / scale)
            values += [x, np.nextafter(x, np.float32(np.inf)), np.nextafter(x, np.float32(-np.inf))]
    return values


def make_conversions(rng):
    specials = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e30, -1e30, 1.0, -1.0, 1.0039216, -1.0039216]
    values = np.array(edge_values(128, 127.5) + specials, dtype=np.float32)
    n, c, h, w = 2, 3, 14, 59
    padded = np.concatenate([values, rng.standard_normal(n * c * h * w - len(values)).astype(np.float32)])
    x = padded.reshape(n, c, h, w)
    generate = {"shape": [n, c, h, w], "input": f32_bits(x), "output": generate_uint8(x).reshape(-1).tolist()}

    grids = []
    cases = [((-1, 1), 3, (3, 2), (10, 12)), ((0, 255), 1, (2, 2), (20, 21)), ((0, 1), 3, (1, 3), (14, 14)),
             ((-1, 2.5), 1, (4, 1), (20, 20)), ((-1.0, 1.0), 1, (1, 1), (40, 40))]
    for drange, channels, (gw, gh), (hh, ww) in cases:
        lo, hi = drange
        count = gw * gh * channels * hh * ww
        scale = np.float32(255 / (hi - lo))
        edges = np.array(edge_values(-float(np.float32(lo)) * float(scale), float(scale)) + specials, dtype=np.float32)
        body = np.concatenate([edges, (rng.standard_normal(count) * (hi - lo) + lo).astype(np.float32)])[:count]
        x = rng.permutation(body).reshape(gw * gh, channels, hh, ww)
        out = grid_uint8(x, drange, (gw, gh))
        # The PNG the training loop writes, by Pillow.
        name = "grid_%d_c%d_%dx%d" % (len(grids), channels, gw, gh)
        add(name, pil_png(out[:, :, 0] if channels == 1 else out, "L" if channels == 1 else "RGB"), out)
        grids.append({"drange": [lo, hi], "grid": [gw, gh], "shape": list(x.shape), "input": f32_bits(x),
                      "output_shape": list(out.shape), "output": out.reshape(-1).tolist(), "png": name + ".png"})
    return {"generate": generate, "grid": grids}


def main():
    os.makedirs(OUT, exist_ok=True)
    for stale in os.listdir(OUT):
        if stale.endswith((".png", ".pixels")):
            os.remove(os.path.join(OUT, stale))
    rng = np.random.default_rng(20240601)
    make_pngs(rng)
    conversions = make_conversions(rng)
    provenance = {"generator": "tools/make_image_fixtures.py", "numpy": np.__version__, "torch": torch.__version__,
                  "pillow": Image.__version__, "python": sys.version.split()[0]}
    with open(os.path.join(OUT, "png.json"), "w") as handle:
        json.dump({"provenance": provenance, "images": entries}, handle, indent=1)
        handle.write("\n")
    with open(os.path.join(OUT, "conversions.json"), "w") as handle:
        json.dump(dict(conversions, provenance=provenance), handle, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main()
