// The heat component (solver/thermal/heat_and_cure.h) on small structured
// grids of cells built here, without a mesh: conduction from a hot sphere
// and an advection-diffusion front against their closed forms, and the
// energy budget of both.

#include "physics/constants.h"
#include "thermal/heat_and_cure.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace cementflow;

namespace
{
  // nx x ny x nz cubes of side h [m], the cells numbered x fastest;
  // interior faces carry @p flux in +x; exits (body temperature beyond)
  // on every outer face when @p all_exits, else only on the last x face.
  struct Grid
  {
    unsigned int                                           nx, ny, nz;
    std::vector<CellInfo>                                  cells;
    std::vector<FaceInfo>                                  faces;
    std::vector<std::vector<std::pair<unsigned int, int>>> cell_faces;
    std::vector<std::vector<unsigned int>>                 flow_order;

    Grid(const unsigned int nx,
         const unsigned int ny,
         const unsigned int nz,
         const double       h,
         const double       porosity,
         const double       flux,
         const bool         all_exits)
      : nx(nx)
      , ny(ny)
      , nz(nz)
    {
      const unsigned int n = nx * ny * nz;
      cells.resize(n);
      cell_faces.resize(n);
      for (unsigned int k = 0; k < nz; ++k)
        for (unsigned int j = 0; j < ny; ++j)
          for (unsigned int i = 0; i < nx; ++i)
            {
              CellInfo &cell        = cells[index(i, j, k)];
              cell.is_owned         = true;
              cell.saturation_index = index(i, j, k);
              cell.volume           = h * h * h;
              cell.porosity         = porosity;
              cell.center = dealii::Point<3>((i + 0.5) * h - nx * h / 2,
                                             (j + 0.5) * h - ny * h / 2,
                                             (k + 0.5) * h - nz * h / 2);
            }
      const auto add_face = [&](const unsigned int a,
                                const unsigned int b,
                                const double       face_flux) {
        FaceInfo face;
        face.cells    = {{a, b}};
        face.distance = {{h / 2, h / 2}};
        face.area     = h * h;
        face.zone     = b == dealii::numbers::invalid_unsigned_int ?
                          0 :
                          dealii::numbers::invalid_unsigned_int;
        face.flux     = face_flux;
        cell_faces[a].emplace_back(faces.size(), 1);
        if (b != dealii::numbers::invalid_unsigned_int)
          cell_faces[b].emplace_back(faces.size(), -1);
        faces.push_back(face);
      };
      const unsigned int none = dealii::numbers::invalid_unsigned_int;
      for (unsigned int k = 0; k < nz; ++k)
        for (unsigned int j = 0; j < ny; ++j)
          for (unsigned int i = 0; i < nx; ++i)
            {
              const unsigned int c = index(i, j, k);
              if (i + 1 < nx)
                add_face(c, index(i + 1, j, k), flux);
              else
                add_face(c, none, flux);
              if (j + 1 < ny)
                add_face(c, index(i, j + 1, k), 0);
              else if (all_exits)
                add_face(c, none, 0);
              if (k + 1 < nz)
                add_face(c, index(i, j, k + 1), 0);
              else if (all_exits)
                add_face(c, none, 0);
              if (all_exits && i == 0)
                add_face(c, none, 0);
              if (all_exits && j == 0)
                add_face(c, none, 0);
              if (all_exits && k == 0)
                add_face(c, none, 0);
              flow_order.push_back({c});
            }
    }

    unsigned int index(const unsigned int i,
                       const unsigned int j,
                       const unsigned int k) const
    {
      return i + nx * (j + ny * k);
    }
  };

  Thermal::HeatAndCureParameters heat_parameters()
  {
    Thermal::HeatAndCureParameters p;
    p.enabled  = true;
    p.kinetics = Physics::cure_kinetics_set("borzacchiello 1998 listing 1");
    // Inert cement: these checks are of transport and conduction.
    p.kinetics.heat_of_reaction = 0;
    p.perfusion_rate            = 0;
    return p;
  }

