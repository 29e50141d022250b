#!/usr/bin/python3
"""PyTorch side of the op benchmarks: forward + backward timings of the cases of `OpBenchmarks.run`.

    /usr/bin/python3 tools/bench_ops.py --repo /work/ref/stylegan2-ada-pytorch \
        --sg3-repo /work/ref/stylegan3 [--threads 2] [--repetitions 5] [--only name,name] \
        [--compare swift.json] [--out torch.json] [--swift-command 'CMD']

Runs the same cases as the Swift `OpBenchmarks.run` (same names, shapes and passes): `sgemm`
(`torch.mm`, forward only), `linear`, `conv2d_3x3_32/64` (`torch.nn.functional.conv2d`),
`modulated_conv2d_fused/nonfused/up2_fused` (official `modulated_conv2d`), `upfirdn2d_up2_c3/c512`
(official `upsample2d`, `impl='ref'`), `bias_act_lrelu` (official `bias_act`, `impl='ref'`) and
`filtered_lrelu` (official StyleGAN3 `filtered_lrelu`, `impl='ref'`) and `grid_sample`
(`F.affine_grid` + `F.grid_sample`, bilinear, zeros, `align_corners=False`, gradient w.r.t. the
image: the resampling step of the ADA pipe at 256²). Prints a JSON report shaped
like the Swift one: per case the median and minimum seconds after one warm-up run, GFLOP/s (from
the median) for the matrix-product cases. With `--compare`, prints instead a Markdown table of both
reports with the ratio Swift / PyTorch of the medians. With `--swift-command`, each case is timed
by the Swift command (`ganport bench ops`, run with `--only <case> --threads N`) right before
the PyTorch run of the same case, so both sides see the same machine load; the table is printed
and `--out` gets both reports. Only ratios from runs on the same machine, in one session, mean
anything.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import torch


def cases(args):
    sys.path.insert(0, args.repo)
    from torch_utils.ops import bias_act, upfirdn2d
    from training.networks import modulated_conv2d
    sys.path.remove(args.repo)
    for name in list(sys.modules):
        if name.split('.')[0] in ('torch_utils', 'dnnlib', 'training'):
            del sys.modules[name]
    sys.path.insert(0, args.sg3_repo)
    from torch_utils.ops import filtered_lrelu
    sys.path.remove(args.sg3_repo)

    def leaf(*shape, grad=True):
        return (torch.rand(*shape) * 2 - 1).requires_grad_(grad)

    def backward(y, inputs):
        torch.autograd.grad(y, inputs, grad_outputs=torch.ones_like(y))

    batch, channels = 4, 512
    f = upfirdn2d.setup_filter([1, 3, 3, 1])

    def sgemm():
        a, b = leaf(512, 4608, grad=False), leaf(4608, 4096, grad=False)
        return lambda: torch.mm(a, b)

    def linear():
        x, w, b = leaf(4096, channels), leaf(channels, channels), leaf(channels)
        return lambda: backward(torch.nn.functional.linear(x, w, b), [x, w, b])

    def conv(size):
        def prepare():
            x, w = leaf(batch, channels, size, size), leaf(channels, channels, 3, 3)
            return lambda: backward(torch.nn.functional.conv2d(x, w, padding=1), [x, w])
        return prepare

    def modulated(up, fused):
        def prepare():
            x, w, s = leaf(batch, channels, 32, 32), leaf(channels, channels, 3, 3), leaf(batch, channels)
            return lambda: backward(modulated_conv2d(x, w, s, up=up, padding=1, resample_filter=f if up > 1 else None,
                                                     flip_weight=(up == 1), fused_modconv=fused), [x, w, s])
        return prepare

    def upsample(c):
        def prepare():
            image = leaf(1, c, 256, 256)
            return lambda: backward(upfirdn2d.upsample2d(image, f, impl='ref'), [image])
        return prepare

    def lrelu():
        x, b = leaf(batch, channels, 64, 64), leaf(channels)
        return lambda: backward(bias_act.bias_act(x, b, act='lrelu', impl='ref'), [x, b])

    def filtered():
        window = np.array([0.5 - 0.5 * math.cos(2 * math.pi * i / 13) for i in range(1, 13)], dtype=np.float32)
        taps = torch.from_numpy(window / window.sum())
        x, b = leaf(batch, 128, 32, 32), leaf(128)
        return lambda: backward(filtered_lrelu.filtered_lrelu(x, fu=taps, fd=taps, b=b, up=2, down=2, padding=10,
                                                              impl='ref'), [x, b])

    def grid_sample():
        x = leaf(batch, 3, 1000, 1000)
        c, s = 0.6 * math.cos(0.5), 0.6 * math.sin(0.5)
        theta = torch.tensor([[c, -s, 0.01], [s, c, -0.02]], dtype=torch.float32).repeat(batch, 1, 1)

        def run():
            grid = torch.nn.functional.affine_grid(theta, [batch, 3, 524, 524], align_corners=False)
            backward(torch.nn.functional.grid_sample(x, grid, mode='bilinear', padding_mode='zeros',
                                                     align_corners=False), [x])
        return run

    conv_flops = lambda size: 3 * 2 * batch * channels * channels * 9 * size * size
    return [
        ('sgemm', '512×4608 · 4608×4096 (forward only)', 2 * 512 * 4608 * 4096, sgemm),
        ('linear', f'N4096 {channels}→{channels}', 3 * 2 * 4096 * channels * channels, linear),
        ('conv2d_3x3_32', f'N{batch} {channels}→{channels} 32²', conv_flops(32), conv(32)),
        ('conv2d_3x3_64', f'N{batch} {channels}→{channels} 64²', conv_flops(64), conv(64)),
        ('modulated_conv2d_fused', f'N{batch} {channels}→{channels} 3×3 32²', conv_flops(32), modulated(1, True)),
        ('modulated_conv2d_nonfused', f'N{batch} {channels}→{channels} 3×3 32²', conv_flops(32), modulated(1, False)),
        ('modulated_conv2d_up2_fused', f'N{batch} {channels}→{channels} 3×3 32²→64²', 0, modulated(2, True)),
        ('upfirdn2d_up2_c3', 'N1 C3 256²→512² [1,3,3,1]', 0, upsample(3)),
        ('upfirdn2d_up2_c512', 'N1 C512 256²→512² [1,3,3,1]', 0, upsample(512)),
        ('grid_sample', f'N{batch} C3 1000²→524², affine_grid (rotation 0.5 rad, scale 0.6)', 0, grid_sample),
        ('bias_act_lrelu', f'N{batch} C{channels} 64² (bias, lrelu, gain √2)', 0, lrelu),
        ('filtered_lrelu', f'N{batch} C128 32² up2 down2, 12 taps, padding 10', 0, filtered),
    ]


def measure(run, repetitions):
    """Median and minimum wall seconds and median process CPU seconds, after one warm-up run."""
    run()
    times, cpu = [], []
    for _ in range(max(1, repetitions)):
        start, cpu_start = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    times.sort()
    cpu.sort()
    return times[len(times) // 2], times[0], cpu[len(cpu) // 2]


def run_swift(command, name, threads, peak=False):
    """Runs the Swift benchmark command for one case (or, with `peak`, only the SGEMM peak measurement)
    and returns its report (the JSON object it prints)."""
    # With `peak`, no case runs (`--only ''`): only the SGEMM peak is measured.
    selection = "''" if peak else name
    full = f"{command} --only {selection} --threads {threads}" + (" --measure-peak" if peak else "")
    output = subprocess.run(full, shell=True, check=True, capture_output=True, text=True).stdout
    lines = output.splitlines()
    start = lines.index('{')
    end = len(lines) - 1 - lines[::-1].index('}')
    return json.loads('\n'.join(lines[start:end + 1]))


def compare(swift, pytorch):
    torch_cases = {c['name']: c for c in pytorch['cases']}
    lines = ['| case | shape | Swift median s | PyTorch median s | Swift / PyTorch | Swift GFLOP/s | PyTorch GFLOP/s '
             '| CPU s Swift / PyTorch |',
             '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |']
    for case in swift['cases']:
        other = torch_cases.get(case['name'])
        if other is None:
            continue
        ratio = case['median_s'] / other['median_s']
        rate = lambda c: f"{c['gflops_per_s']:.0f}" if 'gflops_per_s' in c else '—'
        lines.append(f"| `{case['name']}` | {case['shape']} | {case['median_s']:.4f} | {other['median_s']:.4f} | "
                     f"{ratio:.2f}× | {rate(case)} | {rate(other)} | {case['cpu_s']:.3f} / {other['cpu_s']:.3f} |")
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repo', required=True, help='StyleGAN2-ADA-PyTorch checkout')
    parser.add_argument('--sg3-repo', required=True, help='StyleGAN3 checkout (filtered_lrelu)')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--repetitions', type=int, default=5)
    parser.add_argument('--only', help='comma-separated case names')
    parser.add_argument('--compare', help='a Swift report (JSON): print a Markdown comparison table')
    parser.add_argument('--out', help='also write the report(s) (JSON) to this file')
    parser.add_argument('--swift-command', help='shell command printing a Swift report; timed case by case, interleaved')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    only = set(args.only.split(',')) if args.only else None
    results, swift_results, swift_report = [], [], None
    peak = run_swift(args.swift_command, '-', args.threads, peak=True)['sgemm_peak'] if args.swift_command else []
    for name, shape, flops, prepare in cases(args):
        if only and name not in only:
            continue
        if args.swift_command:
            swift_report = run_swift(args.swift_command, name, args.threads)
            swift_results += swift_report['cases']
        median, minimum, cpu = measure(prepare(), args.repetitions)
        entry = {'name': name, 'shape': shape, 'median_s': median, 'min_s': minimum, 'cpu_s': cpu}
        if flops:
            entry['gflops_per_s'] = flops / median / 1e9
        results.append(entry)
    report = {'engine': f'pytorch {torch.__version__}', 'threads': args.threads, 'pass': 'forward+backward',
              'dtype': 'float32', 'cases': results}
    if swift_report is not None:
        swift_report['cases'] = swift_results
        swift_report['sgemm_peak'] = peak
        report = {'swift': swift_report, 'pytorch': report}
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(report, f, indent=2, ensure_ascii=False)
    if swift_report is not None:
        print(compare(report['swift'], report['pytorch']))
        print('\nSGEMM 512×4608·4608×4096 (cblas_sgemm, one call per thread, BLAS core '
              f"{report['swift']['blas_core']}): " + ', '.join(f"{p['threads']} thread(s) {p['gflops_per_s']:.0f} GFLOP/s" for p in peak))
    elif args.compare:
        with open(args.compare) as f:
            print(compare(json.load(f), report))
    else:
        print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == '__main__':
    main()
