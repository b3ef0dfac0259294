#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (unit, integration, mpi,
# format and reference checks) with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
ctest --test-dir "${CEMENTFLOW_BUILD_DIR:-build}" --output-on-failure "$@"
