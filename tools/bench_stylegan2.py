#!/usr/bin/python3
"""Times whole StyleGAN2-ADA networks in PyTorch (official code, CPU) and in `ganport bench stylegan2`.

    swift build -c release
    /usr/bin/python3 tools/bench_stylegan2.py --ganport .build/release/ganport \
        --repo /work/ref/stylegan2-ada-pytorch [--preset paper256] [--batch 4] [--threads 2] [--repetitions 3]

Both sides build the official `train.py --cfg=paper256` networks with random weights (256², channel_base
16384, channel_max 512, z/w 512, 8 mapping layers, num_fp16_res 4 and conv_clamp 256 computed in float32
via `force_fp32=True`, D `resnet` with mbstd_group_size 8 → min(8, batch)) in eval mode, and time four
passes, each once to warm up and then `--repetitions` times (medians):

* G forward: `G(z, c, noise_mode='const', force_fp32=True)` without autograd;
* G forward+backward: the same with autograd, then the gradients of Σ img w.r.t. every G parameter;
* D forward / D forward+backward: the same for `D(img, c, force_fp32=True)` on random images.

Each side runs in its own child process; its peak RSS comes from `os.wait4` on that child (the
ganport side also reports its own `getrusage` peak). Prints a markdown table of medians, ratios and peak
memory. Uses the interpreter's torch (Debian's torch 1.13 CPU build under /usr/bin/python3) with
`torch.set_num_threads(threads)`.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import Comparison, median, parse_args, parser_with_common_options, timed  # noqa: E402

MIB = 1024 * 1024
PASSES = [('G_forward_s', 'G forward'), ('G_forward_backward_s', 'G forward+backward'),
          ('D_forward_s', 'D forward'), ('D_forward_backward_s', 'D forward+backward')]

PRESETS = {
    'paper256': dict(resolution=256, channel_base=16384, channel_max=512, width=512, map=8, mbstd=8,
                     gamma=1, lrate=0.0025, ema=20),
    'tiny': dict(resolution=32, channel_base=256, channel_max=32, width=32, map=2, mbstd=4,
                 gamma=1, lrate=0.0025, ema=20),
}


def torch_child(args):
    """Runs in the child process: builds the official networks, times them, prints one JSON object."""
    import torch
    torch.set_num_threads(args.threads)
    sys.path.insert(0, os.path.abspath(args.repo))
    from training.networks import Discriminator, Generator
    p = PRESETS[args.preset]
    torch.manual_seed(1)
    G = Generator(z_dim=p['width'], c_dim=0, w_dim=p['width'], img_resolution=p['resolution'], img_channels=3,
                  mapping_kwargs=dict(num_layers=p['map']),
                  synthesis_kwargs=dict(channel_base=p['channel_base'], channel_max=p['channel_max'],
                                        num_fp16_res=4, conv_clamp=256)).eval().requires_grad_(False)
    D = Discriminator(c_dim=0, img_resolution=p['resolution'], img_channels=3, channel_base=p['channel_base'],
                      channel_max=p['channel_max'], num_fp16_res=4, conv_clamp=256,
                      epilogue_kwargs=dict(mbstd_group_size=p['mbstd'])).eval().requires_grad_(False)
    gen = torch.Generator().manual_seed(3)
    z = torch.randn([args.batch, G.z_dim], generator=gen)
    images = torch.randn([args.batch, 3, p['resolution'], p['resolution']], generator=gen)
    c = torch.zeros([args.batch, 0])
    g_params, d_params = list(G.parameters()), list(D.parameters())

    def timed_here(body):
        return timed(body, args.repetitions)

    def g_forward():
        with torch.no_grad():
            G(z, c, noise_mode='const', force_fp32=True)

    def g_backward():
        img = G(z, c, noise_mode='const', force_fp32=True)
        torch.autograd.grad(img, g_params, grad_outputs=torch.ones_like(img))

    def d_forward():
        with torch.no_grad():
            D(images, c, force_fp32=True)

    def d_backward():
        logits = D(images, c, force_fp32=True)
        torch.autograd.grad(logits, d_params, grad_outputs=torch.ones_like(logits))

    samples = {'G_forward': timed_here(g_forward)}
    G.requires_grad_(True)
    samples['G_forward_backward'] = timed_here(g_backward)
    G.requires_grad_(False)
    samples['D_forward'] = timed_here(d_forward)
    D.requires_grad_(True)
    samples['D_forward_backward'] = timed_here(d_backward)
    result = {'engine': 'PyTorch', 'torch': torch.__version__, 'preset': args.preset, 'batch': args.batch,
              'threads': torch.get_num_threads(), 'repetitions': args.repetitions,
              'G_parameters': sum(t.numel() for t in g_params), 'D_parameters': sum(t.numel() for t in d_params),
              'samples_s': samples}
    for key, _ in PASSES:
        result[key] = median(samples[key[:-2]])
    print(json.dumps(result))





def table(torch_result, torch_rss, swift_result, swift_rss):
    lines = ['| pass | GANPort median (min) s | PyTorch median (min) s | GANPort / PyTorch (medians) |',
             '| --- | ---: | ---: | ---: |']
    for key, label in PASSES:
        s, t = swift_result[key], torch_result[key]
        s_min, t_min = min(swift_result['samples_s'][key[:-2]]), min(torch_result['samples_s'][key[:-2]])
        lines.append(f'| {label} | {s:.3f} ({s_min:.3f}) | {t:.3f} ({t_min:.3f}) | {s / t:.2f} |')
    own = swift_result.get('peak_rss_mib')
    own_text = f' (own getrusage: {own:.0f})' if own is not None else ''
    lines.append(f'| peak RSS (MiB) | {swift_rss:.0f}{own_text} | {torch_rss:.0f} | {swift_rss / torch_rss:.2f} |')
    return '\n'.join(lines)


def main():
    parser = parser_with_common_options(__doc__.splitlines()[0])
    parser.add_argument('--preset', default='paper256', choices=sorted(PRESETS))
    parser.add_argument('--batch', type=int, default=4)
    parser.add_argument('--repetitions', type=int, default=3)
    args = parse_args(parser, torch_child)
    if args is None:
        return
    common = ['--preset', args.preset, '--batch', str(args.batch), '--threads', str(args.threads),
              '--repetitions', str(args.repetitions)]
    run = Comparison(args, __file__, 'stylegan2', common)
    print(f'{args.preset}, batch {args.batch}, {args.threads} threads, {args.repetitions} timed repetitions '
          f'(medians, one warm-up each), float32, eval mode, noise const')
    print(run.machine_line())
    print(run.engines_line(args))
    print(f'Parameters: G {run.swift["G_parameters"]} (PyTorch {run.torch["G_parameters"]}), '
          f'D {run.swift["D_parameters"]} (PyTorch {run.torch["D_parameters"]})')
    print()
    print(table(run.torch, run.torch_rss, run.swift, run.swift_rss))


if __name__ == '__main__':
    main()
