#!/usr/bin/python3
"""Writes golden fixtures of the official ADA augmentation pipeline and of `grid_sample`.

    /usr/bin/python3 tools/make_augment_goldens.py /work/ref/stylegan2-ada-pytorch fixtures/augment

Runs `training.augment.AugmentPipe` of a stylegan2-ada-pytorch checkout on the CPU in float32 on
small random images, with every random number it draws recorded in order: `torch.rand`,
`torch.randn`, `torch.randint`, their `_like` forms and the in-place `random_` / `uniform_` /
`normal_` are wrapped, and each call is logged (kind, shape, bounds) with its values. Fixtures
follow the golden schema (kind `op`):

  target `stylegan2-ada/AugmentPipe`: `call` = the constructor kwargs plus `p`; inputs/images,
    outputs/images, cotangents/images, grads/inputs/images; root attribute `random_draws` (JSON
    list of {"kind": "randn"|"rand"|"randint", "shape": [...], "low", "high"}) and datasets
    `random/NNNN` with the values of draw NNNN (float32).
  target `grid_sample`: `F.grid_sample(x, grid, 'bilinear', 'zeros', align_corners=False)`;
    inputs x, grid; output y; gradients for x and grid.

Nothing from the official repository is stored: only numbers and argument values. Re-running
rewrites the same files (seeds are fixed per case).
"""

import json
import os
import subprocess
import sys

import h5py
import numpy as np
import torch

from manifest_support import check_no_official_source

SCHEMA_VERSION = 1

BGC = dict(xflip=1, rotate90=1, xint=1, scale=1, rotate=1, aniso=1, xfrac=1,
           brightness=1, contrast=1, lumaflip=1, hue=1, saturation=1)
FILTER_NOISE_CUTOUT = dict(imgfilter=1, noise=1, cutout=1)


