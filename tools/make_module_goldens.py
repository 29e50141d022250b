#!/usr/bin/python3
"""Writes module-level golden fixtures (HDF5, `format = ganport-golden`, `version = 1`, `kind = module`).

Loads the committed StyleGAN2-ADA network pickles with the official `legacy.load_network_pkl` (their
embedded module sources are placeholders: an import hook swaps in the real sources of the given
checkout), runs the official modules on CPU in float32 (`force_fp32=True`, `noise_mode='const'`, eval
mode) on small explicit inputs and stores, per case, the inputs, outputs, one random cotangent per
output and the gradients of `sum(output * cotangent)` with respect to the differentiable inputs and
every trainable parameter of the module at `checkpoint_entry`.

    /usr/bin/python3 tools/make_module_goldens.py --repo /work/ref/stylegan2-ada-pytorch --out fixtures/modules

Architectures the committed pickles do not cover (G `orig`, D `skip`) come from an extra tiny pickle
built here with the official classes and written like `tools/make_nvidia_fixtures.py` writes its
pickles (embedded sources replaced by placeholders; no official code in the file).
Re-running the script rewrites the same files (seeds are fixed per case); the extra pickle is kept when
its tensors are unchanged (a fresh dump would differ only in torch's storage keys).
"""

import argparse
import copy
import json
import os
import pickle
import sys

import h5py
import numpy as np
import torch

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import make_nvidia_fixtures as nf  # noqa: E402
import manifest_support as ms  # noqa: E402

SCHEMA_VERSION = 1
NVIDIA_FIXTURES = os.path.join(os.path.dirname(TOOLS), 'fixtures', 'nvidia')
EXTRA_PICKLE = 'stylegan2-ada-orig-skip-16.pkl'

# Extra network: G `orig` and D `skip`, conditional, mapping with its own embed/layer widths and
# 3 layers, Freeze-D on the first layer, minibatch-std with 2 channels over the whole batch,
# a 3-tap resample filter and conv_clamp.
EXTRA_CONFIG = dict(seed=7, resolution=16, c_dim=2, z_dim=8, w_dim=12, channel_base=96, channel_max=12,
                    resample_filter=[1, 2, 1], conv_clamp=64)


def placeholder_hook(repo):
    """Import hook that maps each placeholder module source back to the checkout's real source."""
    prefix = '# module source removed: '

    def hook(meta):
        src = meta.module_src
        if src.startswith(prefix):
            module_name = src[len(prefix):].strip()
            path = os.path.join(repo, *module_name.split('.')) + '.py'
            with open(path, encoding='utf-8-sig') as f:
                meta.module_src = f.read()
        return meta
    return hook


def load_pickle(path, legacy):
    with open(path, 'rb') as f:
        return legacy.load_network_pkl(f)


def build_extra_pickle(out_dir, persistence, legacy):
    """Tiny snapshot {G, D, G_ema} with the architectures the committed pickles miss."""
    import dnnlib
    cfg = EXTRA_CONFIG
    torch.manual_seed(cfg['seed'])
    gen = torch.Generator().manual_seed(cfg['seed'] + 1000)
    common = dict(c_dim=cfg['c_dim'], img_resolution=cfg['resolution'], img_channels=3)
    G_kwargs = dnnlib.EasyDict(
        class_name='training.networks.Generator', z_dim=cfg['z_dim'], w_dim=cfg['w_dim'],
        mapping_kwargs=dnnlib.EasyDict(num_layers=3, embed_features=6, layer_features=10, lr_multiplier=0.1),
        synthesis_kwargs=dnnlib.EasyDict(channel_base=cfg['channel_base'], channel_max=cfg['channel_max'],
                                         architecture='orig', resample_filter=cfg['resample_filter'],
                                         conv_clamp=cfg['conv_clamp'], num_fp16_res=2))
    D_kwargs = dnnlib.EasyDict(
        class_name='training.networks.Discriminator', architecture='skip', channel_base=cfg['channel_base'],
        channel_max=cfg['channel_max'], conv_clamp=cfg['conv_clamp'], cmap_dim=5,
        block_kwargs=dnnlib.EasyDict(freeze_layers=1, resample_filter=cfg['resample_filter']),
        mapping_kwargs=dnnlib.EasyDict(num_layers=2),
        epilogue_kwargs=dnnlib.EasyDict(mbstd_group_size=None, mbstd_num_channels=2))
    G = dnnlib.util.construct_class_by_name(**G_kwargs, **common).train().requires_grad_(False)
    D = dnnlib.util.construct_class_by_name(**D_kwargs, **common).train().requires_grad_(False)
    snapshot = nf.settled_snapshot(G, D, gen, ema_rounds=8, ema_batch=16)
    for key in ('G', 'D', 'G_ema'):
        snapshot[key] = copy.deepcopy(snapshot[key]).eval().requires_grad_(False).cpu()
    provenance = ms.provenance('tools/make_module_goldens.py',
                               repos={'NVlabs/stylegan2-ada-pytorch': os.path.dirname(legacy.__file__)},
                               config=dict(EXTRA_CONFIG, G_kwargs=G_kwargs, D_kwargs=D_kwargs))
    return nf.write_stripped_pickle(os.path.join(out_dir, EXTRA_PICKLE), snapshot, persistence, provenance)


