#!/usr/bin/python3
"""Generate tiny NVIDIA network pickles (StyleGAN2-ADA, StyleGAN3, TF-era StyleGAN2) and their manifests.

    /usr/bin/python3 tools/make_nvidia_fixtures.py \
        --repo /path/to/stylegan2-ada-pytorch --sg3-repo /path/to/stylegan3 \
        --out fixtures/nvidia [--examples-out fixtures/examples]

Networks are built from the official classes of the given checkouts with tiny configurations and
written exactly the way the official training loops write snapshots (deep copy, eval, no grad, cpu,
plain `pickle.dump`), except that the Python source each persistent class embeds is replaced by a
one-line placeholder before dumping: the fixtures contain no official code.

Each official code base is imported in its own child process (both repositories use the package names
`dnnlib`, `torch_utils` and `training`).
"""

import argparse
import copy
import json
import os
import pickle
import pickletools
import shutil
import subprocess
import sys
import types

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest_support as ms  # noqa: E402

FAMILIES = ('sg2a', 'sg3', 'tf')
EXAMPLE_NAME = 'stylegan2-tiny.pkl'
EXAMPLE_SOURCE = 'stylegan2-ada-tiny-16.pkl'


def placeholder_source(module_name):
    """Text that stands in for an embedded module source."""
    return f'# module source removed: {module_name}\n'


# ----------------------------------------------------------------------------------------------
# Helpers shared by the PyTorch families.

def strip_persistent_sources(persistence):
    """Replace the embedded module source of every persistent class by one shared placeholder per module."""
    placeholders = {}
    for cls in list(persistence._decorators):
        module_name = cls.__mro__[1].__module__
        if module_name not in placeholders:
            placeholders[module_name] = placeholder_source(module_name)
        cls._orig_module_src = placeholders[module_name]
    return placeholders


def restore_sources_hook(persistence):
    """Import hook that maps each placeholder back to the real source (for the reload check only)."""
    real = {}
    for module, src in persistence._module_to_src_dict.items():
        if module.__name__.startswith('_imported_module_'):
            continue
        real[placeholder_source(module.__name__)] = src

    def hook(meta):
        if meta.module_src in real:
            meta.module_src = real[meta.module_src]
        return meta
    return hook


def perturb_parameters(module, generator, scale):
    """Add Gaussian noise to every parameter (makes biases, noise strengths, zero-initialised weights nonzero)."""
    with torch.no_grad():
        for param in module.parameters():
            param.add_(torch.randn(param.shape, generator=generator) * scale)


class FastEMAs:
    """Temporarily set every w_avg_beta / magnitude_ema_beta to 0.5 so a few training-mode passes move
    w_avg and magnitude_ema to values of the order of the real statistics; restores the betas on exit."""

    def __init__(self, module):
        self.saved = []
        for sub in module.modules():
            for attr in ('w_avg_beta', 'magnitude_ema_beta'):
                if getattr(sub, attr, None) is not None:
                    self.saved.append((sub, attr, getattr(sub, attr)))

    def __enter__(self):
        for sub, attr, _ in self.saved:
            setattr(sub, attr, 0.5)
        return self

    def __exit__(self, *exc):
        for sub, attr, value in self.saved:
            setattr(sub, attr, value)
        return False


def one_hot_labels(batch, c_dim, generator):
    if c_dim == 0:
        return torch.zeros([batch, 0])
    idx = torch.randint(0, c_dim, [batch], generator=generator)
    return torch.nn.functional.one_hot(idx, c_dim).to(torch.float32)


def settled_snapshot(G, D, gen, ema_rounds, ema_batch):
    """Perturbs G and D (Freeze-D buffers too, so they are not zero) and moves w_avg with `ema_rounds`
    training-mode mapping calls of `ema_batch` latents; G_ema is a copy of G. A snapshot that looks trained."""
    perturb_parameters(G, gen, 0.1)
    perturb_parameters(D, gen, 0.1)
    with torch.no_grad():  # Freeze-D layers are buffers: perturb them too
        for name, buf in D.named_buffers():
            if name.endswith('.weight') or name.endswith('.bias'):
                buf.add_(torch.randn(buf.shape, generator=gen) * 0.1)
    with FastEMAs(G):
        for _ in range(ema_rounds):
            G.mapping(torch.randn([ema_batch, G.z_dim], generator=gen), one_hot_labels(ema_batch, G.c_dim, gen))
    G_ema = copy.deepcopy(G).eval()
    return dict(G=G, D=D, G_ema=G_ema, augment_pipe=None, training_set_kwargs=None)


