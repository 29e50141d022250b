#!/usr/bin/python3
"""Writes op-level golden fixtures (HDF5, `format = ganport-golden`, `version = 1`, `kind = op`).

Runs the official StyleGAN2-ADA / StyleGAN3 reference ops (`impl='ref'`, float32, CPU) and plain
PyTorch functional ops on small deterministic inputs and stores, per case, the inputs, outputs,
a random cotangent per output and the gradients of `sum(output * cotangent)` with respect to every
differentiable input (filters, being constants in the official code, get none).

    /usr/bin/python3 tools/make_op_goldens.py --repo /work/ref/stylegan2-ada-pytorch \
        --sg3-repo /work/ref/stylegan3 --stargan-repo /work/ref/stargan-v2 --out fixtures/ops [--only prefix,prefix]

Targets (the `target` root attribute):
  official ops: `upfirdn2d`, `bias_act`, `filtered_lrelu` (StyleGAN3), `modulated_conv2d`,
    `conv2d_resample`, `setup_filter`, `normalize_2nd_moment`, `minibatch_std` (the
    MinibatchStdLayer forward);
  StarGAN v2: `adain` (the official `AdaIN` module, through `functional_call`);
  plain PyTorch: `torch/conv2d`, `torch/conv_transpose2d`, `torch/linear`, `torch/instance_norm`,
    `torch/batch_norm_eval`, `torch/avg_pool2d`, `torch/interpolate`, `torch/pad` (constant, replicate),
    `torch/elementwise` (`op`: relu, leaky_relu, tanh, sigmoid, softplus, sin, cos, exp, square, sqrt,
    rsqrt, clamp, lerp), `torch/reduction` (`op`: sum, mean, var), `logistic_loss` (StyleGAN2's
    `softplus(-x)` / `softplus(x)`).
Nothing from the official repositories is copied into the fixtures: only numbers and argument
values. Re-running the script rewrites the same files (seeds are fixed per case).
"""

import argparse
import importlib
import json
import os
import subprocess
import sys

import h5py
import numpy as np
import torch

SCHEMA_VERSION = 1


