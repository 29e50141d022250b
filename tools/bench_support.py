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


def parser_with_common_options(description):
    """argparse parser with the options every comparison takes (`--ganport`, `--repo`, `--threads`,
    `--json-out`, and the hidden `--torch-child` that selects the PyTorch side)."""
    import argparse
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--ganport', help='the ganport binary (a release build)')
    parser.add_argument('--repo', default='/work/ref/stylegan2-ada-pytorch', help='stylegan2-ada-pytorch checkout')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--json-out', help='also write both raw results to this JSON file')
    parser.add_argument('--torch-child', action='store_true', help=argparse.SUPPRESS)
    return parser


class Comparison:
    """Both sides of one comparison, each in its own child process (PyTorch first, then GANPort, so both
    see similar load): `script` re-run with `--torch-child`, then `ganport bench <subcommand> --json`,
    each with the same `common` arguments."""

    def __init__(self, args, script, subcommand, common):
        import sys
        self.load_before = os.getloadavg()
        self.torch, self.torch_rss, self.torch_wall = run_child(
            [sys.executable, os.path.abspath(script), '--torch-child', '--repo', args.repo] + common)
        self.swift, self.swift_rss, self.swift_wall = run_child([args.ganport, 'bench', subcommand, '--json'] + common)
        self.load_after = os.getloadavg()
        if args.json_out:
            write_both(args.json_out, self.torch, self.torch_rss, self.swift, self.swift_rss)

    def engines_line(self, args):
        import sys
        version = self.torch.get('torch') or self.torch.get('engine', '')
        return (f'PyTorch {version.replace("PyTorch ", "")} ({sys.executable}), torch.set_num_threads({args.threads}); '
                f'child wall {self.torch_wall:.0f} s. GANPort {args.ganport}; child wall {self.swift_wall:.0f} s.')

    def machine_line(self):
        return (f'CPU: {cpu_model()}, {os.cpu_count()} logical CPUs; load average before {self.load_before[0]:.2f}, '
                f'after {self.load_after[0]:.2f}')


def parse_args(parser, torch_child):
    """Parses the command line. In the PyTorch child process runs `torch_child(args)` and returns None."""
    args = parser.parse_args()
    if args.torch_child:
        torch_child(args)
        return None
    if not args.ganport:
        parser.error('--ganport is required')
    return args
