// Rheology laws, curing, the pore shear rate and the cannula against
// closed forms and limits.

#include "physics/cannula.h"
#include "physics/curing.h"
#include "physics/fluids.h"
#include "physics/pore_shear_rate.h"
#include "physics/rheology.h"
#include "viscosity_table.h"

#include <deal.II/base/exceptions.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace cementflow::Physics;

namespace
{
  RheologyParameters power_law(const double k, const double n)
  {
    RheologyParameters p;
    p.model       = "power law";
    p.consistency = k;
    p.flow_index  = n;
    return p;
  }
} // namespace

TEST(Rheology, NewtonianAndPowerLaw)
{
  RheologyParameters newtonian;
  newtonian.viscosity = 42;
  EXPECT_DOUBLE_EQ(Rheology(newtonian).viscosity(123.), 42.);

  const Rheology law(power_law(200., 0.4));
  EXPECT_NEAR(law.viscosity(10.), 200. * std::pow(10., -0.6), 1e-12);
  EXPECT_NEAR(law.shear_stress(10.), 200. * std::pow(10., 0.4), 1e-10);
  // Shear rates are clipped to [1e-3, 1e4].
  EXPECT_DOUBLE_EQ(law.viscosity(1e-9), law.viscosity(1e-3));
  EXPECT_DOUBLE_EQ(law.viscosity(1e9), law.viscosity(1e4));
}

TEST(Rheology, CarreauCrossAndHerschelBulkleyLimits)
{
  RheologyParameters carreau;
  carreau.model                    = "carreau";
  carreau.zero_shear_viscosity     = 500;
  carreau.infinite_shear_viscosity = 5;
  carreau.time_constant            = 2;
  carreau.flow_index               = 0.5;
  const Rheology c(carreau);
  EXPECT_NEAR(c.viscosity(0.), 500., 1e-12);
  // Far above 1/lambda it tends to eta_inf as (lambda g)^(n-1).
  EXPECT_NEAR(c.viscosity(1e9), 5. + 495. * std::pow(2e9, -0.5), 1e-9);
  // At lambda g = 1: eta_inf + (eta_0 - eta_inf) 2^((n-1)/2).
  EXPECT_NEAR(c.viscosity(0.5), 5 + 495 * std::pow(2., -0.25), 1e-10);

  RheologyParameters cross = carreau;
  cross.model              = "cross";
  cross.cross_exponent     = 0.7;
  const Rheology x(cross);
  EXPECT_NEAR(x.viscosity(0.5), 5 + 495 / 2., 1e-10);
  EXPECT_NEAR(x.flow_index(), 0.3, 1e-15);

  RheologyParameters hb = power_law(10., 0.5);
  hb.model              = "herschel-bulkley";
  hb.yield_stress       = 100;
  hb.regularisation     = 1e4;
  const Rheology h(hb);
  // Well above the regularisation scale the yield term is tau_y / g.
  EXPECT_NEAR(h.viscosity(10.), 10 * std::pow(10., -0.5) + 10., 1e-9);
  // The stress approaches the yield stress at vanishing shear rate.
  EXPECT_NEAR(h.shear_stress(1e-3), 100., 1.);
}

TEST(Rheology, StressInversionIsExactForEveryLaw)
{
  RheologyParameters carreau;
  carreau.model                = "carreau";
  carreau.zero_shear_viscosity = 300;
  carreau.time_constant        = 0.5;
  carreau.flow_index           = 0.3;
  RheologyParameters hb        = power_law(20., 0.6);
  hb.model                     = "herschel-bulkley";
  hb.yield_stress              = 50;
  for (const RheologyParameters &p : {power_law(80., 0.3), carreau, hb})
    {
      const Rheology law(p);
      for (const double g : {1e-2, 0.7, 30., 2e3})
        for (const double scale : {1., 7.5})
          EXPECT_NEAR(law.shear_rate_for_stress(scale * law.shear_stress(g),
                                                scale) /
                        g,
                      1.,
                      1e-9)
            << p.model << " g = " << g;
    }
}

