#!/usr/bin/python3
"""Writes training-step golden fixtures (HDF5, `format = ganport-golden`, `version = 1`, `kind = train_step`).

Builds tiny StyleGAN2-ADA networks with the official classes, saves them as an NVIDIA-style network
pickle {G, D, G_ema} (embedded module sources replaced by placeholders, as `make_module_goldens.py`
does), then replays the inner iteration of the official `training/training_loop.py` on CPU in float32
for a few batch indices: the same phases (lazy regularization or `Gboth`/`Dboth`), the official
`StyleGAN2Loss.accumulate_gradients`, `torch.optim.Adam` with the `mb_ratio` scaling, the official
`misc.nan_to_num` of every gradient, the G_ema lerp and buffer copy. The official loop itself is
CUDA-only; the statements below are its logic, calling the official classes.

Every torch random draw (`torch.randn`, `torch.rand`, `torch.randint`, `*_like`, `Tensor.random_`,
`Tensor.normal_`, `Tensor.uniform_`) made during the steps is recorded in order (`random_draws`,
`random/NNNN`), so GANPort can replay the same numbers; with an augmentation pipe that includes the
draws of the official `training.augment.AugmentPipe` inside every discriminator call. Schema: SPEC.md §12.

Augmented cases build the pipe as the official loop does (`construct_class_by_name(**augment_kwargs)
.train().requires_grad_(False)`, then `p.copy_(augment_p)`; the strength stays fixed, no ADA
adjustment) and pass it to `StyleGAN2Loss`. R1 then differentiates through `grid_sample` twice; on
torch 1.13 the official `grid_sample_gradfix` falls back to `F.grid_sample`, whose backward is not
differentiable, so `tools/grid_sample_compat.py` restores the official custom op's construction.

    /usr/bin/python3 tools/make_train_goldens.py /work/ref/stylegan2-ada-pytorch fixtures/train

Re-running rewrites the same fixtures (seeds fixed per case); a pickle is kept when its tensors are
unchanged (a fresh dump differs only in torch's storage keys).
"""

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
import make_module_goldens as mg  # noqa: E402
import make_nvidia_fixtures as nf  # noqa: E402
import manifest_support as ms  # noqa: E402

SCHEMA_VERSION = 1

# Two tiny 8x8 setups. `uncond8`: G skip / D resnet (the official defaults), lazy regularization with
# intervals 2 so batch indices 0 and 2 run Gmain, Greg, Dmain, Dreg and index 1 only the main phases,
# EMA ramp-up. `cond8`: conditional, G resnet / D orig with Freeze-D on one layer and mbstd group 2,
# no lazy regularization for G (phase Gboth), D interval 4, two accumulation rounds per phase
# (batch 4, batch_gpu 2), EMA without ramp-up.
CASES = [
    dict(name='sg2a_train_uncond8', pickle='stylegan2-ada-train-uncond-8.pkl', seed=11, resolution=8, c_dim=0,
         g_arch='skip', d_arch='resnet', freeze_layers=0, mbstd_group_size=4, steps=3, batch=4,
         G_reg_interval=2, D_reg_interval=2, lr=0.0025,
         loss=dict(style_mixing_prob=0.9, r1_gamma=10.0, pl_batch_shrink=2, pl_decay=0.01, pl_weight=2.0),
         ema_kimg=4 * 10 / 32, ema_rampup=0.05),
    dict(name='sg2a_train_cond8_gboth', pickle='stylegan2-ada-train-cond-8.pkl', seed=23, resolution=8, c_dim=3,
         g_arch='resnet', d_arch='orig', freeze_layers=1, mbstd_group_size=2, steps=2, batch=4, batch_gpu=2,
         G_reg_interval=None, D_reg_interval=4, lr=0.002,
         loss=dict(style_mixing_prob=0.5, r1_gamma=1.0, pl_batch_shrink=2, pl_decay=0.01, pl_weight=2.0),
         ema_kimg=0.01, ema_rampup=None),
]

