// Steady single-phase injection from a ball source at the centre of a
// sphere held at zero pressure on its surface (physics-reference.md 8.1):
//
//   p(r) = Q mu / (4 pi k) (1/r - 1/R)                       for r >= r0,
//   p(r) = Q mu / (4 pi k) ((3 r0^2 - r^2) / (2 r0^3) - 1/R)  for r <  r0,
//
// the second line because cementflow spreads the source uniformly over the
// ball of radius r0. The Darcy velocity outside the ball is
// u = Q / (4 pi r^2) r/|r|; the conservative face fluxes the transport uses
// are compared with it face by face (outside r0 + one cell). Cement and marrow
// get the same viscosity, so the flow is single-phase and steady from the first
// step. The program runs the sphere at several cell sizes and prints the L2
// error of the pressure, the tip pressure against its exact value Q mu / (4 pi
// k) (6 / (5 r0) - 1/R), and the observed convergence orders; it writes them to
// a CSV file.

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
  class ExactPressure : public dealii::Function<3>
  {
  public:
    ExactPressure(const double scale, const double r0, const double radius)
      : scale(scale)
      , r0(r0)
      , radius(radius)
    {}

    double value(const dealii::Point<3> &p, const unsigned int) const override
    {
      const double r = p.norm();
      if (r >= r0)
        return scale * (1 / r - 1 / radius);
      return scale * ((3 * r0 * r0 - r * r) / (2 * r0 * r0 * r0) - 1 / radius);
    }

  private:
    const double scale, r0, radius;
  };
} // namespace

int main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const bool                               root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  // Cell sizes in mm; each halves the last (the sphere is refined globally).
  std::vector<std::string> cell_sizes = {"5", "2.5", "1.25", "0.625"};
  if (argc > 1)
    cell_sizes.assign(argv + 1, argv + argc);

  const double        radius = 10e-3, r0 = 2e-3, k = 4e-8, mu = 0.04, q = 5e-8;
  const double        scale = q * mu / (4 * M_PI * k);
  const ExactPressure exact(scale, r0, radius);
  const double        exact_tip = scale * (6 / (5 * r0) - 1 / radius);

  std::ofstream csv;
  if (root)
    {
      csv.open("spherical_injection.csv");
      csv << "cell size (mm),cells,L2 error (relative),tip pressure (Pa),"
             "exact tip pressure (Pa),tip error (relative),"
             "flux error (relative)\n";
      std::cout << std::setw(10) << "h (mm)" << std::setw(10) << "cells"
                << std::setw(14) << "L2 error" << std::setw(8) << "order"
                << std::setw(14) << "tip (Pa)" << std::setw(14) << "exact (Pa)"
                << std::setw(12) << "tip error" << std::setw(8) << "order"
                << std::setw(12) << "flux error" << std::setw(8) << "order"
                << std::endl;
    }

  double     last_error = 0, last_tip_error = 0, last_flux_error = 0;
  const auto exact_velocity = [q](const dealii::Point<3> &p) {
    return dealii::Tensor<1, 3>(p) * (q / (4 * M_PI * std::pow(p.norm(), 3)));
  };
  for (const std::string &h : cell_sizes)
    {
      dealii::ParameterHandler prm;
      const CaseParameters     parameters =
        read_case(SOURCE_DIR "/spherical_injection.prm",
                  {"Geometry/Cell size=" + h, "Output/Directory=output-h" + h},
                  prm);
      Simulator        simulator(parameters, "", MPI_COMM_WORLD);
      const RunSummary summary = simulator.run();
      const auto [error, norm] = simulator.pressure_l2_error(exact);
      const double relative    = error / norm;
      const double tip_error =
        std::abs(summary.final_tip_pressure - exact_tip) / exact_tip;
      const double flux_error =
        simulator.flux_error(exact_velocity, r0 + std::stod(h) * 1e-3);
      if (root)
        {
          std::cout
            << std::setw(10) << h << std::setw(10) << summary.n_cells
            << std::setw(14) << std::setprecision(4) << relative << std::setw(8)
            << std::setprecision(3)
            << (last_error > 0 ? std::log2(last_error / relative) : 0.)
            << std::setw(14) << std::setprecision(6)
            << summary.final_tip_pressure << std::setw(14) << exact_tip
            << std::setw(12) << std::setprecision(4) << tip_error
            << std::setw(8) << std::setprecision(3)
            << (last_tip_error > 0 ? std::log2(last_tip_error / tip_error) : 0.)
            << std::setw(12) << std::setprecision(4) << flux_error
            << std::setw(8) << std::setprecision(3)
            << (last_flux_error > 0 ? std::log2(last_flux_error / flux_error) :
                                      0.)
            << std::endl;
          csv << h << ',' << summary.n_cells << ',' << relative << ','
              << summary.final_tip_pressure << ',' << exact_tip << ','
              << tip_error << ',' << flux_error << '\n';
        }
      last_error      = relative;
      last_tip_error  = tip_error;
      last_flux_error = flux_error;
    }
}
