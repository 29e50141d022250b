"""Shared pieces of the PyTorch-vs-GANPort benchmark scripts (bench_stylegan2.py, bench_augment.py,
bench_train.py): each side runs in its own child process, whose peak RSS comes from `os.wait4`."""

import json
import os
import platform
import subprocess
import time


def median(values):
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def timed(body, repetitions):
    """One warm-up call of `body`, then `repetitions` timed calls (seconds)."""
    body()
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        samples.append(time.perf_counter() - start)
    return samples


def run_child(cmd):
    """Runs a command; returns (stdout JSON, peak RSS in MiB from os.wait4, wall seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f'{cmd[0]} failed with status {status}')
    return json.loads(out.decode()), usage.ru_maxrss / 1024, wall


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown CPU'


def write_both(path, torch_result, torch_rss, swift_result, swift_rss):
    """Writes both raw results (with the wait4 peak RSS of each child) to `path` as JSON."""
    with open(path, 'w') as f:
        json.dump({'pytorch': dict(torch_result, peak_rss_mib_wait4=torch_rss),
                   'ganport': dict(swift_result, peak_rss_mib_wait4=swift_rss)}, f, indent=1)
