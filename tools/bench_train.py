#!/usr/bin/python3
"""Times StyleGAN2-ADA training iterations in PyTorch (official code, CPU) and in `ganport bench train`.

    swift build -c release
    /usr/bin/python3 tools/bench_train.py --ganport .build/release/ganport \
        --repo /work/ref/stylegan2-ada-pytorch [--preset paper256] [--batch 4] [--threads 2] [--iterations 8]

The official training loop (`training/training_loop.py`) only runs on CUDA, so the PyTorch side here
is its inner iteration replayed on the CPU with the official objects: the `train.py --cfg=paper256`
networks (random weights; num_fp16_res 4 and conv_clamp 256 computed in float32 because on the CPU the
blocks are forced to fp32 — see below), `training.loss.StyleGAN2Loss` (r1_gamma 1 from the preset,
pl_weight 2, style mixing 0.9), `training.augment.AugmentPipe` with the `bgc` pipeline at a fixed
p = 0.2, Adam with the lazy-regularization scaling (G every 4, D every 16 iterations), nan_to_num of
the gradients and the G_ema update — for `--iterations` iterations with batch indices 0, 1, …
(iteration 0 runs all four phases). Real images are random uint8 images. On current PyTorch the official
`grid_sample_gradfix` falls back to a grid_sample without double backward, so R1 through the augmentation
would fail; `tools/grid_sample_compat.py` restores the official custom op's construction.

GANPort runs the same schedule (`ganport bench train`). Each side runs in its own child process; its
peak RSS comes from `os.wait4`. Prints sec/iteration, images/s, sec/kimg and the ratios.
"""

import copy
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_stylegan2  # noqa: E402  (the network presets)
from bench_support import Comparison, parse_args, parser_with_common_options  # noqa: E402


def torch_child(args):
    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    sys.path.insert(0, os.path.abspath(args.repo))
    from torch_utils import misc
    from torch_utils.ops import grid_sample_gradfix
    import grid_sample_compat
    grid_sample_compat.install(grid_sample_gradfix)  # R1 through the augmentation needs grid_sample's double backward
    from training.augment import AugmentPipe
    from training.loss import StyleGAN2Loss
    from training.networks import Discriminator, Generator
    p = bench_stylegan2.PRESETS[args.preset]
    torch.manual_seed(1)
    G = Generator(z_dim=p['width'], c_dim=0, w_dim=p['width'], img_resolution=p['resolution'], img_channels=3,
                  mapping_kwargs=dict(num_layers=p['map']),
                  synthesis_kwargs=dict(channel_base=p['channel_base'], channel_max=p['channel_max'],
                                        num_fp16_res=0, conv_clamp=256)).train().requires_grad_(False)
    D = Discriminator(c_dim=0, img_resolution=p['resolution'], img_channels=3, channel_base=p['channel_base'],
                      channel_max=p['channel_max'], num_fp16_res=0, conv_clamp=256,
                      epilogue_kwargs=dict(mbstd_group_size=p['mbstd'])).train().requires_grad_(False)
    G_ema = copy.deepcopy(G).eval()
    augment_pipe = AugmentPipe(xflip=1, rotate90=1, xint=1, scale=1, rotate=1, aniso=1, xfrac=1,
                               brightness=1, contrast=1, lumaflip=1, hue=1, saturation=1).train().requires_grad_(False)
    augment_pipe.p.copy_(torch.as_tensor(0.2))
    loss = StyleGAN2Loss(device=torch.device('cpu'), G_mapping=G.mapping, G_synthesis=G.synthesis, D=D,
                         augment_pipe=augment_pipe, r1_gamma=p['gamma'])
    phases = []
    for name, module, reg_interval in [('G', G, 4), ('D', D, 16)]:
        mb_ratio = reg_interval / (reg_interval + 1)
        opt = torch.optim.Adam(module.parameters(), lr=p['lrate'] * mb_ratio, betas=[0, 0.99 ** mb_ratio], eps=1e-8)
        phases += [dict(name=name + 'main', module=module, opt=opt, interval=1),
                   dict(name=name + 'reg', module=module, opt=opt, interval=reg_interval)]
    batch = args.batch
    rng = np.random.RandomState(0)
    samples = []
    cur_nimg = 0
    for batch_idx in range(args.iterations):
        start = time.perf_counter()
        real_img = torch.from_numpy(rng.randint(0, 256, size=[batch, 3, p['resolution'], p['resolution']]).astype(np.uint8))
        real_img = real_img.to(torch.float32) / 127.5 - 1
        real_c = torch.zeros([batch, 0])
        all_gen_z = torch.randn([len(phases) * batch, G.z_dim]).split(batch)
        for phase, gen_z in zip(phases, all_gen_z):
            if batch_idx % phase['interval'] != 0:
                continue
            phase['opt'].zero_grad(set_to_none=True)
            phase['module'].requires_grad_(True)
            loss.accumulate_gradients(phase=phase['name'], real_img=real_img, real_c=real_c, gen_z=gen_z,
                                      gen_c=torch.zeros([batch, 0]), sync=True, gain=phase['interval'])
            phase['module'].requires_grad_(False)
            for param in phase['module'].parameters():
                if param.grad is not None:
                    misc.nan_to_num(param.grad, nan=0, posinf=1e5, neginf=-1e5, out=param.grad)
            phase['opt'].step()
        ema_beta = 0.5 ** (batch / max(p['ema'] * 1000, 1e-8))
        with torch.no_grad():
            for p_ema, p_cur in zip(G_ema.parameters(), G.parameters()):
                p_ema.copy_(p_cur.lerp(p_ema, ema_beta))
            for b_ema, b in zip(G_ema.buffers(), G.buffers()):
                b_ema.copy_(b)
        cur_nimg += batch
        samples.append(time.perf_counter() - start)
    print(json.dumps(result_json('PyTorch ' + torch.__version__, args, samples)))


