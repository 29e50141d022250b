#!/usr/bin/python3
"""Generate small torch.save fixtures (zip and legacy formats) and StarGAN v2 style checkpoints, with manifests.

    /usr/bin/python3 tools/make_torch_fixtures.py --out fixtures/torch \
        --stargan-repo /path/to/stargan-v2 [--stargan-out fixtures/stargan]

fixtures/torch:
  dtypes-zip.pt      zip format (torch >= 1.6 default); zip root folder `dtypes-zip/`
  dtypes-legacy.pt   the same state dict, legacy stacked-pickle format
Both hold every dtype of the manifest set, 0-d tensors, an empty tensor, special float values,
non-contiguous views (a transpose, a strided slice with an offset) and two tensors sharing one
storage at different offsets. The state dict is an OrderedDict with a `_metadata` attribute, as
`nn.Module.state_dict()` returns.

fixtures/stargan (legacy format, as the official CheckpointIO wrote them with torch 1.4):
  100000_nets_ema.ckpt  {'generator', 'mapping_network', 'style_encoder'} state dicts
  100000_nets.ckpt      the same plus 'discriminator' (the non-EMA networks)
"""

import argparse
import collections
import os
import sys
import zipfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manifest_support as ms  # noqa: E402
import stargan_v2_tiny  # noqa: E402

GENERATOR = 'tools/make_torch_fixtures.py'
STARGAN_STEP = 100000


def dtype_state_dict():
    g = torch.Generator().manual_seed(7)
    sd = collections.OrderedDict()
    sd['f64'] = torch.randn(3, 4, generator=g, dtype=torch.float64)
    sd['f32'] = torch.randn(2, 3, 4, generator=g)
    sd['f16'] = torch.randn(5, generator=g).to(torch.float16)
    sd['bf16'] = torch.randn(2, 5, generator=g).to(torch.bfloat16)
    sd['i64'] = torch.tensor([-(2 ** 62), -1, 0, 1, 2 ** 53 + 1, 2 ** 62], dtype=torch.int64)
    sd['i32'] = torch.randint(-2 ** 31, 2 ** 31 - 1, (2, 3), generator=g, dtype=torch.int32)
    sd['i16'] = torch.randint(-2 ** 15, 2 ** 15 - 1, (7,), generator=g, dtype=torch.int16)
    sd['i8'] = torch.arange(-128, 128, 37, dtype=torch.int8)
    sd['u8'] = torch.arange(0, 256, 17, dtype=torch.uint8).reshape(4, 4)
    sd['bool'] = torch.tensor([[True, False, True], [False, False, True]])
    sd['special_f32'] = torch.tensor([float('inf'), float('-inf'), float('nan'), -0.0, 1e-45, 3.4028235e38])
    sd['special_f16'] = torch.tensor([float('inf'), float('-inf'), float('nan'), -0.0, 6e-8, 65504.0],
                                     dtype=torch.float16)
    sd['scalar_f32'] = torch.tensor(3.25)
    sd['scalar_i64'] = torch.tensor(-7)
    sd['empty'] = torch.empty(0, 3)
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    sd['transposed'] = base.t()  # shape [6, 4], stride (1, 6)
    grid = torch.arange(40, dtype=torch.int32).reshape(5, 8)
    sd['strided_slice'] = grid[1:4, ::3]  # shape [3, 3], stride (8, 3), offset 8
    owner = torch.arange(32, dtype=torch.float32) * 0.5
    sd['shared_a'] = owner[2:8]  # offset 2 into a 32-element storage
    sd['shared_b'] = owner[10:22].view(3, 4)  # offset 10 into the same storage
    sd._metadata = collections.OrderedDict([('', {'version': 1})])
    return sd


def dtype_case_description(sd):
    out = {}
    for name, t in sd.items():
        out[name] = {'shape': list(t.shape), 'stride': list(t.stride()), 'storage_offset': t.storage_offset(),
                     'dtype': str(t.dtype).replace('torch.', '')}
    return out