def write_stripped_pickle(path, snapshot, persistence, provenance):
    """`snapshot` as a protocol-4 NVIDIA network pickle whose module sources are placeholders, with its
    manifest. An existing file with the same tensors is kept (torch storage keys differ from run to run)."""
    entries = snapshot_manifest_entries(snapshot)
    manifest_path = path + ms.MANIFEST_SUFFIX
    if os.path.exists(path) and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            if json.load(f)['tensors'] == ms.manifest('nvidia-network-pickle', entries)['tensors']:
                return path
    real_sources = {cls: cls._orig_module_src for cls in persistence._decorators}
    strip_persistent_sources(persistence)
    try:
        with open(path, 'wb') as f:
            pickle.dump(snapshot, f, protocol=4)
    finally:
        for cls, src in real_sources.items():
            cls._orig_module_src = src
    ms.check_no_official_source(path)
    ms.write_manifest(path, ms.manifest('nvidia-network-pickle', entries, networks=snapshot_networks(snapshot),
                                        provenance=provenance))
    return path


def snapshot_manifest_entries(snapshot):
    entries = []
    for key in ('G', 'D', 'G_ema', 'augment_pipe'):
        module = snapshot.get(key)
        if isinstance(module, torch.nn.Module):
            for name, tensor in module.state_dict().items():
                entries.append(ms.torch_entry(f'{key}.{name}', tensor))
    return entries


def snapshot_networks(snapshot):
    networks = {}
    for key, value in snapshot.items():
        if isinstance(value, torch.nn.Module):
            networks[key] = {
                'class_name': type(value)._orig_class_name,
                'init_args': ms.to_json(value._init_args),
                'init_kwargs': ms.to_json(value._init_kwargs),
            }
        elif value is None and key != 'training_set_kwargs':
            networks[key] = None
    return networks


LEGACY_TORCH_MAGIC = b'\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19\x2e'
_STRING_OPS = ('SHORT_BINUNICODE', 'BINUNICODE', 'BINUNICODE8', 'UNICODE', 'STRING', 'BINSTRING', 'SHORT_BINSTRING')
_BYTES_OPS = ('SHORT_BINBYTES', 'BINBYTES', 'BINBYTES8')


def _scan_stream(data, start=0):
    """Opcodes and globals of one pickle starting at `start`; returns (opcodes, globals, bytes args, end)."""
    opcodes, globals_seen, payloads = set(), set(), []
    memo, recent = {}, []
    end = start
    for opcode, arg, pos in pickletools.genops(data[start:]):
        name = opcode.name
        opcodes.add(name)
        if name in _STRING_OPS:
            recent.append(arg)
        elif name in _BYTES_OPS:
            payloads.append(arg)
            recent.append(None)
        elif name in ('BINGET', 'LONG_BINGET', 'GET'):
            recent.append(memo.get(arg))
        elif name == 'MEMOIZE':
            memo[len(memo)] = recent[-1] if recent else None
        elif name in ('BINPUT', 'LONG_BINPUT', 'PUT'):
            memo[arg] = recent[-1] if recent else None
        elif name == 'GLOBAL':
            globals_seen.add(arg.replace(' ', '.'))
            recent.append(None)
        elif name == 'STACK_GLOBAL':
            globals_seen.add(f'{recent[-2]}.{recent[-1]}')
            recent.append(None)
        elif name not in ('FRAME', 'PROTO'):
            recent.append(None)
        if name == 'STOP':
            end = start + pos + 1
    return opcodes, globals_seen, payloads, end


def pickle_inventory(path):
    """Protocol, opcodes and globals of the outer pickle and of the embedded legacy torch streams."""
    with open(path, 'rb') as f:
        data = f.read()
    protocol = data[1] if data[:1] == b'\x80' else 0
    opcodes, globals_seen, payloads, _ = _scan_stream(data)
    inner_opcodes, inner_globals = set(), set()
    for payload in payloads:
        if not payload.startswith(LEGACY_TORCH_MAGIC):
            continue
        pos = 0
        for _ in range(5):  # magic, protocol version, sys_info, object, storage keys
            ops, globs, _, pos = _scan_stream(payload, pos)
            inner_opcodes |= ops
            inner_globals |= globs
    return {'protocol': protocol, 'opcodes': sorted(opcodes), 'globals': sorted(globals_seen),
            'storage_stream_opcodes': sorted(inner_opcodes), 'storage_stream_globals': sorted(inner_globals)}