def result_json(engine, args, samples):
    total = sum(samples)
    return {'engine': engine, 'preset': args.preset, 'batch': args.batch, 'threads': args.threads,
            'iterations': args.iterations, 'iteration_s': samples, 'seconds': total,
            'images_per_s': args.batch * len(samples) / total, 'sec_per_kimg': total / (args.batch * len(samples)) * 1000}


def main():
    parser = parser_with_common_options(__doc__.splitlines()[0])
    parser.add_argument('--preset', default='paper256', choices=sorted(bench_stylegan2.PRESETS))
    parser.add_argument('--batch', type=int, default=4)
    parser.add_argument('--iterations', type=int, default=8)
    args = parse_args(parser, torch_child)
    if args is None:
        return
    common = ['--preset', args.preset, '--batch', str(args.batch), '--threads', str(args.threads),
              '--iterations', str(args.iterations)]
    run = Comparison(args, __file__, 'train', common)
    print(f'{args.preset} training, batch {args.batch}, {args.threads} threads, {args.iterations} iterations '
          f'(batch indices 0…{args.iterations - 1}; G reg every 4, D reg every 16), bgc augmentation at p 0.2')
    print(run.machine_line())
    print(run.engines_line(args))
    print()
    print('| measure | GANPort | PyTorch | GANPort / PyTorch |')
    print('| --- | ---: | ---: | ---: |')
    for key, label, fmt in [('seconds', f'{args.iterations} iterations (s)', '.1f'),
                            ('sec_per_kimg', 'sec/kimg', '.0f'), ('images_per_s', 'images/s', '.3f')]:
        s, t = run.swift[key], run.torch[key]
        print(f'| {label} | {s:{fmt}} | {t:{fmt}} | {s / t:.2f} |')
    print(f'| peak RSS (MiB) | {run.swift_rss:.0f} | {run.torch_rss:.0f} | {run.swift_rss / run.torch_rss:.2f} |')
    print()
    print('per iteration (s): GANPort ' + ' '.join(f'{x:.1f}' for x in run.swift['iteration_s'])
          + ' | PyTorch ' + ' '.join(f'{x:.1f}' for x in run.torch['iteration_s']))


if __name__ == '__main__':
    main()
