"""Shared helpers for the fixture generators: tensor manifests, provenance, JSON conversion.

A tensor manifest (see SPEC.md / the golden-fixture schema) is one JSON object:

    {"format": "<format name>", "tensors": [{"name", "dtype", "shape", "sha256"}, ...]}

with `tensors` sorted by name, safetensors dtype names and the SHA-256 of each tensor's
elements in C-contiguous row-major order, little-endian, in the stored dtype.
Generators may add further top-level keys (`provenance`, `networks`, ...).

Runs under the system interpreter that has torch and numpy (`/usr/bin/python3`).
"""

import hashlib
import json
import platform
import subprocess

import numpy as np

try:
    import torch
except ImportError:  # the TF-era emulation and the manifest of numpy arrays need no torch
    torch = None

MANIFEST_SUFFIX = '.manifest.json'

# Markers of official source text that must never appear in a fixture. Spelled in pieces so that a
# plain-text search of this repository for them finds no false positive here.
OFFICIAL_SOURCE_MARKERS = [
    b'NVIDIA ' + b'CORPORATION',
    b'NVIDIA ' + b'Corporation',
    b'Copyright ' + b'(c)',
    b'NAVER ' + b'Corp',
    b'persistence.persistent' + b'_class',
    b'def ' + b'forward(',
    b'import ' + b'torch',
    b'import ' + b'numpy',
]

_NUMPY_DTYPE_NAMES = {
    'float64': 'F64', 'float32': 'F32', 'float16': 'F16',
    'int64': 'I64', 'int32': 'I32', 'int16': 'I16', 'int8': 'I8',
    'uint8': 'U8', 'bool': 'BOOL',
}


def torch_dtype_name(dtype):
    """safetensors name of a torch dtype."""
    names = {
        torch.float64: 'F64', torch.float32: 'F32', torch.float16: 'F16', torch.bfloat16: 'BF16',
        torch.int64: 'I64', torch.int32: 'I32', torch.int16: 'I16', torch.int8: 'I8',
        torch.uint8: 'U8', torch.bool: 'BOOL',
    }
    if dtype not in names:
        raise ValueError(f'dtype {dtype} has no manifest name')
    return names[dtype]


def numpy_dtype_name(dtype):
    """safetensors name of a numpy dtype."""
    dtype = np.dtype(dtype)
    if dtype.name not in _NUMPY_DTYPE_NAMES:
        raise ValueError(f'dtype {dtype} has no manifest name')
    return _NUMPY_DTYPE_NAMES[dtype.name]


def numpy_element_bytes(array):
    """C-contiguous little-endian element bytes of a numpy array (or numpy scalar)."""
    array = np.asarray(array)
    little = array.dtype.newbyteorder('<')  # a no-op for one-byte dtypes
    return np.ascontiguousarray(array, dtype=little).tobytes(order='C')


def torch_element_bytes(tensor):
    """C-contiguous little-endian element bytes of a torch tensor in its own dtype."""
    tensor = tensor.detach().cpu().contiguous()
    if tensor.dtype == torch.bfloat16:
        return numpy_element_bytes(tensor.view(torch.int16).numpy())
    return numpy_element_bytes(tensor.numpy())


def torch_entry(name, tensor):
    """One manifest entry for a torch tensor."""
    return {
        'name': name,
        'dtype': torch_dtype_name(tensor.dtype),
        'shape': list(tensor.shape),
        'sha256': hashlib.sha256(torch_element_bytes(tensor)).hexdigest(),
    }


def numpy_entry(name, array):
    """One manifest entry for a numpy array or numpy scalar."""
    array = np.asarray(array)
    return {
        'name': name,
        'dtype': numpy_dtype_name(array.dtype),
        'shape': list(array.shape),
        'sha256': hashlib.sha256(numpy_element_bytes(array)).hexdigest(),
    }


def manifest(format_name, entries, **extra):
    """Manifest object: format, tensors sorted by name, then the extra keys in the given order."""
    names = [e['name'] for e in entries]
    if len(names) != len(set(names)):
        raise ValueError('duplicate tensor names in manifest')
    result = {'format': format_name, 'tensors': sorted(entries, key=lambda e: e['name'])}
    result.update(extra)
    return result


def write_manifest(fixture_path, manifest_object):
    """Write `<fixture_path>.manifest.json` (UTF-8, 1-space indent, trailing newline)."""
    path = str(fixture_path) + MANIFEST_SUFFIX
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(manifest_object, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write('\n')
    return path


def to_json(value):
    """Convert pickled Python values (EasyDict, tuples, numpy scalars/arrays) to JSON-able ones."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return [to_json(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    raise TypeError(f'cannot express {type(value).__name__} as JSON')


def git_commit(repo_path):
    """`git -C repo rev-parse HEAD`, or None when the path is not a git checkout."""
    try:
        out = subprocess.run(['git', '-C', str(repo_path), 'rev-parse', 'HEAD'],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def provenance(generator, repos=None, config=None):
    """Provenance record stored in every manifest: generator script, versions, repositories, config.

    `repos` maps a public repository name (e.g. 'NVlabs/stylegan3') to the local checkout path."""
    record = {
        'generator': generator,
        'python': platform.python_version(),
        'numpy': np.__version__,
    }
    if torch is not None:
        record['torch'] = torch.__version__
    if repos:  # public repository name -> commit of the local checkout (the local path is not recorded)
        record['repositories'] = {name: {'commit': git_commit(path)} for name, path in repos.items()}
    if config is not None:
        record['config'] = to_json(config)
    return record


def check_no_official_source(path):
    """Raise if a fixture file contains any marker of official source text."""
    with open(path, 'rb') as f:
        data = f.read()
    for marker in OFFICIAL_SOURCE_MARKERS:
        if marker in data:
            raise RuntimeError(f'{path}: contains official source text marker {marker!r}')
