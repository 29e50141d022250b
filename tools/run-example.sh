#!/usr/bin/env bash
# The main job on the bundled example checkpoint: inspect it, then convert it to open formats.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-system-packages.sh
swift build -c release --product ganport
bin="$(swift build -c release --show-bin-path)/ganport"
example=fixtures/examples/stylegan2-tiny.pkl
out=example-output
mkdir -p "$out"
echo "== ganport inspect $example"
"$bin" inspect "$example"
echo "== ganport convert $example --to $out/stylegan2-tiny.safetensors"
"$bin" convert "$example" --to "$out/stylegan2-tiny.safetensors"
echo "== ganport convert $example --select G_ema --strip-prefix --to $out/G_ema.pt"
"$bin" convert "$example" --select G_ema --strip-prefix --to "$out/G_ema.pt"
echo "== ganport convert $example --to $out/stylegan2-tiny.h5"
"$bin" convert "$example" --to "$out/stylegan2-tiny.h5"
echo "== ganport inspect $out/stylegan2-tiny.safetensors"
"$bin" inspect "$out/stylegan2-tiny.safetensors" | head -n 5
echo "outputs are in $out/"