  // Runs @p steps steps of @p dt with saturation @p s everywhere; all
  // cement leaves a cell when s = 1; @p rate injected into cell 0.
  void run(Thermal::HeatAndCure &heat,
           const Grid           &grid,
           const double          s,
           const double          rate,
           const double          dt,
           const unsigned int    steps)
  {
    const unsigned int                                 n = grid.cells.size();
    dealii::LinearAlgebra::distributed::Vector<double> saturation(n);
    saturation = s;
    std::vector<double> fraction(n, s), share(n, 0.);
    share[0] = 1;
    const Thermal::FlowStep flow{grid.cells,
                                 n,
                                 grid.faces,
                                 grid.cell_faces,
                                 saturation,
                                 saturation,
                                 fraction,
                                 share,
                                 rate,
                                 [](unsigned int, double &out, double &in) {
                                   out = in = 0;
                                 },
                                 [](unsigned int) { return 0.; },
                                 false,
                                 grid.flow_order,
                                 10.};
    for (unsigned int step = 0; step < steps; ++step)
      heat.advance(flow, dt);
  }

  double mixture(const double bone, const double fluid, const double phi)
  {
    return (1 - phi) * bone + phi * fluid;
  }
} // namespace

TEST(HeatClosedForms, HotSphereCoolsByConductionAsCarslawAndJaeger)
{
  // A sphere of radius a, 20 K above its surroundings at t = 0, in marrow
  // filled bone; the centre's excess temperature (Carslaw & Jaeger 9.10):
  // dT(0, t) = dT0 [erf(a / (2 sqrt(kt))) - a / sqrt(pi k t)
  //                 exp(-a^2 / (4 k t))].
  const double                         h = 1e-3, phi = 0.9, a = 5e-3;
  const Grid                           grid(24, 24, 24, h, phi, 0, true);
  const Thermal::HeatAndCureParameters p = heat_parameters();
  Thermal::HeatAndCure heat(p, Physics::CuringParameters(), MPI_COMM_SELF);
  dealii::LinearAlgebra::distributed::Vector<double> saturation(
    grid.cells.size());
  heat.setup(saturation, grid.cells);
  std::vector<std::vector<double>> values;
  double                           hot_volume = 0;
  for (const CellInfo &cell : grid.cells)
    {
      const bool inside = cell.center.norm() < a;
      hot_volume += inside ? cell.volume : 0;
      values.push_back(
        {p.body_temperature + (inside ? 20 : 0), 0, 0, 0, -273.15, 0, 0});
    }
  heat.restore(values, std::vector<double>(5, 0.), grid.cells, saturation);
  const double capacity =
    mixture(p.bone_heat_capacity, p.marrow_heat_capacity, phi);
  const double diffusivity =
    mixture(p.bone_conductivity, p.marrow_conductivity, phi) / capacity;
  const double energy = 20 * capacity * hot_volume;
  EXPECT_NEAR(heat.energy_budget().stored, energy, 1e-9 * energy);

  const double t = 60;
  run(heat, grid, 0, 0, 1, 60);
  // The staircase sphere, taken at its equivalent radius.
  const double radius = std::cbrt(3 * hot_volume / (4 * M_PI));
  const double x      = radius / (2 * std::sqrt(diffusivity * t));
  const double closed =
    20 * (std::erf(x) - 2 * x / std::sqrt(M_PI) * std::exp(-x * x));
  double centre = 0;
  for (unsigned int c = 0; c < grid.cells.size(); ++c)
    if (grid.cells[c].center.norm() < h)
      centre += (heat.temperature()[c] - p.body_temperature) / 8;
  std::printf("sphere centre: %.4f K, closed form %.4f K\n", centre, closed);
  EXPECT_NEAR(centre, closed, 0.01 * closed);
  EXPECT_LT(centre, 20 * 0.6); // it has cooled noticeably

  // What left through the far boundary (held at body temperature, 7 mm
  // beyond the sphere) and what stays add up to the initial heat; the
  // initial heat came from no flow, so it is the budget's imbalance.
  const Thermal::HeatAndCure::EnergyBudget budget = heat.energy_budget();
  EXPECT_GT(budget.exits, 0.);
  EXPECT_NEAR(budget.stored + budget.exits, energy, 1e-9 * energy);
  EXPECT_NEAR(budget.imbalance, energy, 1e-9 * energy);
}

