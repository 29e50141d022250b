#!/usr/bin/python3
"""Checks `ganport export` against the official StyleGAN2-ADA code.

    /usr/bin/python3 tools/check_export.py /work/ref/stylegan2-ada-pytorch [--write-fixture]

1. With --write-fixture: loads the template (fixtures/nvidia/stylegan2-ada-tiny-16.pkl) with the
   official `legacy.load_network_pkl`, perturbs every parameter and buffer of G, D, G_ema and
   augment_pipe with seeded noise (a stand-in for fine-tuning) and writes them under their
   flattened names to fixtures/export/network.safetensors (the snapshot layout of a fine-tuning
   run), and fixtures/export/shared-storage.pkl (a network pickle of a tiny persistent class
   defined here, whose two buffers that are overlapping views of one storage, for the shared-storage rule).
2. Runs `ganport export fixtures/export/network.safetensors --template TEMPLATE --to OUT.pkl`.
3. Loads OUT.pkl with the official `legacy.load_network_pkl` and checks:
   - every tensor equals the safetensors source bit for bit;
   - G_ema and D forward passes equal those of the template's modules with the same tensors
     loaded by `load_state_dict` (G_ema also with truncation and class labels where conditional);
   - the `train.py --resume` path: `misc.copy_params_and_buffers(resume_data[name], module,
     require_all=True)` into freshly constructed modules succeeds and gives the source tensors.
Prints one line per check and exits non-zero on the first failure. The committed pickles hold
placeholder module sources: an import hook maps them back to the checkout's real sources.
"""

import argparse
import copy
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
from make_module_goldens import placeholder_hook  # noqa: E402

TEMPLATE = os.path.join(ROOT, 'fixtures', 'nvidia', 'stylegan2-ada-tiny-16.pkl')
SOURCE = os.path.join(ROOT, 'fixtures', 'export', 'network.safetensors')
NETWORKS = ['G', 'D', 'G_ema', 'augment_pipe']


def load(legacy, path):
    with open(path, 'rb') as f:
        return legacy.load_network_pkl(f)


def flattened(data):
    out = {}
    for key in NETWORKS:
        if data.get(key) is not None:
            for name, tensor in data[key].state_dict().items():
                out[f'{key}.{name}'] = tensor.detach()
    return out


def write_fixture(legacy):
    from safetensors.torch import save_file
    data = load(legacy, TEMPLATE)
    generator = torch.Generator().manual_seed(2024)
    tensors = {}
    for name, tensor in flattened(data).items():
        noise = torch.randn(tensor.shape, generator=generator) * 0.01
        tensors[name] = (tensor.float() + noise).contiguous()
    os.makedirs(os.path.dirname(SOURCE), exist_ok=True)
    save_file(tensors, SOURCE, metadata={'generator': 'tools/check_export.py', 'template': os.path.basename(TEMPLATE)})
    print(f'wrote {SOURCE} ({len(tensors)} tensors)')


SHARED_VIEWS_SOURCE = """import torch
from torch_utils import persistence


@persistence.persistent_class
class SharedViews(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.arange(12, dtype=torch.float32).view(3, 4) / 8)
        base = torch.arange(8, dtype=torch.float32)
        self.register_buffer('a', base[:6].view(2, 3))
        self.register_buffer('b', base[2:8])
"""


def write_shared_storage_fixture():
    """A network pickle (persistent class of this script, not official code) whose buffers `a` and
    `b` are overlapping views of one storage blob."""
    import importlib
    import pickle
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, 'ganport_shared_views.py'), 'w') as f:
            f.write(SHARED_VIEWS_SOURCE)
        sys.path.insert(0, folder)
        module = importlib.import_module('ganport_shared_views').SharedViews()
        sys.path.remove(folder)
    # torch pickles each tensor's storage as `_load_from_bytes(torch.save(storage))`, a fresh blob
    # per tensor. Handing the pickler the same bytes object for one storage makes the second use a
    # memo reference: both tensors then read (and an export writes) the same file bytes.
    storage_type = getattr(torch.storage, 'TypedStorage', None) or torch.storage._TypedStorage
    reductions = {}

    class SharingPickler(pickle.Pickler):
        def reducer_override(self, obj):
            if isinstance(obj, storage_type):
                key = (obj.data_ptr(), obj.size())
                if key not in reductions:
                    reductions[key] = obj.__reduce__()
                return reductions[key]
            return NotImplemented

    path = os.path.join(ROOT, 'fixtures', 'export', 'shared-storage.pkl')
    with open(path, 'wb') as f:
        SharingPickler(f, protocol=4).dump({'G': module})
    print(f'wrote {path}')


