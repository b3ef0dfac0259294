#!/usr/bin/env bash
# Regenerates the pictures of docs/ from runs of the current build, so that
# none is made by hand:
#   docs/images/default-case.png            the default case's cement cloud
#   docs/images/default-case-plots.png      its pressures and leakage
#   docs/images/leak-scenario.png           the leak-prone scenario, 5 mL
#   docs/images/sweep-example-risk-map.png  params/sweep-example.prm
#   docs/images/ensemble-example-probability.png  params/ensemble-example.prm
# Takes about 10 minutes on 2 cores (the ensemble dominates; pass --quick
# to skip it). Needs the build (scripts/build.sh) and ParaView
# (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
images=docs/images
work=$(mktemp -d)
mkdir -p "$images"
ranks=${CEMENTFLOW_RANKS:-2}

mpirun -np "$ranks" build/cementflow run --output "$work/default" --pictures
cp "$work/default/cement_cloud.png" "$images/default-case.png"
cp "$work/default/pressures_and_leakage.png" "$images/default-case-plots.png"

mpirun -np "$ranks" build/cementflow run params/leak-scenario.prm \
  --set "Injection/Volume=5" --set "Needle/Tip offset along trajectory=-12" \
  --set "Output/Write fields=true" --output "$work/leak" --pictures
cp "$work/leak/cement_cloud.png" "$images/leak-scenario.png"

mpirun -np "$ranks" build/cementflow sweep params/sweep-example.prm \
  --output "$work/sweep"
cp "$work/sweep/risk_map.png" "$images/sweep-example-risk-map.png"

if [ "${1:-}" != "--quick" ]; then
  mpirun -np "$ranks" build/cementflow sweep params/ensemble-example.prm \
    --output "$work/ensemble"
  cp "$work/ensemble/leak_probability.png" \
    "$images/ensemble-example-probability.png"
fi
rm -rf "$work"
echo "Pictures written to $images."
