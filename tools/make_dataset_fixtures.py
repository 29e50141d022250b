#!/usr/bin/python3
"""Writes the image-dataset fixtures under fixtures/datasets/.

    /usr/bin/python3 tools/make_dataset_fixtures.py --repo /work/ref/stylegan2-ada-pytorch

- `folder/`: a source folder as users hold it (nested subfolders, PNG and JPEG images, a text file
  that is not an image, `dataset.json` with class labels).
- `labeled.zip`, `vectors.zip`, `gray.zip`: written by the official `dataset_tool.py` of the
  checkout (source folder → uncompressed zip of PNGs + `dataset.json`) from class labels, float
  vector labels and unlabeled gray images.
- `expected.json`: what the official `training/dataset.py` `ImageFolderDataset` returns for each
  dataset and option set (file order, raw indices, every image as CHW uint8 hex, every label).
- `jpeg/*.jpg` + `*.pixels`: JPEG files written by PIL (baseline 4:2:0, 4:4:4, progressive,
  grayscale, restart markers, odd size) and PIL's decode of each as raw HWC uint8 bytes.
- `malformed/<case>/`: one tiny dataset folder per validation rule.

Re-running rewrites the same bytes (fixed seeds; PIL and zipfile output is deterministic except
zip timestamps, which are pinned here).
"""

import argparse
import io
import json
import os
import runpy
import shutil
import sys
import tempfile
import types
import zipfile

import numpy as np
import PIL
import PIL.Image

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fixtures', 'datasets')
RES = 8


def image(rng, channels, size=RES, height=None):
    shape = (height or size, size) if channels == 1 else (height or size, size, channels)
    # Smooth gradients plus noise: JPEG-friendly and still distinct per image.
    base = rng.integers(0, 256, size=shape, dtype=np.uint8)
    return base


def save(img, path, **kwargs):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = {2: 'L'}.get(img.ndim) or {2: 'LA', 3: 'RGB', 4: 'RGBA'}[img.shape[2]]
    PIL.Image.fromarray(img, mode).save(path, **kwargs)


def write_json(path, value):
    with open(path, 'w') as f:
        json.dump(value, f, indent=1)
        f.write('\n')


def run_dataset_tool(repo, source, dest):
    """Runs the official dataset_tool.py (tqdm replaced by a pass-through if missing)."""
    if 'tqdm' not in sys.modules:
        try:
            import tqdm  # noqa: F401
        except ImportError:
            stub = types.ModuleType('tqdm')
            stub.tqdm = lambda iterable, **kwargs: iterable
            sys.modules['tqdm'] = stub
    argv = sys.argv
    sys.argv = ['dataset_tool.py', '--source', source, '--dest', dest]
    try:
        runpy.run_path(os.path.join(repo, 'dataset_tool.py'), run_name='__main__')
    except SystemExit as exit:
        if exit.code not in (0, None):
            raise
    finally:
        sys.argv = argv
    pin_zip_timestamps(dest)


def pin_zip_timestamps(path):
    """Rewrites a zip with fixed timestamps and the same entries (stored), so reruns are byte-identical."""
    with zipfile.ZipFile(path) as z:
        entries = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_STORED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)), data)


def make_folder(path, rng):
    shutil.rmtree(path, ignore_errors=True)
    labels = []
    names = ['a/img0.png', 'a/img1.jpg', 'b/c/img2.png', 'img3.PNG', 'img10.jpeg', 'Z.png']
    for index, name in enumerate(names):
        kwargs = {'quality': 95} if name.lower().endswith(('.jpg', '.jpeg')) else {}
        save(image(rng, 3), os.path.join(path, name), **kwargs)
        labels.append([name, index % 3])
    with open(os.path.join(path, 'notes.txt'), 'w') as f:
        f.write('not an image\n')
    write_json(os.path.join(path, 'dataset.json'), {'labels': labels})


def make_source(path, rng, channels, labels):
    shutil.rmtree(path, ignore_errors=True)
    entries = []
    for index in range(5):
        name = f'src{index}.png'
        save(image(rng, channels), os.path.join(path, name))
        if labels == 'classes':
            entries.append([name, [4, 0, 2, 2, 1][index]])
        elif labels == 'vectors':
            entries.append([name, [float(index) * 0.25, -1.5, 3.0 + index]])
    write_json(os.path.join(path, 'dataset.json'), {'labels': entries if entries else None})


