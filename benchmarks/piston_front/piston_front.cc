// The piston-like cement front of physics-reference.md 8.2 (see
// piston_front.prm): for each cell size, the radius at which the shell-
// averaged cement saturation falls through 0.5, and the tip pressure, both
// against their analytic values after the whole injection; the error's
// convergence order. The injected volume per time step shrinks with the cell
// size (0.025 mL at 1.25 mm), so that space and time are refined together.
// Arguments: cell sizes in mm (default 2.5 1.25 0.625).

#include "case_parameters.h"
#include "simulator.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace cementflow;

namespace
{
  // Radius where the shell average of the saturation first drops below 0.5,
  // from shells of width dr, interpolated linearly between shell centres.
  double front_radius(const std::vector<std::array<double, 5>> &cells,
                      const double                              dr,
                      const double                              outer_radius)
  {
    const unsigned int  n_shells = static_cast<unsigned int>(outer_radius / dr);
    std::vector<double> sum(n_shells, 0.), count(n_shells, 0.);
    for (const auto &c : cells)
      {
        const double r = std::sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        const unsigned int shell = std::min<unsigned int>(r / dr, n_shells - 1);
        sum[shell] += c[3];
        count[shell] += 1;
      }
    double last_r = 0, last_s = 1;
    for (unsigned int i = 0; i < n_shells; ++i)
      if (count[i] > 0)
        {
          const double r = (i + 0.5) * dr, s = sum[i] / count[i];
          if (s < 0.5)
            return last_r + (r - last_r) * (last_s - 0.5) / (last_s - s);
          last_r = r;
          last_s = s;
        }
    return outer_radius;
  }
} // namespace

