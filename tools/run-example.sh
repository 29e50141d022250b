#!/usr/bin/env bash
# The main job on the bundled example checkpoint (a small official StyleGAN2-ADA network pickle):
# inspect it, convert it to open formats, verify the converted generator against the official
# code's golden outputs and gradients, render images as the official generate.py does, fine-tune
# it on a few images with the official losses, and export the result back into an official pickle.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-system-packages.sh
swift build -c release --product ganport
bin="$(swift build -c release --show-bin-path)/ganport"
example=fixtures/examples/stylegan2-tiny.pkl
out=example-output
mkdir -p "$out"
run() { echo; echo "== ganport $*"; "$bin" "$@"; }
run inspect "$example"
run convert "$example" --to "$out/stylegan2-tiny.safetensors"
run convert "$example" --select G_ema --strip-prefix --to "$out/G_ema.pt"
run convert "$example" --to "$out/stylegan2-tiny.h5"
# The converted file must reproduce the official outputs and gradients (SPEC.md §8-9).
run verify fixtures/modules/sg2a_tiny16_G_skip.h5 fixtures/modules/sg2a_tiny16_D_resnet.h5 --checkpoint "$out/stylegan2-tiny.safetensors"
run generate "$example" --seeds 0-7 --trunc 0.7 --out "$out/images"
run generate "$out/stylegan2-tiny.safetensors" --seeds 0-7 --trunc 0.7 --out "$out/grid.png"
# Fine-tuning: 16 images rendered from the network itself stand in for a dataset here.
rm -rf "$out/finetune" "$out/finetune-data"
run generate "$example" --seeds 100-115 --out "$out/finetune-data" --quiet
run finetune "$example" --data "$out/finetune-data" --out "$out/finetune" --kimg 0.064 --snap-kimg 0.032 \
    --batch 4 --cfg paper256 --gamma 1 --mirror --quiet
# Back into the original pickle's object graph, for the official legacy.load_network_pkl / train.py --resume:
run export "$out/finetune/snapshot-000000064/network.safetensors" --template "$example" --to "$out/finetuned.pkl"
run generate "$out/finetuned.pkl" --seeds 0-7 --trunc 0.7 --out "$out/finetuned-grid.png" --quiet
echo
echo "outputs are in $out/: images/seed0000.png …, grid.png, finetune/ (metrics.jsonl, losses.png,"
echo "snapshot-*/ with samples.png), finetuned.pkl and finetuned-grid.png"
