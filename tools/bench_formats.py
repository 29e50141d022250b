#!/usr/bin/python3
"""Benchmark GANPort's inspect/convert against the PyTorch baselines on large checkpoints.

    /usr/bin/python3 tools/bench_formats.py --ganport .build/release/ganport --workdir /tmp/ganport-bench \
        [--size-gib 1] [--repo /path/to/stylegan2-ada-pytorch] [--repeats 3] [--json-out bench.json]

Inputs generated in --workdir (reused while the configuration is unchanged; --regenerate forces it):
  state_dict.pt            torch.save zip of many StyleGAN-sized float32 tensors (~size GiB)
  state_dict.safetensors   the same tensors (safetensors.torch.save_file)
  network-snapshot.pkl     an NVIDIA network pickle written like training_loop.py does (G, D, G_ema,
                           augment_pipe, training_set_kwargs) from the official classes of --repo at a
                           large configuration, embedded module sources replaced by a placeholder
                           (skipped without --repo)

Measurements, each in its own child process (peak RSS from os.wait4 of that child):
  python:  torch.load / safetensors.torch.load_file / legacy.load_network_pkl (time of the call only,
           measured inside the child), and load + safetensors.torch.save_file (convert baseline)
  ganport: `ganport inspect FILE`, `ganport inspect FILE --json`, `ganport convert FILE --to OUT.safetensors`
           (wall time of the process)
Each measurement runs once as a warm-up and then --repeats times; the median is reported. The page
cache is not dropped (that needs root): all numbers are warm-cache numbers.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

INPUTS_STAMP = 'bench-inputs.json'
MIB = 1024 * 1024
GIB = 1024 * MIB


# ----------------------------------------------------------------------------------------------
# Input generation.

def stylegan_sized_shapes(block):
    """Shapes of one 512-channel StyleGAN2 synthesis block (two modulated convs, ToRGB, noise)."""
    p = f'synthesis.b{block}'
    return [
        (f'{p}.conv0.weight', [512, 512, 3, 3]), (f'{p}.conv0.bias', [512]), (f'{p}.conv0.noise_strength', []),
        (f'{p}.conv0.affine.weight', [512, 512]), (f'{p}.conv0.affine.bias', [512]),
        (f'{p}.conv0.noise_const', [256, 256]),
        (f'{p}.conv1.weight', [512, 512, 3, 3]), (f'{p}.conv1.bias', [512]), (f'{p}.conv1.noise_strength', []),
        (f'{p}.conv1.affine.weight', [512, 512]), (f'{p}.conv1.affine.bias', [512]),
        (f'{p}.conv1.noise_const', [256, 256]),
        (f'{p}.torgb.weight', [3, 512, 1, 1]), (f'{p}.torgb.bias', [3]),
        (f'{p}.torgb.affine.weight', [512, 512]), (f'{p}.torgb.affine.bias', [512]),
        (f'{p}.resample_filter', [4, 4]),
    ]


def make_state_dict(target_bytes, seed=0):
    import torch
    gen = torch.Generator().manual_seed(seed)
    sd, total, block = {}, 0, 0
    while total < target_bytes:
        for name, shape in stylegan_sized_shapes(block):
            t = torch.randn(shape, generator=gen)
            sd[name] = t
            total += t.numel() * 4
        block += 1
    return sd, total


def pickle_config(size_gib):
    """Large config (~360 MB snapshot: 1024 px, config-f widths) from 0.5 GiB on, a small one below."""
    if size_gib >= 0.5:
        return dict(resolution=1024, channel_base=32768, channel_max=512, map_layers=8)
    return dict(resolution=64, channel_base=16384, channel_max=256, map_layers=2)


def make_network_pickle(repo, path, cfg):
    """Run in a child process: build official networks, write a snapshot with placeholder sources."""
    code = f'''
import sys, copy, pickle, torch
sys.path.insert(0, {HERE!r}); sys.path.insert(0, {os.path.abspath(repo)!r})
import dnnlib
from torch_utils import persistence
import make_nvidia_fixtures as mk
cfg = {cfg!r}
torch.manual_seed(0)
G_kwargs = dnnlib.EasyDict(class_name='training.networks.Generator', z_dim=512, w_dim=512,
    mapping_kwargs=dnnlib.EasyDict(num_layers=cfg['map_layers']),
    synthesis_kwargs=dnnlib.EasyDict(channel_base=cfg['channel_base'], channel_max=cfg['channel_max'],
                                     num_fp16_res=4, conv_clamp=256))
D_kwargs = dnnlib.EasyDict(class_name='training.networks.Discriminator', block_kwargs=dnnlib.EasyDict(),
    mapping_kwargs=dnnlib.EasyDict(), epilogue_kwargs=dnnlib.EasyDict(mbstd_group_size=4),
    channel_base=cfg['channel_base'], channel_max=cfg['channel_max'], num_fp16_res=4, conv_clamp=256)
common = dict(c_dim=0, img_resolution=cfg['resolution'], img_channels=3)
G = dnnlib.util.construct_class_by_name(**G_kwargs, **common).train().requires_grad_(False)
D = dnnlib.util.construct_class_by_name(**D_kwargs, **common).train().requires_grad_(False)
G_ema = copy.deepcopy(G).eval()
aug = dnnlib.util.construct_class_by_name(class_name='training.augment.AugmentPipe', xflip=1, rotate90=1, xint=1,
    scale=1, rotate=1, aniso=1, xfrac=1, brightness=1, contrast=1, lumaflip=1, hue=1, saturation=1).train()
snap = dict(training_set_kwargs=dict(class_name='training.dataset.ImageFolderDataset', path='bench.zip',
            use_labels=False, max_size=70000, xflip=False, resolution=cfg['resolution']))
for name, module in [('G', G), ('D', D), ('G_ema', G_ema), ('augment_pipe', aug)]:
    snap[name] = copy.deepcopy(module).eval().requires_grad_(False).cpu()
mk.strip_persistent_sources(persistence)
with open({path!r}, 'wb') as f:
    pickle.dump(snap, f)
'''
    subprocess.run([sys.executable, '-c', code], check=True)


def ensure_inputs(args):
    os.makedirs(args.workdir, exist_ok=True)
    stamp_path = os.path.join(args.workdir, INPUTS_STAMP)
    wanted = {'size_gib': args.size_gib, 'repo': os.path.abspath(args.repo) if args.repo else None,
              'pickle_config': pickle_config(args.size_gib)}
    files = {
        'torch-zip': os.path.join(args.workdir, 'state_dict.pt'),
        'safetensors': os.path.join(args.workdir, 'state_dict.safetensors'),
    }
    if args.repo:
        files['nvidia-network-pickle'] = os.path.join(args.workdir, 'network-snapshot.pkl')
    if not args.regenerate and os.path.exists(stamp_path):
        with open(stamp_path) as f:
            if json.load(f) == wanted and all(os.path.exists(p) for p in files.values()):
                print(f'reusing inputs in {args.workdir}')
                return files
    print(f'generating ~{args.size_gib} GiB state dict ...', flush=True)
    # In a child process: the driver must stay small, because a child's ru_maxrss starts from the
    # RSS of the process it was forked from (Linux keeps the pre-exec high-water mark).
    code = f'''
import sys, torch, safetensors.torch
sys.path.insert(0, {HERE!r})
import bench_formats as b
sd, total = b.make_state_dict({int(args.size_gib * GIB)})
torch.save(sd, {files['torch-zip']!r})
safetensors.torch.save_file(sd, {files['safetensors']!r})
print(f'  {{len(sd)}} tensors, payload {{total / b.MIB:.1f}} MiB')
'''
    subprocess.run([sys.executable, '-c', code], check=True)
    if args.repo:
        print(f'generating network pickle {pickle_config(args.size_gib)} ...', flush=True)
        make_network_pickle(args.repo, files['nvidia-network-pickle'], pickle_config(args.size_gib))
    with open(stamp_path, 'w') as f:
        json.dump(wanted, f)
    return files


# ----------------------------------------------------------------------------------------------
# Child processes.

PY_LOAD = {
    'torch-zip': 'import torch\nt0=time.perf_counter()\nobj=torch.load(PATH)\nt1=time.perf_counter()\nflat=obj',
    'safetensors': ('import safetensors.torch\nt0=time.perf_counter()\nobj=safetensors.torch.load_file(PATH)\n'
                    't1=time.perf_counter()\nflat=obj'),
    'nvidia-network-pickle': '''import torch, inspect
sys.path.insert(0, REPO)
import legacy
from torch_utils import persistence
import training.networks, training.augment
real = {'# module source removed: %s\\n' % m.__name__: inspect.getsource(m)
        for m in (training.networks, training.augment)}
def hook(meta):
    meta.module_src = real.get(meta.module_src, meta.module_src)
    return meta
persistence.import_hook(hook)
t0=time.perf_counter()
with open(PATH, 'rb') as f:
    obj = legacy.load_network_pkl(f)
t1=time.perf_counter()
flat = {f'{k}.{n}': t for k in ('G', 'D', 'G_ema', 'augment_pipe') if obj.get(k) is not None
        for n, t in obj[k].state_dict().items()}''',
}

PY_CHILD = '''import sys, time, json
PATH = {path!r}; REPO = {repo!r}; OUT = {out!r}
{load}
result = {{'seconds': t1 - t0, 'tensors': len(flat)}}
if OUT:
    import safetensors.torch
    flat = {{k: v.contiguous() for k, v in flat.items()}}
    t2 = time.perf_counter()
    safetensors.torch.save_file(flat, OUT)
    t3 = time.perf_counter()
    result = {{'seconds': t3 - t0, 'load_seconds': t1 - t0, 'save_seconds': t3 - t2, 'tensors': len(flat)}}
print(json.dumps(result))
'''


def run_child(cmd):
    """Run a command; return (wall seconds, peak RSS in bytes, stdout) using os.wait4 on that child."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
        out = proc.stdout.read()  # read to EOF, then reap the child ourselves to get its own rusage
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read()[-2000:].decode(errors='replace')
            raise RuntimeError(f'{" ".join(cmd[:2])} exited with {proc.returncode}: {tail}')
    return wall, usage.ru_maxrss * 1024, out.decode(errors='replace')


