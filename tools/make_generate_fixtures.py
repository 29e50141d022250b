#!/usr/bin/python3
"""Writes the official images of `generate.py` and `style_mixing.py` for the tiny committed pickles.

    /usr/bin/python3 tools/make_generate_fixtures.py --repo /work/ref/stylegan2-ada-pytorch

Loads `fixtures/nvidia/stylegan2-ada-tiny-16.pkl` and `fixtures/nvidia/stylegan2-ada-cond-32.pkl` with the
official `legacy.load_network_pkl` (their embedded module sources are placeholders: an import hook swaps in
the real sources of the given checkout), then runs the official scripts' image logic on CPU: the seeds
are parsed by the checkout's own `num_range`, latents are `np.random.RandomState(seed).randn(1, z_dim)`,
labels one-hot, the network is called as the scripts call it plus `force_fp32=True` (the scripts run on a
GPU, where `num_fp16_res` blocks run in float16; on CPU the float32 path is the only one), and images are
converted and saved with the scripts' own expressions and file names (PIL PNGs).

Output: `fixtures/generate/<case>/…png` and `fixtures/generate/cases.json` (each case's arguments, for
the Swift tests). Re-running rewrites byte-identical PNGs; `projected_w.npz` is kept when its array is
unchanged (a fresh zip would differ only in timestamps).
"""

import argparse
import json
import os
import sys

import numpy as np
import PIL.Image
import torch

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import manifest_support as ms  # noqa: E402

NVIDIA = os.path.join(ROOT, 'fixtures', 'nvidia')
TINY, COND = 'stylegan2-ada-tiny-16.pkl', 'stylegan2-ada-cond-32.pkl'

# `generate.py` cases: name, pickle, seeds (num_range text), class, truncation psi, truncation cutoff.
# The cutoff case is a GANPort extension (`--trunc-cutoff`); the official script always passes None.
GENERATE_CASES = [
    dict(name='tiny16-trunc1', pickle=TINY, seeds='0-3', class_idx=None, trunc=1.0, cutoff=None),
    dict(name='tiny16-trunc0.7', pickle=TINY, seeds='0,85,12345', class_idx=None, trunc=0.7, cutoff=None),
    dict(name='tiny16-trunc0.5-cutoff2', pickle=TINY, seeds='7,8', class_idx=None, trunc=0.5, cutoff=2),
    dict(name='cond32-class1-trunc1', pickle=COND, seeds='0-2', class_idx=1, trunc=1.0, cutoff=None),
    dict(name='cond32-class2-trunc0.7', pickle=COND, seeds='5,6', class_idx=2, trunc=0.7, cutoff=None),
]

# `generate.py --projected-w`: ws made from these seeds (mapping, psi 0.7) and saved like projector.py.
PROJECTED_CASE = dict(name='tiny16-projected-w', pickle=TINY, w_seeds=[3, 4], trunc=0.7)

# `style_mixing.py` cases (the tiny network has 6 ws, so the default styles 0-6 would be out of range).
STYLE_MIX_CASES = [
    dict(name='stylemix-tiny16', pickle=TINY, rows='85,100,75', cols='55,821,1789', styles='0-3', trunc=1.0),
    dict(name='stylemix-tiny16-overlap-trunc0.7', pickle=TINY, rows='85,55', cols='55,9', styles='4,5', trunc=0.7),
]


def placeholder_hook(repo):
    """Import hook that maps each placeholder module source back to the checkout's real source."""
    prefix = '# module source removed: '

    def hook(meta):
        src = meta.module_src
        if src.startswith(prefix):
            module_name = src[len(prefix):].strip()
            with open(os.path.join(repo, *module_name.split('.')) + '.py', encoding='utf-8-sig') as f:
                meta.module_src = f.read()
        return meta
    return hook


def to_uint8(img):
    """The scripts' conversion: NCHW float → NHWC uint8."""
    return (img.permute(0, 2, 3, 1) * 127.5 + 128).clamp(0, 255).to(torch.uint8)


def run_generate(G, case, num_range, outdir):
    seeds = num_range(case['seeds'])
    label = torch.zeros([1, G.c_dim])
    if G.c_dim != 0:
        label[:, case['class_idx']] = 1
    files = []
    for seed in seeds:
        z = torch.from_numpy(np.random.RandomState(seed).randn(1, G.z_dim))
        img = G(z, label, truncation_psi=case['trunc'], truncation_cutoff=case['cutoff'], noise_mode='const',
                force_fp32=True)
        img = to_uint8(img)
        name = f'seed{seed:04d}.png'
        PIL.Image.fromarray(img[0].cpu().numpy(), 'RGB').save(f'{outdir}/{name}')
        files.append(name)
    return files