# The official `--augpipe bgc` kwargs (train.py `augpipe_specs`).
BGC = dict(xflip=1, rotate90=1, xint=1, scale=1, rotate=1, aniso=1, xfrac=1,
           brightness=1, contrast=1, lumaflip=1, hue=1, saturation=1)

# Augmented cases on the networks above (same seed and architecture: the same pickle, kept as is),
# with their own data and torch seed (`run_seed`). `uncond8_bgc`: `bgc` at p = 0.5, index 0 runs all
# four phases (augmented fakes in Gmain and Dmain, augmented reals in Dmain and in Dreg's R1), index 1
# the main phases. `cond8_bgcnc`: `bgc` plus additive noise and cutout at p = 1 (every transform fires;
# image-space filtering needs images of 22 pixels or more for its reflect padding), one iteration of
# Gboth, Dmain and Dreg in two accumulation rounds.
CASES += [
    dict(CASES[0], name='sg2a_train_uncond8_bgc', steps=2, run_seed=31, augment=dict(kwargs=BGC, p=0.5)),
    dict(CASES[1], name='sg2a_train_cond8_bgcnc', steps=1, run_seed=37, augment=dict(kwargs=dict(BGC, noise=1, cutout=1), p=1.0)),
]


class DrawRecorder:
    """Wraps torch's random functions; every call made while active is logged (kind, shape, bounds, values)."""

    def __init__(self):
        self.draws = []
        self.saved = []

    def _log(self, kind, out, low=None, high=None):
        entry = {'kind': kind, 'shape': list(out.shape)}
        if kind == 'randint':
            entry['low'], entry['high'] = int(low), int(high)
        self.draws.append((entry, out.detach().to(torch.float32).numpy().copy()))

    def __enter__(self):
        rec = self
        originals = {name: getattr(torch, name) for name in ('randn', 'rand', 'randint', 'randn_like', 'rand_like')}
        methods = {name: getattr(torch.Tensor, name) for name in ('random_', 'normal_', 'uniform_')}
        self.saved = [(torch, originals), (torch.Tensor, methods)]

        def randn(*args, **kw):
            out = originals['randn'](*args, **kw)
            rec._log('randn', out)
            return out

        def rand(*args, **kw):
            out = originals['rand'](*args, **kw)
            rec._log('rand', out)
            return out

        def randint(*args, **kw):
            out = originals['randint'](*args, **kw)
            low, high = (0, args[0]) if len(args) < 2 or not isinstance(args[1], int) else (args[0], args[1])
            rec._log('randint', out, low, high)
            return out

        def randn_like(*args, **kw):
            out = originals['randn_like'](*args, **kw)
            rec._log('randn', out)
            return out

        def rand_like(*args, **kw):
            out = originals['rand_like'](*args, **kw)
            rec._log('rand', out)
            return out

        def random_(self, *args, **kw):
            out = methods['random_'](self, *args, **kw)
            low, high = (0, args[0]) if len(args) == 1 else (args[0], args[1])
            rec._log('randint', out, low, high)
            return out

        def normal_(self, *args, **kw):
            assert not args and not kw, 'only standard normal_() can be replayed'
            out = methods['normal_'](self)
            rec._log('randn', out)
            return out

        def uniform_(self, *args, **kw):
            assert not args and not kw, 'only uniform_() on [0, 1) can be replayed'
            out = methods['uniform_'](self)
            rec._log('rand', out)
            return out

        for name, fn in dict(randn=randn, rand=rand, randint=randint, randn_like=randn_like, rand_like=rand_like).items():
            setattr(torch, name, fn)
        for name, fn in dict(random_=random_, normal_=normal_, uniform_=uniform_).items():
            setattr(torch.Tensor, name, fn)
        return self

    def __exit__(self, *exc):
        for owner, saved in self.saved:
            for name, fn in saved.items():
                setattr(owner, name, fn)
        return False