def measure(label, make_cmd, repeats, parse_seconds=None, cleanup=None):
    runs = []
    for i in range(repeats + 1):  # first run = warm-up (not counted)
        wall, rss, out = run_child(make_cmd())
        seconds = parse_seconds(out) if parse_seconds else wall
        if cleanup:
            cleanup()
        if i > 0:
            runs.append({'seconds': seconds, 'wall_seconds': wall, 'peak_rss_bytes': rss})
    med = statistics.median(r['seconds'] for r in runs)
    rss = max(r['peak_rss_bytes'] for r in runs)
    print(f'  {label:<48s} {med:9.3f} s  peak RSS {rss / MIB:9.1f} MiB', flush=True)
    return {'label': label, 'median_seconds': med,
            'median_wall_seconds': statistics.median(r['wall_seconds'] for r in runs), 'min_seconds': min(r['seconds'] for r in runs),
            'max_seconds': max(r['seconds'] for r in runs), 'peak_rss_bytes': rss, 'runs': runs}


def python_cmd(fmt, path, repo, out=None):
    code = PY_CHILD.format(path=path, repo=repo, out=out, load=PY_LOAD[fmt])
    return [sys.executable, '-c', code]


def last_json_seconds(out):
    return json.loads(out.strip().splitlines()[-1])['seconds']


