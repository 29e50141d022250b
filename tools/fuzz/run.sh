#!/usr/bin/env bash
# Builds and runs a libFuzzer target for a bounded time.
#
#   tools/fuzz/run.sh <target> <seconds>     e.g. tools/fuzz/run.sh pickle 60
#
# Each target is compiled with `swiftc -sanitize=fuzzer,address` from the few source files it
# needs (no package dependencies), seeded from the committed fixtures. The growing corpus and
# any crash artifacts go to .build/fuzz/<target>/. Exit status is libFuzzer's (non-zero on a finding).
set -euo pipefail

target="${1:?usage: run.sh <target> <seconds>}"
seconds="${2:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/.build/fuzz/$target"
mkdir -p "$work/corpus" "$work/artifacts"

core="$root/Sources/GANPortFormats/Core"
case "$target" in
  pickle)
    sources=("$core/ByteBuffer.swift" "$core/SecurityFinding.swift" "$core/JSONValue.swift"
             "$root"/Sources/GANPortFormats/Pickle/*.swift "$root/tools/fuzz/FuzzPickle.swift")
    seeds=("$root/fixtures/pickle" "$root/fixtures/pickle/hostile" "$root/fixtures/pickle/writer")
    ;;
  safetensors)
    sources=("$core/ByteBuffer.swift" "$core/DType.swift" "$core/StoredTensor.swift" "$core/StoredTensor+Bytes.swift"
             "$core/Checkpoint.swift" "$core/CheckpointFormat.swift" "$core/JSONValue.swift" "$core/SecurityFinding.swift"
             "$core/SiblingTemporaryFile.swift" "$core/FloatConversion.swift"
             "$root"/Sources/GANPortFormats/Safetensors/*.swift "$root/tools/fuzz/FuzzSafetensors.swift")
    seeds=("$root/fixtures/safetensors")
    ;;
  # Further targets: add a case with their sources and seed folders.
  *)
    echo "unknown fuzz target '$target' (known: pickle, safetensors)" >&2
    exit 2
    ;;
esac

echo "building fuzz-$target"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name "Fuzz_$target" \
  "${sources[@]}" -o "$work/fuzz-$target"

echo "fuzzing $target for ${seconds}s"
# Leak detection is off: streams may build reference cycles (a list inside itself), which the
# inert tree keeps as Python does; they are freed only with the process.
ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$work/fuzz-$target" -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=4096 -timeout=10 -detect_leaks=0 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$work/corpus" "${seeds[@]}"