def write_snapshot(snapshot, path, protocol, persistence, fmt_provenance):
    real_sources = {cls: cls._orig_module_src for cls in persistence._decorators}
    strip_persistent_sources(persistence)
    try:
        with open(path, 'wb') as f:
            pickle.dump(snapshot, f, protocol=protocol)
    finally:  # deep copies made later must still find the real sources
        for cls, src in real_sources.items():
            cls._orig_module_src = src
    ms.check_no_official_source(path)
    man = ms.manifest(
        'nvidia-network-pickle', snapshot_manifest_entries(snapshot),
        networks=snapshot_networks(snapshot),
        training_set_kwargs=ms.to_json(snapshot['training_set_kwargs']),
        pickle=pickle_inventory(path),
        provenance=fmt_provenance,
    )
    ms.write_manifest(path, man)
    return man


def verify_reload(path, legacy, persistence, man):
    """Reload with the official loader (placeholder sources mapped back) and compare with the manifest."""
    hook = restore_sources_hook(persistence)
    persistence._import_hooks.append(hook)
    try:
        with open(path, 'rb') as f:
            data = legacy.load_network_pkl(f)
    finally:
        persistence._import_hooks.remove(hook)
    entries = {e['name']: e for e in snapshot_manifest_entries(data)}
    expected = {e['name']: e for e in man['tensors']}
    if entries != expected:
        raise RuntimeError(f'{path}: reloaded tensors differ from the manifest')


def enter_repo(repo):
    sys.path.insert(0, os.path.abspath(repo))


# ----------------------------------------------------------------------------------------------
# StyleGAN2-ADA (training/networks.py, training_loop.py snapshot layout).

SG2A_CASES = [
    dict(file='stylegan2-ada-tiny-16.pkl', protocol=3, seed=1, resolution=16, c_dim=0,
         z_dim=32, w_dim=32, map_layers=2, channel_base=128, channel_max=16, num_fp16_res=4, conv_clamp=256,
         g_architecture=None, d_architecture=None, mbstd=4, augment_p=0.123, dataset='~/datasets/tiny-16x16.zip',
         max_size=1000, extra_protocols={'stylegan2-ada-tiny-16-p5.pkl': pickle.HIGHEST_PROTOCOL}),
    dict(file='stylegan2-ada-cond-32.pkl', protocol=4, seed=2, resolution=32, c_dim=3,
         z_dim=32, w_dim=16, map_layers=2, channel_base=128, channel_max=8, num_fp16_res=0, conv_clamp=None,
         g_architecture='resnet', d_architecture='orig', mbstd=2, augment_p=0.0, dataset='~/datasets/tiny-cond-32x32.zip',
         max_size=600, extra_protocols={}),
]


def dataset_kwargs(case, dnnlib):
    """`training_set_kwargs` as the official train.py builds them (key order included)."""
    kwargs = dnnlib.EasyDict(class_name='training.dataset.ImageFolderDataset', path=case['dataset'],
                             use_labels=True, max_size=None, xflip=False)
    kwargs.resolution = case['resolution']
    kwargs.use_labels = case['c_dim'] > 0
    kwargs.max_size = case['max_size']
    return kwargs


