#!/usr/bin/env bash
# Installs the Debian 12 packages cementflow needs to build, run and test.
# Idempotent: only missing packages are installed. As root it installs them
# with apt-get; otherwise it prints the `sudo apt-get install ...` line and
# stops, so nothing happens behind the user's back.
set -euo pipefail

packages=(
  # Compiler and build tools.
  g++ make cmake ccache
  # deal.II 9.4 with MPI, p4est, PETSc (hypre, MUMPS), Trilinos, muparser.
  libdeal.ii-dev
  # MPI launcher for parallel runs and the two-rank tests.
  openmpi-bin libopenmpi-dev
  # VTK 9: needle geometry output and the tests that read our VTU files.
  libvtk9-dev
  # zlib: the NIfTI header check reads .nii.gz itself.
  zlib1g-dev
  # Command line and unit tests.
  libboost-program-options-dev libgtest-dev
  # Format check (pinned to Debian 12's clang-format 14) and the scripts
  # that compare benchmark results and draw their figures.
  clang-format python3 python3-numpy python3-matplotlib
  # ParaView 5.11 for the pictures and the tests that open our results the
  # way users do (scripts/pvpython runs its pvpython beside libvtk9-dev),
  # rendering under Xvfb.
  paraview xvfb xauth
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} required Debian packages are installed."
  exit 0
fi

echo "setup: missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: not running as root; please run:"
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
  exit 1
fi

echo "setup: installing them with apt-get (this can take several minutes)."
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup: done."
