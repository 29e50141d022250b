#!/usr/bin/env bash
# Runs the whole GANPort test suite on a fresh Debian machine: system packages, then an optimized build.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-system-packages.sh
# Numeric code is very slow in debug builds: test an optimized build with testability enabled.
swift test -c release -Xswiftc -enable-testing --disable-swift-testing "$@"