def sg2a_snapshot(case):
    import dnnlib
    torch.manual_seed(case['seed'])
    gen = torch.Generator().manual_seed(case['seed'] + 1000)

    training_set_kwargs = dataset_kwargs(case, dnnlib)

    G_kwargs = dnnlib.EasyDict(class_name='training.networks.Generator', z_dim=case['z_dim'], w_dim=case['w_dim'],
                               mapping_kwargs=dnnlib.EasyDict(), synthesis_kwargs=dnnlib.EasyDict())
    D_kwargs = dnnlib.EasyDict(class_name='training.networks.Discriminator', block_kwargs=dnnlib.EasyDict(),
                               mapping_kwargs=dnnlib.EasyDict(), epilogue_kwargs=dnnlib.EasyDict())
    G_kwargs.synthesis_kwargs.channel_base = D_kwargs.channel_base = case['channel_base']
    G_kwargs.synthesis_kwargs.channel_max = D_kwargs.channel_max = case['channel_max']
    G_kwargs.mapping_kwargs.num_layers = case['map_layers']
    G_kwargs.synthesis_kwargs.num_fp16_res = D_kwargs.num_fp16_res = case['num_fp16_res']
    G_kwargs.synthesis_kwargs.conv_clamp = D_kwargs.conv_clamp = case['conv_clamp']
    D_kwargs.epilogue_kwargs.mbstd_group_size = case['mbstd']
    if case['g_architecture'] is not None:
        G_kwargs.synthesis_kwargs.architecture = case['g_architecture']
    if case['d_architecture'] is not None:
        D_kwargs.architecture = case['d_architecture']
    augment_kwargs = dnnlib.EasyDict(class_name='training.augment.AugmentPipe', xflip=1, rotate90=1, xint=1, scale=1,
                                     rotate=1, aniso=1, xfrac=1, brightness=1, contrast=1, lumaflip=1, hue=1,
                                     saturation=1)

    common_kwargs = dict(c_dim=case['c_dim'], img_resolution=case['resolution'], img_channels=3)
    G = dnnlib.util.construct_class_by_name(**G_kwargs, **common_kwargs).train().requires_grad_(False)
    D = dnnlib.util.construct_class_by_name(**D_kwargs, **common_kwargs).train().requires_grad_(False)
    perturb_parameters(G, gen, 0.1)
    perturb_parameters(D, gen, 0.1)
    with FastEMAs(G):  # move w_avg away from zero (training-mode mapping updates it)
        for _ in range(8):
            G.mapping(torch.randn([16, G.z_dim], generator=gen), one_hot_labels(16, G.c_dim, gen))
    G_ema = copy.deepcopy(G).eval()
    perturb_parameters(G, gen, 0.02)  # G keeps training; G_ema lags behind
    for _ in range(2):
        G.mapping(torch.randn([16, G.z_dim], generator=gen), one_hot_labels(16, G.c_dim, gen))
    with torch.no_grad():  # the EMA step copies buffers from G
        for b_ema, b in zip(G_ema.buffers(), G.buffers()):
            b_ema.copy_(b)

    augment_pipe = None
    if case['augment_p'] > 0:
        augment_pipe = dnnlib.util.construct_class_by_name(**augment_kwargs).train().requires_grad_(False)
        augment_pipe.p.copy_(torch.as_tensor(case['augment_p']))

    snapshot = dict(training_set_kwargs=dict(training_set_kwargs))
    for name, module in [('G', G), ('D', D), ('G_ema', G_ema), ('augment_pipe', augment_pipe)]:
        if module is not None:
            module = copy.deepcopy(module).eval().requires_grad_(False).cpu()
        snapshot[name] = module
    config = dict(G_kwargs=G_kwargs, D_kwargs=D_kwargs, common_kwargs=common_kwargs,
                  augment_kwargs=augment_kwargs if augment_pipe is not None else None,
                  augment_p=case['augment_p'], seed=case['seed'])
    return snapshot, config


def write_family(repo, repo_name, cases, make_snapshot, out):
    """Writes every case of one official code base (its checkout already entered) with each protocol."""
    import legacy
    from torch_utils import persistence
    os.makedirs(out, exist_ok=True)
    for case in cases:
        snapshot, config = make_snapshot(case)
        outputs = {case['file']: case['protocol'], **case['extra_protocols']}
        for file_name, protocol in outputs.items():
            path = os.path.join(out, file_name)
            prov = ms.provenance('tools/make_nvidia_fixtures.py', repos={repo_name: repo},
                                 config=dict(config, pickle_protocol=protocol,
                                             writer='training/training_loop.py snapshot layout'))
            man = write_snapshot(snapshot, path, protocol, persistence, prov)
            verify_reload(path, legacy, persistence, man)
            print(f'wrote {path} ({os.path.getsize(path)} bytes, protocol {protocol}, {len(man["tensors"])} tensors)')


def run_sg2a(args):
    enter_repo(args.repo)
    write_family(args.repo, 'NVlabs/stylegan2-ada-pytorch', SG2A_CASES, sg2a_snapshot, args.out)


# ----------------------------------------------------------------------------------------------
# StyleGAN3 repository (training/networks_stylegan3.py + networks_stylegan2.Discriminator).

SG3_CASES = [
    dict(file='stylegan3-t-tiny-16.pkl', cfg='stylegan3-t', protocol=4, seed=3, resolution=16, c_dim=0,
         z_dim=16, w_dim=16, cbase=64, cmax=8, batch=32, mbstd=4, augment_p=0.25,
         dataset='~/datasets/tiny-16x16.zip', max_size=1000,
         extra_protocols={'stylegan3-t-tiny-16-p5.pkl': pickle.HIGHEST_PROTOCOL}),
    dict(file='stylegan3-r-tiny-16.pkl', cfg='stylegan3-r', protocol=4, seed=4, resolution=16, c_dim=0,
         z_dim=16, w_dim=16, cbase=64, cmax=8, batch=32, mbstd=4, augment_p=0.0,
         dataset='~/datasets/tiny-16x16.zip', max_size=1000, extra_protocols={}),
]


def sg3_transform(translate, angle):
    """3x3 rotation (degrees) + translation matrix, the layout gen_images.py uses."""
    s, c = np.sin(np.radians(angle)), np.cos(np.radians(angle))
    return np.array([[c, s, translate[0]], [-s, c, translate[1]], [0, 0, 1]], dtype=np.float64)