def official_expectations(repo, path, cases):
    sys.path.insert(0, repo)
    from training.dataset import ImageFolderDataset  # noqa: E402
    out = []
    for options in cases:
        ds = ImageFolderDataset(path=path, **options)
        items = []
        for idx in range(len(ds)):
            img, label = ds[idx]
            items.append({'image': img.tobytes().hex(), 'label': [float(x) for x in np.asarray(label).ravel()]})
        out.append({'options': options, 'image_files': list(ds._image_fnames), 'raw_idx': [int(x) for x in ds._raw_idx],
                    'image_shape': ds.image_shape, 'label_shape': ds.label_shape, 'items': items})
        ds.close()
    return out


def make_jpegs(path, rng):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    x = np.linspace(0, 1, 16)
    smooth = (np.stack([np.outer(x, x), np.outer(1 - x, x), np.outer(x, 1 - x)], axis=2) * 255).astype(np.uint8)
    noisy = np.clip(smooth.astype(int) + rng.integers(-30, 31, size=smooth.shape), 0, 255).astype(np.uint8)
    cases = [
        ('baseline420', noisy, dict(quality=90, subsampling=2)),
        ('baseline444', noisy, dict(quality=75, subsampling=0)),
        ('progressive', noisy, dict(quality=85, progressive=True)),
        ('gray', noisy[:, :, 0], dict(quality=80)),
        ('odd13x9', noisy[:9, :13], dict(quality=70, subsampling=2)),
        ('restart', noisy, dict(quality=88, subsampling=1, restart_marker_rows=1)),
    ]
    listing = []
    for name, pixels, kwargs in cases:
        file = os.path.join(path, name + '.jpg')
        try:
            save(pixels, file, **kwargs)
        except TypeError:
            kwargs.pop('restart_marker_rows', None)
            save(pixels, file, **kwargs)
        decoded = np.asarray(PIL.Image.open(file))
        with open(os.path.join(path, name + '.pixels'), 'wb') as f:
            f.write(decoded.tobytes())
        listing.append({'name': name, 'width': decoded.shape[1], 'height': decoded.shape[0],
                        'channels': 1 if decoded.ndim == 2 else decoded.shape[2]})
    return listing


