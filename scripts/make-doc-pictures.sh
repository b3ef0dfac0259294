#!/usr/bin/env bash
# Regenerates the pictures of docs/ from runs of the current build, so that
# none is made by hand:
#   docs/images/default-case.png            the default case's cement cloud
#   docs/images/default-case-plots.png      its pressures and leakage
#   docs/images/leak-scenario.png           the leak-prone scenario, 5 mL
#   docs/images/venous-leak.png             params/venous-leak.prm
#   docs/images/venous-leak-plots.png       its pressures and vein leak
#   docs/images/sweep-example-risk-map.png  params/sweep-example.prm
#   docs/images/ensemble-example-probability.png  params/ensemble-example.prm
#   docs/images/spinal-levels.png          T1, T4, T8, T12, L3 and L5 of the
#                                           level table side by side
#   docs/images/geometry-*.png              `cementflow mesh` of each kind of
#                                           geometry (parametric lumbar,
#                                           thoracic bipedicular, leak paths,
#                                           Gmsh file, CT phantom)
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

mpirun -np "$ranks" build/cementflow run params/venous-leak.prm \
  --output "$work/venous" --pictures
cp "$work/venous/cement_cloud.png" "$images/venous-leak.png"
cp "$work/venous/pressures_and_leakage.png" "$images/venous-leak-plots.png"

mpirun -np "$ranks" build/cementflow sweep params/sweep-example.prm \
  --output "$work/sweep"
cp "$work/sweep/risk_map.png" "$images/sweep-example-risk-map.png"

levels=()
for level in T1 T4 T8 T12 L3 L5; do
  mpirun -np "$ranks" build/cementflow mesh \
    --set "Geometry/Vertebral body/Level=$level" --set "Geometry/Cell size=1.5" \
    --set "Needle/Placement=left transpedicular" --set "Lesions/Names=" \
    --output "$work/level-$level"
  levels+=("$level=$work/level-$level")
done
scripts/pvpython postprocess/paraview/render_levels.py "$images/spinal-levels.png" \
  "${levels[@]}" --size 1600 520 \
  --title "the level table at one scale, with the left transpedicular needle"

geometry() {  # NAME TITLE CEMENTFLOW-MESH-ARGUMENTS...
  local name=$1 title=$2
  shift 2
  mpirun -np "$ranks" build/cementflow mesh "$@" --output "$work/$name"
  scripts/pvpython postprocess/paraview/render_geometry.py "$work/$name" \
    "$images/geometry-$name.png" --size 900 675 --title "$title"
}
geometry lumbar "parametric L5-like body, blastic lesion, three foramina"
geometry thoracic "thoracic level, bipedicular transpedicular needles" \
  --set "Geometry/Vertebral body/Level=thoracic" \
  --set "Lesions/blastic lesion/Center=-5, 2, 0" \
  --set "Lesions/blastic lesion/Semi-axes=4, 3, 3" \
  --set "Needle/Placement=left transpedicular" \
  --set "Needle/Approach=bipedicular"
geometry leak-paths "basivertebral vein, fracture cleft, random porosity" \
  params/leak-paths.prm
geometry mesh-file "Gmsh mesh with a labelled lesion and exit" \
  params/mesh-file.prm
geometry ct-phantom "CT phantom: voxels, imaged porosity, labelled exits" \
  params/ct-phantom.prm

if [ "${1:-}" != "--quick" ]; then
  mpirun -np "$ranks" build/cementflow sweep params/ensemble-example.prm \
    --output "$work/ensemble"
  cp "$work/ensemble/leak_probability.png" \
    "$images/ensemble-example-probability.png"
fi
rm -rf "$work"
echo "Pictures written to $images."