def run_projected(G, case, outdir):
    """Writes projected_w.npz (projector.py's layout: `w` [1, num_ws, w_dim] per file, here [N, …]) and
    the images generate.py renders from it."""
    z = torch.from_numpy(np.stack([np.random.RandomState(s).randn(G.z_dim) for s in case['w_seeds']]))
    ws = G.mapping(z, None, truncation_psi=case['trunc']).numpy().astype(np.float32)
    path = os.path.join(outdir, 'projected_w.npz')
    keep = False
    if os.path.exists(path):
        with np.load(path) as old:
            keep = np.array_equal(old['w'], ws) and old['w'].dtype == ws.dtype
    if not keep:
        np.savez(path, w=ws)
    ws = torch.tensor(np.load(path)['w'])
    assert ws.shape[1:] == (G.num_ws, G.w_dim)
    files = []
    for idx, w in enumerate(ws):
        img = to_uint8(G.synthesis(w.unsqueeze(0), noise_mode='const', force_fp32=True))
        name = f'proj{idx:02d}.png'
        PIL.Image.fromarray(img[0].cpu().numpy(), 'RGB').save(f'{outdir}/{name}')
        files.append(name)
    return files


def run_style_mix(G, case, num_range, outdir):
    row_seeds, col_seeds = num_range(case['rows']), num_range(case['cols'])
    col_styles, truncation_psi = num_range(case['styles']), case['trunc']
    all_seeds = list(set(row_seeds + col_seeds))
    all_z = np.stack([np.random.RandomState(seed).randn(G.z_dim) for seed in all_seeds])
    all_w = G.mapping(torch.from_numpy(all_z), None)
    w_avg = G.mapping.w_avg
    all_w = w_avg + (all_w - w_avg) * truncation_psi
    w_dict = {seed: w for seed, w in zip(all_seeds, list(all_w))}
    all_images = to_uint8(G.synthesis(all_w, noise_mode='const', force_fp32=True)).cpu().numpy()
    image_dict = {(seed, seed): image for seed, image in zip(all_seeds, list(all_images))}
    for row_seed in row_seeds:
        for col_seed in col_seeds:
            w = w_dict[row_seed].clone()
            w[col_styles] = w_dict[col_seed][col_styles]
            image = to_uint8(G.synthesis(w[np.newaxis], noise_mode='const', force_fp32=True))
            image_dict[(row_seed, col_seed)] = image[0].cpu().numpy()
    files = []
    for (row_seed, col_seed), image in image_dict.items():
        name = f'{row_seed}-{col_seed}.png'
        PIL.Image.fromarray(image, 'RGB').save(f'{outdir}/{name}')
        files.append(name)
    W = H = G.img_resolution
    canvas = PIL.Image.new('RGB', (W * (len(col_seeds) + 1), H * (len(row_seeds) + 1)), 'black')
    for row_idx, row_seed in enumerate([0] + row_seeds):
        for col_idx, col_seed in enumerate([0] + col_seeds):
            if row_idx == 0 and col_idx == 0:
                continue
            key = (row_seed, col_seed)
            if row_idx == 0:
                key = (col_seed, col_seed)
            if col_idx == 0:
                key = (row_seed, row_seed)
            canvas.paste(PIL.Image.fromarray(image_dict[key], 'RGB'), (W * col_idx, H * row_idx))
    canvas.save(f'{outdir}/grid.png')
    return sorted(files) + ['grid.png']


def case_dir(out, name):
    path = os.path.join(out, name)
    os.makedirs(path, exist_ok=True)
    for old in os.listdir(path):
        if old.endswith('.png'):
            os.remove(os.path.join(path, old))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repo', required=True, help='stylegan2-ada-pytorch checkout')
    parser.add_argument('--out', default=os.path.join(ROOT, 'fixtures', 'generate'))
    args = parser.parse_args()
    repo = os.path.abspath(args.repo)
    torch.set_num_threads(1)
    sys.path.insert(0, repo)
    import legacy
    from generate import num_range
    from torch_utils import persistence
    persistence.import_hook(placeholder_hook(repo))

    networks = {}
    for name in (TINY, COND):
        with open(os.path.join(NVIDIA, name), 'rb') as f:
            networks[name] = legacy.load_network_pkl(f)['G_ema']
    cases = []
    with torch.no_grad():
        for case in GENERATE_CASES:
            files = run_generate(networks[case['pickle']], case, num_range, case_dir(args.out, case['name']))
            cases.append(dict(case, script='generate.py', checkpoint='../nvidia/' + case['pickle'], files=files))
        case = PROJECTED_CASE
        files = run_projected(networks[case['pickle']], case, case_dir(args.out, case['name']))
        cases.append(dict(case, script='generate.py --projected-w', checkpoint='../nvidia/' + case['pickle'],
                          projected_w='projected_w.npz', files=files))
        for case in STYLE_MIX_CASES:
            files = run_style_mix(networks[case['pickle']], case, num_range, case_dir(args.out, case['name']))
            cases.append(dict(case, script='style_mixing.py', checkpoint='../nvidia/' + case['pickle'], files=files))
    for case in cases:
        del case['pickle']
    document = dict(
        cases=cases, noise_mode='const', device='cpu', force_fp32=True,
        provenance=ms.provenance('tools/make_generate_fixtures.py',
                                 repos={'NVlabs/stylegan2-ada-pytorch': repo}))
    with open(os.path.join(args.out, 'cases.json'), 'w') as f:
        json.dump(document, f, indent=1)
        f.write('\n')
    total = sum(len(c['files']) for c in cases)
    print(f'wrote {total} official images in {len(cases)} cases to {args.out}')


if __name__ == '__main__':
    main()