# ----------------------------------------------------------------------------------------------

def run_benchmarks(args, files):
    results = {'notes': [
        f'each measurement: 1 warm-up run, then {args.repeats} measured run(s); median reported',
        'page cache not dropped (warm cache)',
        'python timings: the load/convert call only, measured inside the child (interpreter and torch '
        'import excluded; "process wall s" includes them); ganport timings: wall time of the whole process',
        'speedup vs python = python median / ganport median (inspect compared with the load call)',
        'MiB/s: file bytes / median time (for inspect --json: the hashing throughput)',
        'peak RSS: ru_maxrss of each child from os.wait4 (python children include the torch import; see '
        'the "python: import torch only" row)',
    ], 'files': {}, 'measurements': []}
    tmp = tempfile.mkdtemp(prefix='convert-', dir=args.workdir)
    out_st = os.path.join(tmp, 'out.safetensors')

    def rm_out():
        if os.path.exists(out_st):
            os.remove(out_st)

    ganport_ok = bool(args.ganport) and os.path.isfile(args.ganport) and os.access(args.ganport, os.X_OK)
    if not ganport_ok:
        results['notes'].append(f'ganport binary not found or not executable ({args.ganport!r}): ganport rows skipped')
        print(f'note: ganport binary {args.ganport!r} not usable; measuring the Python baselines only')

    m = measure('python: import torch only', lambda: [sys.executable, '-c', 'import torch'], args.repeats)
    m.update(fmt=None, tool='python', op='import-torch')
    results['measurements'].append(m)

    for fmt, path in files.items():
        size = os.path.getsize(path)
        results['files'][fmt] = {'path': path, 'bytes': size}
        print(f'{fmt}: {path} ({size / MIB:.1f} MiB)', flush=True)
        rows = []
        load_label = {'torch-zip': 'torch.load', 'safetensors': 'safetensors.torch.load_file',
                      'nvidia-network-pickle': 'legacy.load_network_pkl'}[fmt]
        rows.append(('python', 'load', measure(f'python: {load_label}',
                                               lambda: python_cmd(fmt, path, args.repo), args.repeats,
                                               last_json_seconds)))
        rows.append(('python', 'convert', measure(f'python: {load_label} + save_file',
                                                  lambda: python_cmd(fmt, path, args.repo, out_st), args.repeats,
                                                  last_json_seconds, rm_out)))
        if ganport_ok:
            rows.append(('ganport', 'inspect', measure('ganport inspect', lambda: [args.ganport, 'inspect', path],
                                                       args.repeats)))
            rows.append(('ganport', 'inspect-json', measure('ganport inspect --json',
                                                            lambda: [args.ganport, 'inspect', path, '--json'],
                                                            args.repeats)))
            rows.append(('ganport', 'convert', measure('ganport convert --to .safetensors',
                                                       lambda: [args.ganport, 'convert', path, '--to', out_st],
                                                       args.repeats, cleanup=rm_out)))
        for tool, op, m in rows:
            m.update(fmt=fmt, tool=tool, op=op, file_bytes=size)
            results['measurements'].append(m)
    shutil.rmtree(tmp, ignore_errors=True)
    add_ratios(results)
    return results


