// Cure kinetics, thermal dose and the marrow's cooling law against closed
// forms.

#include "physics/cure_kinetics.h"
#include "physics/marrow_cooling.h"
#include "physics/thermal_dose.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace cementflow::Physics;

namespace
{
  // dalpha/dt = k alpha (1 - alpha) at constant temperature: the logistic.
  CureKineticsParameters logistic(const double k, const double energy = 0)
  {
    CureKineticsParameters p;
    p.source            = "logistic";
    p.pre_exponential   = k;
    p.activation_energy = energy;
    p.heat_of_reaction  = 100e3;
    return p;
  }
} // namespace

TEST(CureKinetics, IsothermalCureFollowsTheLogisticClosedForm)
{
  const double       k = 0.01, alpha0 = 1e-3;
  const CureKinetics kinetics(logistic(k));
  const auto         history = cure_well_mixed(kinetics, alpha0, 310, 2000, 0);
  double             largest = 0;
  for (const CureState &s : history)
    {
      const double exact = 1 / (1 + (1 / alpha0 - 1) * std::exp(-k * s.time));
      largest            = std::max(largest, std::abs(s.alpha - exact));
      EXPECT_EQ(s.temperature, 310);
    }
  // Runge-Kutta's global error for steps of k dt <= 0.02: about (k dt)^4.
  EXPECT_LT(largest, 1e-7);
  EXPECT_NEAR(history.back().time, 2000, 1e-9);
  // Half cure at ln(1/alpha0 - 1) / k.
  EXPECT_NEAR(time_to_reach(history, 0.5), std::log(1 / alpha0 - 1) / k, 1e-3);
}

TEST(CureKinetics, ArrheniusScalesTimeExactly)
{
  // With a temperature-independent alpha_max the cure at T2 is the cure at
  // T1 with time scaled by exp(E/R (1/T1 - 1/T2)).
  const double       energy = 33240, T1 = 296.15, T2 = 310.15;
  const CureKinetics kinetics(logistic(1e3, energy));
  const double       half1 =
    time_to_reach(cure_well_mixed(kinetics, 1e-4, T1, 1e5, 0), 0.5);
  const double half2 =
    time_to_reach(cure_well_mixed(kinetics, 1e-4, T2, 1e5, 0), 0.5);
  ASSERT_GT(half1, 0);
  EXPECT_NEAR(half1 / half2,
              std::exp(energy / 8.314462618 * (1 / T1 - 1 / T2)),
              1e-5);
}

TEST(CureKinetics, EquivalentAgeInvertsTheIsothermalCure)
{
  // Logistic cure from the seed alpha0: t(alpha) = ln((1/alpha0 - 1) /
  // (1/alpha - 1)) / k at the reference temperature T1; cement held at T2
  // for t2 has the equivalent age t2 exp(E/R (1/T1 - 1/T2)).
  const double           energy = 33240, T1 = 295.15, T2 = 310.15;
  CureKineticsParameters p = logistic(0.01, 0);
  p.seed                   = 1e-3;
  const double k1          = 0.01;
  p.pre_exponential        = k1 / std::exp(-energy / 8.314462618 / T1);
  p.activation_energy      = energy;
  const CureKinetics  kinetics(p);
  const EquivalentAge age(kinetics, T1);
  for (const double alpha : {0.01, 0.2, 0.5, 0.9})
    EXPECT_NEAR(age.minutes(alpha),
                std::log((1 / p.seed - 1) / (1 / alpha - 1)) / k1 / 60,
                1e-3)
      << alpha;
  EXPECT_EQ(age.minutes(p.seed / 2), 0);
  // Beyond any cure reached at T1 in four hours: the horizon.
  EXPECT_EQ(age.minutes(1 + 1e-9), 240);

  const double t2 = 300; // [s]
  const double alpha =
    cure_well_mixed(kinetics, p.seed, T2, t2, 0).back().alpha;
  EXPECT_NEAR(age.minutes(alpha) * 60,
              t2 * std::exp(energy / 8.314462618 * (1 / T1 - 1 / T2)),
              1e-3 * t2);
}

