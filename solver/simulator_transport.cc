#include "errors.h"
#include "simulator.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <cmath>
#include <queue>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  std::vector<std::vector<unsigned int>> Simulator::flow_ordering() const
  {
    // The owned cells grouped into strongly connected components of the
    // directed graph "fluid flows from cell a into cell b", listed upstream
    // first (Tarjan's algorithm, iterative). A potential flow has no cycles,
    // so almost every component is a single cell; fluxes at round-off level
    // can close small loops, which the sweep then iterates to convergence.
    const auto for_each_downstream = [this](const unsigned int c,
                                            const auto        &action) {
      for (const auto &[f, sign] : cell_faces[c])
        {
          const FaceInfo &face = faces[f];
          if (face.zone != numbers::invalid_unsigned_int ||
              sign * face.flux <= 0)
            continue;
          const unsigned int downstream = face.cells[sign > 0 ? 1 : 0];
          if (downstream < n_owned_cells)
            action(downstream);
        }
    };

    const unsigned int        unvisited = numbers::invalid_unsigned_int;
    std::vector<unsigned int> index(n_owned_cells, unvisited);
    std::vector<unsigned int> low_link(n_owned_cells, 0);
    std::vector<bool>         on_stack(n_owned_cells, false);
    std::vector<unsigned int> stack;
    std::vector<std::vector<unsigned int>> components;
    unsigned int                           next_index = 0;

    // Each frame: a cell and the list of its downstream cells still to visit.
    struct Frame
    {
      unsigned int              cell;
      std::vector<unsigned int> downstream;
      unsigned int              next = 0;
    };
    std::vector<Frame> frames;
    for (unsigned int root = 0; root < n_owned_cells; ++root)
      {
        if (index[root] != unvisited)
          continue;
        const auto open = [&](const unsigned int c) {
          index[c] = low_link[c] = next_index++;
          stack.push_back(c);
          on_stack[c] = true;
          Frame frame;
          frame.cell = c;
          for_each_downstream(c, [&frame](const unsigned int d) {
            frame.downstream.push_back(d);
          });
          frames.push_back(std::move(frame));
        };
        open(root);
        while (!frames.empty())
          {
            Frame &frame = frames.back();
            if (frame.next < frame.downstream.size())
              {
                const unsigned int d = frame.downstream[frame.next++];
                if (index[d] == unvisited)
                  open(d);
                else if (on_stack[d])
                  low_link[frame.cell] =
                    std::min(low_link[frame.cell], index[d]);
                continue;
              }
            const unsigned int c = frame.cell;
            frames.pop_back();
            if (!frames.empty())
              low_link[frames.back().cell] =
                std::min(low_link[frames.back().cell], low_link[c]);
            if (low_link[c] == index[c])
              {
                std::vector<unsigned int> component;
                unsigned int              member;
                do
                  {
                    member = stack.back();
                    stack.pop_back();
                    on_stack[member] = false;
                    component.push_back(member);
                  }
                while (member != c);
                components.push_back(std::move(component));
              }
          }
      }
    // Tarjan emits components downstream first.
    std::reverse(components.begin(), components.end());
    return components;
  }



  double Simulator::solve_cell_saturation(const unsigned int c,
                                          const double       time_step) const
  {
    // Implicit upwind balance of cell c:
    //   g(S) = a (S - S_old) + outflow * f(S) - cement inflow - source = 0,
    // with a = phi |K| / dt. g increases strictly in S, so it has exactly one
    // root; safeguarded Newton finds it.
    const CellInfo &cell  = cells[c];
    const double    mu_c  = cement_viscosity[c];
    const double    mu_m  = marrow_viscosity[c];
    const double    a     = cell.porosity * cell.volume / time_step;
    const double    s_old = old_saturation.local_element(cell.saturation_index);
    double          outflow = 0;
    double          inflow  = rate * source_share[c];
    // Into and out of the veins around the cell.
    circulation.cell_exchange(c, outflow, inflow);
    for (const auto &[f, sign] : cell_faces[c])
      {
        const FaceInfo &face = faces[f];
        const double    flux = sign * face.flux;
        if (flux > 0)
          outflow += flux;
        else if (face.zone == numbers::invalid_unsigned_int)
          {
            // Fluid entering through an exit is marrow and brings no cement.
            const unsigned int upstream = face.cells[sign > 0 ? 1 : 0];
            inflow -=
              flux *
              relative_permeability.fractional_flow(
                saturation.local_element(cells[upstream].saturation_index),
                cement_viscosity[upstream],
                marrow_viscosity[upstream]);
          }
      }

    const auto residual = [&](const double s, double &derivative) {
      double       df = 0;
      const double f =
        relative_permeability.fractional_flow(s, mu_c, mu_m, &df);
      derivative = a + outflow * df;
      return a * (s - s_old) + outflow * f - inflow;
    };

    // g(0) <= 0 and g(upper) >= 0 bracket the root.
    double lower = 0;
    double upper = s_old + inflow / a;
    double s =
      std::clamp(saturation.local_element(cell.saturation_index), lower, upper);
    for (unsigned int iteration = 0; iteration < 100; ++iteration)
      {
        double       derivative = 0;
        const double g          = residual(s, derivative);
        if (g > 0)
          upper = s;
        else
          lower = s;
        double next = s - g / derivative;
        if (!(next > lower && next < upper))
          next = 0.5 * (lower + upper);
        if (std::abs(next - s) <= 1e-15 || upper - lower <= 1e-15)
          return next;
        s = next;
      }
    return s;
  }



  void Simulator::solve_transport(const double time_step)
  {
    TimerOutput::Scope scope(timer, "transport: implicit upwind");

    old_saturation                                           = saturation;
    transport_order                                          = flow_ordering();
    const std::vector<std::vector<unsigned int>> &components = transport_order;
    circulation.begin_transport();
    const double tolerance = parameters.numerics.transport_tolerance;

    // One pass in flow order solves every owned cell exactly, given the
    // values of upstream ghost cells. Passes repeat until those ghost values
    // (and the veins) no longer change, which carries the front one rank
    // further per pass; later passes only revisit the components
    // downstream of a changed value, taken upstream first from a heap.
    std::vector<unsigned int> component_of(n_owned_cells);
    for (unsigned int k = 0; k < components.size(); ++k)
      for (const unsigned int c : components[k])
        component_of[c] = k;
    std::vector<bool> pending(components.size(), true);
    std::priority_queue<unsigned int,
                        std::vector<unsigned int>,
                        std::greater<unsigned int>>
               revisit;
    const auto mark = [&](const unsigned int c) {
      const unsigned int k = component_of[c];
      if (!pending[k])
        {
          pending[k] = true;
          revisit.push(k);
        }
    };
    const auto mark_downstream = [&](const unsigned int c) {
      for (const auto &[f, sign] : cell_faces[c])
        {
          const FaceInfo &face = faces[f];
          if (face.zone == numbers::invalid_unsigned_int &&
              sign * face.flux > 0)
            {
              const unsigned int downstream = face.cells[sign > 0 ? 1 : 0];
              if (downstream < n_owned_cells)
                mark(downstream);
            }
        }
    };
    const auto solve_component = [&](const unsigned int k) {
      const std::vector<unsigned int> &component = components[k];
      pending[k]                                 = false;
      for (unsigned int iteration = 0;; ++iteration)
        {
          double change = 0;
          for (const unsigned int c : component)
            {
              const unsigned int i = cells[c].saturation_index;
              const double       s = solve_cell_saturation(c, time_step);
              const double       cell_change =
                std::abs(s - saturation.local_element(i));
              change                      = std::max(change, cell_change);
              saturation.local_element(i) = s;
              if (cell_change > tolerance)
                mark_downstream(c);
            }
          // A loop marks itself; its own iteration settles it.
          pending[k] = false;
          if (component.size() == 1 || change <= tolerance)
            break;
          if (iteration == 10000)
            throw SimulationError(
              "The implicit saturation update did not converge on a loop "
              "of " +
              std::to_string(component.size()) +
              " cells at t = " + std::to_string(time) + " s.");
        }
    };

    std::vector<double> ghost_values(cells.size() - n_owned_cells);
    const unsigned int  max_passes = 200;
    for (last_transport_sweeps = 1; last_transport_sweeps <= max_passes;
         ++last_transport_sweeps)
      {
        if (last_transport_sweeps == 1)
          {
            // Every component, in flow order; what they mark downstream
            // comes later in the same loop.
            for (unsigned int k = 0; k < components.size(); ++k)
              solve_component(k);
            revisit = {};
          }
        else
          while (!revisit.empty())
            {
              const unsigned int k = revisit.top();
              revisit.pop();
              if (pending[k])
                solve_component(k);
            }

        for (unsigned int g = n_owned_cells; g < cells.size(); ++g)
          ghost_values[g - n_owned_cells] =
            saturation.local_element(cells[g].saturation_index);
        saturation.update_ghost_values();
        double ghost_change = 0;
        for (unsigned int g = n_owned_cells; g < cells.size(); ++g)
          {
            const double change =
              std::abs(saturation.local_element(cells[g].saturation_index) -
                       ghost_values[g - n_owned_cells]);
            ghost_change = std::max(ghost_change, change);
            if (change > tolerance)
              for (const unsigned int c : ghost_downstream[g - n_owned_cells])
                mark(c);
          }
        // The veins, from the bone's new saturation; cells they feed with
        // cement of a changed concentration are solved again.
        const std::vector<unsigned int> fed =
          circulation.transport(bone_state(), time_step, tolerance);
        for (const unsigned int c : fed)
          mark(c);
        const bool veins_changed =
          Utilities::MPI::max(fed.empty() ? 0u : 1u, communicator) > 0;
        if (Utilities::MPI::max(ghost_change, communicator) <= tolerance &&
            !veins_changed)
          return;
      }
    std::ostringstream message;
    message << "The implicit saturation update did not converge in "
            << max_passes << " passes across the ranks at t = " << time
            << " s.";
    throw SimulationError(message.str());
  }
} // namespace cementflow