namespace
{
  // The advection-diffusion front from an inlet with a given flux of heat
  // (third-type condition) into a semi-infinite column, initially at zero
  // excess temperature (van Genuchten & Alves 1982, A2):
  // c = 1/2 erfc((x - vt) / (2 sqrt(Dt))) + sqrt(v^2 t / (pi D))
  //     exp(-(x - vt)^2 / (4 D t)) - 1/2 (1 + v x / D + v^2 t / D)
  //     exp(v x / D) erfc((x + vt) / (2 sqrt(Dt))).
  double front(const double x, const double t, const double v, const double D)
  {
    const double w = 2 * std::sqrt(D * t);
    return 0.5 * std::erfc((x - v * t) / w) +
           std::sqrt(v * v * t / (M_PI * D)) *
             std::exp(-(x - v * t) * (x - v * t) / (4 * D * t)) -
           0.5 * (1 + v * x / D + v * v * t / D) * std::exp(v * x / D) *
             std::erfc((x + v * t) / w);
  }

  // The largest deviation from the closed form of cement injected 15 K
  // below body temperature into a column of cement-filled cells of side h.
  double front_error(const double h, const double dt, double &imbalance)
  {
    const double                         phi = 0.9, length = 0.04, t = 500;
    const Thermal::HeatAndCureParameters p = heat_parameters();
    const unsigned int n = static_cast<unsigned int>(std::lround(length / h));
    const double       capacity =
      mixture(p.bone_heat_capacity, p.cement_heat_capacity, phi);
    const double diffusivity =
      mixture(p.bone_conductivity, p.cement_conductivity, phi) / capacity;
    const double velocity = 2e-5; // of the heat front [m/s]
    const double flux = velocity * h * h * capacity / p.cement_heat_capacity;
    Thermal::HeatAndCureParameters inlet = p;
    inlet.syringe_temperature            = p.body_temperature - 15;
    const Grid           grid(n, 1, 1, h, phi, flux, false);
    Thermal::HeatAndCure heat(inlet,
                              Physics::CuringParameters(),
                              MPI_COMM_SELF);
    dealii::LinearAlgebra::distributed::Vector<double> saturation(n);
    saturation = 1;
    heat.setup(saturation, grid.cells);
    run(
      heat, grid, 1, flux, dt, static_cast<unsigned int>(std::lround(t / dt)));
    double largest = 0;
    for (unsigned int c = 0; c < n; ++c)
      {
        const double x = (c + 0.5) * h;
        const double computed =
          (p.body_temperature - heat.temperature()[c]) / 15;
        largest =
          std::max(largest,
                   std::abs(computed - front(x, t, velocity, diffusivity)));
      }
    const auto budget = heat.energy_budget();
    imbalance         = std::abs(budget.imbalance / budget.injected);
    return largest;
  }
} // namespace

TEST(HeatClosedForms, AdvectionDiffusionFrontConvergesToTheClosedForm)
{
  double       imbalance_coarse = 0, imbalance_fine = 0;
  const double coarse = front_error(1e-3, 10, imbalance_coarse);
  const double fine   = front_error(0.5e-3, 5, imbalance_fine);
  std::printf("front: largest error %.4f (1 mm), %.4f (0.5 mm)\n",
              coarse,
              fine);
  EXPECT_LT(fine, 0.02);
  // First order in space and time together.
  EXPECT_LT(fine, 0.65 * coarse);
  EXPECT_LT(imbalance_coarse, 1e-9);
  EXPECT_LT(imbalance_fine, 1e-9);
}