def git_commit(path):
    try:
        return subprocess.check_output(['git', '-C', path, 'rev-parse', 'HEAD'], text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def load_official(repo):
    """Imports the official `torch_utils.ops` / `training.networks` of one repository checkout."""
    for name in list(sys.modules):
        if name.split('.')[0] in ('torch_utils', 'dnnlib', 'training'):
            del sys.modules[name]
    sys.path.insert(0, repo)
    try:
        modules = {name: importlib.import_module(f'torch_utils.ops.{name}')
                   for name in ('upfirdn2d', 'bias_act', 'conv2d_resample')}
        if os.path.exists(os.path.join(repo, 'torch_utils', 'ops', 'filtered_lrelu.py')):
            modules['filtered_lrelu'] = importlib.import_module('torch_utils.ops.filtered_lrelu')
        if os.path.exists(os.path.join(repo, 'training', 'networks.py')):
            modules['networks'] = importlib.import_module('training.networks')
    finally:
        sys.path.remove(repo)
    return modules


class Case:
    """One fixture: a call of `function(**inputs, **call)` with named inputs."""

    def __init__(self, name, target, call, inputs, differentiable, function, notes=None):
        self.name, self.target, self.call = name, target, call
        self.inputs, self.differentiable, self.function, self.notes = inputs, differentiable, function, notes


def randn(seed, *shape):
    return np.random.RandomState(seed).randn(*shape).astype(np.float32)


def write_case(case, out_dir, source, seed):
    tensors = {k: (torch.from_numpy(v.copy()) if v is not None else None) for k, v in case.inputs.items()}
    for name in case.differentiable:
        tensors[name].requires_grad_(True)
    outputs = case.function(**tensors)
    if not isinstance(outputs, dict):
        outputs = {'y': outputs}
    rng = np.random.RandomState(seed + 1000)
    cotangents = {k: torch.from_numpy(np.asarray(rng.randn(*v.shape), dtype=np.float32)) for k, v in outputs.items()}
    grads = {}
    if case.differentiable:
        loss = sum((outputs[k] * cotangents[k]).sum() for k in outputs)
        wrt = [tensors[n] for n in case.differentiable]
        values = torch.autograd.grad(loss, wrt, allow_unused=True)
        for name, tensor, value in zip(case.differentiable, wrt, values):
            grads[name] = torch.zeros_like(tensor) if value is None else value
    grad_max_abs = max([float(g.abs().max()) for g in grads.values()] + [0.0])

    path = os.path.join(out_dir, f'{case.name}.h5')
    with h5py.File(path, 'w', libver=('v108', 'v110')) as f:
        f.attrs['format'] = 'ganport-golden'
        f.attrs['version'] = np.int64(SCHEMA_VERSION)
        f.attrs['kind'] = 'op'
        f.attrs['target'] = case.target
        f.attrs['call'] = json.dumps(case.call)
        f.attrs['source'] = source
        f.attrs['inputs_order'] = json.dumps([k for k, v in case.inputs.items() if v is not None])
        f.attrs['grad_max_abs'] = np.float64(grad_max_abs)
        if case.notes:
            f.attrs['notes'] = case.notes
        for k, v in tensors.items():
            if v is not None:
                f.create_dataset(f'inputs/{k}', data=v.detach().numpy())
        for k, v in outputs.items():
            f.create_dataset(f'outputs/{k}', data=v.detach().numpy())
        for k, v in cotangents.items():
            f.create_dataset(f'cotangents/{k}', data=v.numpy())
        for k, v in grads.items():
            f.create_dataset(f'grads/inputs/{k}', data=v.detach().numpy())
    return path


def official_cases(ops, sg3=False):
    """Cases of the official ops of one repository (StyleGAN3 adds filtered_lrelu)."""
    up, ba, cr, nets = ops['upfirdn2d'], ops['bias_act'], ops['conv2d_resample'], ops.get('networks')
    cases = []
    if sg3:
        fl = ops['filtered_lrelu']
        fu12 = (np.hanning(14)[1:-1] / np.hanning(14)[1:-1].sum()).astype(np.float32)  # 12-tap low-pass
        fd6 = (np.hanning(8)[1:-1] / np.hanning(8)[1:-1].sum()).astype(np.float32)
        f2d = np.outer(fd6, fd6).astype(np.float32)
        fl_cases = [
            ('up2_down2', dict(up=2, down=2, padding=[5, 5, 5, 5], gain=float(np.sqrt(2)), slope=0.2, clamp=None, flip_filter=False), fu12, fd6, True),
            ('up2_down2_clamp', dict(up=2, down=2, padding=[6, 5, 6, 5], gain=float(np.sqrt(2)), slope=0.2, clamp=0.5, flip_filter=False), fu12, fd6, True),
            ('up1_down2_2dfilter', dict(up=1, down=2, padding=[2, 3, 2, 3], gain=1.0, slope=0.1, clamp=None, flip_filter=True), None, f2d, True),
            ('up2_down1_nobias', dict(up=2, down=1, padding=[6, 5, 6, 5], gain=2.0, slope=0.3, clamp=1.0, flip_filter=False), fu12, None, False),
            ('identity_filters_clamp', dict(up=1, down=1, padding=[0, 0, 0, 0], gain=1.0, slope=1.0, clamp=0.7, flip_filter=False), None, None, True),
        ]
        for index, (name, call, fu, fd, with_bias) in enumerate(fl_cases):
            seed = 300 + index
            inputs = {'x': randn(seed, 1, 2, 6, 6), 'fu': fu, 'fd': fd, 'b': randn(seed + 1, 2) if with_bias else None}
            diff = ['x'] + (['b'] if with_bias else [])
            cases.append(Case(f'filtered_lrelu_{name}', 'filtered_lrelu', call, inputs, diff,
                              lambda x, fu, fd, b, call=call: fl.filtered_lrelu(x, fu=fu, fd=fd, b=b, impl='ref', **call)))
        return cases

    f4 = up.setup_filter([1, 3, 3, 1]).numpy()
    f8 = up.setup_filter([1, 2, 3, 4, 4, 3, 2, 1]).numpy()  # separable
    # setup_filter: no arithmetic beyond a sum, a division and a gain.
    for index, (name, f, kwargs) in enumerate([
        ('1331', [1, 3, 3, 1], {}), ('1331_gain4_flip', [1, 3, 3, 2], dict(flip_filter=True, gain=4)),
        ('8tap_separable', [1, 2, 3, 4, 4, 3, 2, 1], {}), ('8tap_forced_2d', [1, 2, 3, 4, 4, 3, 2, 1], dict(separable=False)),
        ('unnormalized', [1, 2], dict(normalize=False)),
    ]):
        call = dict(normalize=kwargs.get('normalize', True), flip_filter=kwargs.get('flip_filter', False),
                    gain=kwargs.get('gain', 1), separable=kwargs.get('separable', None))
        cases.append(Case(f'setup_filter_{name}', 'setup_filter', call, {'f': np.array(f, dtype=np.float32)}, [],
                          lambda f, call=call: up.setup_filter(f.numpy(), **call)))

    ufd = [
        ('identity', dict(up=1, down=1, padding=0, flip_filter=False, gain=1), f4),
        ('up2_pad', dict(up=2, down=1, padding=[2, 1, 2, 1], flip_filter=False, gain=4), f4),
        ('down2_pad', dict(up=1, down=2, padding=[1, 1, 1, 1], flip_filter=False, gain=1), f4),
        ('up2_down2_flip', dict(up=2, down=2, padding=1, flip_filter=True, gain=2), f4),
        ('crop_asymmetric', dict(up=1, down=1, padding=[-1, 2, 1, -2], flip_filter=False, gain=1), f4),
        ('anisotropic', dict(up=[2, 1], down=[1, 2], padding=[1, 2, 0, 1], flip_filter=False, gain=1.5), f4),
        ('separable_up2', dict(up=2, down=1, padding=[4, 3, 4, 3], flip_filter=False, gain=4), f8),
        ('separable_down2_flip', dict(up=1, down=2, padding=[3, 3, 3, 3], flip_filter=True, gain=1), f8),
        ('asymmetric_2d_filter', dict(up=3, down=2, padding=[1, 0, 2, 1], flip_filter=False, gain=1), randn(7, 3, 2)),
        ('no_filter_up2', dict(up=2, down=1, padding=0, flip_filter=False, gain=1), None),
    ]
    for index, (name, call, f) in enumerate(ufd):
        inputs = {'x': randn(100 + index, 1, 2, 5, 5), 'f': f}
        cases.append(Case(f'upfirdn2d_{name}', 'upfirdn2d', call, inputs, ['x'],
                          lambda x, f, call=call: up.upfirdn2d(x, f, impl='ref', **call)))

    for index, (act, extra) in enumerate([('linear', {}), ('relu', {}), ('lrelu', {}), ('tanh', {}), ('sigmoid', {}),
                                          ('elu', {}), ('selu', {}), ('softplus', {}), ('swish', {}),
                                          ('lrelu', dict(alpha=0.3, gain=0.7, clamp=0.8)), ('linear', dict(gain=2.0, clamp=1.0)),
                                          ('lrelu', dict(dim=2, clamp=1.5))]):
        call = dict(act=act, alpha=extra.get('alpha'), gain=extra.get('gain'), clamp=extra.get('clamp'), dim=extra.get('dim', 1))
        suffix = '_custom' if extra else ''
        with_bias = index != 1
        x = randn(200 + index, 2, 3, 3, 3) * 1.5
        inputs = {'x': x, 'b': randn(300 + index, x.shape[call['dim']]) if with_bias else None}
        diff = ['x'] + (['b'] if with_bias else [])
        cases.append(Case(f'bias_act_{act}{suffix}_{index}', 'bias_act', call, inputs, diff,
                          lambda x, b, call=call: ba.bias_act(x, b, impl='ref', **call)))

    cr_cases = [
        ('k3_up2', dict(up=2, down=1, padding=1, groups=1, flip_weight=False, flip_filter=False), 3, 3),
        ('k3_down2', dict(up=1, down=2, padding=1, groups=1, flip_weight=True, flip_filter=False), 3, 3),
        ('k1_up2', dict(up=2, down=1, padding=0, groups=1, flip_weight=True, flip_filter=False), 1, 1),
        ('k1_down2', dict(up=1, down=2, padding=0, groups=1, flip_weight=True, flip_filter=False), 1, 1),
        ('k3_plain_groups3', dict(up=1, down=1, padding=1, groups=3, flip_weight=True, flip_filter=False), 3, 3),
        ('k3_up2_down2_groups3', dict(up=2, down=2, padding=1, groups=3, flip_weight=False, flip_filter=True), 3, 3),
        ('k3_asymmetric_padding', dict(up=1, down=1, padding=[1, 0, 2, 1], groups=1, flip_weight=True, flip_filter=False), 3, 3),
        ('k3_up2_groups3', dict(up=2, down=1, padding=1, groups=3, flip_weight=False, flip_filter=False), 3, 3),
    ]
    for index, (name, call, kh, kw) in enumerate(cr_cases):
        groups = call['groups']
        inputs = {'x': randn(400 + index, 1, 3, 5, 5), 'w': randn(500 + index, 3, 3 // groups, kh, kw) * 0.3, 'f': f4}
        cases.append(Case(f'conv2d_resample_{name}', 'conv2d_resample', call, inputs, ['x', 'w'],
                          lambda x, w, f, call=call: cr.conv2d_resample(x, w, f=f, **call)))

    mc_cases = [
        ('fused_demod', dict(demodulate=True, fused_modconv=True, up=1, down=1, padding=1, flip_weight=True), False, False),
        ('nonfused_demod_noise', dict(demodulate=True, fused_modconv=False, up=1, down=1, padding=1, flip_weight=True), True, False),
        ('fused_up2_noise', dict(demodulate=True, fused_modconv=True, up=2, down=1, padding=1, flip_weight=False), True, True),
        ('nonfused_up2', dict(demodulate=True, fused_modconv=False, up=2, down=1, padding=1, flip_weight=False), False, True),
        ('torgb_fused_nodemod', dict(demodulate=False, fused_modconv=True, up=1, down=1, padding=0, flip_weight=True), False, False),
        ('torgb_nonfused_nodemod_noise', dict(demodulate=False, fused_modconv=False, up=1, down=1, padding=0, flip_weight=True), True, False),
        ('fused_down2', dict(demodulate=True, fused_modconv=True, up=1, down=2, padding=1, flip_weight=True), False, True),
    ]
    for index, (name, call, with_noise, with_filter) in enumerate(mc_cases):
        k = 1 if name.startswith('torgb') else 3
        out_size = 8 if call['up'] == 2 else (2 if call['down'] == 2 else 4)
        inputs = {'x': randn(600 + index, 2, 2, 4, 4), 'weight': randn(700 + index, 3, 2, k, k),
                  'styles': randn(800 + index, 2, 2), 'noise': randn(900 + index, 2, 1, out_size, out_size) * 0.1 if with_noise else None,
                  'f': f4 if with_filter else None}
        diff = ['x', 'weight', 'styles'] + (['noise'] if with_noise else [])
        cases.append(Case(f'modulated_conv2d_{name}', 'modulated_conv2d', call, inputs, diff,
                          lambda x, weight, styles, noise, f, call=call: nets.modulated_conv2d(
                              x, weight, styles, noise=noise, resample_filter=f, **call)))

    cases.append(Case('normalize_2nd_moment', 'normalize_2nd_moment', dict(dim=1, eps=1e-8), {'x': randn(1000, 4, 16)}, ['x'],
                      lambda x: nets.normalize_2nd_moment(x)))
    for index, (group, channels, n) in enumerate([(2, 1, 4), (4, 2, 4), (None, 1, 3)]):
        call = dict(group_size=group, num_channels=channels)
        layer = nets.MinibatchStdLayer(group, channels)
        cases.append(Case(f'minibatch_std_{index}', 'minibatch_std', call, {'x': randn(1100 + index, n, 4, 3, 3)}, ['x'],
                          lambda x, layer=layer: layer(x)))

    for index, call in enumerate([dict(stride=1, padding=1, groups=1), dict(stride=2, padding=0, groups=2),
                                  dict(stride=2, padding=2, groups=1)]):
        inputs = {'x': randn(1200 + index, 1, 4, 5, 5), 'weight': randn(1300 + index, 4, 4 // call['groups'], 3, 3) * 0.3}
        cases.append(Case(f'torch_conv2d_{index}', 'torch/conv2d', call, inputs, ['x', 'weight'],
                          lambda x, weight, call=call: torch.nn.functional.conv2d(x, weight, **call)))
    for index, call in enumerate([dict(stride=2, padding=0, output_padding=0, groups=1),
                                  dict(stride=2, padding=1, output_padding=1, groups=2)]):
        inputs = {'x': randn(1400 + index, 1, 4, 4, 4), 'weight': randn(1500 + index, 4, 4 // call['groups'], 3, 3) * 0.3}
        cases.append(Case(f'torch_conv_transpose2d_{index}', 'torch/conv_transpose2d', call, inputs, ['x', 'weight'],
                          lambda x, weight, call=call: torch.nn.functional.conv_transpose2d(x, weight, **call)))
    cases.append(Case('torch_linear', 'torch/linear', {}, {'x': randn(1600, 3, 16), 'weight': randn(1601, 8, 16), 'bias': randn(1602, 8)},
                      ['x', 'weight', 'bias'], lambda x, weight, bias: torch.nn.functional.linear(x, weight, bias)))
    return cases


def load_stargan_adain(repo):
    """The official StarGAN v2 `AdaIN` module class. `core.model` also imports `munch` and the face
    alignment network `core.wing` (OpenCV, scikit-image), which AdaIN does not use: they are stubbed."""
    import types
    for name, attribute in (('munch', 'Munch'), ('core.wing', 'FAN')):
        if name not in sys.modules:
            stub = types.ModuleType(name)
            setattr(stub, attribute, dict)
            sys.modules[name] = stub
    sys.path.insert(0, repo)
    try:
        return importlib.import_module('core.model').AdaIN
    finally:
        sys.path.remove(repo)


def adain_cases(adain_class):
    """StarGAN v2 AdaIN: `(1 + gamma) * InstanceNorm2d(x) + beta`, gamma/beta from a linear layer of the style."""
    from torch.nn.utils.stateless import functional_call
    cases = []
    for index, (n, c, size, style_dim) in enumerate([(2, 3, 4, 5), (1, 4, 5, 3)]):
        module = adain_class(style_dim, c)

        def run(x, s, fc_weight, fc_bias, module=module):
            return functional_call(module, {'fc.weight': fc_weight, 'fc.bias': fc_bias}, (x, s))
        inputs = {'x': randn(1700 + index, n, c, size, size) * 2 + 0.5, 's': randn(1710 + index, n, style_dim),
                  'fc_weight': randn(1720 + index, 2 * c, style_dim) * 0.5, 'fc_bias': randn(1730 + index, 2 * c) * 0.5}
        cases.append(Case(f'adain_{index}', 'adain', {}, inputs, ['x', 's', 'fc_weight', 'fc_bias'], run))
    return cases


def torch_cases():
    """Plain PyTorch functional ops beyond convolutions: normalization, pooling, resizing, padding,
    element-wise functions, reductions and the logistic GAN loss."""
    F = torch.nn.functional
    cases = []
    for index, (affine, eps) in enumerate([(False, 1e-5), (True, 1e-3)]):
        c = 3
        inputs = {'x': randn(1800 + index, 2, c, 5, 4) * 3 + 1, 'weight': randn(1810 + index, c) if affine else None,
                  'bias': randn(1820 + index, c) if affine else None}
        diff = ['x'] + (['weight', 'bias'] if affine else [])
        cases.append(Case(f'torch_instance_norm_{"affine" if affine else "plain"}', 'torch/instance_norm', dict(eps=eps),
                          inputs, diff, lambda x, weight, bias, eps=eps: F.instance_norm(x, weight=weight, bias=bias, eps=eps)))
    for index, affine in enumerate([True, False]):
        c = 4
        inputs = {'x': randn(1900 + index, 3, c, 3, 3) * 2, 'running_mean': randn(1910 + index, c),
                  'running_var': np.abs(randn(1920 + index, c)) + 0.5,
                  'weight': randn(1930 + index, c) if affine else None, 'bias': randn(1940 + index, c) if affine else None}
        diff = ['x'] + (['weight', 'bias'] if affine else [])
        cases.append(Case(f'torch_batch_norm_eval_{"affine" if affine else "plain"}', 'torch/batch_norm_eval', dict(eps=1e-5),
                          inputs, diff, lambda x, running_mean, running_var, weight, bias: F.batch_norm(
                              x, running_mean, running_var, weight, bias, training=False, eps=1e-5)))
    pools = [
        ('k2', dict(kernel_size=[2, 2], stride=None, padding=[0, 0], ceil_mode=False, count_include_pad=True, divisor_override=None), 6),
        ('k3_s2_p1', dict(kernel_size=[3, 3], stride=[2, 2], padding=[1, 1], ceil_mode=False, count_include_pad=True, divisor_override=None), 7),
        ('k3_s2_p1_exclude_pad', dict(kernel_size=[3, 3], stride=[2, 2], padding=[1, 1], ceil_mode=False, count_include_pad=False,
                                      divisor_override=None), 7),
        ('k3x2_ceil', dict(kernel_size=[3, 2], stride=[2, 1], padding=[1, 0], ceil_mode=True, count_include_pad=True, divisor_override=None), 6),
    ]
    for index, (name, call, size) in enumerate(pools):
        cases.append(Case(f'torch_avg_pool2d_{name}', 'torch/avg_pool2d', call, {'x': randn(2000 + index, 1, 2, size, size)}, ['x'],
                          lambda x, call=call: F.avg_pool2d(x, **call)))
    resizes = [
        ('nearest_x2', dict(size=None, scale_factor=[2.0, 2.0], mode='nearest', align_corners=None), (3, 4)),
        ('nearest_size', dict(size=[5, 7], scale_factor=None, mode='nearest', align_corners=None), (3, 4)),
        ('nearest_x1.5', dict(size=None, scale_factor=[1.5, 1.5], mode='nearest', align_corners=None), (3, 4)),
        ('bilinear_x2', dict(size=None, scale_factor=[2.0, 2.0], mode='bilinear', align_corners=False), (3, 4)),
        ('bilinear_size_align_corners', dict(size=[5, 7], scale_factor=None, mode='bilinear', align_corners=True), (3, 4)),
        ('bilinear_down', dict(size=[2, 3], scale_factor=None, mode='bilinear', align_corners=False), (5, 7)),
        ('bilinear_x0.5_align_corners', dict(size=None, scale_factor=[0.5, 0.5], mode='bilinear', align_corners=True), (6, 6)),
    ]
    for index, (name, call, (h, w)) in enumerate(resizes):
        cases.append(Case(f'torch_interpolate_{name}', 'torch/interpolate', call, {'x': randn(2100 + index, 1, 2, h, w)}, ['x'],
                          lambda x, call=call: F.interpolate(x, **call)))
    for index, (name, call) in enumerate([('constant', dict(pad=[1, 2, 0, 1], mode='constant')),
                                          ('replicate', dict(pad=[2, 1, 1, 3], mode='replicate')),
                                          ('constant_crop', dict(pad=[-1, 1, 0, -1], mode='constant'))]):
        cases.append(Case(f'torch_pad_{name}', 'torch/pad', call, {'x': randn(2200 + index, 1, 2, 3, 4)}, ['x'],
                          lambda x, call=call: F.pad(x, call['pad'], mode=call['mode'])))
    x = randn(2300, 3, 11) * 3
    x[0, :3] = [25.0, -30.0, 20.5]  # softplus switches to the identity above 20
    positive = np.abs(x) + 0.1
    unary = [('relu', {}, F.relu), ('leaky_relu', dict(negative_slope=0.2), lambda t: F.leaky_relu(t, 0.2)),
             ('tanh', {}, torch.tanh), ('sigmoid', {}, torch.sigmoid), ('softplus', {}, F.softplus), ('sin', {}, torch.sin),
             ('cos', {}, torch.cos), ('exp', {}, torch.exp), ('square', {}, torch.square),
             ('sqrt', {}, torch.sqrt), ('rsqrt', {}, torch.rsqrt), ('clamp', dict(min=-0.5, max=0.7), lambda t: t.clamp(-0.5, 0.7))]
    for name, extra, function in unary:
        data = positive if name in ('sqrt', 'rsqrt') else (x / 4 if name == 'exp' else x)
        cases.append(Case(f'torch_elementwise_{name}', 'torch/elementwise', dict(op=name, **extra), {'x': data}, ['x'],
                          lambda x, function=function: function(x)))
    end = randn(2301, 3, 11)
    for weight in (0.3, 0.7):
        cases.append(Case(f'torch_elementwise_lerp_{weight}', 'torch/elementwise', dict(op='lerp', weight=weight),
                          {'x': x, 'end': end}, ['x', 'end'], lambda x, end, weight=weight: torch.lerp(x, end, weight)))
    tensor_weight = np.random.RandomState(2302).uniform(-0.5, 1.5, size=(3, 11)).astype(np.float32)
    cases.append(Case('torch_elementwise_lerp_tensor', 'torch/elementwise', dict(op='lerp'),
                      {'x': x, 'end': end, 'weight': tensor_weight}, ['x', 'end', 'weight'], torch.lerp))
    for index, call in enumerate([dict(op='sum', dim=[1, 2, 3], keepdim=True), dict(op='mean', dim=[0, 2], keepdim=False),
                                  dict(op='var', dim=[2, 3], keepdim=False, unbiased=True),
                                  dict(op='var', dim=None, keepdim=False, unbiased=False)]):
        def reduce(x, call=call):
            dims = call['dim'] if call['dim'] is not None else list(range(x.ndim))
            if call['op'] == 'var':
                return torch.var(x, dim=dims, unbiased=call['unbiased'], keepdim=call['keepdim'])
            return getattr(torch, call['op'])(x, dim=dims, keepdim=call['keepdim'])
        cases.append(Case(f'torch_reduction_{index}_{call["op"]}', 'torch/reduction', call,
                          {'x': randn(2400 + index, 2, 3, 4, 5) + 1}, ['x'], reduce))
    for target_real in (True, False):
        cases.append(Case(f'logistic_loss_{"real" if target_real else "fake"}', 'logistic_loss', dict(target_real=target_real),
                          {'x': randn(2500 + target_real, 4, 6) * 3}, ['x'],
                          lambda x, target_real=target_real: F.softplus(-x) if target_real else F.softplus(x)))
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repo', required=True, help='StyleGAN2-ADA-PyTorch checkout')
    parser.add_argument('--sg3-repo', required=True, help='StyleGAN3 checkout')
    parser.add_argument('--stargan-repo', required=True, help='StarGAN v2 checkout (AdaIN)')
    parser.add_argument('--out', required=True, help='output folder')
    parser.add_argument('--only', help='comma-separated fixture name prefixes to (re)write; default: all')
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    prefixes = tuple(args.only.split(',')) if args.only else ('',)
    written = []
    plain = json.dumps({'repository': 'pytorch (torch.nn.functional)', 'torch': torch.__version__, 'device': 'cpu',
                        'dtype': 'float32', 'generator': 'tools/make_op_goldens.py'})
    for repo, name, sg3 in [(args.repo, 'stylegan2-ada-pytorch', False), (args.sg3_repo, 'stylegan3', True)]:
        ops = load_official(os.path.abspath(repo))
        source = json.dumps({'repository': f'NVlabs/{name}', 'commit': git_commit(repo), 'torch': torch.__version__,
                             'device': 'cpu', 'dtype': 'float32', 'impl': 'ref', 'generator': 'tools/make_op_goldens.py'})
        for index, case in enumerate(official_cases(ops, sg3=sg3)):
            case_source = plain if case.target.startswith('torch/') else source
            if case.name.startswith(prefixes):
                written.append(write_case(case, args.out, case_source, seed=index + (500 if sg3 else 0)))
    stargan = json.dumps({'repository': 'clovaai/stargan-v2', 'commit': git_commit(args.stargan_repo), 'torch': torch.__version__,
                          'device': 'cpu', 'dtype': 'float32', 'generator': 'tools/make_op_goldens.py'})
    extra = [(case, stargan) for case in adain_cases(load_stargan_adain(os.path.abspath(args.stargan_repo)))]
    extra += [(case, plain) for case in torch_cases()]
    for index, (case, case_source) in enumerate(extra):
        if case.name.startswith(prefixes):
            written.append(write_case(case, args.out, case_source, seed=1000 + index))
    total = sum(os.path.getsize(p) for p in written)
    print(f'wrote {len(written)} fixtures ({total / 1024:.0f} KiB) to {args.out}')


if __name__ == '__main__':
    main()