def build_snapshot(case, dnnlib):
    """G, D, G_ema with perturbed parameters (nonzero biases and noise strengths) and a moved w_avg."""
    torch.manual_seed(case['seed'])
    gen = torch.Generator().manual_seed(case['seed'] + 1000)
    common = dict(c_dim=case['c_dim'], img_resolution=case['resolution'], img_channels=3)
    G_kwargs = dnnlib.EasyDict(
        class_name='training.networks.Generator', z_dim=8, w_dim=8,
        mapping_kwargs=dnnlib.EasyDict(num_layers=2),
        synthesis_kwargs=dnnlib.EasyDict(channel_base=32, channel_max=4, num_fp16_res=0, conv_clamp=256,
                                         architecture=case['g_arch']))
    D_kwargs = dnnlib.EasyDict(
        class_name='training.networks.Discriminator', architecture=case['d_arch'], channel_base=32, channel_max=4,
        num_fp16_res=0, conv_clamp=256, block_kwargs=dnnlib.EasyDict(freeze_layers=case['freeze_layers']),
        mapping_kwargs=dnnlib.EasyDict(), epilogue_kwargs=dnnlib.EasyDict(mbstd_group_size=case['mbstd_group_size']))
    G = dnnlib.util.construct_class_by_name(**G_kwargs, **common).train().requires_grad_(False)
    D = dnnlib.util.construct_class_by_name(**D_kwargs, **common).train().requires_grad_(False)
    snapshot = nf.settled_snapshot(G, D, gen, ema_rounds=4, ema_batch=8)
    return snapshot, G_kwargs, D_kwargs


def write_pickle(case, snapshot, out_dir, persistence, legacy, config):
    """The snapshot as an NVIDIA network pickle without official source; kept if its tensors are unchanged."""
    path = os.path.join(out_dir, case['pickle'])
    stored = {k: (copy.deepcopy(v).eval().requires_grad_(False) if isinstance(v, torch.nn.Module) else v)
              for k, v in snapshot.items()}
    provenance = ms.provenance('tools/make_train_goldens.py',
                               repos={'NVlabs/stylegan2-ada-pytorch': os.path.dirname(legacy.__file__)}, config=config)
    return nf.write_stripped_pickle(path, stored, persistence, provenance)


def one_hot(rng, batch, c_dim):
    if c_dim == 0:
        return np.zeros([batch, 0], dtype=np.float32)
    return np.eye(c_dim, dtype=np.float32)[rng.randint(0, c_dim, size=batch)]


