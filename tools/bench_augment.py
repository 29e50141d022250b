#!/usr/bin/python3
"""Times the official StyleGAN2-ADA AugmentPipe in PyTorch (CPU) and `ganport bench augment`.

    swift build -c release
    /usr/bin/python3 tools/bench_augment.py --ganport .build/release/ganport \
        --repo /work/ref/stylegan2-ada-pytorch [--augpipe bgc] [--p 0.2,1] [--batch 4] \
        [--resolution 256] [--threads 2] [--repetitions 5] [--json-out both.json]

Both sides build the pipe of `train.py --augpipe=<name>` (default `bgc`, the paper256 pipe) with the
strength buffer `p` set to each value of `--p` (default 0.2 and 1; at 1 every enabled transform
fires), and time two passes on `batch` random RGB images of `resolution`² in [-1, 1), each once
to warm up and then `--repetitions` times:

* forward: `pipe(images)` on images that do not require gradients;
* forward+backward: `pipe(images)` on images that do, then the gradient of Σ output w.r.t. them.

Every call draws fresh transform parameters (PyTorch: `torch.manual_seed(2)` once; GANPort: one
seeded NumPy-style source), as in training. On torch 1.13 the official `grid_sample_gradfix`
falls back to `F.grid_sample`, which is what first-order timing needs.

Each side runs in its own child process (PyTorch first, then GANPort, so both see similar load);
peak RSS comes from `os.wait4` on that child (GANPort also reports its own `getrusage` peak).
Prints a markdown table of medians (minima), ratios and peak memory, with the load average.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import Comparison, median, parse_args, parser_with_common_options, timed  # noqa: E402

PASSES = [('forward', 'forward'), ('forward_backward', 'forward+backward')]


def torch_child(args):
    """Runs in the child process: builds the official pipe, times it, prints one JSON object."""
    import torch
    torch.set_num_threads(args.threads)
    sys.path.insert(0, os.path.abspath(args.repo))
    from training.augment import AugmentPipe
    presets = augpipe_presets(os.path.join(args.repo, 'train.py'))
    strengths = [float(v) for v in args.p.split(',')]
    gen = torch.Generator().manual_seed(1)
    shape = [args.batch, 3, args.resolution, args.resolution]
    constant = torch.rand(shape, generator=gen) * 2 - 1
    leaf = constant.clone().requires_grad_(True)
    torch.manual_seed(2)

    def timed_here(body):
        return timed(body, args.repetitions)

    entries = []
    for p in strengths:
        pipe = AugmentPipe(**presets[args.augpipe]).train().requires_grad_(False)
        pipe.p.copy_(torch.as_tensor(p))

        def forward():
            pipe(constant)

        def forward_backward():
            y = pipe(leaf)
            torch.autograd.grad(y, [leaf], grad_outputs=torch.ones_like(y))

        samples = {'forward': timed_here(forward), 'forward_backward': timed_here(forward_backward)}
        entry = {'p': p, 'samples_s': samples}
        for key, _ in PASSES:
            entry[key + '_s'] = median(samples[key])
            entry[key + '_min_s'] = min(samples[key])
        entries.append(entry)
    print(json.dumps({'engine': 'PyTorch', 'torch': torch.__version__, 'augpipe': args.augpipe,
                      'batch': args.batch, 'resolution': args.resolution, 'threads': torch.get_num_threads(),
                      'repetitions': args.repetitions, 'strengths': entries}))


def augpipe_presets(train_path):
    """The official `augpipe_specs` of train.py (a literal local of `setup_training_loop_kwargs`), read from its source."""
    import ast
    with open(train_path) as f:
        source = f.read()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'augpipe_specs' for t in node.targets):
            return {ast.literal_eval(key): {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
                    for key, call in zip(node.value.keys, node.value.values)}
    raise SystemExit('augpipe_specs not found in the official train.py')





def table(torch_result, torch_rss, swift_result, swift_rss):
    lines = ['| p | pass | GANPort median (min) s | PyTorch median (min) s | GANPort / PyTorch (medians) | (minima) |',
             '| ---: | --- | ---: | ---: | ---: | ---: |']
    for t, s in zip(torch_result['strengths'], swift_result['strengths']):
        for key, label in PASSES:
            sm, tm = s[key + '_s'], t[key + '_s']
            smin, tmin = s[key + '_min_s'], t[key + '_min_s']
            lines.append(f'| {t["p"]:g} | {label} | {sm:.3f} ({smin:.3f}) | {tm:.3f} ({tmin:.3f}) | '
                         f'{sm / tm:.2f} | {smin / tmin:.2f} |')
    own = swift_result.get('peak_rss_mib')
    own_text = f' (own getrusage: {own:.0f})' if own is not None else ''
    lines.append(f'| | peak RSS (MiB) | {swift_rss:.0f}{own_text} | {torch_rss:.0f} | {swift_rss / torch_rss:.2f} | |')
    return '\n'.join(lines)


def main():
    parser = parser_with_common_options(__doc__.splitlines()[0])
    parser.add_argument('--augpipe', default='bgc')
    parser.add_argument('--p', default='0.2,1', help='comma-separated strengths')
    parser.add_argument('--batch', type=int, default=4)
    parser.add_argument('--resolution', type=int, default=256)
    parser.add_argument('--repetitions', type=int, default=5)
    args = parse_args(parser, torch_child)
    if args is None:
        return
    common = ['--augpipe', args.augpipe, '--p', args.p, '--batch', str(args.batch), '--resolution',
              str(args.resolution), '--threads', str(args.threads), '--repetitions', str(args.repetitions)]
    run = Comparison(args, __file__, 'augment', common)
    print(f'AugmentPipe {args.augpipe}, batch {args.batch}, {args.resolution}² RGB, {args.threads} threads, '
          f'{args.repetitions} timed repetitions (medians and minima, one warm-up each), float32')
    print(run.machine_line())
    print(run.engines_line(args))
    print()
    print(table(run.torch, run.torch_rss, run.swift, run.swift_rss))


if __name__ == '__main__':
    main()
