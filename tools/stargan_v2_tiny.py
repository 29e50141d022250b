"""Build narrow instances of the official StarGAN v2 networks (`core/model.py` of a clovaai/stargan-v2 checkout).

The official classes cannot be made small through their arguments: `Generator`, `StyleEncoder` and
`Discriminator` start with `2**14 // img_size` channels and `MappingNetwork` has a hard-coded width
of 512, so even tiny images give multi-megabyte checkpoints. The official classes are therefore
constructed unchanged, with one rule applied while they are built: every channel or feature count
`c >= WIDTH_THRESHOLD` passed to `nn.Conv2d`, `nn.Linear` or `nn.InstanceNorm2d` becomes
`c // WIDTH_DIVISOR`. Counts below the threshold (RGB 3, style_dim, latent_dim, num_domains) are
kept. The rule maps every official width consistently (2*c -> 2*(c // d) for AdaIN), so module
structure, state_dict keys, `learned_sc` shortcuts and the official `forward` code are exactly the
official ones; only tensor widths shrink. Use `build_nets` to rebuild identical modules (e.g. to load
the fixture checkpoints into the official code).
"""

import copy
import os
import sys
import types

import torch

WIDTH_DIVISOR = 64
WIDTH_THRESHOLD = 256
ARGS = dict(img_size=64, style_dim=6, latent_dim=4, num_domains=2, w_hpf=0, max_conv_dim=512)
WIDTH_RULE = (f'every channel/feature count c >= {WIDTH_THRESHOLD} passed to nn.Conv2d, nn.Linear, '
              f'nn.InstanceNorm2d while the official classes are constructed is replaced by c // {WIDTH_DIVISOR}')


def narrow(count):
    return count // WIDTH_DIVISOR if count >= WIDTH_THRESHOLD else count


def _narrow_nn():
    """A stand-in for the `nn` name inside core.model whose layer factories apply `narrow`."""
    proxy = types.ModuleType('narrow_nn')
    proxy.__dict__.update({k: v for k, v in vars(torch.nn).items() if not k.startswith('__')})
    proxy.Conv2d = lambda cin, cout, *a, **k: torch.nn.Conv2d(narrow(cin), narrow(cout), *a, **k)
    proxy.Linear = lambda fin, fout, *a, **k: torch.nn.Linear(narrow(fin), narrow(fout), *a, **k)
    proxy.InstanceNorm2d = lambda num, *a, **k: torch.nn.InstanceNorm2d(narrow(num), *a, **k)
    return proxy


def import_official_model(repo):
    """Import core.model from the checkout; stubs `munch` and `core.wing` (FAN) when they are not importable
    (neither is used by the four networks)."""
    repo = os.path.abspath(repo)
    if repo not in sys.path:
        sys.path.insert(0, repo)
    try:
        import munch  # noqa: F401
    except ImportError:
        stub = types.ModuleType('munch')
        stub.Munch = dict
        sys.modules['munch'] = stub
    try:
        import core.wing  # noqa: F401
    except ImportError:
        stub = types.ModuleType('core.wing')
        stub.FAN = None
        sys.modules['core.wing'] = stub
    import core.model
    return core.model


def build_nets(repo, seed=0):
    """Return (nets, nets_ema) dicts like the official build_model (generator, mapping_network,
    style_encoder[, discriminator]) with the narrowing rule applied. EMA copies are deep copies."""
    model = import_official_model(repo)
    torch.manual_seed(seed)
    a = ARGS
    saved_nn = model.nn
    model.nn = _narrow_nn()
    try:
        generator = model.Generator(a['img_size'], a['style_dim'], max_conv_dim=a['max_conv_dim'], w_hpf=a['w_hpf'])
        mapping_network = model.MappingNetwork(a['latent_dim'], a['style_dim'], a['num_domains'])
        style_encoder = model.StyleEncoder(a['img_size'], a['style_dim'], a['num_domains'], a['max_conv_dim'])
        discriminator = model.Discriminator(a['img_size'], a['num_domains'], a['max_conv_dim'])
    finally:
        model.nn = saved_nn
    nets = dict(generator=generator, mapping_network=mapping_network, style_encoder=style_encoder,
                discriminator=discriminator)
    nets_ema = dict(generator=copy.deepcopy(generator), mapping_network=copy.deepcopy(mapping_network),
                    style_encoder=copy.deepcopy(style_encoder))
    return nets, nets_ema