def run_case(case, snapshot, modules):
    """The official inner loop for batch indices 0..steps-1; returns inputs, per-step records and the draws."""
    loss_mod, misc, dnnlib = modules['loss'], modules['misc'], modules['dnnlib']
    G, D, G_ema = snapshot['G'], snapshot['D'], snapshot['G_ema']
    G.train().requires_grad_(False)
    D.train().requires_grad_(False)
    G_ema.eval().requires_grad_(False)
    device = torch.device('cpu')
    batch_size = case['batch']
    batch_gpu = case.get('batch_gpu', batch_size)
    augment_pipe = None
    if 'augment' in case:  # as training_loop.py builds it, at a fixed strength
        augment_pipe = dnnlib.util.construct_class_by_name(class_name='training.augment.AugmentPipe',
                                                           **case['augment']['kwargs'])
        augment_pipe.train().requires_grad_(False).to(device)
        augment_pipe.p.copy_(torch.as_tensor(case['augment']['p']))
    loss = loss_mod.StyleGAN2Loss(device=device, G_mapping=G.mapping, G_synthesis=G.synthesis, D=D,
                                  augment_pipe=augment_pipe, **case['loss'])
    opt_kwargs = dict(lr=case['lr'], betas=[0, 0.99], eps=1e-8)
    phases = []
    for name, module, reg_interval in [('G', G, case['G_reg_interval']), ('D', D, case['D_reg_interval'])]:
        if reg_interval is None:
            opt = torch.optim.Adam(module.parameters(), **opt_kwargs)
            phases += [dnnlib.EasyDict(name=name + 'both', module=module, opt=opt, interval=1)]
        else:
            mb_ratio = reg_interval / (reg_interval + 1)
            kw = dnnlib.EasyDict(opt_kwargs)
            kw.lr = kw.lr * mb_ratio
            kw.betas = [beta ** mb_ratio for beta in kw.betas]
            opt = torch.optim.Adam(module.parameters(), **kw)
            phases += [dnnlib.EasyDict(name=name + 'main', module=module, opt=opt, interval=1)]
            phases += [dnnlib.EasyDict(name=name + 'reg', module=module, opt=opt, interval=reg_interval)]
    opts = {'G': phases[0].opt, 'D': phases[-1].opt}

    stats = {}
    original_report = loss_mod.training_stats.report

    def report(name, value):  # accumulation rounds report again: concatenate along the batch
        previous = stats[current[0]].get(name)
        value_copy = value.detach().clone()
        stats[current[0]][name] = value_copy if previous is None else torch.cat([previous, value_copy])
        return original_report(name, value)

    current = [None]
    loss_mod.training_stats.report = report
    if 'run_seed' in case:
        torch.manual_seed(case['run_seed'])
    rng = np.random.RandomState(case.get('run_seed', case['seed']) + 2000)
    inputs, records = [], []
    cur_nimg = 0
    recorder = DrawRecorder()
    try:
        for batch_idx in range(case['steps']):
            real_u8 = rng.randint(0, 256, size=[batch_size, 3, case['resolution'], case['resolution']]).astype(np.uint8)
            real_c = one_hot(rng, batch_size, case['c_dim'])
            gen_c = one_hot(rng, len(phases) * batch_size, case['c_dim'])
            inputs.append(dict(real_img=real_u8, real_c=real_c, gen_c=gen_c))
            step_stats = {}
            with recorder:
                # Fetch training data (training_loop.py).
                phase_real_img = (torch.from_numpy(real_u8).to(torch.float32) / 127.5 - 1).split(batch_gpu)
                phase_real_c = torch.from_numpy(real_c).split(batch_gpu)
                all_gen_z = torch.randn([len(phases) * batch_size, G.z_dim])
                all_gen_z = [phase_gen_z.split(batch_gpu) for phase_gen_z in all_gen_z.split(batch_size)]
                all_gen_c = [c.split(batch_gpu) for c in torch.from_numpy(gen_c).split(batch_size)]
                # Execute training phases.
                for phase, phase_gen_z, phase_gen_c in zip(phases, all_gen_z, all_gen_c):
                    if batch_idx % phase.interval != 0:
                        continue
                    current[0] = phase.name
                    stats[phase.name] = {}
                    phase.opt.zero_grad(set_to_none=True)
                    phase.module.requires_grad_(True)
                    for round_idx, (real_img, rc, gen_z, gc) in enumerate(zip(phase_real_img, phase_real_c,
                                                                                phase_gen_z, phase_gen_c)):
                        sync = (round_idx == batch_size // batch_gpu - 1)
                        loss.accumulate_gradients(phase=phase.name, real_img=real_img, real_c=rc, gen_z=gen_z,
                                                  gen_c=gc, sync=sync, gain=phase.interval)
                    phase.module.requires_grad_(False)
                    for param in phase.module.parameters():
                        if param.grad is not None:
                            misc.nan_to_num(param.grad, nan=0, posinf=1e5, neginf=-1e5, out=param.grad)
                    phase.opt.step()
                    step_stats[phase.name] = stats.pop(phase.name)
                # Update G_ema.
                ema_nimg = case['ema_kimg'] * 1000
                if case['ema_rampup'] is not None:
                    ema_nimg = min(ema_nimg, cur_nimg * case['ema_rampup'])
                ema_beta = 0.5 ** (batch_size / max(ema_nimg, 1e-8))
                with torch.no_grad():
                    for p_ema, p in zip(G_ema.parameters(), G.parameters()):
                        p_ema.copy_(p.lerp(p_ema, ema_beta))
                    for b_ema, b in zip(G_ema.buffers(), G.buffers()):
                        b_ema.copy_(b)
                cur_nimg += batch_size
            records.append(dict(stats=step_stats, ema_beta=ema_beta, pl_mean=float(loss.pl_mean),
                                params={key: {n: p.detach().clone() for n, p in net.named_parameters()}
                                        for key, net in (('G', G), ('D', D), ('G_ema', G_ema))},
                                w_avg={key: net.mapping.w_avg.detach().clone() for key, net in (('G', G), ('G_ema', G_ema))},
                                adam={key: adam_state(opts[key], net) for key, net in (('G', G), ('D', D))}))
    finally:
        loss_mod.training_stats.report = original_report
    return inputs, records, recorder.draws, [p.name for p in phases]


def adam_state(opt, module):
    out = {}
    for name, p in module.named_parameters():
        state = opt.state.get(p)
        if state:
            out[name] = dict(step=float(state['step']), exp_avg=state['exp_avg'].clone(),
                             exp_avg_sq=state['exp_avg_sq'].clone())
    return out


def write_fixture(case, out_dir, source, inputs, records, draws, phase_names):
    path = os.path.join(out_dir, case['name'] + '.h5')
    call = dict(batch_size=case['batch'], batch_gpu=case.get('batch_gpu', case['batch']), start_batch_idx=0, start_nimg=0,
                steps=case['steps'], phases=phase_names, G_reg_interval=case['G_reg_interval'],
                D_reg_interval=case['D_reg_interval'],
                G_opt=dict(lr=case['lr'], betas=[0, 0.99], eps=1e-8), D_opt=dict(lr=case['lr'], betas=[0, 0.99], eps=1e-8),
                loss=case['loss'], ema_kimg=case['ema_kimg'], ema_rampup=case['ema_rampup'],
                real_img_dtype='uint8',
                augment_pipe=dict(case['augment']['kwargs'], p=case['augment']['p']) if 'augment' in case else None)
    with mg.open_without_times(path) as f:
        f.attrs['format'] = 'ganport-golden'
        f.attrs['version'] = np.int64(SCHEMA_VERSION)
        f.attrs['kind'] = 'train_step'
        f.attrs['target'] = 'stylegan2-ada/StyleGAN2Loss'
        f.attrs['call'] = json.dumps(call)
        f.attrs['source'] = source
        f.attrs['checkpoint'] = case['pickle']
        f.attrs['random_draws'] = json.dumps([entry for entry, _ in draws])
        f.attrs['notes'] = ('real_img holds uint8 pixel values as float32; stats are the tensors passed to '
                            'training_stats.report (accumulation rounds concatenated along the batch); params are after the step; adam holds the optimizer state '
                            'after the step (adam/<net>/step: step counts in named_parameters order); pl_mean after the step'
                            + ('; augment_pipe: training.augment.AugmentPipe constructor kwargs plus its fixed p; '
                               'grid_sample through tools/grid_sample_compat.py (the official custom op\'s double '
                               'backward, which grid_sample_gradfix disables on this torch)' if 'augment' in case else ''))
        groups = set()

        def put(name, array):
            parts = name.split('/')
            for i in range(1, len(parts)):
                group = '/'.join(parts[:i])
                if group not in groups:
                    groups.add(group)
                    mg.make_group(f, group)
            f.create_dataset(name, data=np.asarray(array, dtype=np.float32), track_times=False)

        for index, (entry, values) in enumerate(draws):
            put(f'random/{index:04d}', values.reshape(entry['shape']))
        for step, (inp, rec) in enumerate(zip(inputs, records)):
            put(f'inputs/step{step}/real_img', inp['real_img'].astype(np.float32))
            if case['c_dim'] > 0:
                put(f'inputs/step{step}/real_c', inp['real_c'])
                put(f'inputs/step{step}/gen_c', inp['gen_c'])
            base = f'steps/{step}'
            for phase, values in rec['stats'].items():
                for stat, tensor in values.items():
                    put(f'{base}/stats/{phase}/{stat}', tensor.numpy())
            for key, params in rec['params'].items():
                for name, tensor in params.items():
                    put(f'{base}/params/{key}/{name}', tensor.numpy())
            for key, tensor in rec['w_avg'].items():
                put(f'{base}/buffers/{key}/mapping.w_avg', tensor.numpy())
            for key, state in rec['adam'].items():
                for name, s in state.items():
                    put(f'{base}/adam/{key}/exp_avg/{name}', s['exp_avg'].numpy())
                    put(f'{base}/adam/{key}/exp_avg_sq/{name}', s['exp_avg_sq'].numpy())
                put(f'{base}/adam/{key}/step', np.array([s['step'] for s in state.values()], dtype=np.float32))
            put(f'{base}/pl_mean', np.float32(rec['pl_mean']))
            put(f'{base}/ema_beta', np.float32(rec['ema_beta']))
    return path


def main():
    if len(sys.argv) != 3:
        sys.exit(f'usage: {sys.argv[0]} OFFICIAL_CHECKOUT OUT_DIR')
    repo, out_dir = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    sys.path.insert(0, repo)
    import dnnlib
    import legacy
    from torch_utils import misc, persistence
    from training import loss as loss_mod
    from torch_utils.ops import grid_sample_gradfix
    import grid_sample_compat
    grid_sample_compat.install(grid_sample_gradfix)  # R1 through AugmentPipe needs grid_sample's double backward
    persistence.import_hook(mg.placeholder_hook(repo))
    modules = dict(loss=loss_mod, misc=misc, dnnlib=dnnlib)
    source = json.dumps({'repository': 'NVlabs/stylegan2-ada-pytorch', 'commit': ms.git_commit(repo),
                         'torch': torch.__version__, 'device': 'cpu', 'dtype': 'float32', 'impl': 'ref',
                         'loop': 'training/training_loop.py inner iteration replayed on CPU',
                         'generator': 'tools/make_train_goldens.py'})
    augmented_source = json.dumps(dict(json.loads(source), augment_pipe='training/augment.py AugmentPipe',
                                       grid_sample='tools/grid_sample_compat.py (official grid_sample_gradfix custom op '
                                                   'construction; the official module falls back to '
                                                   'torch.nn.functional.grid_sample on this torch)'))
    written = []
    for case in CASES:
        snapshot, G_kwargs, D_kwargs = build_snapshot(case, dnnlib)
        written.append(write_pickle(case, snapshot, out_dir, persistence, legacy,
                                    dict(case, G_kwargs=G_kwargs, D_kwargs=D_kwargs)))
        with open(written[-1], 'rb') as f:  # start from exactly what the pickle holds
            loaded = legacy.load_network_pkl(f)
        snapshot = {k: loaded[k] for k in ('G', 'D', 'G_ema')}
        inputs, records, draws, phase_names = run_case(case, snapshot, modules)
        written.append(write_fixture(case, out_dir, augmented_source if 'augment' in case else source,
                                     inputs, records, draws, phase_names))
    written = sorted(set(written))  # augmented cases share their pickle with another case
    total = sum(os.path.getsize(p) for p in written)
    print(f'wrote {len(written)} files ({total / 1024:.0f} KiB) to {out_dir}')


if __name__ == '__main__':
    main()
