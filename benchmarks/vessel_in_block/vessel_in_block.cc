// One vessel through a porous block, against the closed form of Poiseuille
// flow with Darcy exchange (docs/circulation.md derives it).
//
// A cylinder of bone (radius R, length L, axis z) whose hull is held at p_B
// carries a vessel of radius r_w along its axis, open at both ends to
// plexus pressures p_1 (z = -L/2) and p_2 (z = +L/2). The bone's axial
// permeability is a thousandth of the transverse k, so each cross-section
// drains radially: per length the bone gives the vessel
// alpha (p_B - P) with alpha = 2 pi (k / mu_m) / ln(R / r_w), and the
// vessel carries Q = -G' dP/dz with G' = pi r_w^4 / (8 mu_b). Hence
// P'' = (P - p_B) / l^2 with l = sqrt(G' / alpha), and with
// phi = P - p_B:
//
//   phi(z) = A cosh(z / l) + B sinh(z / l),
//   A = (phi_1 + phi_2) / (2 cosh(L / 2l)), B = (phi_2 - phi_1) / (2 sinh(L /
//   2l)),
//
// so the flows into the plexus at the two ends are
// Q_2 = -G' phi'(L/2) and Q_1 = G' phi'(-L/2). The program meshes the
// cylinder at several cell sizes, runs the resting state of the case (no
// injection) for two vessel radii, and prints both flows against the closed
// form. Arguments: cell sizes in mm (default 1 0.5 0.25), overrides
// "Subsection/Entry=value", and --check=TOLERANCE to fail (exit code 1) if
// the flow at the lower end or the total exchange is off by more than
// that (the test suite's coarse copy).

#include "case_parameters.h"
#include "simulator.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_out.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/manifold_lib.h>
#include <deal.II/grid/tria.h>

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

using namespace cementflow;

namespace
{
  constexpr double R = 4e-3, L = 40e-3;

  // Flows [m^3/s] into the plexus at z = -L/2 and z = +L/2, for the case's
  // vessel radius, permeability, viscosities and pressures.
  std::pair<double, double> closed_form(const CaseParameters &parameters)
  {
    const auto  &veins = parameters.circulation.veins;
    const double r_w   = veins.veins[0].radius;
    const double k     = parameters.bone.transverse_permeability;
    const double mu_m  = parameters.fluids.marrow.viscosity;
    const double mu_b  = veins.blood_viscosity;
    const double p_B   = parameters.exit_zones.zones[0].pressure;
    const double base  = parameters.circulation.plexus.base_pressure();
    const double p_1   = base + veins.veins[0].plexus_offset;
    const double p_2   = base + veins.veins[1].plexus_offset;
    const double G     = M_PI * std::pow(r_w, 4) / (8 * mu_b);
    const double alpha = 2 * M_PI * (k / mu_m) / std::log(R / r_w);
    const double l     = std::sqrt(G / alpha);
    const double phi_1 = p_1 - p_B, phi_2 = p_2 - p_B;
    const double A     = (phi_1 + phi_2) / (2 * std::cosh(L / (2 * l)));
    const double B     = (phi_2 - phi_1) / (2 * std::sinh(L / (2 * l)));
    const auto   slope = [&](const double z) {
      return (A * std::sinh(z / l) + B * std::cosh(z / l)) / l;
    };
    return {G * slope(-L / 2), -G * slope(L / 2)};
  }



  // The cylinder along z with cells of about h, its hull labelled 5, as a
  // Gmsh file in mm.
  void write_cylinder(const double h, const std::string &file)
  {
    dealii::Triangulation<3> cylinder;
    // Coarse cells of about 2R/3 in every direction.
    double size = 2 * R / 3;
    dealii::GridGenerator::subdivided_cylinder(
      cylinder, static_cast<unsigned int>(std::lround(L / size)), R, L / 2);
    while (size > h * (1 + 1e-9))
      {
        cylinder.refine_global(1);
        size /= 2;
      }
    dealii::Triangulation<3> flat;
    dealii::GridGenerator::flatten_triangulation(cylinder, flat);
    for (const auto &face : flat.active_face_iterators())
      if (face->at_boundary())
        face->set_boundary_id(face->boundary_id() == 0 ? 5 : 0);
    dealii::GridTools::rotate(dealii::Tensor<1, 3>({0., 1., 0.}),
                              -M_PI / 2,
                              flat);
    dealii::GridTools::scale(1e3, flat);
    std::ofstream             out(file);
    dealii::GridOut           grid_out;
    dealii::GridOutFlags::Msh flags(true, false);
    grid_out.set_flags(flags);
    grid_out.write_msh(flat, out);
  }
} // namespace