TEST(Curing, ExponentialTableAndDegreeOfCure)
{
  CuringParameters p;
  p.model          = "exponential";
  p.reference_time = 4;
  p.time_constant  = 3.1;
  EXPECT_NEAR(Curing(p).viscosity_scale(4.), 1., 1e-15);
  EXPECT_NEAR(Curing(p).viscosity_scale(7.1), std::exp(1.), 1e-12);

  p.model = "table";
  p.table = {{2., 50.}, {6., 200.}, {10., 3200.}};
  // Log-linear: halfway between 2 and 6 min is sqrt(50 * 200) = 100.
  EXPECT_NEAR(Curing(p).viscosity_scale(4.), 1., 1e-12);
  p.reference_time = 2;
  EXPECT_NEAR(Curing(p).viscosity_scale(4.), 2., 1e-12);
  EXPECT_NEAR(Curing(p).viscosity_scale(8.), 16., 1e-10);
  EXPECT_NEAR(Curing(p).viscosity_scale(20.), 64., 1e-10); // held at the end

  p.model          = "degree of cure";
  p.rate_constant  = 0.2;
  p.gel_point      = 0.7;
  p.gel_exponent_a = 2;
  p.reference_time = 0;
  const Curing cure(p);
  EXPECT_NEAR(cure.degree_of_cure(5.), 1 - std::exp(-1.), 1e-15);
  const double alpha = 1 - std::exp(-1.);
  EXPECT_NEAR(cure.viscosity_scale(5.),
              std::pow(0.7 / (0.7 - alpha), 2),
              1e-10);
  // Past the gel point the cement has set: infinite before the cap.
  EXPECT_TRUE(std::isinf(cure.viscosity_scale(10.)));
}

TEST(Curing, ArrheniusShiftsTheCureClockAndTheViscosity)
{
  CuringParameters p;
  p.model                  = "exponential";
  p.time_constant          = 2;
  p.reference_temperature  = 295.15;
  p.temperature            = 277.15;
  p.cure_activation_energy = 21.7e3;
  const double rate_ratio =
    std::exp(-21.7e3 / 8.314462618 * (1 / 277.15 - 1 / 295.15));
  // At 4 C the clock runs 1.78 times slower than at 22 C, the mean ratio of
  // the handling times of BMC Musculoskelet Disord 2012;13:198.
  EXPECT_NEAR(1 / rate_ratio, (9.4 / 5.1 + 5.8 / 3.4 + 15.2 / 8.5) / 3, 0.01);
  EXPECT_NEAR(Curing(p).effective_time(10.), 10 * rate_ratio, 1e-12);
  EXPECT_NEAR(Curing(p).viscosity_scale(10.),
              std::exp(10 * rate_ratio / 2),
              1e-12);

  p.viscosity_activation_energy = 50e3;
  const double thickening =
    std::exp(50e3 / 8.314462618 * (1 / 277.15 - 1 / 295.15));
  EXPECT_NEAR(Curing(p).viscosity_scale(0.), thickening, 1e-10);
  EXPECT_GT(thickening, 1.); // colder is thicker
}

TEST(Cement, SetViscosityCapsAndStressInversionRespectsIt)
{
  CuringParameters curing;
  curing.maximum_viscosity = 1000;
  const Cement cement(power_law(100., 0.5), curing);
  EXPECT_NEAR(cement.viscosity(1., 5.), 500., 1e-12);
  EXPECT_DOUBLE_EQ(cement.viscosity(1., 50.), 1000.);
  EXPECT_DOUBLE_EQ(cement.viscosity(1.,
                                    std::numeric_limits<double>::infinity()),
                   1000.);
  for (const double g : {1e-2, 1., 100.})
    for (const double scale : {1., 20.})
      EXPECT_NEAR(cement.shear_rate_for_stress(cement.viscosity(g, scale) * g,
                                               scale) /
                    g,
                  1.,
                  1e-9);
}