def sg3_snapshot(case):
    import dnnlib
    torch.manual_seed(case['seed'])
    gen = torch.Generator().manual_seed(case['seed'] + 1000)

    training_set_kwargs = dataset_kwargs(case, dnnlib)
    training_set_kwargs.xflip = False
    training_set_kwargs.random_seed = 0

    G_kwargs = dnnlib.EasyDict(class_name=None, z_dim=case['z_dim'], w_dim=case['w_dim'],
                               mapping_kwargs=dnnlib.EasyDict())
    D_kwargs = dnnlib.EasyDict(class_name='training.networks_stylegan2.Discriminator', block_kwargs=dnnlib.EasyDict(),
                               mapping_kwargs=dnnlib.EasyDict(), epilogue_kwargs=dnnlib.EasyDict())
    G_kwargs.channel_base = D_kwargs.channel_base = case['cbase']
    G_kwargs.channel_max = D_kwargs.channel_max = case['cmax']
    G_kwargs.mapping_kwargs.num_layers = 2
    D_kwargs.block_kwargs.freeze_layers = 0
    D_kwargs.epilogue_kwargs.mbstd_group_size = case['mbstd']
    G_kwargs.class_name = 'training.networks_stylegan3.Generator'
    G_kwargs.magnitude_ema_beta = 0.5 ** (case['batch'] / (20 * 1e3))
    if case['cfg'] == 'stylegan3-r':
        G_kwargs.conv_kernel = 1
        G_kwargs.channel_base *= 2
        G_kwargs.channel_max *= 2
        G_kwargs.use_radial_filters = True
    augment_kwargs = dnnlib.EasyDict(class_name='training.augment.AugmentPipe', xflip=1, rotate90=1, xint=1, scale=1,
                                     rotate=1, aniso=1, xfrac=1, brightness=1, contrast=1, lumaflip=1, hue=1,
                                     saturation=1)

    common_kwargs = dict(c_dim=case['c_dim'], img_resolution=case['resolution'], img_channels=3)
    G = dnnlib.util.construct_class_by_name(**G_kwargs, **common_kwargs).train().requires_grad_(False)
    D = dnnlib.util.construct_class_by_name(**D_kwargs, **common_kwargs).train().requires_grad_(False)
    perturb_parameters(G, gen, 0.1)
    perturb_parameters(D, gen, 0.1)
    with FastEMAs(G):  # move w_avg and every magnitude_ema (updated with update_emas=True)
        for _ in range(6):
            G(torch.randn([4, G.z_dim], generator=gen), one_hot_labels(4, G.c_dim, gen), update_emas=True)
    G_ema = copy.deepcopy(G).eval()
    perturb_parameters(G, gen, 0.02)
    G(torch.randn([4, G.z_dim], generator=gen), one_hot_labels(4, G.c_dim, gen), update_emas=True)
    with torch.no_grad():
        for b_ema, b in zip(G_ema.buffers(), G.buffers()):
            b_ema.copy_(b)
        # A user-specified inverse transform on G_ema (as gen_images.py --translate/--rotate sets it).
        G_ema.synthesis.input.transform.copy_(torch.from_numpy(np.linalg.inv(sg3_transform((0.1, -0.05), 5.0))))

    augment_pipe = None
    if case['augment_p'] > 0:
        augment_pipe = dnnlib.util.construct_class_by_name(**augment_kwargs).train().requires_grad_(False)
        augment_pipe.p.copy_(torch.as_tensor(case['augment_p']))

    snapshot = dict(G=G, D=D, G_ema=G_ema, augment_pipe=augment_pipe, training_set_kwargs=dict(training_set_kwargs))
    for key, value in snapshot.items():
        if isinstance(value, torch.nn.Module):
            value = copy.deepcopy(value).eval().requires_grad_(False)
            snapshot[key] = value.cpu()
    config = dict(cfg=case['cfg'], G_kwargs=G_kwargs, D_kwargs=D_kwargs, common_kwargs=common_kwargs,
                  augment_kwargs=augment_kwargs if augment_pipe is not None else None,
                  augment_p=case['augment_p'], seed=case['seed'])
    return snapshot, config


def run_sg3(args):
    enter_repo(args.sg3_repo)
    write_family(args.sg3_repo, 'NVlabs/stylegan3', SG3_CASES, sg3_snapshot, args.out)


# ----------------------------------------------------------------------------------------------
# TF-era StyleGAN2 pickle, emulated without TensorFlow.

TF_FILE = 'stylegan2-tf-tiny.pkl'
TF_LEGACY_FILE = 'stylegan2-tf-tiny.legacy.pt'
TF_LEGACY_KWARGS_FILE = 'stylegan2-tf-tiny.legacy.json'
TF_PROTOCOL = 3
TF_G_STATIC = dict(num_channels=3, resolution=16, label_size=0, fmap_base=64, fmap_max=16,
                   latent_size=32, dlatent_size=32, mapping_layers=2, mapping_fmaps=32)