class Case:
    """One golden: the module at `entry` of `checkpoint`, called with `inputs` and `call`."""

    def __init__(self, name, checkpoint, entry, target, call, inputs, seed, notes=None):
        self.name, self.checkpoint, self.entry, self.target = name, checkpoint, entry, target
        self.call, self.inputs, self.seed, self.notes = call, inputs, seed, notes


def module_at(snapshot, entry):
    parts = entry.split('.')
    module = snapshot[parts[0]]
    for part in parts[1:]:
        module = getattr(module, part)
    return module


def run_module(module, target, inputs, call):
    """The official forward call of `target` with the fixture conventions; returns {output name: tensor}."""
    kw = {k: v for k, v in call.items() if v is not None}
    if target == 'stylegan2-ada/Generator':
        return {'img': module(inputs['z'], inputs.get('c'), **kw)}
    if target == 'stylegan2-ada/MappingNetwork':
        return {'ws': module(inputs['z'], inputs.get('c'), **kw)}
    if target == 'stylegan2-ada/SynthesisNetwork':
        return {'img': module(inputs['ws'], **kw)}
    if target == 'stylegan2-ada/Discriminator':
        return {'logits': module(inputs['img'], inputs.get('c'), **kw)}
    raise ValueError(target)


def write_case(case, snapshot, out_dir, source):
    module = module_at(snapshot, case.entry)
    module.eval()
    params = dict(module.named_parameters())
    for p in params.values():
        p.requires_grad_(True)
    inputs = {k: torch.from_numpy(v.copy()) for k, v in case.inputs.items()}
    differentiable = list(inputs)
    for t in inputs.values():
        t.requires_grad_(True)
    before = {k: v.clone() for k, v in module.state_dict().items()}
    outputs = run_module(module, case.target, inputs, case.call)
    after = module.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before), 'the call changed a buffer'
    rng = np.random.RandomState(case.seed + 1000)
    cotangents = {k: torch.from_numpy(rng.randn(*v.shape).astype(np.float32)) for k, v in outputs.items()}
    loss = sum((outputs[k] * cotangents[k]).sum() for k in outputs)
    wrt = [inputs[n] for n in differentiable] + list(params.values())
    values = torch.autograd.grad(loss, wrt, allow_unused=True)
    grads_inputs, grads_params, unused = {}, {}, []
    for name, value in zip(differentiable, values[:len(differentiable)]):
        grads_inputs[name] = torch.zeros_like(inputs[name]) if value is None else value
    for (name, p), value in zip(params.items(), values[len(differentiable):]):
        if value is None:
            unused.append(name)
        grads_params[name] = torch.zeros_like(p) if value is None else value
    for p in params.values():
        p.requires_grad_(False)
    all_grads = list(grads_inputs.values()) + list(grads_params.values())
    grad_max_abs = max([float(g.abs().max()) for g in all_grads if g.numel()] + [0.0])

    path = os.path.join(out_dir, f'{case.name}.h5')
    with open_without_times(path) as f:
        f.attrs['format'] = 'ganport-golden'
        f.attrs['version'] = np.int64(SCHEMA_VERSION)
        f.attrs['kind'] = 'module'
        f.attrs['target'] = case.target
        f.attrs['call'] = json.dumps(case.call)
        f.attrs['source'] = source
        f.attrs['checkpoint'] = case.checkpoint
        f.attrs['checkpoint_entry'] = case.entry
        f.attrs['inputs_order'] = json.dumps(list(case.inputs))
        f.attrs['grad_max_abs'] = np.float64(grad_max_abs)
        f.attrs['params_without_grad'] = json.dumps([])
        f.attrs['unused_params'] = json.dumps(unused)
        f.attrs['grad_params_policy'] = 'every trainable parameter of the module at checkpoint_entry'
        if case.notes:
            f.attrs['notes'] = case.notes
        for group in ('inputs', 'outputs', 'cotangents', 'grads', 'grads/inputs', 'grads/params'):
            make_group(f, group)
        for k, v in inputs.items():
            f.create_dataset(f'inputs/{k}', data=v.detach().numpy(), track_times=False)
        for k, v in outputs.items():
            f.create_dataset(f'outputs/{k}', data=v.detach().numpy(), track_times=False)
        for k, v in cotangents.items():
            f.create_dataset(f'cotangents/{k}', data=v.numpy(), track_times=False)
        for k, v in grads_inputs.items():
            f.create_dataset(f'grads/inputs/{k}', data=v.detach().numpy(), track_times=False)
        for k, v in grads_params.items():
            f.create_dataset(f'grads/params/{k}', data=v.detach().numpy(), track_times=False)
    return path


