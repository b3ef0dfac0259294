#include "boundary_ids.h"
#include "simulator.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cementflow
{
  using namespace dealii;

  void Simulator::mark_endplate_cells()
  {
    // A cell touches an endplate when one of its boundary faces faces up or
    // down (normal within about 45 degrees of the axis).
    endplate.assign(n_owned_cells, 0);
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const auto &cell = cells[c].pressure_cell;
        for (const unsigned int f : cell->face_indices())
          if (cell->at_boundary(f))
            {
              const Tensor<1, 3> outward =
                cell->face(f)->center() - cells[c].center;
              const double axial = outward[2] / outward.norm();
              if (axial > 0.7)
                endplate[c] |= 1;
              else if (axial < -0.7)
                endplate[c] |= 2;
            }
      }
  }



  void Simulator::account_leakage(const double time_step)
  {
    // Cement that left through each exit during the step, with the final
    // saturation of the implicit step, exactly as the transport balanced it.
    std::vector<double> leaked(leaked_volume.size(), 0.);
    for (const FaceInfo &face : faces)
      if (face.zone != numbers::invalid_unsigned_int && face.flux > 0)
        {
          const unsigned int c = face.cells[0];
          leaked[face.zone] +=
            time_step * face.flux *
            relative_permeability.fractional_flow(saturation.local_element(
                                                    cells[c].saturation_index),
                                                  cement_viscosity[c],
                                                  marrow_viscosity[c]);
        }
    Utilities::MPI::sum(leaked, communicator, leaked);

    // First arrival above the threshold, interpolated within the step; the
    // injected volume then is the safe volume if it is the first leak.
    const double threshold      = parameters.exit_zones.leak_threshold;
    const double injected_start = injected_volume - rate * time_step;
    for (unsigned int z = 0; z < leaked.size(); ++z)
      {
        const double before = leaked_volume[z];
        leaked_volume[z] += leaked[z];
        peak_leak_rate[z] = std::max(peak_leak_rate[z], leaked[z] / time_step);
        if (first_arrival_time[z] < 0 && leaked_volume[z] > threshold)
          {
            const double fraction = (threshold - before) / leaked[z];
            first_arrival_time[z] = time - time_step + fraction * time_step;
            first_arrival_injected[z] =
              injected_start + fraction * (injected_volume - injected_start);
            if (safe_volume < 0 || first_arrival_injected[z] < safe_volume)
              {
                safe_volume     = first_arrival_injected[z];
                first_leak_time = first_arrival_time[z];
                first_leak_zone = parameters.exit_zones.zones[z].name;
              }
          }
      }

    // The veins: cement past their foramina.
    circulation.account(
      time, time_step, injected_start, injected_volume, threshold);
    const Circulation::Circulation::FirstLeak vein = circulation.first_leak();
    if (vein.injected >= 0 && (safe_volume < 0 || vein.injected < safe_volume))
      {
        safe_volume     = vein.injected;
        first_leak_time = vein.time;
        first_leak_zone = vein.vein;
      }
    if (safe_volume >= 0 && parameters.injection.stop_at_first_leak &&
        stop_reason.empty())
      stop_reason = "stopped at the first leak";
  }



  void Simulator::summarize_leakage(RunSummary &summary) const
  {
    summary.leak_threshold = parameters.exit_zones.leak_threshold;
    for (unsigned int z = 0; z < leaked_volume.size(); ++z)
      {
        Postprocess::ZoneLeakage zone;
        zone.name                   = parameters.exit_zones.zones[z].name;
        zone.leak_class             = parameters.exit_zones.zones[z].leak_class;
        zone.leaked_volume          = leaked_volume[z];
        zone.first_arrival_time     = first_arrival_time[z];
        zone.first_arrival_injected = first_arrival_injected[z];
        zone.peak_rate              = peak_leak_rate[z];
        summary.zones.push_back(zone);
        summary.total_leaked_volume += leaked_volume[z];
      }
    circulation.summarize(summary);
    summary.leaked          = safe_volume >= 0;
    summary.safe_volume     = summary.leaked ? safe_volume : injected_volume;
    summary.first_leak_zone = first_leak_zone;
    summary.first_leak_time = first_leak_time;
  }



  void Simulator::summarize_filling(RunSummary &summary) const
  {
    // Cement and pore volume per region; the cloud's moments, extent,
    // endplate contact and sides. A cell counts as reached when its
    // saturation is at least the arrival saturation.
    const double          reached   = parameters.numerics.arrival_saturation;
    const unsigned int    n_regions = regions.n_regions();
    std::vector<double>   cement_in(n_regions, 0.), pores_in(n_regions, 0.);
    std::array<double, 3> lower, upper;
    lower.fill(std::numeric_limits<double>::max());
    upper.fill(-std::numeric_limits<double>::max());
    double second_moment = 0, left = 0, right = 0;
    int    contact = 0;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const double s = saturation.local_element(cells[c].saturation_index);
        const double pores        = cells[c].porosity * cells[c].volume;
        const double cement       = pores * s;
        const unsigned int region = cells[c].region_id;
        cement_in[region] += cement;
        pores_in[region] += pores;
        summary.cement_in_bone += cement;
        second_moment += cement * cells[c].center.norm_square();
        for (unsigned int d = 0; d < 3; ++d)
          summary.cement_first_moment[d] += cement * cells[c].center[d];
        (cells[c].center[0] >= 0 ? left : right) += cement;
        if (s >= reached)
          {
            contact |= endplate[c];
            for (unsigned int d = 0; d < 3; ++d)
              {
                lower[d] = std::min(lower[d], cells[c].center[d]);
                upper[d] = std::max(upper[d], cells[c].center[d]);
              }
          }
      }
    Utilities::MPI::sum(cement_in, communicator, cement_in);
    Utilities::MPI::sum(pores_in, communicator, pores_in);
    summary.cement_in_bone =
      Utilities::MPI::sum(summary.cement_in_bone, communicator);
    second_moment = Utilities::MPI::sum(second_moment, communicator);
    left          = Utilities::MPI::sum(left, communicator);
    right         = Utilities::MPI::sum(right, communicator);
    contact       = Utilities::MPI::max(contact, communicator);
    for (unsigned int d = 0; d < 3; ++d)
      {
        summary.cement_first_moment[d] =
          Utilities::MPI::sum(summary.cement_first_moment[d], communicator);
        summary.extent_min[d] = Utilities::MPI::min(lower[d], communicator);
        summary.extent_max[d] = Utilities::MPI::max(upper[d], communicator);
      }
    for (unsigned int r = 0; r < n_regions; ++r)
      summary.regions.push_back(
        {regions.region_name(r), cement_in[r], pores_in[r]});

    if (summary.cement_in_bone > 0)
      {
        double centroid_square = 0;
        for (unsigned int d = 0; d < 3; ++d)
          centroid_square +=
            std::pow(summary.cement_first_moment[d] / summary.cement_in_bone,
                     2);
        summary.cement_cloud_radius = std::sqrt(
          std::max(0.,
                   second_moment / summary.cement_in_bone - centroid_square));
      }
    summary.superior_endplate_contact = (contact & 1) != 0;
    summary.inferior_endplate_contact = (contact & 2) != 0;
    // Across the sagittal midplane x = 0 means reached cells on both sides,
    // beyond a millimetre from it.
    summary.crosses_midline =
      summary.extent_min[0] < -1e-3 && summary.extent_max[0] > 1e-3;
    summary.cement_left  = left;
    summary.cement_right = right;
  }
} // namespace cementflow