def make_malformed(path, rng):
    shutil.rmtree(path, ignore_errors=True)

    def folder(case, files, labels=None):
        root = os.path.join(path, case)
        os.makedirs(root)
        for name, content in files.items():
            full = os.path.join(root, name)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            if isinstance(content, np.ndarray):
                save(content, full)
            else:
                with open(full, 'wb') as f:
                    f.write(content)
        if labels is not None:
            with open(os.path.join(root, 'dataset.json'), 'w') as f:
                f.write(labels if isinstance(labels, str) else json.dumps(labels))

    good = image(rng, 3, 4)
    jpeg = io.BytesIO()
    PIL.Image.fromarray(image(rng, 3, 16), 'RGB').save(jpeg, format='jpeg', quality=90)
    jpeg = jpeg.getvalue()
    cmyk = io.BytesIO()
    PIL.Image.fromarray(image(rng, 4, 8), 'CMYK').save(cmyk, format='jpeg')
    png = io.BytesIO()
    PIL.Image.fromarray(good, 'RGB').save(png, format='png')
    png = png.getvalue()
    gray16 = io.BytesIO()
    PIL.Image.fromarray(rng.integers(0, 65535, size=(4, 4)).astype(np.uint16), 'I;16').save(gray16, format='png')
    # Corrupt entropy data: keep headers, overwrite the middle of the scan with 0xFF 0xD9-free noise.
    corrupt = bytearray(jpeg)
    sos = corrupt.index(b'\xff\xda')
    for i in range(sos + 20, len(corrupt) - 4):
        corrupt[i] = 0xFF if i % 2 else 0x00
    folder('no_images', {'readme.txt': b'nothing here\n'})
    folder('unknown_format', {'a.png': b'GIF89a not really a png'})
    folder('bad_png_crc', {'a.png': png[:-5] + bytes([png[-5] ^ 1]) + png[-4:]})
    folder('truncated_jpeg', {'a.jpg': jpeg[:len(jpeg) // 2]})
    folder('corrupt_jpeg', {'a.jpg': bytes(corrupt)})
    folder('cmyk_jpeg', {'a.jpg': cmyk.getvalue()})
    folder('sixteen_bit', {'a.png': gray16.getvalue()})
    folder('rgba', {'a.png': image(rng, 4, 4)})
    folder('not_square', {'a.png': image(rng, 3, 4, height=8)})
    folder('not_power_of_two', {'a.png': image(rng, 3, 6)})
    folder('shape_mismatch', {'a.png': good, 'b.png': image(rng, 3, 8)})
    folder('channel_mismatch', {'a.png': good, 'b.png': image(rng, 1, 4)})
    folder('labels_not_json', {'a.png': good}, labels='{"labels": [["a.png", 1]')
    folder('labels_no_key', {'a.png': good}, labels={'classes': []})
    folder('labels_bad_entry', {'a.png': good}, labels={'labels': [['a.png']]})
    folder('label_missing', {'a.png': good, 'b.png': good}, labels={'labels': [['a.png', 0]]})
    folder('label_negative', {'a.png': good}, labels={'labels': [['a.png', -2]]})
    folder('label_not_number', {'a.png': good}, labels={'labels': [['a.png', 'cat']]})
    folder('label_nested', {'a.png': good}, labels={'labels': [['a.png', [[1.0]]]]})
    folder('labels_mixed', {'a.png': good, 'b.png': good}, labels={'labels': [['a.png', 1], ['b.png', [1.0]]]})
    folder('labels_ragged', {'a.png': good, 'b.png': good}, labels={'labels': [['a.png', [1.0, 2.0]], ['b.png', [1.0]]]})
    folder('too_many_classes', {'a.png': good}, labels={'labels': [['a.png', 5000000]]})
    # The official loader reads the zip by extension; a zip with a broken CRC must fail on read.
    root = os.path.join(path, 'bad_crc_zip')
    os.makedirs(root)
    with zipfile.ZipFile(os.path.join(root, 'data.zip'), 'w') as z:
        z.writestr(zipfile.ZipInfo('a.png', date_time=(2021, 1, 1, 0, 0, 0)), png)
    data = bytearray(open(os.path.join(root, 'data.zip'), 'rb').read())
    at = data.index(png[:8]) + 30
    data[at] ^= 0x55
    with open(os.path.join(root, 'data.zip'), 'wb') as f:
        f.write(bytes(data))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--repo', required=True, help='official stylegan2-ada-pytorch checkout')
    args = parser.parse_args()
    repo = os.path.abspath(args.repo)
    os.makedirs(ROOT, exist_ok=True)
    rng = np.random.default_rng(2024)
    make_folder(os.path.join(ROOT, 'folder'), rng)
    with tempfile.TemporaryDirectory() as scratch:
        for name, channels, labels in [('labeled', 3, 'classes'), ('vectors', 3, 'vectors'), ('gray', 1, None)]:
            source = os.path.join(scratch, name)
            make_source(source, rng, channels, labels)
            dest = os.path.join(ROOT, name + '.zip')
            if os.path.exists(dest):
                os.remove(dest)
            run_dataset_tool(repo, source, dest)
    plain = dict(use_labels=False, xflip=False)
    datasets = {
        'folder': [dict(use_labels=True), dict(use_labels=True, xflip=True), dict(use_labels=True, max_size=4, random_seed=0),
                   dict(use_labels=True, max_size=3, random_seed=7, xflip=True)],
        'labeled.zip': [dict(use_labels=True), plain],
        'vectors.zip': [dict(use_labels=True, xflip=True)],
        'gray.zip': [dict(use_labels=True), dict(xflip=True, max_size=2, random_seed=3)],
    }
    expected = {name: official_expectations(repo, os.path.join(ROOT, name), cases) for name, cases in datasets.items()}
    jpegs = make_jpegs(os.path.join(ROOT, 'jpeg'), rng)
    make_malformed(os.path.join(ROOT, 'malformed'), rng)
    import subprocess
    commit = subprocess.run(['git', '-C', repo, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
    write_json(os.path.join(ROOT, 'expected.json'), {
        'provenance': {'generator': 'tools/make_dataset_fixtures.py', 'official_repo_commit': commit,
                       'numpy': np.__version__, 'pillow': PIL.__version__, 'python': sys.version.split()[0]},
        'datasets': expected, 'jpeg': jpegs,
        'jpeg_note': 'PIL decodes with libjpeg-turbo defaults (islow DCT, fancy upsampling); GANPort uses the same settings',
    })


if __name__ == '__main__':
    main()