TF_D_STATIC = dict(num_channels=3, resolution=16, label_size=0, fmap_base=64, fmap_max=16)


def tf_nf(static, stage):
    """Feature maps of a TF StyleGAN2 stage: clip(int(fmap_base / 2**stage), 1, fmap_max) (fmap_decay 1)."""
    return int(np.clip(int(static['fmap_base'] / (2.0 ** stage)), 1, static['fmap_max']))


def tf_mapping_shapes(static):
    """Own variables of G_mapping in creation order (unconditional)."""
    shapes = []
    fan_in = static['latent_size']
    for i in range(static['mapping_layers']):
        fmaps = static['dlatent_size'] if i == static['mapping_layers'] - 1 else static['mapping_fmaps']
        shapes += [(f'Dense{i}/weight', [fan_in, fmaps]), (f'Dense{i}/bias', [fmaps])]
        fan_in = fmaps
    return shapes


def tf_synthesis_shapes(static):
    """Own variables of G_synthesis_stylegan2 (architecture 'skip') in creation order."""
    log2 = int(np.log2(static['resolution']))
    w = static['dlatent_size']
    rgb = static['num_channels']
    num_layers = log2 * 2 - 2
    shapes = []
    for idx in range(num_layers - 1):
        res = (idx + 5) // 2
        shapes.append((f'noise{idx}', [1, 1, 2 ** res, 2 ** res]))

    def layer(scope, cin, cout, kernel=3):
        return [(f'{scope}/weight', [kernel, kernel, cin, cout]), (f'{scope}/mod_weight', [w, cin]),
                (f'{scope}/mod_bias', [cin]), (f'{scope}/noise_strength', []), (f'{scope}/bias', [cout])]

    def torgb(scope, cin):
        return [(f'{scope}/weight', [1, 1, cin, rgb]), (f'{scope}/mod_weight', [w, cin]),
                (f'{scope}/mod_bias', [cin]), (f'{scope}/bias', [rgb])]

    c4 = tf_nf(static, 1)
    shapes.append(('4x4/Const/const', [1, c4, 4, 4]))
    shapes += layer('4x4/Conv', c4, c4)
    shapes += torgb('4x4/ToRGB', c4)
    cin = c4
    for res in range(3, log2 + 1):
        r = 2 ** res
        cout = tf_nf(static, res - 1)
        shapes += layer(f'{r}x{r}/Conv0_up', cin, cout)
        shapes += layer(f'{r}x{r}/Conv1', cout, cout)
        shapes += torgb(f'{r}x{r}/ToRGB', cout)
        cin = cout
    return shapes


def tf_discriminator_shapes(static):
    """Own variables of D_stylegan2 (architecture 'resnet', mbstd 1 feature, unconditional) in creation order."""
    log2 = int(np.log2(static['resolution']))
    rgb = static['num_channels']
    shapes = []
    for res in range(log2, 2, -1):
        r = 2 ** res
        c0, c1 = tf_nf(static, res - 1), tf_nf(static, res - 2)
        if res == log2:
            shapes += [(f'{r}x{r}/FromRGB/weight', [1, 1, rgb, c0]), (f'{r}x{r}/FromRGB/bias', [c0])]
        shapes += [(f'{r}x{r}/Conv0/weight', [3, 3, c0, c0]), (f'{r}x{r}/Conv0/bias', [c0]),
                   (f'{r}x{r}/Conv1_down/weight', [3, 3, c0, c1]), (f'{r}x{r}/Conv1_down/bias', [c1]),
                   (f'{r}x{r}/Skip/weight', [1, 1, c0, c1])]
    c4, c0 = tf_nf(static, 1), tf_nf(static, 0)
    shapes += [('4x4/Conv/weight', [3, 3, c4 + 1, c4]), ('4x4/Conv/bias', [c4]),
               ('4x4/Dense0/weight', [c4 * 16, c0]), ('4x4/Dense0/bias', [c0]),
               ('Output/weight', [c0, 1]), ('Output/bias', [1])]
    return shapes


def tf_values(shapes, rng, overrides=None):
    """float32 values; 0-d variables are numpy scalars (what a TF session returns), others ndarrays."""
    overrides = overrides or {}
    variables = []
    for name, shape in shapes:
        if name in overrides:
            value = overrides[name]
        elif name.endswith('/weight') or name.endswith('/mod_weight') or name.endswith('/const') \
                or name.startswith('noise'):
            value = rng.standard_normal(shape).astype(np.float32)
        else:
            value = (0.1 * rng.standard_normal(shape)).astype(np.float32)
        if len(shape) == 0:
            value = np.float32(value)
        variables.append((name, value))
    return variables