int main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const bool                               root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
  std::vector<std::string> cell_sizes, overrides;
  double                   check = 0;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]).rfind("--check=", 0) == 0)
      check = std::stod(std::string(argv[i]).substr(8));
    else
      (std::string(argv[i]).find('=') == std::string::npos ? cell_sizes :
                                                             overrides)
        .push_back(argv[i]);
  bool failed = false;
  if (cell_sizes.empty())
    cell_sizes = {"1", "0.5", "0.25"};

  std::ofstream csv;
  if (root)
    {
      csv.open("vessel_in_block.csv");
      csv << "vessel radius (mm),cell size (mm),cells,flow 1 (mL/min),exact 1 "
             "(mL/min),flow 2 (mL/min),exact 2 (mL/min),error 1,error 2\n";
      std::cout << "  r_w (mm)  h (mm)    cells   Q_1 (mL/min)      exact    "
                   "error   Q_2 (mL/min)      exact    error\n";
    }
  for (const double r_w : {0.5e-3, 0.25e-3})
    {
      for (const std::string &h : cell_sizes)
        {
          const std::string mesh = "vessel_in_block_h" + h + ".msh";
          if (root)
            write_cylinder(std::stod(h) * 1e-3, mesh);
          MPI_Barrier(MPI_COMM_WORLD);
          std::ostringstream radius;
          radius << r_w * 1e3;
          std::vector<std::string> settings = {
            "Geometry/Type=mesh file",
            "Geometry/Mesh file/File=" + mesh,
            "Geometry/Cell size=" + h,
            "Veins/lower/Radius=" + radius.str(),
            "Veins/upper/Radius=" + radius.str(),
            "Output/Directory=output-r" + radius.str() + "-h" + h};
          settings.insert(settings.end(), overrides.begin(), overrides.end());
          dealii::ParameterHandler prm;
          const CaseParameters     parameters =
            read_case(SOURCE_DIR "/vessel_in_block.prm", settings, prm);
          const auto [exact_1, exact_2] = closed_form(parameters);
          Simulator        simulator(parameters, "", MPI_COMM_WORLD, false);
          const RunSummary summary = simulator.run();
          if (!root)
            continue;
          const auto  &veins   = summary.circulation.veins;
          const double flow_1  = veins[0].resting_flow,
                       flow_2  = veins[1].resting_flow;
          const double error_1 = std::abs(flow_1 / exact_1 - 1),
                       error_2 = std::abs(flow_2 / exact_2 - 1);
          const double total_error =
            std::abs((flow_1 + flow_2) / (exact_1 + exact_2) - 1);
          if (check > 0 && (error_1 > check || total_error > check))
            failed = true;
          std::cout << std::setw(10) << r_w * 1e3 << std::setw(8) << h
                    << std::setw(9) << summary.n_cells << std::setw(15)
                    << flow_1 * 6e7 << std::setw(11) << exact_1 * 6e7
                    << std::setw(9) << std::setprecision(3) << error_1
                    << std::setw(15) << std::setprecision(6) << flow_2 * 6e7
                    << std::setw(11) << exact_2 * 6e7 << std::setw(9)
                    << std::setprecision(3) << error_2 << std::setprecision(6)
                    << std::endl;
          csv << r_w * 1e3 << ',' << h << ',' << summary.n_cells << ','
              << flow_1 * 6e7 << ',' << exact_1 * 6e7 << ',' << flow_2 * 6e7
              << ',' << exact_2 * 6e7 << ',' << error_1 << ',' << error_2
              << '\n';
        }
    }
  if (failed)
    std::cout << "A flow is off by more than " << check << "." << std::endl;
  return failed ? 1 : 0;
}