def git_commit(path):
    try:
        return subprocess.check_output(['git', '-C', path, 'rev-parse', 'HEAD'], text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


class DrawRecorder:
    """Wraps torch's random functions; every call is appended to `draws` as (entry, values)."""

    def __init__(self):
        self.draws = []
        self.saved = {}

    def log(self, kind, tensor, low=None, high=None):
        entry = {'kind': kind, 'shape': list(tensor.shape)}
        if kind == 'randint':
            entry['low'], entry['high'] = int(low), int(high)
        self.draws.append((entry, tensor.detach().to(torch.float32).cpu().numpy().copy()))
        return tensor

    def __enter__(self):
        recorder = self
        originals = {name: getattr(torch, name) for name in ('rand', 'randn', 'randint', 'rand_like', 'randn_like', 'randint_like')}
        self.saved = dict(originals)
        for name in ('random_', 'uniform_', 'normal_'):
            self.saved['Tensor.' + name] = getattr(torch.Tensor, name)

        torch.rand = lambda *a, **k: recorder.log('rand', originals['rand'](*a, **k))
        torch.randn = lambda *a, **k: recorder.log('randn', originals['randn'](*a, **k))
        torch.rand_like = lambda *a, **k: recorder.log('rand', originals['rand_like'](*a, **k))
        torch.randn_like = lambda *a, **k: recorder.log('randn', originals['randn_like'](*a, **k))

        def randint(*args, **kwargs):
            values = originals['randint'](*args, **kwargs)
            numbers = [a for a in args if isinstance(a, int)]
            low, high = (0, numbers[0]) if len(numbers) == 1 else (numbers[0], numbers[1])
            return recorder.log('randint', values, kwargs.get('low', low), kwargs.get('high', high))
        torch.randint = randint

        def unsupported(name):
            def call(*args, **kwargs):
                raise RuntimeError(f'AugmentPipe drew with {name}; the recorder does not log it')
            return call
        torch.randint_like = unsupported('randint_like')
        torch.Tensor.random_ = unsupported('Tensor.random_')
        torch.Tensor.uniform_ = unsupported('Tensor.uniform_')
        torch.Tensor.normal_ = unsupported('Tensor.normal_')
        return self

    def __exit__(self, *exc):
        for name, value in self.saved.items():
            if name.startswith('Tensor.'):
                setattr(torch.Tensor, name[len('Tensor.'):], value)
            else:
                setattr(torch, name, value)


def load_augment(repo):
    sys.path.insert(0, repo)
    try:
        import training.augment as augment
    finally:
        sys.path.remove(repo)
    return augment


def write(path, target, call, source, inputs, outputs, cotangents, grads, draws=None, notes=None):
    grad_max_abs = max([float(np.abs(g).max()) for g in grads.values()] + [0.0])
    with h5py.File(path, 'w', libver=('v108', 'v110')) as f:
        f.attrs['format'] = 'ganport-golden'
        f.attrs['version'] = np.int64(SCHEMA_VERSION)
        f.attrs['kind'] = 'op'
        f.attrs['target'] = target
        f.attrs['call'] = json.dumps(call)
        f.attrs['source'] = source
        f.attrs['inputs_order'] = json.dumps(list(inputs))
        f.attrs['grad_max_abs'] = np.float64(grad_max_abs)
        if notes:
            f.attrs['notes'] = notes
        for group, tensors in (('inputs', inputs), ('outputs', outputs), ('cotangents', cotangents), ('grads/inputs', grads)):
            for name, value in tensors.items():
                f.create_dataset(f'{group}/{name}', data=np.asarray(value, dtype=np.float32), track_times=False)
        if draws is not None:
            f.attrs['random_draws'] = json.dumps([entry for entry, _ in draws])
            for index, (_, values) in enumerate(draws):
                f.create_dataset('random/%04d' % index, data=values.astype(np.float32), track_times=False)
    check_no_official_source(path)


def augment_case(augment, out_dir, source, name, kwargs, p, shape, seed, notes=None):
    rng = np.random.RandomState(seed)
    images = rng.uniform(-1, 1, size=shape).astype(np.float32)
    pipe = augment.AugmentPipe(**kwargs)
    pipe.p.copy_(torch.tensor(p, dtype=torch.float32))
    x = torch.from_numpy(images.copy()).requires_grad_(True)
    torch.manual_seed(seed)
    with DrawRecorder() as recorder:
        y = pipe(x)
    cotangent = rng.randn(*y.shape).astype(np.float32)
    (grad,) = torch.autograd.grad((y * torch.from_numpy(cotangent)).sum(), [x])
    call = dict(kwargs, p=p)
    write(os.path.join(out_dir, f'{name}.h5'), 'stylegan2-ada/AugmentPipe', call, source,
          {'images': images}, {'images': y.detach().numpy()}, {'images': cotangent}, {'images': grad.numpy()},
          draws=recorder.draws, notes=notes)


def grid_sample_case(out_dir, source, name, x_shape, grid_hw, spread, seed):
    rng = np.random.RandomState(seed)
    x = torch.from_numpy(rng.randn(*x_shape).astype(np.float32)).requires_grad_(True)
    grid_values = rng.uniform(-spread, spread, size=(x_shape[0], grid_hw[0], grid_hw[1], 2)).astype(np.float32)
    grid = torch.from_numpy(grid_values).requires_grad_(True)
    y = torch.nn.functional.grid_sample(x, grid, mode='bilinear', padding_mode='zeros', align_corners=False)
    cotangent = rng.randn(*y.shape).astype(np.float32)
    gx, ggrid = torch.autograd.grad((y * torch.from_numpy(cotangent)).sum(), [x, grid])
    call = dict(mode='bilinear', padding_mode='zeros', align_corners=False)
    write(os.path.join(out_dir, f'{name}.h5'), 'grid_sample', call, source,
          {'x': x.detach().numpy(), 'grid': grid_values}, {'y': y.detach().numpy()}, {'y': cotangent},
          {'x': gx.numpy(), 'grid': ggrid.numpy()})


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    repo, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    augment = load_augment(repo)
    source = (f'NVlabs/stylegan2-ada-pytorch@{git_commit(repo)} training/augment.py AugmentPipe; '
              f'torch {torch.__version__}; CPU float32; grid_sample through torch.nn.functional (grid_sample_gradfix '
              f'is disabled outside training and falls back to it on this torch)')
    small, batch, filtered = [2, 3, 6, 6], [3, 3, 10, 10], [1, 3, 22, 22]
    augment_case(augment, out_dir, source, 'augment_bgc_p1', BGC, 1.0, batch, 1, 'bgc at p=1: every branch fires')
    augment_case(augment, out_dir, source, 'augment_bgc_p05', BGC, 0.5, batch, 2, 'bgc at p=0.5: the probability draws decide')
    augment_case(augment, out_dir, source, 'augment_bgc_p0', BGC, 0.0, batch, 3,
                 'bgc at p=0: every draw is still made and the geometric resampling still runs')
    augment_case(augment, out_dir, source, 'augment_bgc_gray_p1', BGC, 1.0, [3, 1, 10, 10], 4,
                 'one channel: hue and saturation draw nothing')
    augment_case(augment, out_dir, source, 'augment_bgc_wide_p1', BGC, 1.0, [2, 3, 8, 14], 5, 'non-square images')
    custom = dict(BGC, xint_max=0.25, scale_std=0.3, rotate_max=0.5, aniso_std=0.1, xfrac_std=0.2, brightness_std=0.3,
                  contrast_std=0.25, hue_max=0.5, saturation_std=0.5, rotate=0.5, contrast=2)
    augment_case(augment, out_dir, source, 'augment_bgc_custom_p07', custom, 0.7, batch, 6, 'non-default multipliers and ranges')
    augment_case(augment, out_dir, source, 'augment_bgcfnc_p1', dict(BGC, **FILTER_NOISE_CUTOUT), 1.0, filtered, 7,
                 'bgcfnc at p=1')
    for index, transform in enumerate(list(BGC) + list(FILTER_NOISE_CUTOUT)):
        shape = filtered if transform == 'imgfilter' else small
        augment_case(augment, out_dir, source, f'augment_{transform}_p1', {transform: 1}, 1.0, shape, 20 + index)
    augment_case(augment, out_dir, source, 'augment_imgfilter_bands_p1', dict(imgfilter=1, imgfilter_bands=[0, 1, 0.5, 1], imgfilter_std=0.5),
                 1.0, [1, 1, 22, 22], 40)
    augment_case(augment, out_dir, source, 'augment_noise_cutout_custom_p1', dict(noise=1, cutout=1, noise_std=0.3, cutout_size=0.25),
                 1.0, small, 41)
    grid_source = f'torch {torch.__version__} torch.nn.functional.grid_sample; CPU float32'
    grid_sample_case(out_dir, grid_source, 'grid_sample_small', [2, 3, 9, 11], [7, 8], 1.2, 100)
    grid_sample_case(out_dir, grid_source, 'grid_sample_inside', [1, 2, 12, 12], [20, 20], 0.9, 101)
    grid_sample_case(out_dir, grid_source, 'grid_sample_outside', [2, 1, 6, 5], [9, 10], 1.6, 102)


if __name__ == '__main__':
    main()
