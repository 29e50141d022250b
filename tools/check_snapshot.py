#!/usr/bin/env python3
"""Checks a `ganport finetune` snapshot directory against the official StyleGAN2-ADA code.

Usage: /usr/bin/python3 tools/check_snapshot.py OFFICIAL_CHECKOUT SNAPSHOT_DIR [--seeds 0,1,2,3 --columns 2]

* `G.pt`, `D.pt`, `G_ema.pt` load with `torch.load(path, weights_only=True)` and then with
  `load_state_dict(strict=True)` into the official `training.networks.Generator` /
  `Discriminator`, built from the constructor arguments in `network.safetensors`
  (`G.init_kwargs`, `D.init_kwargs`).
* Every tensor of each `.pt` equals (bit for bit) the same-named `G.` / `D.` / `G_ema.` tensor of
  `network.safetensors`, and the two hold the same names.
* With `--seeds` and `--columns`: `samples.png` equals the official loop's
  `save_image_grid(G_ema(z, c, noise_mode='const', force_fp32=True), drange=[-1, 1])` for latents
  `np.random.RandomState(seed).randn(z_dim)`; the largest difference in 8-bit levels is reported
  (float32 rounding may move a value across a level boundary).
Exits non-zero on any failure. Nothing from the official checkout is copied.
"""
import argparse
import json
import os
import struct
import sys

import numpy as np
import torch

DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        raw = data[8 + length + begin:8 + length + end]
        tensors[name] = np.frombuffer(raw, dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
    return tensors, metadata


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("official")
    parser.add_argument("snapshot")
    parser.add_argument("--seeds", help="comma-separated seeds of samples.png")
    parser.add_argument("--columns", type=int, help="columns of samples.png")
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.official))
    from training import networks  # noqa: E402 (official code, from the checkout given)

    combined, metadata = read_safetensors(os.path.join(args.snapshot, "network.safetensors"))
    print(f"network.safetensors: {len(combined)} tensors, format {metadata.get('format')}, cur_nimg {metadata.get('cur_nimg')}")
    kwargs = {"G": json.loads(metadata["G.init_kwargs"]), "D": json.loads(metadata["D.init_kwargs"])}
    ok = True
    loaded = {}
    for key, cls, config in [("G", networks.Generator, "G"), ("D", networks.Discriminator, "D"), ("G_ema", networks.Generator, "G")]:
        path = os.path.join(args.snapshot, key + ".pt")
        state = torch.load(path, weights_only=True)
        module = cls(**kwargs[config]).eval().requires_grad_(False)
        result = module.load_state_dict(state, strict=True)
        expected = {name[len(key) + 1:]: value for name, value in combined.items() if name.startswith(key + ".")}
        problems = []
        if sorted(state) != sorted(expected):
            problems.append(f"names differ: {sorted(set(state) ^ set(expected))[:5]}")
        for name, tensor in state.items():
            if name in expected and not np.array_equal(tensor.numpy().view(np.uint32), expected[name].view(np.uint32)):
                problems.append(f"{name}: values differ from network.safetensors")
        print(f"{key}.pt: {len(state)} tensors, torch.load(weights_only=True) + load_state_dict(strict=True) "
              f"{'OK' if not problems else 'FAILED'} ({result})")
        for problem in problems[:10]:
            print("  " + problem)
        ok = ok and not problems
        loaded[key] = module

    if args.seeds is not None and args.columns:
        import PIL.Image
        seeds = [int(s) for s in args.seeds.split(",")]
        G = loaded["G_ema"]
        z = torch.from_numpy(np.stack([np.random.RandomState(s).randn(G.z_dim) for s in seeds]).astype(np.float32))
        c = torch.zeros([len(seeds), G.c_dim])
        img = G(z, c, noise_mode="const", force_fp32=True).numpy()
        lo, hi = -1, 1
        img = np.rint((img - lo) * (255 / (hi - lo))).clip(0, 255).astype(np.uint8)
        gw, gh = args.columns, len(seeds) // args.columns
        _N, C, H, W = img.shape
        img = img.reshape(gh, gw, C, H, W).transpose(0, 3, 1, 4, 2).reshape(gh * H, gw * W, C)
        ours = np.asarray(PIL.Image.open(os.path.join(args.snapshot, "samples.png")))
        if ours.shape != img.shape:
            print(f"samples.png: shape {ours.shape} differs from {img.shape}")
            ok = False
        else:
            diff = np.abs(ours.astype(int) - img.astype(int))
            print(f"samples.png: {diff.size} samples, {np.count_nonzero(diff)} differ, max difference {diff.max()} levels")
            ok = ok and diff.max() <= 1
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
