// Steady single-phase injection of a power-law fluid from a ball source at
// the centre of a sphere held at zero pressure (physics-reference.md 8.1).
// With the Christopher-Middleman pore shear rate the Darcy law becomes
// -dp/dr = (H/k) u^n, H = (K/12)(9 + 3/n)^n (150 k phi)^((1-n)/2), with
// u = Q / (4 pi r^2) outside the source ball of radius r0 and
// u = Q r / (4 pi r0^3) inside it (the source is uniform), so
//
//   p(r) = (H/k)(Q/4pi)^n (r^(1-2n) - R^(1-2n)) / (2n - 1)     r >= r0,
//          (H/k)(Q/4pi)^n ln(R/r)                       (n = 1/2)
//   p(r) = p(r0) + (H/k)(Q/(4pi r0^3))^n (r0^(n+1) - r^(n+1)) / (n+1)  r < r0.
//
// n = 1 is Newtonian (then H = K = mu). The injected fluid here is the
// marrow itself: the case injects a negligible volume of cement, so the
// flow is the marrow's, single-phase and steady. For each flow index the
// program refines the sphere and prints the L2 error of the pressure, the
// tip pressure (the source-weighted mean over the ball) against its exact
// value, the error of the conservative face fluxes against u.n outside the
// source, and the observed orders; it writes them to a CSV file.
// Arguments: flow indices (default 1 0.7 0.5 0.3).

#include "case_parameters.h"
#include "simulator.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace cementflow;

namespace
{
  constexpr double radius = 10e-3, r0 = 2e-3, k = 4e-8, phi = 0.9, q = 5e-8,
                   consistency = 0.04;

  class ExactPressure : public dealii::Function<3>
  {
  public:
    explicit ExactPressure(const double n)
      : n(n)
      , scale(consistency / 12 * std::pow(9 + 3 / n, n) *
              std::pow(150 * k * phi, (1 - n) / 2) / k)
    {}

    double value(const dealii::Point<3> &p,
                 const unsigned int = 0) const override
    {
      const double r = p.norm();
      if (r >= r0)
        return outside(r);
      return outside(r0) +
             scale * std::pow(q / (4 * M_PI * std::pow(r0, 3)), n) *
               (std::pow(r0, n + 1) - std::pow(r, n + 1)) / (n + 1);
    }

    // The mean over the source ball, by the midpoint rule in r.
    double tip_pressure() const
    {
      const unsigned int steps = 100000;
      double             sum   = 0;
      for (unsigned int i = 0; i < steps; ++i)
        {
          const double r = (i + 0.5) * r0 / steps;
          sum += value(dealii::Point<3>(r, 0, 0)) * 3 * r * r /
                 std::pow(r0, 3) * (r0 / steps);
        }
      return sum;
    }

  private:
    double outside(const double r) const
    {
      const double front = scale * std::pow(q / (4 * M_PI), n);
      if (std::abs(n - 0.5) < 1e-12)
        return front * std::log(radius / r);
      return front * (std::pow(r, 1 - 2 * n) - std::pow(radius, 1 - 2 * n)) /
             (2 * n - 1);
    }

    const double n, scale;
  };
} // namespace

int main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const bool                               root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  // Arguments: flow indices, and overrides "Subsection/Entry=value" applied
  // to every run (to compare numerical options).
  std::vector<std::string> flow_indices, overrides;
  for (int i = 1; i < argc; ++i)
    (std::string(argv[i]).find('=') == std::string::npos ? flow_indices :
                                                           overrides)
      .push_back(argv[i]);
  if (flow_indices.empty())
    flow_indices = {"1", "0.7", "0.5", "0.3"};
  const std::vector<std::string> cell_sizes = {"5", "2.5", "1.25", "0.625"};
  const auto                     settings   = [&overrides](const std::string &h,
                                     const std::string &n) {
    std::vector<std::string> all = {"Geometry/Cell size=" + h,
                                    "Marrow/Flow index=" + n,
                                    "Output/Directory=output-n" + n + "-h" + h};
    all.insert(all.end(), overrides.begin(), overrides.end());
    return all;
  };

  const auto exact_velocity = [](const dealii::Point<3> &p) {
    return dealii::Tensor<1, 3>(p) * (q / (4 * M_PI * std::pow(p.norm(), 3)));
  };

  std::ofstream csv;
  if (root)
    {
      csv.open("spherical_injection.csv");
      csv << "flow index,cell size (mm),cells,viscosity iterations,"
             "L2 error (relative),tip pressure (Pa),exact tip pressure (Pa),"
             "tip error (relative),flux error (relative)\n";
    }

  for (const std::string &n : flow_indices)
    {
      const ExactPressure exact(std::stod(n));
      const double        exact_tip = exact.tip_pressure();
      if (root)
        std::cout << "\nflow index n = " << n << "\n"
                  << std::setw(8) << "h (mm)" << std::setw(8) << "cells"
                  << std::setw(7) << "iter" << std::setw(12) << "L2 error"
                  << std::setw(7) << "order" << std::setw(12) << "tip (Pa)"
                  << std::setw(12) << "exact" << std::setw(11) << "tip err"
                  << std::setw(7) << "order" << std::setw(11) << "flux err"
                  << std::setw(7) << "order" << std::endl;
      double last_error = 0, last_tip_error = 0, last_flux_error = 0;
      for (const std::string &h : cell_sizes)
        {
          dealii::ParameterHandler prm;
          const CaseParameters     parameters =
            read_case(SOURCE_DIR "/spherical_injection.prm",
                      settings(h, n),
                      prm);
          Simulator        simulator(parameters, "", MPI_COMM_WORLD);
          const RunSummary summary = simulator.run();
          const auto [error, norm] = simulator.pressure_l2_error(exact);
          const double relative    = error / norm;
          const double tip_error =
            std::abs(summary.final_tip_pressure - exact_tip) / exact_tip;
          const double flux_error =
            simulator.flux_error(exact_velocity, r0 + std::stod(h) * 1e-3);
          const auto order = [](const double last, const double now) {
            return last > 0 ? std::log2(last / now) : 0.;
          };
          if (root)
            {
              std::cout << std::setw(8) << h << std::setw(8) << summary.n_cells
                        << std::setw(7) << summary.last_viscosity_iterations
                        << std::setw(12) << std::setprecision(4) << relative
                        << std::setw(7) << std::setprecision(3)
                        << order(last_error, relative) << std::setw(12)
                        << std::setprecision(5) << summary.final_tip_pressure
                        << std::setw(12) << exact_tip << std::setw(11)
                        << std::setprecision(4) << tip_error << std::setw(7)
                        << std::setprecision(3)
                        << order(last_tip_error, tip_error) << std::setw(11)
                        << std::setprecision(4) << flux_error << std::setw(7)
                        << std::setprecision(3)
                        << order(last_flux_error, flux_error) << std::endl;
              csv << n << ',' << h << ',' << summary.n_cells << ','
                  << summary.last_viscosity_iterations << ',' << relative << ','
                  << summary.final_tip_pressure << ',' << exact_tip << ','
                  << tip_error << ',' << flux_error << '\n';
            }
          last_error      = relative;
          last_tip_error  = tip_error;
          last_flux_error = flux_error;
        }
    }
}
