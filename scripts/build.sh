#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then configures and builds
# cementflow in build/ (Release, with ccache when present). Safe to rerun:
# an up-to-date build costs a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

build_dir=${CEMENTFLOW_BUILD_DIR:-build}
jobs=${CEMENTFLOW_BUILD_JOBS:-$(nproc)}

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build_dir" --parallel "$jobs"
