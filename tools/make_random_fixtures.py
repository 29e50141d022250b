#!/usr/bin/python3
"""Writes fixtures/random/randomstate.json: draws of NumPy's legacy RandomState.

Run with /usr/bin/python3 (NumPy 1.24). Re-runnable; output is deterministic.

Each case seeds a RandomState and lists calls made in sequence on that one generator, with
the exact results: float64 values as 16-hex-digit IEEE-754 bit patterns, integers as JSON
numbers, states as {key: [624 uint32], pos, has_gauss, gauss (bits)}.
Seeds: {"int": n} is RandomState(n); {"list": [...]} is RandomState([...]) (init_by_array);
{"array": [...]} is RandomState(np.array([...], dtype=np.int64)) (a one-element array squeezes
to an integer seed).
"""
import json
import os
import struct
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "random")


def bits(value):
    return struct.pack(">d", float(value)).hex()


def make(seed):
    if "int" in seed:
        return np.random.RandomState(seed["int"])
    if "list" in seed:
        return np.random.RandomState(list(seed["list"]))
    return np.random.RandomState(np.array(seed["array"], dtype=np.int64))


def state_json(rs):
    name, key, pos, has_gauss, gauss = rs.get_state()
    assert name == "MT19937"
    return {"key": [int(k) for k in key], "pos": int(pos), "has_gauss": int(has_gauss), "gauss": bits(gauss)}


def run(rs, call):
    op = call["op"]
    if op == "randn":
        return [bits(v) for v in rs.randn(*call["shape"]).ravel()]
    if op == "standard_normal":
        return [bits(rs.standard_normal())]
    if op == "random_sample":
        return [bits(v) for v in rs.random_sample(call["count"]).ravel()]
    if op == "uniform":
        return [bits(v) for v in rs.uniform(call["low"], call["high"], call["count"]).ravel()]
    if op == "randint":
        return [int(v) for v in rs.randint(call["low"], call["high"], size=call["count"]).ravel()]
    if op == "randint_scalar":
        return [int(rs.randint(call["low"], call["high"]))]
    if op == "permutation":
        return [int(v) for v in rs.permutation(call["count"])]
    if op == "shuffle":
        values = list(range(call["count"]))
        rs.shuffle(values)
        return values
    if op == "state":
        return state_json(rs)
    raise ValueError(op)


def c(op, **kw):
    return dict(op=op, **kw)


SEQUENCE = [c("randn", shape=[1, 512]), c("randn", shape=[3]), c("random_sample", count=5),
            c("standard_normal"), c("randint", low=0, high=10, count=8), c("randn", shape=[2, 2]),
            c("state")]

CASES = [
    {"name": "seed0_latent", "seed": {"int": 0}, "calls": [c("randn", shape=[1, 512])]},
    {"name": "seed1_latent", "seed": {"int": 1}, "calls": [c("randn", shape=[1, 512])]},
    {"name": "seed42_latent", "seed": {"int": 42}, "calls": [c("randn", shape=[1, 512])]},
    {"name": "seed_2p31m1_latent", "seed": {"int": 2**31 - 1}, "calls": [c("randn", shape=[1, 512])]},
    {"name": "seed_2p32m1_latent", "seed": {"int": 2**32 - 1}, "calls": [c("randn", shape=[1, 512])]},
    {"name": "seed7_sequence", "seed": {"int": 7}, "calls": SEQUENCE},
    {"name": "seed123_odd_gauss", "seed": {"int": 123},
     "calls": [c("randn", shape=[5]), c("state"), c("random_sample", count=3), c("randn", shape=[1]), c("state")]},
    {"name": "seed0_state_after_seeding", "seed": {"int": 0}, "calls": [c("state")]},
    {"name": "seed5_randint_ranges", "seed": {"int": 5},
     "calls": [c("randint", low=0, high=1, count=3), c("randint", low=-5, high=5, count=16),
               c("randint", low=0, high=2**32, count=4), c("randint", low=0, high=2**32 + 1, count=4),
               c("randint", low=-2**63, high=2**63 - 1, count=4), c("randint", low=0, high=1000003, count=8),
               c("randint", low=3, high=2**40, count=4), c("randint_scalar", low=0, high=100),
               c("randint", low=-2**31, high=2**31, count=4), c("state")]},
    {"name": "seed9_uniform", "seed": {"int": 9},
     "calls": [c("uniform", low=-1.0, high=1.0, count=8), c("uniform", low=3.5, high=1.25, count=4),
               c("uniform", low=0.0, high=1e300, count=2), c("randn", shape=[1]), c("uniform", low=0.0, high=1.0, count=2),
               c("randn", shape=[1])]},
    {"name": "seed11_permutation", "seed": {"int": 11},
     "calls": [c("permutation", count=10), c("shuffle", count=17), c("permutation", count=1), c("permutation", count=300),
               c("state")]},
    {"name": "list_seed_single", "seed": {"list": [5]}, "calls": [c("state"), c("randn", shape=[4])]},
    {"name": "array_seed_single", "seed": {"array": [5]}, "calls": [c("randn", shape=[4])]},
    {"name": "list_seed_three", "seed": {"list": [1, 2, 3]}, "calls": [c("randn", shape=[8]), c("state")]},
    {"name": "array_seed_extremes", "seed": {"array": [0, 4294967295, 2**31]}, "calls": [c("randn", shape=[8])]},
    {"name": "list_seed_long", "seed": {"list": [(i * 2654435761) % 2**32 for i in range(700)]},
     "calls": [c("state"), c("random_sample", count=4)]},
    {"name": "seed3_across_refill", "seed": {"int": 3},
     "calls": [c("random_sample", count=311), c("randn", shape=[3]), c("state"), c("randint", low=0, high=7, count=5)]},
]


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = []
    for case in CASES:
        rs = make(case["seed"])
        calls = []
        for call in case["calls"]:
            calls.append(dict(call, result=run(rs, call)))
        cases.append({"name": case["name"], "seed": case["seed"], "calls": calls})
    document = {"provenance": {"generator": "tools/make_random_fixtures.py", "numpy": np.__version__,
                               "python": sys.version.split()[0]},
                "cases": cases}
    with open(os.path.join(OUT, "randomstate.json"), "w") as handle:
        json.dump(document, handle, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main()
