#!/usr/bin/env python3
"""Checks that PyTorch state dicts written by `ganport convert --to X.pt` load with
`torch.load(path, weights_only=True)` and hold exactly the tensors GANPort reports.

Usage: /usr/bin/python3 tools/check_torch_load.py --ganport BINARY [--keep DIR] CHECKPOINT...

For each checkpoint: converts it to a .pt with ganport, loads the result with PyTorch's restricted
unpickler, and compares names, dtypes, shapes and the SHA-256 of every tensor's bytes with
`ganport inspect CHECKPOINT --json`. Exits non-zero on any difference.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import torch

DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL"}


def sha256(tensor):
    t = tensor.contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return hashlib.sha256(t.numpy().tobytes()).hexdigest()


def check(ganport, checkpoint, folder):
    manifest = json.loads(subprocess.run([ganport, "inspect", checkpoint, "--json"], check=False,
                                         capture_output=True, text=True).stdout)
    output = os.path.join(folder, os.path.basename(checkpoint) + ".pt")
    subprocess.run([ganport, "convert", checkpoint, "--to", output], check=True, capture_output=True)
    state = torch.load(output, weights_only=True)
    problems = []
    expected = {row["name"]: row for row in manifest["tensors"]}
    if list(sorted(state)) != sorted(expected):
        problems.append(f"names differ: {sorted(set(state) ^ set(expected))[:5]}")
    for name, tensor in state.items():
        row = expected.get(name)
        if row is None:
            continue
        if DTYPES[tensor.dtype] != row["dtype"] or list(tensor.shape) != row["shape"] or sha256(tensor) != row["sha256"]:
            problems.append(f"{name}: {DTYPES[tensor.dtype]} {list(tensor.shape)} differs from {row['dtype']} {row['shape']}")
    print(f"{checkpoint}: {len(state)} tensors, torch.load(weights_only=True) {'OK' if not problems else 'FAILED'}")
    for problem in problems[:20]:
        print("  " + problem)
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ganport", required=True)
    parser.add_argument("--keep", help="write the .pt files here instead of a temporary folder")
    parser.add_argument("checkpoints", nargs="+")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="ganport-torch-load-")
    os.makedirs(folder, exist_ok=True)
    ok = all([check(args.ganport, path, folder) for path in args.checkpoints])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