def write_state_dict(sd, path, legacy, fmt, prov):
    torch.save(sd, path, _use_new_zipfile_serialization=not legacy)
    loaded = torch.load(path)
    assert list(loaded.keys()) == list(sd.keys())
    entries = [ms.torch_entry(name, tensor) for name, tensor in sd.items()]
    for name, tensor in loaded.items():
        assert ms.torch_entry(name, tensor) == ms.torch_entry(name, sd[name]), name
    extra = {}
    if not legacy:
        with zipfile.ZipFile(path) as zf:
            extra['zip_records'] = zf.namelist()
    ms.write_manifest(path, ms.manifest(fmt, entries, **extra, provenance=prov))
    ms.check_no_official_source(path)
    print(f'wrote {path} ({os.path.getsize(path)} bytes, {len(entries)} tensors)')


def perturb(module, generator, scale):
    with torch.no_grad():
        for p in module.parameters():
            p.add_(torch.randn(p.shape, generator=generator) * scale)


def write_nested_checkpoint(outdict, path, prov):
    torch.save(outdict, path, _use_new_zipfile_serialization=False)
    loaded = torch.load(path)
    entries = []
    for outer, sd in outdict.items():
        for inner, tensor in sd.items():
            entry = ms.torch_entry(f'{outer}.{inner}', tensor)
            assert entry == ms.torch_entry(f'{outer}.{inner}', loaded[outer][inner])
            entries.append(entry)
    ms.write_manifest(path, ms.manifest('torch-legacy', entries, provenance=prov))
    ms.check_no_official_source(path)
    print(f'wrote {path} ({os.path.getsize(path)} bytes, {len(entries)} tensors)')


def make_stargan(repo, out):
    os.makedirs(out, exist_ok=True)
    nets, nets_ema = stargan_v2_tiny.build_nets(repo, seed=11)
    g = torch.Generator().manual_seed(12)
    for module in nets.values():  # nonzero biases, non-unit instance-norm affines
        perturb(module, g, 0.05)
    for name in nets_ema:
        nets_ema[name].load_state_dict(nets[name].state_dict())
    for name in nets_ema:  # the trained networks move on; EMA copies lag behind
        perturb(nets[name], g, 0.01)
    config = dict(args=stargan_v2_tiny.ARGS, width_rule=stargan_v2_tiny.WIDTH_RULE,
                  writer='core/checkpoint.py CheckpointIO.save (data_parallel: module.module.state_dict())',
                  serialization='torch.save(..., _use_new_zipfile_serialization=False)', seed=11)
    prov = ms.provenance(GENERATOR, repos={'clovaai/stargan-v2': repo}, config=config)
    # CheckpointIO.save: outdict[name] = module.module.state_dict() in registration order.
    write_nested_checkpoint({k: v.state_dict() for k, v in nets_ema.items()},
                            os.path.join(out, f'{STARGAN_STEP:06d}_nets_ema.ckpt'), prov)
    write_nested_checkpoint({k: v.state_dict() for k, v in nets.items()},
                            os.path.join(out, f'{STARGAN_STEP:06d}_nets.ckpt'), prov)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--out', required=True, help='output folder for the state-dict fixtures (fixtures/torch)')
    parser.add_argument('--stargan-repo', default=None, help='clovaai/stargan-v2 checkout (skip StarGAN if omitted)')
    parser.add_argument('--stargan-out', default=None, help='StarGAN output folder (default: <out>/../stargan)')
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    sd = dtype_state_dict()
    prov = ms.provenance(GENERATOR, config=dict(tensors=dtype_case_description(sd)))
    write_state_dict(sd, os.path.join(args.out, 'dtypes-zip.pt'), legacy=False, fmt='torch-zip', prov=prov)
    write_state_dict(sd, os.path.join(args.out, 'dtypes-legacy.pt'), legacy=True, fmt='torch-legacy', prov=prov)

    if args.stargan_repo is not None:
        out = args.stargan_out or os.path.join(os.path.dirname(os.path.abspath(args.out)), 'stargan')
        make_stargan(os.path.abspath(args.stargan_repo), out)


if __name__ == '__main__':
    main()