TEST(CureKinetics, AdiabaticCureConservesEnergyAndStopsAtTheGlassLimit)
{
  const CureKineticsParameters p =
    cure_kinetics_set("borzacchiello 1998 listing 1");
  const CureKinetics kinetics(p);
  const double       c_p = 1450, T0 = 296.15;
  const auto         history = cure_well_mixed(kinetics, p.seed, T0, 3600, c_p);
  for (const CureState &s : history)
    EXPECT_NEAR(s.temperature - p.heat_of_reaction / c_p * s.alpha,
                T0 - p.heat_of_reaction / c_p * p.seed,
                1e-8);
  // The end state: alpha = T / T_g with T = T0 + H/c_p (alpha - alpha0).
  const CureState &end      = history.back();
  const double     H_over_c = p.heat_of_reaction / c_p;
  const double     alpha_end =
    (T0 - H_over_c * p.seed) / (p.glass_transition - H_over_c);
  EXPECT_NEAR(end.alpha, alpha_end, 1e-4);
  EXPECT_NEAR(end.alpha, kinetics.maximum_conversion(end.temperature), 1e-4);
  EXPECT_THROW(cure_kinetics_set("palacos"), std::exception);
}

TEST(ThermalDose, Cem43AndArrheniusDamageMatchClosedForms)
{
  ThermalDose constant(arrhenius_damage_set("bone"));
  constant.add(45, 45, 600);
  EXPECT_NEAR(constant.cem43(), 10 * 4, 1e-9); // R = 0.5: 10 min x 2^2
  EXPECT_NEAR(constant.seconds_above_45(), 600, 1e-9);
  EXPECT_EQ(constant.seconds_above_50(), 0);
  EXPECT_NEAR(constant.damage(),
              600 * 1e98 * std::exp(-7.5e4 / (45 + 273.15)),
              1e-9 * constant.damage());

  ThermalDose below(arrhenius_damage_set("skin"));
  below.add(41, 41, 960);
  EXPECT_NEAR(below.cem43(), 16 * 0.25 * 0.25, 1e-12);

  // A ramp from 40 to 50 °C over 600 s in 1 s steps: for T = T0 + s t,
  // the integral of b^(43 - T) dt is b^(43 - T) / (-s ln b).
  ThermalDose  ramp(arrhenius_damage_set("bone"));
  const double slope = 10. / 600;
  for (unsigned int i = 0; i < 600; ++i)
    ramp.add(40 + slope * i, 40 + slope * (i + 1), 1);
  const auto integral =
    [slope](const double b, const double from, const double to) {
      return (std::pow(b, 43 - to) - std::pow(b, 43 - from)) /
             (-slope * std::log(b)) / 60;
    };
  EXPECT_NEAR(ramp.cem43(),
              integral(0.25, 40, 43) + integral(0.5, 43, 50),
              1e-7 * ramp.cem43());
  EXPECT_NEAR(ramp.seconds_above_45(), 300, 1e-9);
  EXPECT_NEAR(ramp.seconds_above_50(), 0, 1e-9);
  EXPECT_NEAR(ramp.peak(), 50, 1e-12);
  // One interval across 43 °C, split at the kink.
  ThermalDose across(arrhenius_damage_set("bone"));
  across.add(41, 45, 240);
  EXPECT_NEAR(across.seconds_above_45(), 0, 1e-12);
  EXPECT_GT(across.cem43(), 0);
  EXPECT_THROW(arrhenius_damage_set("nerve"), std::exception);
}

TEST(MarrowCooling, BryantPointsAndLogLinearBetween)
{
  // Bryant 1989: 1 at and above 37 C, 10 at 35 C, 15 at 30 C; held below.
  EXPECT_DOUBLE_EQ(marrow_cooling_factor(37), 1);
  EXPECT_DOUBLE_EQ(marrow_cooling_factor(41), 1);
  EXPECT_NEAR(marrow_cooling_factor(35), 10, 1e-12);
  EXPECT_NEAR(marrow_cooling_factor(30), 15, 1e-12);
  EXPECT_NEAR(marrow_cooling_factor(23), 15, 1e-12);
  // Midpoints of a log-linear law are geometric means.
  EXPECT_NEAR(marrow_cooling_factor(36), std::sqrt(10.), 1e-12);
  EXPECT_NEAR(marrow_cooling_factor(32.5), std::sqrt(150.), 1e-12);
}