def check(condition, message):
    print(('ok    ' if condition else 'FAIL  ') + message)
    if not condition:
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('repo', help='official stylegan2-ada-pytorch checkout')
    parser.add_argument('--ganport', default=os.path.join(ROOT, '.build', 'release', 'ganport'))
    parser.add_argument('--write-fixture', action='store_true')
    args = parser.parse_args()
    repo = os.path.abspath(args.repo)
    sys.path.insert(0, repo)
    import legacy  # noqa: E402
    from torch_utils import misc, persistence  # noqa: E402
    persistence.import_hook(placeholder_hook(repo))
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False

    if args.write_fixture:
        write_fixture(legacy)
        write_shared_storage_fixture()
    from safetensors.torch import load_file
    source = load_file(SOURCE)

    with tempfile.TemporaryDirectory() as scratch:
        output = os.path.join(scratch, 'network-snapshot.pkl')
        subprocess.run([args.ganport, 'export', SOURCE, '--template', TEMPLATE, '--to', output], check=True)
        exported = load(legacy, output)
    template = load(legacy, TEMPLATE)

    tensors = flattened(exported)
    check(sorted(tensors) == sorted(source), f'exported pickle has the {len(source)} source tensor names')
    check(all(torch.equal(tensors[name], source[name]) for name in source), 'every exported tensor equals the source bit for bit')
    check(any(not torch.equal(a, b) for a, b in zip(flattened(template).values(), tensors.values())), 'the exported tensors differ from the template')

    reference = {}
    for key in NETWORKS:
        module = copy.deepcopy(template[key]).eval().requires_grad_(False)
        prefix = key + '.'
        module.load_state_dict({n[len(prefix):]: t for n, t in source.items() if n.startswith(prefix)}, strict=True)
        reference[key] = module
    G, D = exported['G_ema'].eval(), exported['D'].eval()
    generator = torch.Generator().manual_seed(7)
    z = torch.randn([3, G.z_dim], generator=generator)
    c = torch.zeros([3, G.c_dim])
    if G.c_dim:
        c[torch.arange(3), torch.arange(3) % G.c_dim] = 1
    with torch.no_grad():
        for psi in [1.0, 0.7]:
            a = G(z, c, truncation_psi=psi, noise_mode='const', force_fp32=True)
            b = reference['G_ema'](z, c, truncation_psi=psi, noise_mode='const', force_fp32=True)
            check(torch.equal(a, b), f'G_ema forward equals the template modules with the source tensors (psi {psi})')
        images = torch.randn([3, D.img_channels, D.img_resolution, D.img_resolution], generator=generator)
        check(torch.equal(D(images, c, force_fp32=True), reference['D'](images, c, force_fp32=True)), 'D forward equals the template modules with the source tensors')

    for key in ['G', 'D', 'G_ema']:
        module = exported[key]
        fresh = type(module)(*module.init_args, **module.init_kwargs).eval().requires_grad_(False)
        misc.copy_params_and_buffers(exported[key], fresh, require_all=True)
        prefix = key + '.'
        same = all(torch.equal(t, source[prefix + n]) for n, t in fresh.state_dict().items())
        check(same, f'train.py --resume: copy_params_and_buffers(require_all=True) into a fresh {key} gives the source tensors')
    print('export check passed')


if __name__ == '__main__':
    main()