int main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const bool                               root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  // Arguments: cell sizes in mm, and overrides "Subsection/Entry=value"
  // applied to every run (to compare numerical options).
  std::vector<std::string> cell_sizes, overrides;
  for (int i = 1; i < argc; ++i)
    (std::string(argv[i]).find('=') == std::string::npos ? cell_sizes :
                                                           overrides)
      .push_back(argv[i]);
  if (cell_sizes.empty())
    cell_sizes = {"2.5", "1.25", "0.625"};

  const double phi = 0.9, k = 4e-8, mu_c = 100, mu_m = 0.04, r0 = 1.5e-3,
               radius = 12e-3, q = 5e-8, volume = 0.5e-6;
  const double exact_front = std::cbrt(3 * volume / (4 * M_PI * phi));
  const double exact_tip   = q / (4 * M_PI * k) *
                           (mu_c * (6 / (5 * r0) - 1 / exact_front) +
                            mu_m * (1 / exact_front - 1 / radius));

  std::ofstream csv;
  if (root)
    {
      csv.open("piston_front.csv");
      csv << "cell size (mm),cells,front radius (mm),exact front radius (mm),"
             "front error (relative),tip pressure (kPa),exact tip pressure "
             "(kPa),tip error (relative)\n";
      std::cout << std::setw(8) << "h (mm)" << std::setw(9) << "cells"
                << std::setw(12) << "r_f (mm)" << std::setw(12) << "exact"
                << std::setw(11) << "error" << std::setw(7) << "order"
                << std::setw(12) << "p_tip (kPa)" << std::setw(11) << "exact"
                << std::setw(11) << "error" << std::setw(7) << "order"
                << std::endl;
    }

  double last_front_error = 0, last_tip_error = 0;
  for (const std::string &h : cell_sizes)
    {
      dealii::ParameterHandler prm;
      // Steps proportional to the cell size, for the convergence orders.
      std::vector<std::string> settings = {"Geometry/Cell size=" + h,
                                           "Numerics/Time stepping=fixed "
                                           "volume",
                                           "Numerics/Volume per time step=" +
                                             std::to_string(
                                               0.025 * std::stod(h) / 1.25),
                                           "Output/Directory=output-h" + h};
      settings.insert(settings.end(), overrides.begin(), overrides.end());
      const CaseParameters parameters =
        read_case(SOURCE_DIR "/piston_front.prm", settings, prm);
      Simulator        simulator(parameters, "", MPI_COMM_WORLD);
      const RunSummary summary = simulator.run();
      const auto       cells   = simulator.gather_cell_saturation();
      if (!root)
        continue;
      const double front = front_radius(cells, std::stod(h) * 1e-3 / 2, radius);
      const double front_error = std::abs(front - exact_front) / exact_front;
      const double tip_error =
        std::abs(summary.final_tip_pressure - exact_tip) / exact_tip;
      std::cout << std::setw(8) << h << std::setw(9) << summary.n_cells
                << std::setw(12) << std::setprecision(4) << front * 1e3
                << std::setw(12) << exact_front * 1e3 << std::setw(11)
                << std::setprecision(3) << front_error << std::setw(7)
                << (last_front_error > 0 ?
                      std::log2(last_front_error / front_error) :
                      0.)
                << std::setw(12) << std::setprecision(4)
                << summary.final_tip_pressure * 1e-3 << std::setw(11)
                << exact_tip * 1e-3 << std::setw(11) << std::setprecision(3)
                << tip_error << std::setw(7)
                << (last_tip_error > 0 ? std::log2(last_tip_error / tip_error) :
                                         0.)
                << std::endl;
      csv << h << ',' << summary.n_cells << ',' << front * 1e3 << ','
          << exact_front * 1e3 << ',' << front_error << ','
          << summary.final_tip_pressure * 1e-3 << ',' << exact_tip * 1e-3 << ','
          << tip_error << '\n';
      last_front_error = front_error;
      last_tip_error   = tip_error;
    }

  // The front against time: the same case at 1.25 mm stopped after
  // increasing volumes, r_f(t) = (3 Q t / (4 pi phi))^(1/3).
  std::ofstream history;
  if (root)
    {
      history.open("piston_front_history.csv");
      history << "time (s),injected volume (mL),front radius (mm),"
                 "exact front radius (mm),tip pressure (kPa),"
                 "exact tip pressure (kPa)\n";
      std::cout << "\nfront against time, 1.25 mm:\n"
                << std::setw(8) << "t (s)" << std::setw(12) << "r_f (mm)"
                << std::setw(12) << "exact" << std::setw(14) << "p_tip (kPa)"
                << std::setw(12) << "exact" << std::endl;
    }
  for (const double millilitres : {0.1, 0.2, 0.3, 0.4, 0.5})
    {
      dealii::ParameterHandler prm;
      const CaseParameters     parameters =
        read_case(SOURCE_DIR "/piston_front.prm",
                  {"Geometry/Cell size=1.25",
                   "Injection/Volume=" + std::to_string(millilitres),
                   "Output/Directory=output-history"},
                  prm);
      Simulator        simulator(parameters, "", MPI_COMM_WORLD);
      const RunSummary summary = simulator.run();
      const auto       cells   = simulator.gather_cell_saturation();
      if (!root)
        continue;
      const double v     = millilitres * 1e-6;
      const double exact = std::cbrt(3 * v / (4 * M_PI * phi));
      const double tip =
        q / (4 * M_PI * k) *
        (mu_c * (6 / (5 * r0) - 1 / exact) + mu_m * (1 / exact - 1 / radius));
      const double front = front_radius(cells, 1.25e-3 / 2, radius);
      std::cout << std::setw(8) << summary.end_time << std::setw(12)
                << std::setprecision(4) << front * 1e3 << std::setw(12)
                << exact * 1e3 << std::setw(14)
                << summary.final_tip_pressure * 1e-3 << std::setw(12)
                << tip * 1e-3 << std::endl;
      history << summary.end_time << ',' << millilitres << ',' << front * 1e3
              << ',' << exact * 1e3 << ',' << summary.final_tip_pressure * 1e-3
              << ',' << tip * 1e-3 << '\n';
    }
}