def add_ratios(results):
    by_key = {(m['fmt'], m['tool'], m['op']): m for m in results['measurements']}
    for m in results['measurements']:
        if m['tool'] != 'ganport':
            continue
        base = by_key.get((m['fmt'], 'python', 'convert' if m['op'] == 'convert' else 'load'))
        if base and m['median_seconds'] > 0:
            m['speedup_vs_python'] = base['median_seconds'] / m['median_seconds']
            m['baseline'] = base['label']
        if m['op'] == 'inspect-json' and m['median_seconds'] > 0:
            m['hash_throughput_mib_s'] = m['file_bytes'] / MIB / m['median_seconds']


def markdown(results):
    lines = ['| file | tool | operation | median s | min s | max s | process wall s | peak RSS MiB | '
             'speedup vs python | MiB/s |',
             '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |']
    for m in results['measurements']:
        speed = f"{m['speedup_vs_python']:.2f}x ({m['baseline']})" if 'speedup_vs_python' in m else ''
        thr = f"{m['hash_throughput_mib_s']:.0f}" if 'hash_throughput_mib_s' in m else ''
        if m['tool'] == 'python' and m['op'] == 'load' and m.get('file_bytes'):
            thr = f"{m['file_bytes'] / MIB / m['median_seconds']:.0f}" if m['median_seconds'] > 0 else ''
        lines.append(f"| {m['fmt'] or '-'} | {m['tool']} | {m['label']} | {m['median_seconds']:.3f} | "
                     f"{m['min_seconds']:.3f} | {m['max_seconds']:.3f} | {m['median_wall_seconds']:.3f} | "
                     f"{m['peak_rss_bytes'] / MIB:.1f} | "
                     f"{speed} | {thr} |")
    lines.append('')
    lines += [f'- {n}' for n in results['notes']]
    lines += [f"- {fmt}: {info['bytes'] / MIB:.1f} MiB ({info['path']})" for fmt, info in results['files'].items()]
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--ganport', default=None, help='path to the ganport executable (rows skipped if unusable)')
    parser.add_argument('--workdir', required=True, help='folder for generated inputs and outputs')
    parser.add_argument('--size-gib', type=float, default=1.0, help='state dict payload size in GiB (default 1)')
    parser.add_argument('--repo', default=None, help='stylegan2-ada-pytorch checkout (for the network pickle)')
    parser.add_argument('--repeats', type=int, default=3, help='measured runs after one warm-up (default 3)')
    parser.add_argument('--json-out', default=None, help='also write all results as JSON here')
    parser.add_argument('--regenerate', action='store_true', help='regenerate inputs even if present')
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error('--repeats must be at least 1')
    if args.ganport:
        args.ganport = os.path.abspath(args.ganport)

    files = ensure_inputs(args)
    results = run_benchmarks(args, files)
    results['config'] = {'size_gib': args.size_gib, 'repeats': args.repeats, 'ganport': args.ganport,
                         'repo': args.repo, 'python': sys.version.split()[0],
                         'pickle_config': pickle_config(args.size_gib) if args.repo else None}
    table = markdown(results)
    print()
    print(table)
    if args.json_out:
        with open(args.json_out, 'w') as f:
            json.dump(results, f, indent=1)
            f.write('\n')


if __name__ == '__main__':
    main()