def open_without_times(path):
    """A new HDF5 file whose root group records no modification times (byte-identical re-runs)."""
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    fapl.set_libver_bounds(h5py.h5f.LIBVER_V18, h5py.h5f.LIBVER_V110)
    return h5py.File(h5py.h5f.create(path.encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl, fapl=fapl))


def make_group(f, name):
    """A group without modification times, so re-running the script rewrites identical bytes."""
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    h5py.h5g.create(f.id, name.encode(), gcpl=gcpl)


def randn(seed, *shape):
    return np.random.RandomState(seed).randn(*shape).astype(np.float32)


def one_hot(seed, batch, c_dim):
    idx = np.random.RandomState(seed).randint(0, c_dim, size=batch)
    return np.eye(c_dim, dtype=np.float32)[idx]


def g_call(psi=1, cutoff=None, noise_mode='const', fused_modconv=None):
    return dict(truncation_psi=psi, truncation_cutoff=cutoff, noise_mode=noise_mode, force_fp32=True,
                fused_modconv=fused_modconv)


def cases_for(snapshots):
    """All cases: every G/D architecture, conditional and not, truncation with and without cutoff."""
    tiny, cond, extra = 'stylegan2-ada-tiny-16.pkl', 'stylegan2-ada-cond-32.pkl', EXTRA_PICKLE
    tiny_ck, cond_ck = '../nvidia/' + tiny, '../nvidia/' + cond
    Gt, Gc, Ge = snapshots[tiny]['G_ema'], snapshots[cond]['G_ema'], snapshots[extra]['G_ema']
    out = []

    def add(name, checkpoint, entry, target, call, inputs, notes=None):
        out.append(Case(name, checkpoint, entry, target, call, inputs, seed=len(out) * 10 + 1, notes=notes))

    s = 100
    add('sg2a_tiny16_G_skip', tiny_ck, 'G_ema', 'stylegan2-ada/Generator', g_call(),
        {'z': randn(s, 2, Gt.z_dim)}, notes='unconditional, architecture skip, conv_clamp 256; c is None')
    add('sg2a_tiny16_G_skip_nonfused_noise_none', tiny_ck, 'G_ema', 'stylegan2-ada/Generator',
        g_call(psi=0.3, cutoff=1, noise_mode='none', fused_modconv=False),
        {'z': randn(s + 2, 2, Gt.z_dim)}, notes='non-fused modulated conv, no noise (noise_strength unused)')
    add('sg2a_tiny16_mapping_psi05_cutoff2', tiny_ck, 'G_ema.mapping', 'stylegan2-ada/MappingNetwork',
        dict(truncation_psi=0.5, truncation_cutoff=2), {'z': randn(s + 3, 3, Gt.z_dim)})
    add('sg2a_tiny16_synthesis', tiny_ck, 'G_ema.synthesis', 'stylegan2-ada/SynthesisNetwork',
        dict(noise_mode='const', force_fp32=True, fused_modconv=None),
        {'ws': randn(s + 4, 2, Gt.num_ws, Gt.w_dim)})
    add('sg2a_tiny16_D_resnet', tiny_ck, 'D', 'stylegan2-ada/Discriminator', dict(force_fp32=True),
        {'img': randn(s + 5, 4, 3, 16, 16)}, notes='architecture resnet, mbstd group 4, conv_clamp 256')
    add('sg2a_cond32_G_resnet_psi06_cutoff3', cond_ck, 'G_ema', 'stylegan2-ada/Generator', g_call(psi=0.6, cutoff=3),
        {'z': randn(s + 6, 2, Gc.z_dim), 'c': one_hot(s + 6, 2, Gc.c_dim)}, notes='conditional, architecture resnet')
    add('sg2a_cond32_mapping', cond_ck, 'G_ema.mapping', 'stylegan2-ada/MappingNetwork',
        dict(truncation_psi=1, truncation_cutoff=None),
        {'z': randn(s + 7, 3, Gc.z_dim), 'c': one_hot(s + 7, 3, Gc.c_dim)})
    add('sg2a_cond32_D_orig', cond_ck, 'D', 'stylegan2-ada/Discriminator', dict(force_fp32=True),
        {'img': randn(s + 8, 4, 3, 32, 32), 'c': one_hot(s + 8, 4, Gc.c_dim)},
        notes='conditional (cmap projection), architecture orig, mbstd group 2 (strided groups)')
    add('sg2a_extra16_G_orig_psi08', extra, 'G_ema', 'stylegan2-ada/Generator', g_call(psi=0.8, cutoff=4),
        {'z': randn(s + 9, 2, Ge.z_dim), 'c': one_hot(s + 9, 2, Ge.c_dim)},
        notes='architecture orig, 3-tap resample filter, conv_clamp 64, embed/layer features, lr_multiplier 0.1')
    add('sg2a_extra16_G_orig_nonfused', extra, 'G_ema', 'stylegan2-ada/Generator', g_call(psi=0.7, fused_modconv=False),
        {'z': randn(s + 10, 3, Ge.z_dim), 'c': one_hot(s + 10, 3, Ge.c_dim)})
    add('sg2a_extra16_D_skip', extra, 'D', 'stylegan2-ada/Discriminator', dict(force_fp32=True),
        {'img': randn(s + 11, 3, 3, 16, 16), 'c': one_hot(s + 11, 3, Ge.c_dim)},
        notes='architecture skip, Freeze-D 1 layer (buffers), mbstd whole batch with 2 channels, cmap_dim 5')
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repo', required=True, help='stylegan2-ada-pytorch checkout')
    parser.add_argument('--out', required=True, help='output folder (fixtures/modules)')
    args = parser.parse_args()
    repo = os.path.abspath(args.repo)
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    sys.path.insert(0, repo)
    import legacy
    from torch_utils import persistence
    persistence.import_hook(placeholder_hook(repo))

    extra_path = build_extra_pickle(args.out, persistence, legacy)
    snapshots = {}
    for name in ('stylegan2-ada-tiny-16.pkl', 'stylegan2-ada-cond-32.pkl'):
        snapshots[name] = load_pickle(os.path.join(NVIDIA_FIXTURES, name), legacy)
    snapshots[EXTRA_PICKLE] = load_pickle(extra_path, legacy)

    source = json.dumps({'repository': 'NVlabs/stylegan2-ada-pytorch', 'commit': ms.git_commit(repo),
                         'torch': torch.__version__, 'device': 'cpu', 'dtype': 'float32', 'impl': 'ref',
                         'force_fp32': True, 'mode': 'eval', 'generator': 'tools/make_module_goldens.py'})
    written = []
    for case in cases_for(snapshots):
        snapshot = snapshots[os.path.basename(case.checkpoint)]
        written.append(write_case(case, snapshot, args.out, source))
    total = sum(os.path.getsize(p) for p in written)
    print(f'wrote {len(written)} module goldens ({total / 1024:.0f} KiB) and {EXTRA_PICKLE} to {args.out}')


if __name__ == '__main__':
    main()
