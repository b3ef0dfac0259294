#include "simulator.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>

namespace cementflow
{
  using namespace dealii;

  Simulator::StepStart Simulator::step_start() const
  {
    StepStart start;
    start.leaked = leaked_volume;
    for (const double arrival : first_arrival_time)
      start.zone_leaked.push_back(arrival >= 0);
    start.vein_cement =
      circulation.cement_in_veins() + circulation.leaked_through_veins();
    start.vein_leaked   = circulation.first_leak().injected >= 0;
    start.tip_viscosity = tip_viscosity();
    start.injected      = injected_volume;
    return start;
  }



  Numerics::StepChanges Simulator::step_changes(const StepStart &start) const
  {
    Numerics::StepChanges changes;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const unsigned int i = cells[c].saturation_index;
        changes.saturation =
          std::max(changes.saturation,
                   std::abs(saturation.local_element(i) -
                            old_saturation.local_element(i)));
      }
    for (const FaceInfo &face : faces)
      if (face.zone != numbers::invalid_unsigned_int &&
          face.cells[0] < n_owned_cells)
        {
          const unsigned int i = cells[face.cells[0]].saturation_index;
          changes.exit_saturation =
            std::max(changes.exit_saturation,
                     std::abs(saturation.local_element(i) -
                              old_saturation.local_element(i)));
        }
    const double threshold = parameters.exit_zones.leak_threshold;
    for (unsigned int z = 0; z < leaked_volume.size(); ++z)
      if (!start.zone_leaked[z])
        changes.leak =
          std::max(changes.leak,
                   (leaked_volume[z] - start.leaked[z]) / threshold);
    // Cement entering the veins is on its way to a venous leak.
    if (!start.vein_leaked)
      changes.leak =
        std::max(changes.leak,
                 (circulation.cement_in_veins() +
                  circulation.leaked_through_veins() - start.vein_cement) /
                   threshold);
    changes.saturation = Utilities::MPI::max(changes.saturation, communicator);
    changes.exit_saturation =
      Utilities::MPI::max(changes.exit_saturation, communicator);
    return changes;
  }



  double Simulator::viscosity_change(const StepStart &start) const
  {
    const double viscosity = tip_viscosity();
    return viscosity > 0 && start.tip_viscosity > 0 ?
             std::abs(std::log(viscosity / start.tip_viscosity)) :
             0.;
  }



  bool Simulator::adaptation_due(const double saturation_change)
  {
    if (parameters.adaptive_mesh.levels == 0)
      return false;
    // Every Steps between adaptations steps; adaptive steps also once the
    // front may have crossed a finest cell (the largest saturation changes
    // since the last adaptation sum to one), so that it stays inside the
    // refined band of one cell on either side.
    ++steps_since_adaptation;
    front_advance_since_adaptation += saturation_change;
    if (steps_since_adaptation < parameters.adaptive_mesh.steps_between &&
        !(parameters.numerics.adaptive_time_steps &&
          front_advance_since_adaptation >= 1.))
      return false;
    steps_since_adaptation         = 0;
    front_advance_since_adaptation = 0;
    return true;
  }



  double Simulator::next_step_volume() const
  {
    // The controller's volume, cut at the target and at the next pause.
    // Field outputs do not cut steps (as in ASPECT, they come at the first
    // step that reaches their volume), so writing fields does not change
    // the answer.
    double volume = std::min(time_step_control.volume(),
                             parameters.injection.volume - injected_volume);
    if (next_pause < parameters.injection.pauses.size())
      volume = std::min(volume,
                        parameters.injection.pauses[next_pause].first -
                          injected_volume);
    return volume;
  }



  double Simulator::next_output_volume() const
  {
    // The next multiple of the interval after the last output.
    const double interval = parameters.output.volume_interval;
    return (std::floor(last_output_volume / interval + 1e-9) + 1) * interval;
  }
} // namespace cementflow