def make_tf_network_class():
    """Stand-in for dnnlib.tflib.network.Network whose pickled state matches the real class."""
    class Network:
        def __init__(self, name, build_func_name, static_kwargs, components, variables, build_module_src):
            self.name = name
            self.static_kwargs = dict(static_kwargs)
            self.components = dict(components)
            self.variables = list(variables)
            self.build_func_name = build_func_name
            self.build_module_src = build_module_src

        def __getstate__(self):
            state = dict()
            state['version'] = 4
            state['name'] = self.name
            state['static_kwargs'] = dict(self.static_kwargs)
            state['components'] = dict(self.components)
            state['build_module_src'] = self.build_module_src
            state['build_func_name'] = self.build_func_name
            state['variables'] = list(self.variables)
            return state

    Network.__module__ = 'dnnlib.tflib.network'
    Network.__qualname__ = 'Network'
    return Network


def install_tf_modules():
    """Register module objects dnnlib, dnnlib.tflib, dnnlib.tflib.network (TF-free) in sys.modules."""
    saved = {name: sys.modules.get(name) for name in ('dnnlib', 'dnnlib.tflib', 'dnnlib.tflib.network')}
    dnnlib = types.ModuleType('dnnlib')
    tflib = types.ModuleType('dnnlib.tflib')
    network = types.ModuleType('dnnlib.tflib.network')
    network.Network = make_tf_network_class()
    dnnlib.tflib = tflib
    tflib.network = network
    sys.modules.update({'dnnlib': dnnlib, 'dnnlib.tflib': tflib, 'dnnlib.tflib.network': network})
    return network.Network, saved


def uninstall_tf_modules(saved):
    for name, module in saved.items():
        if module is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = module


def build_tf_networks(Network, seed):
    rng = np.random.default_rng(seed)
    g_static, d_static = dict(TF_G_STATIC), dict(TF_D_STATIC)
    num_layers = int(np.log2(g_static['resolution'])) * 2 - 2
    src = placeholder_source('training.networks_stylegan2')

    def generator(name):
        synthesis = Network('G_synthesis', 'G_synthesis_stylegan2', g_static, {},
                            tf_values(tf_synthesis_shapes(g_static), rng), ''.join(src))
        mapping = Network('G_mapping', 'G_mapping', dict(dlatent_broadcast=num_layers, **g_static), {},
                          tf_values(tf_mapping_shapes(g_static), rng), ''.join(src))
        own = tf_values([('lod', []), ('dlatent_avg', [g_static['dlatent_size']])], rng,
                        overrides={'lod': np.float32(0)})
        return Network(name, 'G_main', g_static, dict(synthesis=synthesis, mapping=mapping), own, ''.join(src))

    G = generator('G')
    D = Network('D', 'D_stylegan2', d_static, {}, tf_values(tf_discriminator_shapes(d_static), rng), ''.join(src))
    Gs = generator('Gs')
    return G, D, Gs


def tf_flatten(net, prefix=''):
    """Variables flattened like legacy._collect_tf_params: own variables, then components as '<name>/'."""
    out = []
    for name, value in net.variables:
        out.append((prefix + name, value))
    for comp_name, comp in net.components.items():
        out += tf_flatten(comp, prefix + comp_name + '/')
    return out


def tf_network_description(net):
    return {
        'name': net.name,
        'build_func_name': net.build_func_name,
        'static_kwargs': ms.to_json(net.static_kwargs),
        'components': {k: tf_network_description(v) for k, v in net.components.items()},
    }


def run_tf(args):
    os.makedirs(args.out, exist_ok=True)
    Network, saved = install_tf_modules()
    try:
        G, D, Gs = build_tf_networks(Network, seed=5)
        path = os.path.join(args.out, TF_FILE)
        with open(path, 'wb') as f:
            pickle.dump((G, D, Gs), f, protocol=TF_PROTOCOL)
    finally:
        uninstall_tf_modules(saved)
    ms.check_no_official_source(path)
    entries = [ms.numpy_entry(f'{key}.{name}', value)
               for key, net in (('G', G), ('D', D), ('Gs', Gs)) for name, value in tf_flatten(net)]
    prov = ms.provenance('tools/make_nvidia_fixtures.py', repos={'NVlabs/stylegan2-ada-pytorch': args.repo},
                         config=dict(G_static_kwargs=TF_G_STATIC, D_static_kwargs=TF_D_STATIC, seed=5,
                                     pickle_protocol=TF_PROTOCOL,
                                     writer='emulated dnnlib.tflib.network.Network.__getstate__ (version 4)'))
    man = ms.manifest('nvidia-tf-pickle', entries,
                      networks={'G': tf_network_description(G), 'D': tf_network_description(D),
                                'Gs': tf_network_description(Gs)},
                      pickle=pickle_inventory(path), provenance=prov)
    ms.write_manifest(path, man)
    print(f'wrote {path} ({os.path.getsize(path)} bytes, protocol {TF_PROTOCOL}, {len(entries)} tensors)')
    convert_tf_with_legacy(args, path)