TEST(PoreShearRate, ChristopherMiddlemanFactor)
{
  PoreShearRateParameters p;
  // n = 1: 12/sqrt(150) exp(-1/4), and continuous around it.
  EXPECT_NEAR(pore_shear_rate_factor(p, 1.),
              12 / std::sqrt(150.) * std::exp(-0.25),
              1e-15);
  EXPECT_NEAR(pore_shear_rate_factor(p, 1.001),
              pore_shear_rate_factor(p, 1.),
              1e-3);
  // It makes Darcy's law with eta = K g^(n-1) equal to -dp/dx = H u^n / k,
  // H = (K/12)(9 + 3/n)^n (150 k phi)^((1-n)/2) (physics-reference.md 4.2).
  const double n = 0.4, K = 30, k = 4e-8, phi = 0.9, u = 1e-4;
  const double g     = pore_shear_rate_factor(p, n) * u / std::sqrt(k * phi);
  const double darcy = K * std::pow(g, n - 1) * u / k;
  const double H =
    K / 12 * std::pow(9 + 3 / n, n) * std::pow(150 * k * phi, (1 - n) / 2);
  EXPECT_NEAR(darcy / (H * std::pow(u, n) / k), 1., 1e-12);

  p.model = "capillary bundle";
  EXPECT_NEAR(pore_shear_rate_factor(p, 1.), std::sqrt(2.), 1e-15);
  p.model  = "constant";
  p.factor = 3.5;
  EXPECT_DOUBLE_EQ(pore_shear_rate_factor(p, 0.3), 3.5);
}

TEST(Cannula, HagenPoiseuilleAndPowerLawClosedForms)
{
  const double length = 0.1, radius = 1.194e-3, rate = 5e-8;
  // The estimate of physics-reference.md 6: 100 Pa s in 10 cm of 11 G,
  // 3 mL/min: about 0.63 MPa.
  EXPECT_NEAR(Cannula::newtonian_pressure_drop(100, length, radius, rate) / 1e6,
              0.63,
              0.01);

  RheologyParameters newtonian;
  newtonian.viscosity = 100;
  const Rheology fluid(newtonian);
  const Cannula  tube({{length, radius}});
  const auto     shear_rate = [&fluid](const double tau) {
    return fluid.shear_rate_for_stress(tau);
  };
  EXPECT_NEAR(tube.pressure_drop(rate, shear_rate) /
                Cannula::newtonian_pressure_drop(100, length, radius, rate),
              1.,
              1e-9);
  // Wall shear rate 4Q/(pi R^3), about 37 1/s (physics-reference.md 6).
  EXPECT_NEAR(tube.wall_shear_rate(rate, shear_rate),
              4 * rate / (M_PI * std::pow(radius, 3)),
              1e-6);

  for (const double n : {0.3, 0.5, 0.7})
    {
      const Rheology law(power_law(150., n));
      const auto     g = [&law](const double tau) {
        return law.shear_rate_for_stress(tau);
      };
      EXPECT_NEAR(
        tube.pressure_drop(rate, g) /
          Cannula::power_law_pressure_drop(150., n, length, radius, rate),
        1.,
        1e-6)
        << "n = " << n;
    }
}

TEST(Cannula, SectionsAddAndAWiderProximalPartCutsTheDrop)
{
  RheologyParameters newtonian;
  newtonian.viscosity = 50;
  const Rheology fluid(newtonian);
  const auto     g = [&fluid](const double tau) {
    return fluid.shear_rate_for_stress(tau);
  };
  const Cannula uniform({{0.12, 1e-3}});
  const Cannula stepped({{0.08, 2e-3}, {0.04, 1e-3}});
  // Doubling the radius of two thirds of the length divides that part's
  // drop by 16: 1/3 + 2/3 / 16 of the uniform drop.
  EXPECT_NEAR(stepped.pressure_drop(3e-8, g) / uniform.pressure_drop(3e-8, g),
              1. / 3 + 2. / 3 / 16,
              1e-9);
}

TEST(ViscosityTable, ReadsAndRejects)
{
  const std::string path = std::string(::testing::TempDir()) + "table.csv";
  std::ofstream(path)
    << "time (min), viscosity (Pa s)\n2, 50\n4.5, 120\n\n8, 900\n";
  const auto table = cementflow::read_viscosity_table(path);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_DOUBLE_EQ(table[1].first, 4.5);
  EXPECT_DOUBLE_EQ(table[2].second, 900.);

  std::ofstream(path) << "2, 50\n1, 60\n";
  EXPECT_THROW(cementflow::read_viscosity_table(path), dealii::ExceptionBase);
  std::ofstream(path) << "2, 50\n3, abc\n";
  try
    {
      cementflow::read_viscosity_table(path);
      FAIL();
    }
  catch (const dealii::ExceptionBase &error)
    {
      std::ostringstream message;
      error.print_info(message);
      EXPECT_NE(message.str().find("Line 2 of <" + path + ">"),
                std::string::npos)
        << message.str();
    }
  EXPECT_THROW(cementflow::read_viscosity_table("/nonexistent.csv"),
               dealii::ExceptionBase);
}
