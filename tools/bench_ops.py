#!/usr/bin/python3
"""PyTorch side of `ganport bench ops`: forward + backward timings at the same StyleGAN shapes.

    /usr/bin/python3 tools/bench_ops.py --repo /work/ref/stylegan2-ada-pytorch [--threads 2] [--repetitions 3]

Uses `torch.nn.functional.conv2d` and the official reference ops (`modulated_conv2d`, `upsample2d`
with `impl='ref'`) imported from the given checkout. Prints a JSON report shaped like the Swift one
(`OpBenchmarks.run`): per case the median and minimum seconds, GFLOP/s for plain convolutions.
Compare ratios from runs on the same machine.
"""

import argparse
import json
import sys
import time

import torch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repo', required=True)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--repetitions', type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, args.repo)
    from torch_utils.ops import upfirdn2d
    from training.networks import modulated_conv2d
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)

    def leaf(*shape):
        return torch.randn(*shape).requires_grad_(True)

    def backward(y, inputs):
        torch.autograd.grad(y, inputs, grad_outputs=torch.ones_like(y))

    batch, channels = 4, 512
    cases = []
    for size in (32, 64):
        x, w = leaf(batch, channels, size, size), leaf(channels, channels, 3, 3)
        flops = 3 * 2 * batch * channels * channels * 9 * size * size
        cases.append(('conv2d_3x3', f'N{batch} {channels}→{channels} {size}²', flops,
                      lambda x=x, w=w: backward(torch.nn.functional.conv2d(x, w, padding=1), [x, w])))
    f = upfirdn2d.setup_filter([1, 3, 3, 1])
    x, w, s = leaf(batch, channels, 32, 32), leaf(channels, channels, 3, 3), leaf(batch, channels)
    cases.append(('modulated_conv2d_fused', f'N{batch} {channels}→{channels} 3×3 32²', 3 * 2 * batch * channels * channels * 9 * 32 * 32,
                  lambda: backward(modulated_conv2d(x, w, s, padding=1), [x, w, s])))
    cases.append(('modulated_conv2d_up2_fused', f'N{batch} {channels}→{channels} 3×3 32²→64²', 0,
                  lambda: backward(modulated_conv2d(x, w, s, up=2, padding=1, resample_filter=f, flip_weight=False), [x, w, s])))
    for c in (3, 512):
        image = leaf(1, c, 256, 256)
        cases.append(('upsample2d', f'N1 C{c} 256²→512² [1,3,3,1]', 0,
                      lambda image=image: backward(upfirdn2d.upsample2d(image, f, impl='ref'), [image])))

    results = []
    for name, shape, flops, run in cases:
        run()
        times = []
        for _ in range(max(1, args.repetitions)):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        times.sort()
        entry = {'name': name, 'shape': shape, 'median_s': times[len(times) // 2], 'min_s': times[0]}
        if flops:
            entry['gflops_per_s'] = flops / times[0] / 1e9
        results.append(entry)
    print(json.dumps({'engine': f'pytorch {torch.__version__}', 'threads': args.threads, 'pass': 'forward+backward',
                      'dtype': 'float32', 'cases': results}, indent=2, ensure_ascii=False))


if __name__ == '__main__':
    main()