def convert_tf_with_legacy(args, tf_path):
    """Run the official legacy.load_network_pkl on the TF pickle; store the converted tensors and kwargs."""
    enter_repo(args.repo)
    import legacy
    used = set()
    original_collect = legacy._collect_tf_params

    class TrackingDict(dict):
        def __getitem__(self, key):
            used.add(key)
            return super().__getitem__(key)

    def collect(tf_net):
        return TrackingDict(original_collect(tf_net))

    legacy._collect_tf_params = collect
    try:
        with open(tf_path, 'rb') as f:
            data = legacy.load_network_pkl(f)
    finally:
        legacy._collect_tf_params = original_collect

    state = {}
    for key in ('G_ema', 'D'):
        for name, tensor in data[key].state_dict().items():
            state[f'{key}.{name}'] = tensor.detach().clone().contiguous()
    pt_path = os.path.join(args.out, TF_LEGACY_FILE)
    torch.save(state, pt_path)
    entries = [ms.torch_entry(name, tensor) for name, tensor in state.items()]

    with open(tf_path, 'rb') as f:
        tf_data = legacy._LegacyUnpickler(f).load()
    all_tf_names = {name for net in tf_data for name in legacy._collect_tf_params(net)}
    prov = ms.provenance('tools/make_nvidia_fixtures.py', repos={'NVlabs/stylegan2-ada-pytorch': args.repo},
                         config=dict(source=TF_FILE, converter='legacy.load_network_pkl (force_fp16=False)'))
    networks = {key: {'class_name': type(data[key]).__name__, 'init_args': ms.to_json(data[key].init_args),
                      'init_kwargs': ms.to_json(data[key].init_kwargs)} for key in ('G_ema', 'D')}
    ms.write_manifest(pt_path, ms.manifest('torch-zip', entries, provenance=prov))
    kwargs_doc = {
        'source': TF_FILE,
        'converted': TF_LEGACY_FILE,
        'networks': networks,
        'tf_variables_not_read_by_converter': sorted(all_tf_names - used),
        'provenance': prov,
    }
    json_path = os.path.join(args.out, TF_LEGACY_KWARGS_FILE)
    with open(json_path, 'w', encoding='utf-8') as f:
        json.dump(kwargs_doc, f, indent=1)
        f.write('\n')
    for p in (pt_path, json_path):
        ms.check_no_official_source(p)
    print(f'wrote {pt_path} ({os.path.getsize(pt_path)} bytes, {len(entries)} tensors) and {json_path}')


# ----------------------------------------------------------------------------------------------

def copy_example(args):
    os.makedirs(args.examples_out, exist_ok=True)
    src = os.path.join(args.out, EXAMPLE_SOURCE)
    dst = os.path.join(args.examples_out, EXAMPLE_NAME)
    shutil.copyfile(src, dst)
    shutil.copyfile(src + ms.MANIFEST_SUFFIX, dst + ms.MANIFEST_SUFFIX)
    print(f'copied {src} -> {dst}')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repo', required=True, help='stylegan2-ada-pytorch checkout')
    parser.add_argument('--sg3-repo', required=True, help='stylegan3 checkout')
    parser.add_argument('--out', required=True, help='output folder (fixtures/nvidia)')
    parser.add_argument('--examples-out', default=None,
                        help='folder for the bundled README example (default: <out>/../examples)')
    parser.add_argument('--family', choices=FAMILIES, default=None,
                        help='generate one family in this process (used internally; default: all, each in a child process)')
    args = parser.parse_args()
    args.repo = os.path.abspath(args.repo)
    args.sg3_repo = os.path.abspath(args.sg3_repo)
    if args.examples_out is None:
        args.examples_out = os.path.join(os.path.dirname(os.path.abspath(args.out)), 'examples')

    if args.family is not None:
        {'sg2a': run_sg2a, 'sg3': run_sg3, 'tf': run_tf}[args.family](args)
        return
    for family in FAMILIES:
        cmd = [sys.executable, os.path.abspath(__file__), '--repo', args.repo, '--sg3-repo', args.sg3_repo,
               '--out', args.out, '--family', family]
        subprocess.run(cmd, check=True)
    copy_example(args)


if __name__ == '__main__':
    main()
